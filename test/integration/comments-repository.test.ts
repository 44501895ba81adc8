import { describe, expect, it } from 'vitest';
import {
  commentView, deleteComment, editComment, getComment, listReplies, listRootComments, postComment, setVote,
} from '#shared/comments/repository.ts';
import { closeDraft, createDraft, getDraft, publishDraft } from '#shared/drafts/repository.ts';
import { CreateDraftBody } from '#shared/drafts/schema.ts';
import { Problem } from '#shared/http/problem.ts';
import { useTable } from '../support/table.ts';
import { draftBody, inDays } from '../support/fixtures.ts';

useTable();

const aino = { sub: 'aino', name: 'Aino', kind: 'resident' as const };
const erik = { sub: 'erik', name: 'Erik' };

async function openDraftItem() {
  const now = new Date();
  const draft = await createDraft(CreateDraftBody.parse(draftBody()), now);
  return publishDraft(draft.id, { opensAt: now.toISOString(), closesAt: inDays(7) }, now);
}

const comment = (draftId: string, more: Partial<Parameters<typeof postComment>[0]> = {}) =>
  postComment({ draftId, draftVersion: 1, body: 'Hyvä', author: aino, ...more }, new Date());

/** The problem a promise rejects with. */
const problemOf = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(Problem);
  return { status: (error as Problem).status, slug: (error as Problem).slug };
};

