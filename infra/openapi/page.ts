/**
 * The API reference as one self-contained HTML page, rendered from the OpenAPI document: every
 * operation with who may call it, its parameters, body and responses, then the named schemas.
 * No scripts, fonts or styles from elsewhere, so it works offline; every text is escaped.
 */
type Json = { [key: string]: unknown };

const esc = (text: unknown): string =>
  String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The little Markdown the document's descriptions use: `code`, **bold**, paragraphs and pipe tables. */
const inline = (text: string): string =>
  esc(text).replace(/`([^`]+)`/g, '<code>$1</code>').replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');

const markdown = (text: unknown): string =>
  String(text ?? '').split(/\n\s*\n/).filter((block) => block.trim()).map((block) => {
    const lines = block.trim().split('\n');
    if (!lines.every((l) => l.trim().startsWith('|'))) return `<p>${inline(block.trim())}</p>`;
    const cells = (l: string) => l.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim());
    const [head, , ...rows] = lines;
    return `<table><tr>${cells(head!).map((c) => `<th>${inline(c)}</th>`).join('')}</tr>${rows
      .map((r) => `<tr>${cells(r).map((c) => `<td>${inline(c)}</td>`).join('')}</tr>`).join('')}</table>`;
  }).join('\n');

const refName = (ref: unknown): string | undefined =>
  typeof ref === 'string' ? /^#\/components\/\w+\/(.+)$/.exec(ref)?.[1] : undefined;

const schemaLink = (name: string) => `<a href="#schema-${esc(name)}">${esc(name)}</a>`;

const range = (min: unknown, max: unknown, unit = ''): string | undefined => {
  if (min === undefined && max === undefined) return undefined;
  if (min === max) return `${min}${unit}`;
  if (min === undefined) return `≤ ${max}${unit}`;
  if (max === undefined) return `≥ ${min}${unit}`;
  return `${min}–${max}${unit}`;
};

/** The limits a schema states, in words. */
const limits = (s: Json): string[] => [
  s.format ? `format ${s.format}` : undefined,
  range(s.minLength, s.maxLength, ' chars'),
  range(s.minimum, s.maximum),
  range(s.minItems, s.maxItems, ' items'),
  s.pattern && !s.format ? `pattern ${s.pattern}` : undefined,
  s.default !== undefined ? `default ${JSON.stringify(s.default)}` : undefined,
].filter((w): w is string => w !== undefined);

/** A schema's type in one line: refs become links to the schema section. */
const typeOf = (s: Json | undefined): string => {
  if (!s) return 'any';
  const name = refName(s.$ref);
  if (name) return schemaLink(name);
  const union = (s.anyOf ?? s.oneOf) as Json[] | undefined;
  if (union) return union.map(typeOf).join(' | ');
  if (s.const !== undefined) return `<code>${esc(JSON.stringify(s.const))}</code>`;
  if (Array.isArray(s.enum)) return s.enum.map((v) => `<code>${esc(JSON.stringify(v))}</code>`).join(' | ');
  const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string | undefined];
  const base = types.map((t) => {
    if (t === 'array') return `array of ${typeOf(s.items as Json)}`;
    if (t === 'object' && !s.properties && s.additionalProperties && typeof s.additionalProperties === 'object') {
      return `map of ${typeOf(s.additionalProperties as Json)}`;
    }
    return esc(t ?? 'any');
  }).join(' | ');
  const words = limits(s);
  return words.length > 0 ? `${base} <span class="limits">(${esc(words.join(', '))})</span>` : base;
};

/** Nested, unnamed objects shown under their property. */
const inner = (s: Json | undefined): Json | undefined => {
  if (!s) return undefined;
  if (s.properties) return s;
  if (s.items && typeof s.items === 'object') return inner(s.items as Json);
  const union = (s.anyOf ?? s.oneOf) as Json[] | undefined;
  return union?.map(inner).find(Boolean);
};

const propertiesTable = (s: Json): string => {
  const properties = (s.properties ?? {}) as Record<string, Json>;
  const required = new Set((s.required ?? []) as string[]);
  const rows = Object.entries(properties).map(([name, p]) => {
    const nested = inner(p);
    return `<tr><td><code>${esc(name)}</code>${required.has(name) ? ' <span class="req">required</span>' : ''}</td>`
      + `<td>${typeOf(p)}${nested ? propertiesTable(nested) : ''}</td><td>${inline(String(p.description ?? ''))}</td></tr>`;
  });
  return rows.length ? `<table class="props"><tr><th>Field</th><th>Type</th><th>About</th></tr>${rows.join('')}</table>` : '';
};

/** A schema's type, and its fields: those of the named schema it points at, too. */
const schemaBlock = (s: Json | undefined, components: Json = {}): string => {
  if (!s) return '';
  const name = refName(s.$ref);
  const target = name ? ((components.schemas ?? {}) as Record<string, Json>)[name] : s;
  return `<div>${typeOf(s)}</div>${target?.properties ? propertiesTable(target) : ''}`;
};

const parametersTable = (parameters: Json[], components: Json): string => {
  if (parameters.length === 0) return '';
  const rows = parameters.map((p) => {
    const name = refName(p.$ref);
    const resolved = name ? ((components.parameters as Record<string, Json>)[name] ?? p) : p;
    return `<tr><td><code>${esc(resolved.name)}</code>${resolved.required ? ' <span class="req">required</span>' : ''}</td>`
      + `<td>${esc(resolved.in)}</td><td>${typeOf(resolved.schema as Json)}</td><td>${inline(String(resolved.description ?? ''))}</td></tr>`;
  });
  return `<h4>Parameters</h4><table><tr><th>Name</th><th>In</th><th>Type</th><th>About</th></tr>${rows.join('')}</table>`;
};

const responsesTable = (responses: Record<string, Json>): string => {
  const rows = Object.entries(responses).map(([status, r]) => {
    const content = Object.entries((r.content ?? {}) as Record<string, Json>)
      .map(([type, media]) => `<div><code>${esc(type)}</code> ${media.schema ? typeOf(media.schema as Json) : ''}</div>`).join('');
    const headers = Object.keys((r.headers ?? {}) as Json).map((h) => `<code>${esc(h)}</code>`).join(' ');
    return `<tr class="s${esc(status[0])}"><td>${esc(status)}</td><td>${inline(String(r.description ?? ''))}</td><td>${content}</td><td>${headers}</td></tr>`;
  });
  return `<h4>Responses</h4><table><tr><th>Status</th><th>Meaning</th><th>Body</th><th>Headers</th></tr>${rows.join('')}</table>`;
};

const operationSection = (method: string, path: string, op: Json, components: Json): string => {
  const body = op.requestBody as Json | undefined;
  const bodyContent = body ? Object.entries(body.content as Record<string, Json>) : [];
  return `<section class="op" id="${esc(op.operationId)}">
