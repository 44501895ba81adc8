/**
 * zod schemas as JSON Schema 2020-12 (the dialect of OpenAPI 3.1), by zod 4's own converter.
 * Schemas named with `.meta({ id })` become `components/schemas`, referenced by `$ref`. A named
 * schema whose request form differs from its response form (defaults make a field optional in
 * one and required in the other) is published twice: `Name` for responses, `NameInput` for requests.
 */
import * as z from 'zod';

export type JsonSchema = { [key: string]: unknown };
export type Io = 'input' | 'output';

const components = '#/components/schemas/';
/** Where a named schema's ref points until every route is seen and names are settled. */
const pending = (io: Io, id: string) => `#/pending/${io}/${id}`;
const pendingRef = /^#\/pending\/(input|output)\/(.+)$/;

const int32 = 2 ** 31;

/** OpenAPI's integer formats: int32 when the bounds fit, else int64 (zod's safe-integer bounds do). */
const integerFormat = ({ jsonSchema: s }: { jsonSchema: JsonSchema }) => {
  if (s.type !== 'integer' || s.format !== undefined) return;
  const min = Number(s.minimum ?? s.exclusiveMinimum ?? -Infinity);
  const max = Number(s.maximum ?? s.exclusiveMaximum ?? Infinity);
  s.format = min >= -int32 && max < int32 ? 'int32' : 'int64';
};

/** A copy of `value` with every `$ref` string passed through `relink`. */
const mapRefs = <T>(value: T, relink: (ref: string) => string): T => {
  if (Array.isArray(value)) return value.map((v) => mapRefs(v, relink)) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' ? relink(v) : mapRefs(v, relink)]),
  ) as T;
};

const refsIn = (value: unknown, found: string[] = []): string[] => {
  if (Array.isArray(value)) value.forEach((v) => refsIn(v, found));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') found.push(v);
      else refsIn(v, found);
    }
  }
  return found;
};

/** Collects the named schemas met while converting, and names them once all are known. */
export class SchemaComponents {
  private readonly named: Record<Io, Map<string, JsonSchema>> = { input: new Map(), output: new Map() };

  /** `schema` as a request (`input`) or response (`output`), its named parts as refs. */
  convert(schema: z.core.$ZodType, io: Io): JsonSchema {
    const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any', override: integerFormat }) as JsonSchema;
    const { $schema: _dialect, $defs = {}, ...root } = json as JsonSchema & { $defs?: Record<string, JsonSchema> };
    const relink = (ref: string) => ref.replace(/^#\/\$defs\/(.+)$/, (_, id: string) => pending(io, id));
    for (const [id, def] of Object.entries($defs)) this.add(io, id, mapRefs(def, relink));
    return mapRefs(root, relink);
  }

  /** The schema itself when `json` only points at a named one (parameters need the object). */
  resolve(json: JsonSchema): JsonSchema {
    const m = typeof json.$ref === 'string' ? pendingRef.exec(json.$ref) : null;
    return m ? (this.named[m[1] as Io].get(m[2]!) ?? json) : json;
  }

  /**
   * Settles the component names: points every pending `$ref` in `document` (in place) at
   * `#/components/schemas/…` and answers the schemas to publish there.
   */
  finish(document: JsonSchema): Record<string, JsonSchema> {
    const name = this.names();
    const relink = (ref: string) => {
      const m = pendingRef.exec(ref);
      return m ? components + name(m[1] as Io, m[2]!) : ref;
    };
    Object.assign(document, mapRefs({ ...document }, relink));
    const schemas: Record<string, JsonSchema> = {};
    for (const io of ['output', 'input'] as const) {
      for (const [id, def] of this.named[io]) schemas[name(io, id)] ??= mapRefs(def, relink);
    }
    return Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b)));
  }

  private add(io: Io, id: string, def: JsonSchema) {
    if (id.startsWith('__')) throw new Error(`A recursive schema needs a name: give it .meta({ id }) (${JSON.stringify(def).slice(0, 120)})`);
    const known = this.named[io].get(id);
    if (known && JSON.stringify(known) !== JSON.stringify(def)) throw new Error(`Two different schemas are named ${id}`);
    this.named[io].set(id, def);
  }

  /** Request forms that differ from the response form, or refer to one that does, get their own name. */
  private names(): (io: Io, id: string) => string {
    const asOutput = (def: JsonSchema | undefined) => JSON.stringify(def).replaceAll('#/pending/input/', '#/pending/output/');
    const shared = [...this.named.input.keys()].filter((id) => this.named.output.has(id));
    const split = new Set(shared.filter((id) => asOutput(this.named.input.get(id)) !== asOutput(this.named.output.get(id))));
    for (let grew = true; grew;) {
      grew = false;
      for (const id of shared) {
        if (split.has(id)) continue;
        const refs = refsIn(this.named.input.get(id)).map((ref) => pendingRef.exec(ref)?.[2]);
        if (refs.some((ref) => ref !== undefined && split.has(ref))) {
          split.add(id);
          grew = true;
        }
      }
    }
    for (const id of split) {
      if (this.named.output.has(`${id}Input`)) throw new Error(`${id}Input is taken: rename one of the schemas`);
    }
    return (io, id) => (io === 'input' && split.has(id) ? `${id}Input` : id);
  }
}

/**
 * A property's `default` says what the server assumes when a request leaves it out; but code
 * generators read it as "always present" (openapi-typescript's default `defaultNonNullable`), which
 * holds for responses only. So in what request bodies refer to, an optional property's default is
 * said in its description instead, and generated clients may leave it out. Changes `document` in place.
 */
export function requestDefaultsInWords(document: JsonSchema): void {
  const named = ((document.components as JsonSchema | undefined)?.schemas ?? {}) as Record<string, JsonSchema>;
  const seen = new Set<unknown>();
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) return node.forEach(visit);
    const schema = node as JsonSchema;
    if (typeof schema.$ref === 'string' && schema.$ref.startsWith(components)) visit(named[schema.$ref.slice(components.length)]);
    const required = new Set((schema.required ?? []) as string[]);
    for (const [name, property] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>)) {
      if (required.has(name) || !('default' in property)) continue;
      property.description = [property.description, `Default: \`${JSON.stringify(property.default)}\`.`].filter(Boolean).join(' ');
      delete property.default;
    }
    Object.values(schema).forEach(visit);
  };
  for (const item of Object.values((document.paths ?? {}) as Record<string, Record<string, JsonSchema>>)) {
    for (const operation of Object.values(item)) visit((operation.requestBody as JsonSchema | undefined)?.content);
  }
}
