/**
 * One person, one ballot, one vote, one flag: through erasure, re-registration and second
 * accounts. Replays that never bring back what the resource no longer shows, and
 * Idempotency-Keys that a crashed attempt holds only for a short lease.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claim } from '#shared/http/idempotency.ts';
import { postComment as storeComment } from '#shared/comments/repository.ts';
import { moderator, staff, useLocalApi, type User } from '../support/local.ts';
import { openDraft, postComment } from '../support/fixtures.ts';
import { scanTable } from '../support/table.ts';

const api = useLocalApi();

beforeAll(() => {
  process.env.AUTO_HIDE_FLAGS = '3';
  process.env.IDEMPOTENCY_LEASE_SECONDS = '2';
});
afterAll(() => {
  delete process.env.AUTO_HIDE_FLAGS;
  delete process.env.IDEMPOTENCY_LEASE_SECONDS;
});

/** The next whole second: a token minted then is issued after anything done before. */
const nextSecond = () => new Promise((r) => setTimeout(r, 1005 - (Date.now() % 1000)));

async function pollOn(draftId: string) {
  const res = await api.request('POST', `/v1/drafts/${draftId}/polls`, {
    as: staff,
    body: { question: { fi: 'Kumpi?', sv: 'Vilken?' }, options: [{ text: { fi: 'A', sv: 'A' } }, { text: { fi: 'B', sv: 'B' } }], type: 'single', resultsVisibility: 'always' },
  });
  expect(res.status).toBe(201);
  return res.body as { id: string; options: { id: string }[] };
}

const total = async (draftId: string, pollId: string) =>
  (await api.request('GET', `/v1/drafts/${draftId}/polls/${pollId}`)).body.results.total as number;

describe('erasure does not give a person a second ballot, vote or flag', () => {
  it('ballot, vote, flag, erase, repeated three times with fresh tokens: every count stays 1 and nobody else is hidden', async () => {
    // Prepare: someone else's comment, a poll, and a resident who marks both
    const draft = await openDraft(api);
    const poll = await pollOn(draft.id);
    const target = await postComment(api, draft.id, { sub: 'author-x', name: 'Author X' }, { body: 'Toisen mielipide' });
    const path = `/v1/drafts/${draft.id}/comments/${target.id}`;
    let token = await api.token({ sub: 'stuffer-1', name: 'Stuffer' });

    for (let round = 1; round <= 3; round++) {
      // Act: mark everything, then erase
      const ballot = await api.request('PUT', `/v1/drafts/${draft.id}/polls/${poll.id}/ballot`, { token, body: { optionIds: [poll.options[0]!.id] } });
      const vote = await api.request('PUT', `${path}/vote`, { token });
      const flag = await api.request('POST', `${path}/flags`, { token, body: { reason: 'spam' } });
      expect((await api.request('DELETE', '/v1/me', { token })).status).toBe(204);
      await api.runtime.jobs?.idle(); // the erasure job finishes the rest
      // Assess: the first round counts; later ones are refused or change nothing
      if (round === 1) {
        expect([ballot.status, vote.status, flag.status]).toEqual([200, 200, 202]);
      } else {
        expect(ballot.status, ballot.text).toBe(409);
        expect(ballot.body.type).toMatch(/\/ballot-final$/);
        expect(vote.body.votes).toBe(1);
        expect(flag.status, flag.text).toBe(409);
        expect(flag.body.type).toMatch(/\/already-flagged$/);
      }
      expect(await total(draft.id, poll.id)).toBe(1);
      const listed = (await api.request('GET', `/v1/drafts/${draft.id}/comments`)).body.items.find((c: { id: string }) => c.id === target.id);
      expect(listed).toMatchObject({ votes: 1, status: 'visible' });
      const queue = (await api.request('GET', '/v1/moderation/queue', { as: moderator })).body.items;
      expect(queue.find((q: { commentId: string }) => q.commentId === target.id)).toMatchObject({ flagCount: 1 });
      // The token that erased is refused from now on; a token issued afterwards works
      expect((await api.request('GET', '/v1/me', { token })).status).toBe(401);
      await nextSecond();
      token = (await api.runtime.identity.mint({ sub: 'stuffer-1', name: 'Stuffer', groups: [], strong: false, expiresIn: 600 })).token;
      expect((await api.request('GET', '/v1/me', { token })).status).toBe(200);
    }
    // Nothing stored names the person
    expect(JSON.stringify(await scanTable())).not.toContain('stuffer-1');
  });

  it('two accounts of one strongly identified person hold one ballot between them', async () => {
    const draft = await openDraft(api, { commenting: 'strong' });
    const poll = await pollOn(draft.id);
    const first: User = { sub: 'account-a', name: 'Aino', strong: true, person: 'pairwise-0001' };
    const second: User = { sub: 'account-b', name: 'Aino B', strong: true, person: 'pairwise-0001' };
    const other: User = { sub: 'account-c', name: 'Bertil', strong: true, person: 'pairwise-0002' };
    const cast = (as: User, option: number) =>
      api.request('PUT', `/v1/drafts/${draft.id}/polls/${poll.id}/ballot`, { as, body: { optionIds: [poll.options[option]!.id] } });
    expect((await cast(first, 0)).status).toBe(200);
    expect((await cast(second, 1)).status).toBe(200);
    expect((await cast(other, 0)).status).toBe(200);
    const results = (await api.request('GET', `/v1/drafts/${draft.id}/polls/${poll.id}`)).body.results;
    expect(results.total).toBe(2);
    // The second account replaced the person's ballot; either account reads it
    expect((await api.request('GET', `/v1/drafts/${draft.id}/polls/${poll.id}/ballot`, { as: first })).body.optionIds).toEqual([poll.options[1]!.id]);
  });
});