<h3><span class="method ${esc(method)}">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></h3>
<p class="summary">${inline(String(op.summary ?? ''))} <span class="opid">${esc(op.operationId)}</span></p>
${markdown(op.description)}
${parametersTable((op.parameters ?? []) as Json[], components)}
${body ? `<h4>Body${body.required ? '' : ' (optional)'}</h4><p>${inline(String(body.description ?? ''))}</p>${bodyContent
    .map(([type, media]) => `<div><code>${esc(type)}</code></div>${schemaBlock(media.schema as Json, components)}`).join('')}` : ''}
${responsesTable(op.responses as Record<string, Json>)}
</section>`;
};

const style = `body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:72rem;padding:1rem 2rem;color:#1b1b1b}
code{font:13px ui-monospace,monospace;background:#f3f3f3;padding:0 .2em}table{border-collapse:collapse;margin:.5rem 0;width:100%}
th,td{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}th{background:#fafafa}
table.props table.props{margin:.25rem 0 0;font-size:95%}.op{border-top:2px solid #e5e5e5;padding-top:.5rem;margin-top:1.5rem}
.method{display:inline-block;min-width:4.5em;color:#fff;border-radius:3px;padding:0 .4em;text-align:center;font-size:14px}
.get{background:#2f6f9f}.post{background:#2e7d32}.put{background:#8a5a00}.patch{background:#6a4c93}.delete{background:#b3261e}
.req{color:#b3261e;font-size:12px}.limits,.opid{color:#666;font-size:13px}.s4 td:first-child,.s5 td:first-child{color:#b3261e}
nav ul{columns:2}`;

/** The page of `document` (an OpenAPI 3.1 document as `openApiDocument` builds it). */
export function renderDocsPage(document: Json): string {
  const info = document.info as Json;
  const components = (document.components ?? {}) as Json;
  const paths = document.paths as Record<string, Record<string, Json>>;
  const operations = Object.entries(paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ path, method, op, tag: ((op.tags ?? []) as string[])[0] ?? '' })));
  const tags = ((document.tags ?? []) as Json[]).map((t) => String(t.name));
  const schemes = Object.entries((components.securitySchemes ?? {}) as Record<string, Json>);
  const schemas = Object.entries((components.schemas ?? {}) as Record<string, Json>);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(info.title)} ${esc(info.version)}</title><style>${style}</style></head>
<body>
<h1>${esc(info.title)} <small>${esc(info.version)}</small></h1>
<p><a href="/openapi.json">openapi.json</a> · OpenAPI ${esc(document.openapi)}</p>
${markdown(info.description)}
<h2>Servers</h2><ul>${((document.servers ?? []) as Json[]).map((s) => `<li><code>${esc(s.url)}</code> — ${inline(String(s.description ?? ''))}</li>`).join('')}</ul>
<h2>Authentication</h2>${schemes.map(([name, s]) => `<p><code>${esc(name)}</code> (${esc(s.scheme ?? s.type)} ${esc(s.bearerFormat ?? '')}): ${inline(String(s.description ?? ''))}</p>`).join('')}
<h2>Operations</h2>
<nav>${tags.map((tag) => `<h3>${esc(tag)}</h3><ul>${operations.filter((o) => o.tag === tag)
    .map((o) => `<li><a href="#${esc(o.op.operationId)}">${esc(o.method.toUpperCase())} ${esc(o.path)}</a> — ${inline(String(o.op.summary ?? ''))}</li>`).join('')}</ul>`).join('')}</nav>
${tags.map((tag) => `<h2>${esc(tag)}</h2>${operations.filter((o) => o.tag === tag).map((o) => operationSection(o.method, o.path, o.op, components)).join('\n')}`).join('\n')}
<h2>Schemas</h2>
${schemas.map(([name, s]) => `<section class="op" id="schema-${esc(name)}"><h3>${esc(name)}</h3>${markdown(s.description)}${schemaBlock(s)}</section>`).join('\n')}
</body></html>
`;
}
