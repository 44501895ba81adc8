/**
 * HTML taken from Ahjo, made safe to show: an allow-list of structural and text tags and of a
 * few attributes, links only to http(s) and mailto, no scripts, event handlers, inline styles
 * or embedded documents. Ahjo's own class names stay (they mark the parts of a decision).
 */
import sanitizeHtml from 'sanitize-html';

const options: sanitizeHtml.IOptions = {
  allowedTags: [
    'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'div', 'span', 'br', 'hr', 'section', 'article',
    'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'blockquote', 'pre', 'strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup', 'small', 'a',
    'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption', 'colgroup', 'col',
  ],
  allowedAttributes: {
    '*': ['class', 'lang', 'title'],
    a: ['href', 'name', 'target', 'rel'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan', 'scope'],
    ol: ['start', 'type'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  allowedStyles: {},
  parseStyleAttributes: false,
  selfClosing: [...sanitizeHtml.defaults.selfClosing, 'col'],
  // Their text is not content: a script's source or a style sheet would show up as words.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'head', 'iframe', 'object', 'template'],
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: attribs.target ? { ...attribs, rel: 'noopener noreferrer' } : attribs,
    }),
  },
};

/** `html` with everything outside the allow-list removed (the text of unknown tags is kept). */
export const sanitizeAhjoHtml = (html: string): string => sanitizeHtml(html, options).trim();
