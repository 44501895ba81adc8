/**
 * Composing a message (pure): the resident's language (else the deployment's first required
 * one), the subject's title in it, a link built from the public base URL, plain text and
 * simple accessible HTML (a real heading, link text that says where it goes, no images),
 * and the RFC 8058 headers. ./transport.ts hands it to SES, which writes the MIME.
 */
import { settings } from '#shared/config.ts';
import type { Localized } from '#shared/schema.ts';
import { frames, kinds, mailLanguages, templates, words, type Kind, type MailLanguage } from '#shared/mail/templates.ts';

/** What a message tells of one notification (a feed item's fields). */
export interface MailNotification {
  event: string;
  title: Localized | null;
  at?: string;
  draftId?: string | null;
  decisionId?: string;
  count?: number;
  outcome?: string;
  status?: string;
  progress?: number;
  /** A moderator's reason (text), or a withdrawal's (localized). */
  reason?: string | Localized;
  closesAt?: string;
}

export interface Message {
  to: string;
  language: MailLanguage;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

/** The language a message is written in: the resident's if there are templates in it, else the first required one that has. */
export function mailLanguage(wanted: string | undefined): MailLanguage {
  const candidates = [wanted, ...settings().requiredLanguages, 'fi'];
  return candidates.find((l): l is MailLanguage => (mailLanguages as readonly string[]).includes(l ?? '')) ?? 'fi';
}

/** The title in `language`, else in a required language, else in any. */
export function titleIn(title: Localized | null, language: MailLanguage): string {
  if (!title) return frames[language].untitled;
  const order = [language, ...settings().requiredLanguages, ...Object.keys(title)];
  return order.map((l) => title[l]).find((t): t is string => !!t) ?? frames[language].untitled;
}

const fill = (text: string, values: Record<string, string>) => text.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '');

export const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** Where the message's link goes: the decision, or the draft. */
export function linkOf(n: MailNotification): string {
  const base = settings().publicBaseUrl;
  if (n.decisionId) return `${base}/v1/decisions/${encodeURIComponent(n.decisionId)}`;
  if (n.draftId) return `${base}/v1/drafts/${encodeURIComponent(n.draftId)}`;
  return base;
}

export const isKind = (event: string): event is Kind => (kinds as string[]).includes(event);

/** One notification's subject, line and link in `language`. */
export function render(n: MailNotification, language: MailLanguage): { subject: string; line: string; linkText: string; url: string } | undefined {
  if (!isKind(n.event)) return undefined;
  const t = templates[language][n.event];
  const values = {
    title: titleIn(n.title, language),
    count: String(n.count ?? 1),
    outcome: words[language][n.outcome ?? ''] ?? n.outcome ?? '',
    status: words[language][n.status ?? ''] ?? n.status ?? '',
    progress: String(Math.round(n.progress ?? 0)),
    reason: typeof n.reason === 'object' && n.reason ? titleIn(n.reason, language) : n.reason ?? '',
    closesAt: n.closesAt ? new Date(n.closesAt).toLocaleDateString(`${language}-FI`, { timeZone: 'Europe/Helsinki' }) : '',
  };
  return { subject: fill(t.subject, values), line: fill(t.line, values), linkText: fill(t.link, values), url: linkOf(n) };
}

const unsubscribeHeaders = (unsubscribeUrl: string) => ({
  'List-Unsubscribe': `<${unsubscribeUrl}>`,
  'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
});

const page = (language: MailLanguage, subject: string, body: string) =>
  `<!doctype html>\n<html lang="${language}">\n<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>\n` +
  `<body>\n${body}\n<hr>\n<p>${escapeHtml(frames[language].footer)}</p>\n</body>\n</html>\n`;

/** The message for one notification; undefined for a kind that has no template. */
export function composeOne(to: string, wanted: string | undefined, n: MailNotification, unsubscribeUrl: string): Message | undefined {
  const language = mailLanguage(wanted);
  const r = render(n, language);
  if (!r) return undefined;
  const text = `${r.subject}\n\n${r.line}\n\n${r.linkText}: ${r.url}\n\n-- \n${frames[language].footer}\n`;
  const html = page(language, r.subject,
    `<h1>${escapeHtml(r.subject)}</h1>\n<p>${escapeHtml(r.line)}</p>\n<p><a href="${escapeHtml(r.url)}">${escapeHtml(r.linkText)}</a></p>`);
  return { to, language, subject: r.subject, text, html, headers: { 'Content-Language': language, ...unsubscribeHeaders(unsubscribeUrl) } };
}

/** One message gathering many notifications (a daily or weekly digest); undefined when none has a template. */
export function composeDigest(to: string, wanted: string | undefined, frequency: 'daily' | 'weekly', items: MailNotification[], unsubscribeUrl: string): Message | undefined {
  const language = mailLanguage(wanted);
  const rendered = items.map((n) => render(n, language)).filter((r) => r !== undefined);
  if (rendered.length === 0) return undefined;
  const heading = frames[language].digestHeading[frequency];
  const subject = fill(frames[language].digestSubject, { period: heading, count: String(rendered.length) });
  const text = `${heading}\n\n${rendered.map((r) => `* ${r.subject}\n  ${r.line}\n  ${r.linkText}: ${r.url}`).join('\n\n')}\n\n-- \n${frames[language].footer}\n`;
  const html = page(language, subject, [
    `<h1>${escapeHtml(heading)}</h1>`,
    ...rendered.map((r) => `<h2>${escapeHtml(r.subject)}</h2>\n<p>${escapeHtml(r.line)}</p>\n<p><a href="${escapeHtml(r.url)}">${escapeHtml(r.linkText)}</a></p>`),
  ].join('\n'));
  return { to, language, subject, text, html, headers: { 'Content-Language': language, ...unsubscribeHeaders(unsubscribeUrl) } };
}
