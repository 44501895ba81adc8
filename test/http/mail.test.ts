/**
 * E-mail through the local runtime: preferences, immediate messages in the resident's
 * language with one-click unsubscribe, digests, and nothing sent twice or to the erased.
 */
import { describe, expect, it } from 'vitest';
import { moderator, staff, useLocalApi, type User } from '../support/local.ts';
import { openDraft, postComment } from '../support/fixtures.ts';
import { functionHandler, lambdaContext } from '#infra/local/gateway.ts';
import { getPreferences } from '#shared/mail/preferences.ts';

const api = useLocalApi();

const settled = () => api.runtime.events!.idle();
const person = (name: string, language = 'fi'): User & { language: string } =>
  ({ sub: `mail-${name}`, name, email: `${name}@example.fi`, language });

interface Mail { to: string; subject: string; text: string; html: string; headers: Record<string, string>; sentAt: string }

const mailTo = async (who: User): Promise<Mail[]> => {
  await settled();
  const res = await api.request('GET', '/local/mail');
  expect(res.status).toBe(200);
  return (res.body.items as Mail[]).filter((m) => m.to === who.email);
};

const choose = async (who: User & { language: string }, email: string) => {
  const res = await api.request('PUT', '/v1/me/preferences', { as: who, body: { language: who.language, email } });
  expect(res.status, res.text).toBe(200);
  return res;
};

const oneClick = (url: string) => api.fetch(new URL(url).pathname, {
  method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click',
});

/** A comment by `who` on a fresh draft, hidden by a moderator: a notification straight to its author. */
const hiddenComment = async (who: User) => {
  const draft = await openDraft(api);
  const comment = await postComment(api, draft.id, who);
  await settled();
  const hidden = await api.request('POST', `/v1/drafts/${draft.id}/comments/${comment.id}/hide`, { as: moderator, body: { reason: 'Mainos' } });
  expect(hidden.status, hidden.text).toBe(200);
  return { draft, comment };
};

describe('e-mail preferences', () => {
  it('start as e-mail off in the first required language', async () => {
    const res = await api.request('GET', '/v1/me/preferences', { as: person('default') });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ language: 'fi', email: 'off', address: null });
  });

  it('take the address from the token\'s verified email claim, never from the body', async () => {
    // Prepare
    const who = person('saver', 'sv');
    // Act
    const saved = await choose(who, 'daily');
    const typed = await api.request('PUT', '/v1/me/preferences', { as: who, body: { language: 'sv', email: 'daily', address: 'evil@example.com' } });
    // Assess
    expect(saved.body).toEqual({ language: 'sv', email: 'daily', address: who.email });
    expect(typed.status).toBe(400);
    expect((await api.request('GET', '/v1/me/preferences', { as: who })).body).toEqual({ language: 'sv', email: 'daily', address: who.email });
  });

  it('are part of the resident\'s own data, and what was mailed is not', async () => {
    const who = person('exported', 'sv');
    await choose(who, 'immediate');
    await hiddenComment(who);
    expect(await mailTo(who)).toHaveLength(1);
    const res = await api.request('GET', '/v1/me/export', { as: who });
    expect(res.status).toBe(200);
    expect(res.body.mailPreferences).toEqual([expect.objectContaining({ language: 'sv', email: 'immediate', address: who.email })]);
    expect(res.body.mailSents).toBeUndefined();
  });

  it('refuse e-mail without a verified address', async () => {
    const unverified = { ...person('unverified'), email_verified: false };
    const res = await api.request('PUT', '/v1/me/preferences', { as: unverified, body: { language: 'fi', email: 'immediate' } });
    expect(res.status).toBe(422);
    expect((await api.request('PUT', '/v1/me/preferences', { as: unverified, body: { language: 'fi', email: 'off' } })).status).toBe(200);
  });
});

