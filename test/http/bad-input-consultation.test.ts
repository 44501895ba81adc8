/**
 * Property-based bad input for the staff workflow, responses and the report, beyond what the
 * route-table sweep (bad-input.test.ts) sends: forged preview tokens never open a draft,
 * deadlines that are not an extension change nothing, hostile responses and report queries
 * are refused, and none of it is ever a 5xx.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { resident, staff, useLocalApi } from '../support/local.ts';
import { hostileQueryValue } from '../support/hostile.ts';
import { openDraft, postComment, unpublishedDraft } from '../support/fixtures.ts';

const api = useLocalApi({ events: false });
let hidden: { id: string };
let open: { id: string; version: number };
let commentId: string;
let token: string;

beforeAll(async () => {
  hidden = await unpublishedDraft(api);
  open = await openDraft(api);
  commentId = (await postComment(api, open.id, resident)).id;
  const link = await api.request('POST', `/v1/drafts/${hidden.id}/preview-link`, { as: staff, body: { expiresInHours: 1 } });
  token = new URL(link.body.url).searchParams.get('preview')!;
});

const runs = { numRuns: 40 };

describe('hostile input to the consultation routes', () => {
  it('no preview token but the one issued opens an unpublished draft, and none is a 5xx', async () => {
    const forged = fc.oneof(
      hostileQueryValue,
      fc.string({ minLength: 1, maxLength: 60 }).map((mac) => `${token.split('.')[0]}.${mac}`),
      fc.nat().map((n) => `${n}.${token.split('.')[1]}`),
      fc.base64String({ minLength: 43, maxLength: 44 }).map((mac) => `${token.split('.')[0]}.${mac.replace(/\+/g, '-').replace(/\//g, '_').replace(/=/g, '')}`),
    ).filter((t) => t !== token);
    await fc.assert(fc.asyncProperty(forged, async (t) => {
      // Act
      const res = await api.request('GET', `/v1/drafts/${hidden.id}?preview=${encodeURIComponent(t)}`);
      // Assess
      expect([400, 404], `${JSON.stringify(t)} → ${res.status}`).toContain(res.status);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }), runs);
  });

  it('a closesAt that is no later deadline is refused and leaves the draft as it was', async () => {
    const notLater = fc.oneof(
      hostileQueryValue,
      fc.date({ min: new Date('1970-01-01'), max: new Date(Date.now() + 13 * 86_400_000), noInvalidDate: true }).map((d) => d.toISOString()),
    );
    await fc.assert(fc.asyncProperty(notLater, async (closesAt) => {
      // Act
      const res = await api.request('PATCH', `/v1/drafts/${open.id}`, { as: staff, body: { closesAt }, headers: { 'if-match': `"${open.version}"` } });
      // Assess
      expect([400, 422], `${JSON.stringify(closesAt)} → ${res.status} ${res.text}`).toContain(res.status);
      const now = await api.request('GET', `/v1/drafts/${open.id}`, { as: staff });
      expect(now.body.version).toBe(open.version);
    }), runs);
  });

  it('a hostile response body is 400 and stores no response', async () => {
    const body = fc.oneof(
      fc.constant({}),
      // No key that could name a language: `{"fi": "text"}` is a valid response.
      fc.record({ body: fc.oneof(fc.constant({}), fc.string(), fc.dictionary(fc.string({ maxLength: 5 }).filter((k) => !/^[a-z]{2,3}$/.test(k)), fc.string(), { maxKeys: 3 })) }),
      // A JSON value, never `undefined`: JSON would drop that key and leave a valid body.
      fc.record({ body: fc.constant({ fi: 'ok' }), extra: fc.jsonValue() }),
      fc.record({ body: fc.constant({ fi: 'x'.repeat(5001) }) }),
    );
    await fc.assert(fc.asyncProperty(body, async (b) => {
      // Act
      const res = await api.request('PUT', `/v1/drafts/${open.id}/comments/${commentId}/response`, { as: staff, body: b });
      // Assess
      expect(res.status, `${JSON.stringify(b).slice(0, 200)} → ${res.text}`).toBe(400);
      const listed = await api.request('GET', `/v1/drafts/${open.id}/comments`);
      expect(listed.body.items[0].response).toBeNull();
    }), runs);
  });

  it('hostile report queries are 400, never a 5xx', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom('format', 'lang'), hostileQueryValue, async (name, value) => {
      fc.pre(!(name === 'format' && ['json', 'csv'].includes(value)) && !(name === 'lang' && /^[a-z]{2,3}$/.test(value)));
      // Act
      const res = await api.request('GET', `/v1/drafts/${open.id}/report?${name}=${encodeURIComponent(value)}`, { as: staff });
      // Assess
      expect(res.status, `${name}=${JSON.stringify(value)} → ${res.text}`).toBe(400);
    }), runs);
  });

  it('an expiry outside 1–720 hours is 400', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 721 }), fc.double({ min: 1.01, max: 719.99, noInteger: true })), async (hours) => {
      const res = await api.request('POST', `/v1/drafts/${hidden.id}/preview-link`, { as: staff, body: { expiresInHours: hours } });
      expect(res.status, `${hours} → ${res.text}`).toBe(400);
    }), runs);
  });
});