describe('replays carry nothing the resource no longer shows', () => {
  it('the replay record stores no body; a replay after deletion or hiding shows the comment as it is now', async () => {
    const draft = await openDraft(api);
    const author: User = { sub: 'replayer-1', name: 'Reija Replay' };
    const post = (key: string, body: string) =>
      api.request('POST', `/v1/drafts/${draft.id}/comments`, { as: author, body: { body }, headers: { 'idempotency-key': key } });
    const kept = await post('key-delete', 'Poistan tämän pian');
    const hidden = await post('key-hide', 'Tämä piilotetaan');
    expect([kept.status, hidden.status]).toEqual([201, 201]);
    const records = (await scanTable()).filter((i) => i.type === 'idempotency');
    expect(records.length).toBeGreaterThanOrEqual(2);
    for (const r of records) expect(JSON.stringify(r)).not.toMatch(/Poistan|piilotetaan|Reija/);

    await api.request('DELETE', `/v1/drafts/${draft.id}/comments/${kept.body.id}`, { as: author });
    await api.request('POST', `/v1/drafts/${draft.id}/comments/${hidden.body.id}/hide`, { as: moderator, body: { reason: 'Asiaton' } });
    const again = await post('key-delete', 'Poistan tämän pian');
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toMatchObject({ id: kept.body.id, status: 'deleted', body: null, author: null });
    expect(again.text).not.toContain('Reija');
    const hiddenAgain = await post('key-hide', 'Tämä piilotetaan');
    expect(hiddenAgain.body).toMatchObject({ id: hidden.body.id, status: 'hidden', body: null, moderation: { reason: 'Asiaton' } });
  });

  it('erasure deletes the person\'s replay records, and their old token cannot replay', async () => {
    const draft = await openDraft(api);
    const author: User = { sub: 'replayer-2', name: 'Erkki Erased' };
    const body = { body: 'Henkilökohtainen kommentti' };
    const first = await api.request('POST', `/v1/drafts/${draft.id}/comments`, { as: author, body, headers: { 'idempotency-key': 'k-erase' } });
    expect(first.status).toBe(201);
    expect((await api.request('DELETE', '/v1/me', { as: author })).status).toBe(204);
    await api.runtime.jobs?.idle(); // the erasure job finishes the rest
    const replay = await api.request('POST', `/v1/drafts/${draft.id}/comments`, { as: author, body, headers: { 'idempotency-key': 'k-erase' } });
    expect(replay.status).toBe(401);
    const stored = JSON.stringify(await scanTable());
    expect(stored).not.toContain('replayer-2');
    expect(stored).not.toContain('Erkki');
    expect(stored).not.toContain('Henkilökohtainen');
  });
});

