/** Messages as residents read them: every template in every language, the language chosen, the RFC 8058 headers. */
import { describe, expect, it } from 'vitest';
import { composeDigest, composeOne, mailLanguage, type MailNotification } from '#shared/mail/compose.ts';
import { frames, kinds, mailLanguages, templates } from '#shared/mail/templates.ts';
import { addressesToTurnOff } from '#shared/mail/bounces.ts';
import { runOf } from '#shared/mail/digest.ts';
import { subOfToken, unsubscribeToken } from '#shared/mail/unsubscribe.ts';
import { sealCursor } from '#shared/http/cursor.ts';

const title = { fi: 'Puistosuunnitelma', sv: 'Parkplan', en: 'Park plan' };
const sample = (event: string): MailNotification => ({
  event, title, draftId: '01JDRAFT0000000000000000AA', decisionId: event.startsWith('Decision') || event.startsWith('Implementation') ? '01JDECISION000000000000000' : undefined,
  count: 3, outcome: 'approved', status: 'in_progress', progress: 40, reason: 'Mainos', closesAt: '2026-12-15T10:00:00.000Z',
});
const unsubscribe = 'https://osallistu.example.fi/v1/unsubscribe/TOKEN';

describe('templates', () => {
  it.each(mailLanguages.flatMap((lang) => kinds.map((kind) => [lang, kind] as const)))('%s %s: subject, text and HTML name the title and link to it', (lang, kind) => {
    // Act
    const m = composeOne('a@example.fi', lang, sample(kind), unsubscribe)!;
    // Assess
    expect(m.language).toBe(lang);
    expect(m.subject).toContain(title[lang]);
    expect(m.subject).not.toMatch(/[{}]/);
    expect(m.text).not.toMatch(/\{\w+\}/);
    expect(m.html).toMatch(new RegExp(`^<!doctype html>\\n<html lang="${lang}">`));
    expect(m.html).toContain('<h1>');
    expect(m.html).not.toContain('<img');
    const link = /<a href="([^"]+)">([^<]+)<\/a>/.exec(m.html);
    expect(link![1]).toMatch(/^http.*\/v1\/(drafts|decisions)\/01J/);
    expect(link![2]).toContain(title[lang]);
    expect(m.text).toContain(link![1]);
    expect(m.text).toContain(frames[lang].footer);
  });

  it('every kind has every language', () => {
    for (const lang of mailLanguages) expect(Object.keys(templates[lang]).sort()).toEqual([...kinds].sort());
  });

  it('name outcomes and statuses in the message\'s language', () => {
    expect(composeOne('a@example.fi', 'sv', sample('DecisionRecorded'), unsubscribe)!.text).toContain('godkänt');
    expect(composeOne('a@example.fi', 'fi', sample('ImplementationUpdated'), unsubscribe)!.text).toContain('käynnissä, 40 %');
  });

  it('give a withdrawal\'s reason in the message\'s language, and a new closing date as people write dates', () => {
    const withdrawn = composeOne('a@example.fi', 'sv', { ...sample('DraftWithdrawn'), reason: { fi: 'Hanke lopetettiin', sv: 'Projektet avslutades' } }, unsubscribe)!;
    expect(withdrawn.text).toContain('Orsak: Projektet avslutades');
    expect(composeOne('a@example.fi', 'fi', sample('DraftExtended'), unsubscribe)!.text).toContain('15.12.2026 asti');
  });

  it('escape what comes from outside in HTML', () => {
    const m = composeOne('a@example.fi', 'en', { ...sample('DraftClosed'), title: { en: '<script>x</script> & co' } }, unsubscribe)!;
    expect(m.html).not.toContain('<script>');
    expect(m.html).toContain('&lt;script&gt;x&lt;/script&gt; &amp; co');
  });
});

describe('the message\'s language', () => {
  it('is the resident\'s, else the first required language', () => {
    expect(mailLanguage('sv')).toBe('sv');
    expect(mailLanguage('se')).toBe('fi');
    expect(mailLanguage(undefined)).toBe('fi');
  });

  it('uses the title in that language, else one the subject has', () => {
    const m = composeOne('a@example.fi', 'sv', { ...sample('DraftClosed'), title: { fi: 'Vain suomeksi' } }, unsubscribe)!;
    expect(m.subject).toBe('Kommenteringen har slutat: Vain suomeksi');
  });
});

describe('headers', () => {
  it('carry one-click unsubscribe (RFC 8058) and the language', () => {
    const m = composeOne('a@example.fi', 'fi', sample('DraftClosed'), unsubscribe)!;
    expect(m.headers).toEqual({ 'Content-Language': 'fi', 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
  });
});

describe('digests', () => {
  it('gather everything into one message that counts it', () => {
    const m = composeDigest('a@example.fi', 'sv', 'weekly', [sample('DraftClosed'), sample('CommentActivity'), { event: 'Unknown', title: null }], unsubscribe)!;
    expect(m.subject).toBe('Veckans sammandrag: 2 nyheter i ärenden du följer');
    expect(m.html.match(/<h2>/g)).toHaveLength(2);
    expect(composeDigest('a@example.fi', 'sv', 'daily', [{ event: 'Unknown', title: null }], unsubscribe)).toBeUndefined();
  });

  it('run once a day or once an ISO week', () => {
    expect(runOf('daily', new Date('2026-11-29T23:59:00Z'))).toBe('daily:2026-11-29');
    expect(runOf('weekly', new Date('2026-11-29T12:00:00Z'))).toBe('weekly:2026-W48');
    expect(runOf('weekly', new Date('2026-11-30T12:00:00Z'))).toBe('weekly:2026-W49');
    expect(runOf('weekly', new Date('2027-01-01T12:00:00Z'))).toBe('weekly:2026-W53');
  });
});

describe('unsubscribe tokens', () => {
  it('name one person and open nothing else', async () => {
    const token = await unsubscribeToken('resident-1');
    expect(await subOfToken(token)).toBe('resident-1');
    expect(await subOfToken(`${token.slice(0, -2)}AA`)).toBeUndefined();
    expect(await subOfToken((await sealCursor({ pk: 'resident-1' }, 'unsubscribe'))!)).toBeUndefined();
  });
});

describe('SES feedback', () => {
  it('a permanent bounce or a complaint turns its addresses off; a transient bounce does not', () => {
    expect(addressesToTurnOff({ bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: 'a@x.fi' }, { emailAddress: 'a@x.fi' }] } })).toEqual(['a@x.fi']);
    expect(addressesToTurnOff({ bounce: { bounceType: 'Transient', bouncedRecipients: [{ emailAddress: 'a@x.fi' }] } })).toEqual([]);
    expect(addressesToTurnOff({ complaint: { complainedRecipients: [{ emailAddress: 'b@x.fi' }] } })).toEqual(['b@x.fi']);
  });
});
