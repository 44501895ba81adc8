/** What an agenda links to outside the meeting: the drafts its items name must exist. */
import { getItems } from '#shared/data/batch.ts';
import { draftKey } from '#shared/drafts/repository.ts';

/** The ids among `ids` that name an existing draft (published or not: staff prepare both). */
export async function existingDraftIds(ids: string[]): Promise<Set<string>> {
  const found = await getItems([...new Set(ids)].map(draftKey), { projection: 'id' });
  return new Set(found.map((item) => item.id as string));
}