describe('comments repository on DynamoDB Local', () => {
  it('posting counts the comment on the draft, and a reply also on its root', async () => {
    const draft = await openDraftItem();
    const root = await comment(draft.id);
    await comment(draft.id, { rootId: root.id });
    await comment(draft.id, { rootId: root.id });
    expect((await getDraft(draft.id, true))?.commentCount).toBe(3);
    expect((await getComment(draft.id, root.id, true))?.replyCount).toBe(2);
  });

  it('replies are listed under their root oldest first, and not among the roots', async () => {
    const draft = await openDraftItem();
    const root = await comment(draft.id);
    const first = await comment(draft.id, { rootId: root.id, body: 'eka' });
    const second = await comment(draft.id, { rootId: root.id, body: 'toka' });
    const replies = await listReplies(draft.id, root.id, { limit: 10 });
    expect(replies.items.map((c) => c.id)).toEqual([first.id, second.id]);
    expect(replies.items.every((c) => c.parentId === root.id)).toBe(true);
    const roots = await listRootComments(draft.id, { sort: 'newest', limit: 10 });
    expect(roots.items.map((c) => c.id)).toEqual([root.id]);
    expect(roots.items[0]!.replyCount).toBe(2);
  });

  it('posting on a closed draft is 409 participation-closed and stores nothing', async () => {
    const draft = await openDraftItem();
    await closeDraft(draft.id, new Date());
    expect(await problemOf(comment(draft.id))).toEqual({ status: 409, slug: 'participation-closed' });
    expect((await getDraft(draft.id, true))?.commentCount).toBe(0);
    expect((await listRootComments(draft.id, { sort: 'newest', limit: 10 })).items).toEqual([]);
  });

  it('a reply to a removed comment is refused, and nothing is counted', async () => {
    const draft = await openDraftItem();
    const root = await comment(draft.id);
    await deleteComment(draft.id, root.id, aino.sub, new Date());
    expect((await problemOf(comment(draft.id, { rootId: root.id }))).status).toBe(409);
    expect((await getDraft(draft.id, true))?.commentCount).toBe(0);
    expect((await getComment(draft.id, root.id, true))?.replyCount).toBe(0);
  });

  it('removing leaves a tombstone without body or author, uncounted; removing again changes nothing', async () => {
    const draft = await openDraftItem();
    const root = await comment(draft.id);
    await comment(draft.id, { rootId: root.id });
    await deleteComment(draft.id, root.id, aino.sub, new Date());
    await deleteComment(draft.id, root.id, aino.sub, new Date());
    const stored = (await getComment(draft.id, root.id, true))!;
    expect(stored.status).toBe('deleted');
    expect(stored.body).toBeUndefined();
    expect(commentView(stored)).toMatchObject({ status: 'deleted', body: null, author: null, replyCount: 1 });
    expect((await getDraft(draft.id, true))?.commentCount).toBe(1);
    expect((await listReplies(draft.id, root.id, { limit: 10 })).items).toHaveLength(1);
  });

  it('only the author may edit or remove a comment: 403', async () => {
    const draft = await openDraftItem();
    const root = await comment(draft.id);
    expect(await problemOf(editComment(draft.id, root.id, erik.sub, 'kaapattu', new Date()))).toEqual({ status: 403, slug: 'forbidden' });
    expect(await problemOf(deleteComment(draft.id, root.id, erik.sub, new Date()))).toEqual({ status: 403, slug: 'forbidden' });
    expect((await getComment(draft.id, root.id, true))?.body).toBe('Hyvä');
  });

  it('an anonymous comment can be changed by nobody', async () => {
    const draft = await openDraftItem();
    const anonymous = await comment(draft.id, { author: { name: 'Kalle', kind: 'anonymous' } });
    expect((await problemOf(editComment(draft.id, anonymous.id, 'kalle', 'x', new Date()))).status).toBe(403);
  });

  it('editing marks the comment edited; a removed comment cannot be edited', async () => {
    const draft = await openDraftItem();
    const root = await comment(draft.id);
    const edited = await editComment(draft.id, root.id, aino.sub, 'Parempi', new Date());
    expect(commentView(edited)).toMatchObject({ body: 'Parempi', edited: true });
    expect((await getComment(draft.id, root.id, true))?.body).toBe('Parempi');
    await deleteComment(draft.id, root.id, aino.sub, new Date());
    expect(await problemOf(editComment(draft.id, root.id, aino.sub, 'x', new Date()))).toEqual({ status: 409, slug: 'comment-not-visible' });
  });

  it('editing after participation closed is 409 participation-closed', async () => {
    const draft = await openDraftItem();
    const root = await comment(draft.id);
    await closeDraft(draft.id, new Date());
    expect(await problemOf(editComment(draft.id, root.id, aino.sub, 'x', new Date()))).toEqual({ status: 409, slug: 'participation-closed' });
  });

  it('an up-vote counts once per person however often it is sent; taking it back likewise', async () => {
    const draft = await openDraftItem();
    const root = await comment(draft.id);
    expect(await setVote(draft.id, root.id, 'v1', true, new Date())).toBe(1);
    expect(await setVote(draft.id, root.id, 'v1', true, new Date())).toBe(1);
    expect(await setVote(draft.id, root.id, 'v2', true, new Date())).toBe(2);
    expect(await setVote(draft.id, root.id, 'v1', false, new Date())).toBe(1);
    expect(await setVote(draft.id, root.id, 'v1', false, new Date())).toBe(1);
    expect(await setVote(draft.id, root.id, 'never-voted', false, new Date())).toBe(1);
  });

  it('the same person voting ten times at once counts once', async () => {
    const draft = await openDraftItem();
    const root = await comment(draft.id);
    const counts = await Promise.all(Array.from({ length: 10 }, () => setVote(draft.id, root.id, 'eager', true, new Date())));
    expect(counts.every((n) => n === 1)).toBe(true);
    expect((await getComment(draft.id, root.id, true))?.votes).toBe(1);
  });

  it('a removed comment takes no votes', async () => {
    const draft = await openDraftItem();
    const root = await comment(draft.id);
    await deleteComment(draft.id, root.id, aino.sub, new Date());
    expect(await problemOf(setVote(draft.id, root.id, 'v', true, new Date()))).toEqual({ status: 409, slug: 'comment-not-visible' });
  });

  it('popular lists roots by votes, most first; a section lists only its own roots', async () => {
    const draft = await openDraftItem();
    const [s1, s2] = draft.sections;
    const a = await comment(draft.id, { sectionId: s1!.id });
    const b = await comment(draft.id, { sectionId: s2!.id });
    const c = await comment(draft.id, { sectionId: s1!.id });
    await setVote(draft.id, c.id, 'v1', true, new Date());
    await setVote(draft.id, c.id, 'v2', true, new Date());
    await setVote(draft.id, b.id, 'v1', true, new Date());
    const popular = await listRootComments(draft.id, { sort: 'popular', limit: 10 });
    expect(popular.items.map((x) => x.id)).toEqual([c.id, b.id, a.id]);
    const onS1 = await listRootComments(draft.id, { sort: 'oldest', sectionId: s1!.id, limit: 10 });
    expect(onS1.items.map((x) => x.id)).toEqual([a.id, c.id]);
  });
});
