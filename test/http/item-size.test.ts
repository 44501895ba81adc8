/**
 * Nothing a client sends can make an item exceed what DynamoDB stores (400 KB): a deployment
 * that raises the body limit still gets a clear 422 naming the limit, and nothing is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureFits, itemBytes, itemLimitBytes } from '#shared/data/item-size.ts';
import { staff, useLocalApi } from '../support/local.ts';
import { draftBody } from '../support/fixtures.ts';
import { scanTable } from '../support/table.ts';

const api = useLocalApi();
beforeAll(() => {
  process.env.MAX_BODY_BYTES = String(2 * 1024 * 1024);
});
afterAll(() => {
  delete process.env.MAX_BODY_BYTES;
});

const sections = (n: number, chars: number) =>
  Array.from({ length: n }, (_, i) => ({ title: { fi: `Osa ${i}` }, body: { fi: 'ö'.repeat(chars), sv: 'å'.repeat(chars) } }));

describe('item size', () => {
  it('counts UTF-8 bytes, and refuses past the limit with the numbers', () => {
    expect(itemBytes({ a: 'ä' })).toBe(Buffer.byteLength('{"a":"ä"}'));
    expect(() => ensureFits({ text: 'x'.repeat(itemLimitBytes) }, 'draft')).toThrow(/at most 350000/);
    expect(() => ensureFits({ text: 'x'.repeat(1000) }, 'draft')).not.toThrow();
  });

  it('a draft too big to store is 422 too-large and stores nothing', async () => {
    const before = (await scanTable()).length;
    const res = await api.request('POST', '/v1/drafts', { as: staff, body: draftBody({ sections: sections(20, 10_000) }) });
    expect(res.status, res.text).toBe(422);
    expect(res.body).toMatchObject({ bytes: expect.any(Number), limit: itemLimitBytes });
    expect(res.body.type).toMatch(/\/too-large$/);
    expect((await scanTable()).length).toBe(before);
  });

  it('an edit that would make a stored draft too big is 422 and leaves it as it was', async () => {
    const created = await api.request('POST', '/v1/drafts', { as: staff, body: draftBody() });
    const before = JSON.stringify((await scanTable()).filter((i) => String(i.pk) === `DRAFT#${created.body.id}`));
    const res = await api.request('PATCH', `/v1/drafts/${created.body.id}`, {
      as: staff, body: { sections: sections(20, 10_000) }, headers: { 'if-match': '"1"' },
    });
    expect(res.status, res.text).toBe(422);
    expect(JSON.stringify((await scanTable()).filter((i) => String(i.pk) === `DRAFT#${created.body.id}`))).toBe(before);
  });
});