describe('immediate e-mail', () => {
  it('a resident with immediate e-mail in Swedish gets exactly one Swedish message, and one click turns it off', async () => {
    // Prepare
    const who = person('svea', 'sv');
    await choose(who, 'immediate');
    // Act
    const { draft } = await hiddenComment(who);
    // Assess
    const [mail, ...more] = await mailTo(who);
    expect(more).toEqual([]);
    expect(mail!.subject).toMatch(/^Din kommentar har dolts: /);
    expect(mail!.text).toContain('Orsak: Mainos');
    expect(mail!.html).toMatch(/<html lang="sv">[\s\S]*<h1>Din kommentar har dolts/);
    expect(mail!.html).toContain(`/v1/drafts/${draft.id}`);
    expect(mail!.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const link = /^<(https?:\/\/[^>]+)>$/.exec(mail!.headers['list-unsubscribe'] ?? '')?.[1];
    expect(link).toMatch(/\/v1\/unsubscribe\/[\w-]+$/);

    // Act: one click, then something else happens to what they follow
    const clicked = await oneClick(link!);
    expect(clicked.status).toBe(200);
    expect(await clicked.json()).toEqual({ email: 'off' });
    expect((await api.request('GET', '/v1/me/preferences', { as: who })).body).toMatchObject({ email: 'off' });
    expect((await api.request('POST', `/v1/drafts/${draft.id}/close`, { as: staff })).status).toBe(200);
    // Assess
    expect(await mailTo(who)).toHaveLength(1);
  });

  it('a resident with immediate e-mail in Swedish gets exactly one Swedish message when staff respond to their comment', async () => {
    // Prepare
    const who = person('responded', 'sv');
    await choose(who, 'immediate');
    const draft = await openDraft(api);
    const comment = await postComment(api, draft.id, who);
    await settled();
    // Act
    const responded = await api.request('PUT', `/v1/drafts/${draft.id}/comments/${comment.id}/response`, {
      as: staff, body: { body: { fi: 'Kiitos, huomioimme tämän.', sv: 'Tack, vi beaktar detta.' } },
    });
    // Assess
    expect(responded.status, responded.text).toBe(200);
    const [mail, ...more] = await mailTo(who);
    expect(more).toEqual([]);
    expect(mail!.subject).toMatch(/^Din kommentar har fått svar: /);
    expect(mail!.html).toContain('<html lang="sv">');
    expect(mail!.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    // Assess: one click, and the next response sends nothing
    const link = /^<(https?:\/\/[^>]+)>$/.exec(mail!.headers['list-unsubscribe'] ?? '')?.[1];
    expect((await oneClick(link!)).status).toBe(200);
    await api.request('PUT', `/v1/drafts/${draft.id}/comments/${comment.id}/response`, { as: staff, body: { body: { fi: 'Täydennys.', sv: 'Tillägg.' } } });
    expect(await mailTo(who)).toHaveLength(1);
  });

  it('a redelivered event sends nothing twice', async () => {
    // Prepare
    const who = person('redelivered', 'en');
    await choose(who, 'immediate');
    await hiddenComment(who);
    expect(await mailTo(who)).toHaveLength(1);
    // Act
    await api.runtime.events!.redeliver();
    // Assess
    const mails = await mailTo(who);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toMatch(/^Your comment was hidden: /);
  });

  it('an erased person gets nothing', async () => {
    // Prepare
    const who = person('erased');
    await choose(who, 'immediate');
    const draft = await openDraft(api);
    await postComment(api, draft.id, who);
    await settled();
    // Act
    expect((await api.request('DELETE', '/v1/me', { as: who })).status).toBe(204);
    await api.runtime.jobs!.idle();
    await api.request('POST', `/v1/drafts/${draft.id}/close`, { as: staff });
    // Assess
    expect(await mailTo(who)).toEqual([]);
    expect(await getPreferences(who.sub)).toBeUndefined();
  });

  it('a resident with e-mail off gets none', async () => {
    const who = person('off');
    await choose(who, 'off');
    await hiddenComment(who);
    expect(await mailTo(who)).toEqual([]);
  });
});

describe('digests', () => {
  it('a daily follower gets nothing until the digest runs, then one message with everything, and nothing on a rerun', async () => {
    // Prepare
    const who = person('daily');
    await choose(who, 'daily');
    const first = await openDraft(api);
    const second = await openDraft(api);
    for (const d of [first, second]) expect((await api.request('PUT', `/v1/drafts/${d.id}/subscription`, { as: who })).status).toBe(200);
    await postComment(api, first.id, person('someone-else'));
    for (const d of [first, second]) await api.request('POST', `/v1/drafts/${d.id}/close`, { as: staff });
    expect(await mailTo(who)).toEqual([]);
    // Act
    const run = await api.request('POST', '/local/digests/run', { body: { frequency: 'daily' } });
    const rerun = await api.request('POST', '/local/digests/run', { body: { frequency: 'daily' } });
    // Assess
    expect(run.status, run.text).toBe(200);
    expect(run.body).toMatchObject({ frequency: 'daily', more: false });
    expect(rerun.body).toMatchObject({ sent: 0 });
    const [digest, ...more] = await mailTo(who);
    expect(more).toEqual([]);
    expect(digest!.subject).toBe('Päivän kooste: 3 uutta seuraamissasi asioissa');
    expect(digest!.text).toContain(`/v1/drafts/${first.id}`);
    expect(digest!.text).toContain(`/v1/drafts/${second.id}`);
    expect(digest!.text).toContain('1 uutta kommenttia');
    expect(digest!.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
  });
});

describe('SES feedback', () => {
  it('a permanent bounce turns e-mail off for everyone with that address; a transient one does not', async () => {
    // Prepare
    const who = person('bouncing');
    const same = { ...person('bouncing-too'), email: who.email };
    await choose(who, 'immediate');
    await choose(same, 'daily');
    const bounces = (await functionHandler('mail/bounces')) as unknown as (event: unknown, context: unknown) => Promise<void>;
    const event = (bounceType: string) => ({
      version: '0', id: 'e', 'detail-type': 'Email Bounced', source: 'aws.ses', account: '0', time: '', region: 'eu-north-1', resources: [],
      detail: { eventType: 'Bounce', bounce: { bounceType, bouncedRecipients: [{ emailAddress: who.email!.toUpperCase() }] }, mail: {} },
    });
    // Act
    await bounces(event('Transient'), lambdaContext('mail/bounces'));
    const afterTransient = (await api.request('GET', '/v1/me/preferences', { as: who })).body.email;
    await bounces(event('Permanent'), lambdaContext('mail/bounces'));
    // Assess
    expect(afterTransient).toBe('immediate');
    expect((await api.request('GET', '/v1/me/preferences', { as: who })).body.email).toBe('off');
    expect((await api.request('GET', '/v1/me/preferences', { as: same })).body.email).toBe('off');
  });
});

describe('one-click unsubscribe', () => {
  it('a token this deployment did not make is 404', async () => {
    const res = await api.fetch('/v1/unsubscribe/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click',
    });
    expect(res.status).toBe(404);
  });

  it('takes the form mail clients send, not JSON', async () => {
    const res = await api.request('POST', '/v1/unsubscribe/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', { body: { 'List-Unsubscribe': 'One-Click' } });
    expect(res.status).toBe(415);
  });
});
