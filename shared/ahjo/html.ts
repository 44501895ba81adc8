/**
 * Reading facts out of Ahjo's document HTML: its language, its title, its case number.
 * Only reading, from the HTML as it came; what is stored is sanitised (sanitize.ts).
 */

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', shy: '' };

export const decodeEntities = (text: string): string =>
  text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '';
    }
    return entities[name.toLowerCase()] ?? whole;
  });

/** Text without tags or runs of white space. */
export const plainText = (html: string): string =>
  decodeEntities(html.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();

/** `<html lang="fi">` -> `fi`. */
export const htmlLanguage = (html: string): string | undefined => /<html\b[^>]*\blang\s*=\s*["']?([A-Za-z]{2,3})/i.exec(html)?.[1]?.toLowerCase();

/** The document's `<title>`. */
export const htmlTitle = (html: string): string | undefined => {
  const title = /<title\b[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1];
  const text = title === undefined ? '' : plainText(title);
  return text === '' ? undefined : text;
};

/** A case number as Ahjo labels it (`HEL 2020-000657`, `HEL 2020-000657 T 12 03 00`) -> `HEL-2020-000657`. */
export const caseIdFrom = (label: unknown): string | undefined => {
  if (typeof label !== 'string') return undefined;
  const m = /\b([A-Z]{2,5})[\s-]+(\d{4})-(\d{3,7})\b/.exec(label);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
};

/** The case number in the document's register line (`<div class="DnroTmuoto">HEL 2020-000657 …</div>`). */
export const htmlCaseId = (html: string): string | undefined => {
  const line = /class\s*=\s*["']?DnroTmuoto["']?[^>]*>([^<]*)</i.exec(html)?.[1];
  return line === undefined ? undefined : caseIdFrom(decodeEntities(line));
};