describe('a crashed attempt holds its Idempotency-Key only for a short lease', () => {
  it('within the lease a retry is 409 with Retry-After; after it, the retry stores once, or answers what the first attempt stored', async () => {
    // Prepare: two attempts that "crashed" after claiming their keys; the second had stored its comment
    const draft = await openDraft(api);
    const author: User = { sub: 'crash-1', name: 'Kaatuja' };
    const path = `/v1/drafts/${draft.id}/comments`;
    const bodyOf = (text: string) => ({ body: text });
    const scope = `crash-1\npostComment\n${path}`;
    const fingerprint = (text: string) => Buffer.from(JSON.stringify(bodyOf(text))).toString('base64');
    await claim(scope, 'never-stored', fingerprint('Ei tallentunut'), 'crash-1');
    const stored = await claim(scope, 'stored-not-answered', fingerprint('Tallentui'), 'crash-1');
    await storeComment({ draftId: draft.id, draftVersion: 1, body: 'Tallentui', author: { sub: 'crash-1', name: 'Kaatuja', kind: 'resident' } }, new Date(), stored.resourceId);
    const retry = (key: string, text: string) => api.request('POST', path, { as: author, body: bodyOf(text), headers: { 'idempotency-key': key } });

    // Act + Assess: within the lease
    const early = await retry('never-stored', 'Ei tallentunut');
    expect(early.status).toBe(409);
    expect(Number(early.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(early.headers.get('retry-after'))).toBeLessThanOrEqual(2);

    // …after it (poll with a deadline rather than sleeping a fixed time)
    const deadline = Date.now() + 10_000;
    let late = early;
    while (late.status === 409 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      late = await retry('never-stored', 'Ei tallentunut');
    }
    expect(late.status).toBe(201);
    const answered = await retry('stored-not-answered', 'Tallentui');
    expect(answered.status).toBe(201);
    expect(answered.body.id).toBe(stored.resourceId);
    expect(answered.headers.get('idempotent-replayed')).toBe('true');
    // Repeats now replay; each comment exists once and counts once
    expect((await retry('never-stored', 'Ei tallentunut')).body.id).toBe(late.body.id);
    const bodies = (await api.request('GET', `${path}?limit=100`)).body.items.map((c: { body: string }) => c.body).sort();
    expect(bodies).toEqual(['Ei tallentunut', 'Tallentui']);
    expect((await api.request('GET', `/v1/drafts/${draft.id}`)).body.commentCount).toBe(2);
  });
});

describe('who spoke', () => {
  it('every comment says what kind of author wrote it; a name imitating staff is still anonymous', async () => {
    const draft = await openDraft(api, { commenting: 'anonymous' });
    const anonymous = await api.request('POST', `/v1/drafts/${draft.id}/comments`, { body: { body: 'Hei', authorName: 'Kaupungin virkailija' } });
    const resident = await postComment(api, draft.id, { sub: 'kind-r', name: 'Riitta' });
    const strong = await postComment(api, draft.id, { sub: 'kind-s', name: 'Sami', strong: true });
    const official = await postComment(api, draft.id, staff);
    const kinds = Object.fromEntries((await api.request('GET', `/v1/drafts/${draft.id}/comments`)).body.items.map((c: { id: string; author: { kind: string } }) => [c.id, c.author.kind]));
    expect(kinds).toEqual({ [anonymous.body.id]: 'anonymous', [resident.id]: 'resident', [strong.id]: 'strong', [official.id]: 'staff' });
  });

  it('a hidden comment stays hidden, with its public reason, when its author deletes it; restoring leaves it deleted', async () => {
    const draft = await openDraft(api);
    const author: User = { sub: 'hider-1', name: 'Hilkka' };
    const c = await postComment(api, draft.id, author, { body: 'Asiaton kommentti' });
    await api.request('POST', `/v1/drafts/${draft.id}/comments/${c.id}/hide`, { as: moderator, body: { reason: 'Henkilöön käyvä' } });
    expect((await api.request('DELETE', `/v1/drafts/${draft.id}/comments/${c.id}`, { as: author })).status).toBe(204);
    const listed = (await api.request('GET', `/v1/drafts/${draft.id}/comments`)).body.items[0];
    expect(listed).toMatchObject({ id: c.id, status: 'hidden', body: null, moderation: { reason: 'Henkilöön käyvä' } });
    const restored = await api.request('POST', `/v1/drafts/${draft.id}/comments/${c.id}/restore`, { as: moderator, body: { reason: 'Tarkistettu' } });
    expect(restored.body).toMatchObject({ status: 'deleted', body: null });
    expect((await api.request('GET', `/v1/drafts/${draft.id}`)).body.commentCount).toBe(0);
  });
});
