/** Small builders for request bodies, so tests say only what matters to them. */
import type { Response, TestApi, User } from './local.ts';
import { staff } from './local.ts';

export const draftBody = (overrides: Record<string, unknown> = {}) => ({
  title: { fi: 'Puistosuunnitelma', sv: 'Parkplan' },
  summary: { fi: 'Tiivistelmä', sv: 'Sammanfattning' },
  sections: [
    { title: { fi: 'Osa 1', sv: 'Del 1' }, body: { fi: 'Teksti 1', sv: 'Text 1' } },
    { title: { fi: 'Osa 2', sv: 'Del 2' }, body: { fi: 'Teksti 2', sv: 'Text 2' } },
  ],
  caseId: 'HEL-2025-001216',
  ...overrides,
});

export const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();

/** A published, open draft. */
export async function openDraft(api: TestApi, overrides: Record<string, unknown> = {}, as: User = staff) {
  const created = await api.request('POST', '/v1/drafts', { as, body: draftBody(overrides) });
  if (created.status !== 201) throw new Error(`create draft: ${created.status} ${created.text}`);
  const published = await api.request('POST', `/v1/drafts/${created.body.id}/publish`, { as, body: { closesAt: inDays(14) } });
  if (published.status !== 200) throw new Error(`publish draft: ${published.status} ${published.text}`);
  return published.body as { id: string; version: number; sections: { id: string }[] };
}

/** The n-th of many distinct residents (concurrency and vote tests). */
export const residentNo = (n: number): User => ({ sub: `resident-${n}`, name: `Resident ${n}` });

/** An unpublished draft, as staff created it. */
export async function unpublishedDraft(api: TestApi, overrides: Record<string, unknown> = {}) {
  const created = await api.request('POST', '/v1/drafts', { as: staff, body: draftBody(overrides) });
  if (created.status !== 201) throw new Error(`create draft: ${created.status} ${created.text}`);
  return created.body as { id: string; version: number; sections: { id: string }[] };
}

/** Posts a comment that must succeed; `body` may add sectionId, parentId, authorName. */
export async function postComment(api: TestApi, draftId: string, as: User | undefined, body: Record<string, unknown> = {}) {
  const res = await api.request('POST', `/v1/drafts/${draftId}/comments`, { as, body: { body: 'Kommentti', ...body } });
  if (res.status !== 201) throw new Error(`post comment: ${res.status} ${res.text}`);
  return res.body as { id: string; sectionId: string | null; parentId: string | null; votes: number };
}

/** Every item of a list, following nextCursor to the end. */
export async function walk<T = any>(api: TestApi, path: string, limit: number): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  const join = path.includes('?') ? '&' : '?';
  for (let pages = 0; pages < 1000; pages++) {
    const res: Response = await api.request('GET', `${path}${join}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    if (res.status !== 200) throw new Error(`walk ${path}: ${res.status} ${res.text}`);
    items.push(...(res.body.items as T[]));
    cursor = res.body.nextCursor;
    if (!cursor) return items;
  }
  throw new Error(`walk ${path}: the cursor never ended`);
}

/**
 * A decision recorded on the only item of a fresh meeting's published agenda, optionally
 * linking a draft (which then becomes decided). Returns the ids along the chain.
 */
export async function recordedDecision(api: TestApi, options: { draftId?: string; title?: Record<string, string> } = {}) {
  const step = async (method: string, path: string, body?: unknown, headers?: Record<string, string>) => {
    const res = await api.request(method, path, { as: staff, body, headers });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.text}`);
    return res;
  };
  const body = await step('POST', '/v1/bodies', { name: { fi: 'Kaupunkiympäristölautakunta', sv: 'Stadsmiljönämnden' }, kind: 'board' });
  const meeting = await step('POST', '/v1/meetings', { bodyId: body.body.id, startsAt: inDays(-1) });
  const agenda = await step('PUT', `/v1/meetings/${meeting.body.id}/agenda`, {
    items: [{ title: options.title ?? { fi: 'Puistosuunnitelma', sv: 'Parkplan' }, ...(options.draftId ? { draftId: options.draftId } : {}) }],
  }, { 'if-match': `"${meeting.body.version}"` });
  await step('POST', `/v1/meetings/${meeting.body.id}/agenda/publish`);
  const itemId = agenda.body.agenda.items[0].id as string;
  const decision = await step('POST', `/v1/meetings/${meeting.body.id}/items/${itemId}/decision`, {
    outcome: 'approved', text: { fi: 'Hyväksyttiin.', sv: 'Godkändes.' },
  });
  return { decisionId: decision.body.id as string, meetingId: meeting.body.id as string, itemId };
}
