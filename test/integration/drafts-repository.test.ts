import { describe, expect, it } from 'vitest';
import {
  closeDraft, createDraft, draftView, getDraft, listDraftVersions, listDrafts, publishDraft, saveDraftVersion,
} from '#shared/drafts/repository.ts';
import { nextVersion } from '#shared/drafts/edit.ts';
import { CreateDraftBody } from '#shared/drafts/schema.ts';
import { Problem } from '#shared/http/problem.ts';
import { useTable } from '../support/table.ts';
import { draftBody, inDays } from '../support/fixtures.ts';

useTable();

const create = () => createDraft(CreateDraftBody.parse(draftBody()), new Date());
const problemOf = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(Problem);
  return { status: (error as Problem).status, slug: (error as Problem).slug };
};

describe('drafts repository on DynamoDB Local', () => {
  it('a created draft is at version 1 with a snapshot of it', async () => {
    const draft = await create();
    expect((await getDraft(draft.id, true))?.version).toBe(1);
    const versions = await listDraftVersions(draft.id, { limit: 10 });
    expect(versions.items.map((v) => v.version)).toEqual([1]);
  });

  it('publishing twice is 409 already-published; publishing nothing is 404', async () => {
    const draft = await create();
    await publishDraft(draft.id, { opensAt: new Date().toISOString(), closesAt: inDays(3) }, new Date());
    expect(await problemOf(publishDraft(draft.id, { opensAt: new Date().toISOString(), closesAt: inDays(3) }, new Date())))
      .toEqual({ status: 409, slug: 'already-published' });
    expect((await problemOf(publishDraft('01J00000000000000000000000', { opensAt: inDays(0), closesAt: inDays(3) }, new Date()))).status)
      .toBe(404);
  });

  it('closing an unpublished draft is 409 not-published; closing twice is 409 already-closed', async () => {
    const draft = await create();
    expect(await problemOf(closeDraft(draft.id, new Date()))).toEqual({ status: 409, slug: 'not-published' });
    await publishDraft(draft.id, { opensAt: new Date().toISOString(), closesAt: inDays(3) }, new Date());
    const closed = await closeDraft(draft.id, new Date());
    expect(draftView(closed, new Date()).status).toBe('closed');
    expect(await problemOf(closeDraft(draft.id, new Date()))).toEqual({ status: 409, slug: 'already-closed' });
  });

  it('saving a version over a newer one is 412 and keeps the newer one', async () => {
    const draft = await create();
    const v2 = nextVersion(draft, { tags: ['a'] }, new Date(), ['fi']);
    await saveDraftVersion(v2, 1);
    const stale = nextVersion(draft, { tags: ['b'] }, new Date(), ['fi']);
    expect((await problemOf(saveDraftVersion(stale, 1))).status).toBe(412);
    expect((await getDraft(draft.id, true))?.tags).toEqual(['a']);
    expect((await listDraftVersions(draft.id, { limit: 10 })).items.map((v) => v.version)).toEqual([2, 1]);
  });

  it('listings by status follow the schedule: open, scheduled, closed', async () => {
    const open = await create();
    await publishDraft(open.id, { opensAt: new Date().toISOString(), closesAt: inDays(2) }, new Date());
    const scheduled = await create();
    await publishDraft(scheduled.id, { opensAt: inDays(1), closesAt: inDays(5) }, new Date());
    const closed = await create();
    await publishDraft(closed.id, { opensAt: new Date().toISOString(), closesAt: inDays(2) }, new Date());
    await closeDraft(closed.id, new Date());
    const ids = async (status: 'open' | 'scheduled' | 'closed') =>
      (await listDrafts(status, { limit: 100 }, new Date())).items.map((d) => d.id);
    expect(await ids('open')).toContain(open.id);
    expect(await ids('open')).not.toContain(scheduled.id);
    expect(await ids('scheduled')).toContain(scheduled.id);
    expect(await ids('scheduled')).not.toContain(open.id);
    expect(await ids('closed')).toContain(closed.id);
    expect(await ids('closed')).not.toContain(open.id);
    expect(await ids('open')).not.toContain(closed.id);
    // Later, the open draft has closed without anything being written.
    const later = (await listDrafts('closed', { limit: 100 }, new Date(Date.now() + 3 * 86_400_000))).items.map((d) => d.id);
    expect(later).toContain(open.id);
  });
});
