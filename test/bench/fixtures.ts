/**
 * Bench data made through the API, as a council's staff and residents would make it:
 * the users, a draft of ordinary size, and the shared data list routes read (full pages).
 */
import type { Bench, User } from './scenario.ts';

export const staff: User = { sub: 'bench-staff', name: 'Sanna Staff', groups: ['staff'] };
export const resident: User = { sub: 'bench-resident', name: 'Riikka Resident' };
/** A different resident for each `i`: votes are once per person. */
export const voter = (i: number): User => ({ sub: `bench-voter-${i}`, name: `Voter ${i}` });

/** Every list route is measured on a full page of this many items. */
export const pageSize = 20;

export const draftBody = (i = 0) => ({
  title: { fi: `Puistosuunnitelma ${i}`, sv: `Parkplan ${i}` },
  summary: { fi: 'Suunnitelma linjaa puiston kunnostuksen vaiheet.', sv: 'Planen drar upp etapperna för parkens renovering.' },
  sections: [
    { title: { fi: 'Tavoitteet', sv: 'Mål' }, body: { fi: 'Puisto kunnostetaan vuoteen 2028 mennessä.', sv: 'Parken renoveras före 2028.' } },
    { title: { fi: 'Aikataulu', sv: 'Tidtabell' }, body: { fi: 'Työt alkavat keväällä.', sv: 'Arbetet inleds på våren.' } },
  ],
  caseId: 'HEL-2025-001216',
  tags: ['puistot', 'parker'],
});

export const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();

export interface OpenDraft {
  id: string;
  version: number;
  sections: { id: string }[];
}

export async function unpublishedDraft(bench: Bench, i = 0): Promise<OpenDraft> {
  return bench.call<OpenDraft>({ method: 'POST', path: '/v1/drafts', as: staff, body: draftBody(i) }, 201);
}

/** A published draft, open for participation for two weeks. */
export async function openDraft(bench: Bench, i = 0): Promise<OpenDraft> {
  const draft = await unpublishedDraft(bench, i);
  return bench.call<OpenDraft>({ method: 'POST', path: `/v1/drafts/${draft.id}/publish`, as: staff, body: { closesAt: inDays(14) } }, 200);
}

export async function comment(bench: Bench, draft: OpenDraft, as: User, i = 0, parentId?: string): Promise<{ id: string }> {
  const body = { body: `Kommentti ${i}: hyvä suunnitelma, mutta pyörätiet puuttuvat.`, ...(parentId ? { parentId } : { sectionId: draft.sections[0]!.id }) };
  return bench.call<{ id: string }>({ method: 'POST', path: `/v1/drafts/${draft.id}/comments`, as, body }, 201);
}

/** More published drafts than a page holds, so the draft listing answers a full page. */
export const publishedDrafts = (bench: Bench): Promise<OpenDraft[]> =>
  bench.shared('publishedDrafts', async () => {
    const drafts: OpenDraft[] = [];
    for (let i = 0; i < pageSize + 5; i++) drafts.push(await openDraft(bench, i));
    return drafts;
  });

/** An open draft with a full page of root comments, and a root with a full page of replies. */
export const discussedDraft = (bench: Bench): Promise<{ draft: OpenDraft; rootId: string }> =>
  bench.shared('discussedDraft', async () => {
    const draft = await openDraft(bench);
    const root = await comment(bench, draft, resident);
    for (let i = 1; i < pageSize + 5; i++) await comment(bench, draft, voter(i), i);
    for (let i = 0; i < pageSize + 5; i++) await comment(bench, draft, voter(i), i, root.id);
    return { draft, rootId: root.id };
  });
