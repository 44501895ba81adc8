/**
 * The notice before a deadline: CLOSING_SOON_HOURS before a draft closes, its followers hear
 * that commenting closes soon (once, in their feed, and by e-mail in their language when they
 * chose it), and a draft that no longer closes then (withdrawn) sends no notice.
 */
import { describe, expect, it } from 'vitest';
import { staff, useLocalApi, type User } from '../support/local.ts';
import { draftBody } from '../support/fixtures.ts';

// 1.8 s before the deadline, so the test waits seconds, not days.
process.env.CLOSING_SOON_HOURS = '0.0005';

const api = useLocalApi();

const feed = async (who: User, draftId: string) =>
  ((await api.request('GET', '/v1/me/notifications?limit=100', { as: who })).body.items as { event: string; draftId: string; closesAt?: string }[])
    .filter((n) => n.draftId === draftId);

/** Polls until `check` holds, within a deadline. */
async function until<T>(what: string, check: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function publishedFollowed(follower: User, secondsToClose: number) {
  const created = await api.request('POST', '/v1/drafts', { as: staff, body: draftBody() });
  const closesAt = new Date(Date.now() + secondsToClose * 1000).toISOString();
  expect((await api.request('POST', `/v1/drafts/${created.body.id}/publish`, { as: staff, body: { closesAt } })).status).toBe(200);
  expect((await api.request('PUT', `/v1/drafts/${created.body.id}/subscription`, { as: follower })).status).toBe(200);
  await api.runtime.events!.idle();
  return { id: created.body.id as string, closesAt };
}

describe('commenting closes soon', () => {
  it('followers hear it once before the deadline, by e-mail in their language when they chose it, and then that it closed', async () => {
    // Prepare: a Swedish follower who wants e-mail at once
    const follower: User = { sub: 'soon-follower', name: 'Stina', email: 'stina@example.fi' };
    expect((await api.request('PUT', '/v1/me/preferences', { as: follower, body: { language: 'sv', email: 'immediate' } })).status).toBe(200);
    const draft = await publishedFollowed(follower, 4);
    expect(await feed(follower, draft.id)).toEqual([]);
    // Act: the notice time passes, then the deadline
    const noticed = await until('the notice', async () => {
      const items = await feed(follower, draft.id);
      return items.some((n) => n.event === 'DraftClosingSoon') ? items : undefined;
    });
    // Assess: the notice came before the deadline, names it, and a Swedish message went out
    expect(Date.now()).toBeLessThan(Date.parse(draft.closesAt) + 1000);
    expect(noticed).toEqual([expect.objectContaining({ event: 'DraftClosingSoon', closesAt: draft.closesAt })]);
    await until('the close', async () => ((await feed(follower, draft.id)).some((n) => n.event === 'DraftClosed') ? true : undefined));
    expect((await feed(follower, draft.id)).map((n) => n.event)).toEqual(['DraftClosed', 'DraftClosingSoon']);
    await api.runtime.events!.idle();
    const mail = (await api.request('GET', '/local/mail')).body.items as { to: string; subject: string }[];
    const soon = mail.filter((m) => m.to === follower.email && m.subject.startsWith('Kommenteringen slutar snart'));
    expect(soon).toHaveLength(1);
  });

  it('a draft withdrawn before the notice time sends no notice', async () => {
    // Prepare
    const follower: User = { sub: 'soon-withdrawn', name: 'Ville' };
    const draft = await publishedFollowed(follower, 4);
    // Act
    expect((await api.request('POST', `/v1/drafts/${draft.id}/withdraw`, { as: staff, body: { reason: { fi: 'Valmistelu keskeytyi' } } })).status).toBe(200);
    await new Promise((r) => setTimeout(r, Date.parse(draft.closesAt) - Date.now() + 1500));
    await api.runtime.events!.idle();
    // Assess
    expect((await feed(follower, draft.id)).map((n) => n.event)).toEqual(['DraftWithdrawn']);
  });
});
