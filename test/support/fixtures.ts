/** Small builders for request bodies, so tests say only what matters to them. */
import type { TestApi, User } from './local.ts';
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
