/**
 * The OpenAPI document as a contract every response must keep: the operation its method and path
 * name, a status documented for that operation, a documented content type, a body valid against
 * that content's schema (JSON Schema 2020-12, by ajv) and the headers the document requires.
 * Everything checked is read from the document, so what is added there is checked here unchanged.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { toRegExp } from 'openapi-path-templating';

type Json = Record<string, any>;

/** One request and the response it got, as seen on the wire. */
export interface Exchange {
  method: string;
  /** Path and query string. */
  url: string;
  status: number;
  headers: Headers;
  body: string;
}

export interface Verdict {
  /** The operation that answered, or undefined when the document has none for this method and path (nothing to check). */
  operationId?: string;
  violations: string[];
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const registry = 'openapi.json';
const isJson = (mediaType: string) => /^application\/([\w.-]+\+)?json$/.test(mediaType);
const pointer = (...keys: string[]) => keys.map((k) => `/${k.replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');

/** The checker of `document`: call it with each exchange; it answers the violations found. */
export function contractOf(document: Json): (exchange: Exchange) => Verdict {
  const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
  // Refs point into the document (`#/components/schemas/X`); ajv sees the components as one schema's $defs.
  const relink = (value: unknown, to: string): any =>
    JSON.parse(JSON.stringify(value).replaceAll('"#/components/schemas/', `"${to}#/$defs/`));
  ajv.addSchema({ $id: registry, $defs: relink(document.components?.schemas ?? {}, '') });
  const compiled = new Map<string, ValidateFunction>();
  const validatorAt = (at: string, schema: Json): ValidateFunction => {
    let validate = compiled.get(at);
    if (!validate) compiled.set(at, (validate = ajv.compile(relink(schema, registry))));
    return validate;
  };
  const resolve = (node: Json): Json => {
    const ref = typeof node.$ref === 'string' ? /^#\/components\/(\w+)\/(.+)$/.exec(node.$ref) : null;
    return ref ? resolve(document.components[ref[1]!][ref[2]!]) : node;
  };

  // Concrete paths before templated ones, as OpenAPI matches them.
  const templates = Object.keys(document.paths ?? {})
    .sort((a, b) => Number(a.includes('{')) - Number(b.includes('{')))
    .map((template) => ({ template, pattern: toRegExp(template) }));

  return (x: Exchange): Verdict => {
    const path = x.url.split('?')[0]!;
    const template = templates.find((t) => t.pattern.test(path))?.template;
    const method = x.method.toLowerCase() === 'head' ? 'get' : x.method.toLowerCase();
    const operation: Json | undefined = template ? document.paths[template][method] : undefined;
    if (!template || !operation) return { violations: [] };

    const where = `${x.method} ${x.url} → ${x.status} (${operation.operationId})`;
    const status = String(x.status);
    const key = [status, `${status[0]}XX`, 'default'].find((k) => operation.responses?.[k]);
    if (!key) return { operationId: operation.operationId, violations: [`${where}: status ${status} is not documented`] };
    const at = pointer('paths', template, method, 'responses', key);
    const response = resolve(operation.responses[key]);
    const violations: string[] = [];

    for (const [name, spec] of Object.entries((response.headers ?? {}) as Record<string, Json>)) {
      const header = resolve(spec);
      const value = x.headers.get(name);
      if (value === null) {
        if (header.required) violations.push(`${where}: header ${name} is required but missing`);
        continue;
      }
      if (!header.schema) continue;
      const validate = validatorAt(`${at}${pointer('headers', name)}`, resolve(header.schema));
      const typed = /^-?\d+(\.\d+)?$/.test(value) && ['integer', 'number'].includes(resolve(header.schema).type) ? Number(value) : value;
      if (!validate(typed)) violations.push(`${where}: header ${name}: ${JSON.stringify(value)} ${ajv.errorsText(validate.errors)}`);
    }

    const contentType = x.headers.get('content-type');
    const mediaType = contentType?.split(';')[0]!.trim().toLowerCase();
    const bodiless = x.method.toUpperCase() === 'HEAD' || x.status === 204 || x.status === 304;
    const content = response.content as Record<string, Json> | undefined;
    if (!content) {
      if (x.body.length > 0) violations.push(`${where}: a body (${contentType}) where the document has none`);
      return { operationId: operation.operationId, violations };
    }
    const documented = Object.keys(content).find((type) => type === mediaType);
    if (!documented) {
      violations.push(`${where}: content type ${contentType ?? '(none)'} is not documented (${Object.keys(content).join(', ')})`);
      return { operationId: operation.operationId, violations };
    }
    if (bodiless) return { operationId: operation.operationId, violations };
    const schema = content[documented]!.schema as Json | undefined;
    if (!schema) return { operationId: operation.operationId, violations };
    let value: unknown = x.body;
    if (isJson(documented)) {
      try {
        value = JSON.parse(x.body);
      } catch {
        violations.push(`${where}: the body is not JSON: ${x.body.slice(0, 200)}`);
        return { operationId: operation.operationId, violations };
      }
    }
    const validate = validatorAt(`${at}${pointer('content', documented, 'schema')}`, schema);
    if (!validate(value)) {
      violations.push(`${where}: the body breaks the schema: ${ajv.errorsText(validate.errors, { separator: '; ' })} in ${x.body.slice(0, 300)}`);
    }
    return { operationId: operation.operationId, violations };
  };
}
