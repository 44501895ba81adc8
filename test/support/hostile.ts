/**
 * Hostile requests, generated with fast-check from a route's valid sample: bodies with wrong
 * types, unknown and prototype-polluting keys, oversize strings and arrays, deep nesting,
 * huge numbers, non-JSON text, wrong media types; and hostile path and query values.
 */
import fc from 'fast-check';

export interface HostileBody {
  /** What kind of hostility, for the failure message. */
  kind: string;
  /** The raw body; `undefined` sends none. */
  body: string | Buffer | undefined;
  /** `undefined` sends no Content-Type header. */
  contentType: string | undefined;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

const json = 'application/json';

/** Every path into `value` (not the root itself). */
const pathsOf = (value: unknown, path: Path = []): Path[] => {
  if (Array.isArray(value)) return value.flatMap((v, i) => [[...path, i], ...pathsOf(v, [...path, i])]);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [[...path, k], ...pathsOf(v, [...path, k])]);
  return [];
};

const objectPaths = (value: unknown): Path[] =>
  [[], ...pathsOf(value)].filter((p) => {
    const v = at(value, p);
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  });

const at = (value: unknown, path: Path): unknown => path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)?.[k], value);

/** A copy of `value` with `path` set to `replacement`, as an own property even for `__proto__`. */
const setAt = (value: unknown, path: Path, replacement: unknown): unknown => {
  if (path.length === 0) return replacement;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  const parent = at(copy, path.slice(0, -1)) as Record<string | number, unknown>;
  Object.defineProperty(parent, path[path.length - 1]!, { value: replacement, enumerable: true, writable: true, configurable: true });
  return copy;
};

const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

const ofType: Record<string, fc.Arbitrary<Json>> = {
  string: fc.string({ maxLength: 30 }),
  number: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })),
  boolean: fc.boolean(),
  null: fc.constant(null),
  array: fc.array(fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>, { maxLength: 4 }),
  object: fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>, { maxKeys: 4 }),
};

const wrongTypeFor = (v: unknown) => fc.oneof(...Object.entries(ofType).filter(([t]) => t !== typeOf(v)).map(([, a]) => a));

/** Raw JSON literals spliced into the text: numbers JSON.stringify cannot write. */
const hugeNumbers = fc.constantFrom('1e999', '-1e999', '1e-999', '123456789012345678901234567890123456789', '9007199254740993', '-0', '1.7976931348623157e309', '0.1e1', '5e0');

const pollutingKeys = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__');
const oddKeys = fc.oneof(pollutingKeys, fc.constantFrom('pk', 'sk', 'id', 'version', 'type', 'isAdmin', '$where', '', ' ', 'a.b', '\u0000'), fc.string({ minLength: 1, maxLength: 12 }));

const deep = (depth: number, kind: 'array' | 'object') =>
  kind === 'array' ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

const longString = fc.tuple(fc.integer({ min: 5_001, max: 70_000 }), fc.constantFrom('x', 'ä', '😀', '\u0000', '"', '\\'))
  .map(([n, ch]) => ch.repeat(Math.ceil(n / ch.length)));

/** Replaces the placeholder string `"\u0001RAW\u0001"` by `raw` in the JSON text. */
const RAW = '\u0001RAW\u0001';
const withRaw = (value: unknown, raw: string) => JSON.stringify(value).replace(JSON.stringify(RAW), raw);

/** Hostile bodies for a route whose valid body is `sample`. */
export function hostileBodies(sample: unknown): fc.Arbitrary<HostileBody> {
  const text = JSON.stringify(sample);
  const paths = pathsOf(sample);
  const anyPath = paths.length > 0 ? fc.constantFrom(...paths) : fc.constant([] as Path);
  const objects = fc.constantFrom(...objectPaths(sample));
  const asJson = (kind: string) => (body: string): HostileBody => ({ kind, body, contentType: json });

  const strategies: fc.Arbitrary<HostileBody>[] = [
    anyPath.chain((p) => wrongTypeFor(at(sample, p)).map((v) => setAt(sample, p, v)))
      .map((b) => asJson('wrong type')(JSON.stringify(b))),
    fc.tuple(objects, oddKeys, fc.jsonValue({ maxDepth: 2 }))
      .map(([p, k, v]) => asJson('unknown field')(JSON.stringify(setAt(sample, [...p, k], v)))),
    fc.tuple(objects, pollutingKeys, fc.constantFrom<Json>({ polluted: true }, { prototype: { polluted: true } }, 'polluted', [1]))
      .map(([p, k, v]) => asJson('prototype pollution')(JSON.stringify(setAt(sample, [...p, k], v)))),
    fc.tuple(anyPath, longString).map(([p, s]) => asJson('oversize string')(JSON.stringify(setAt(sample, p, s)))),
    fc.tuple(anyPath, fc.integer({ min: 51, max: 3_000 }), fc.jsonValue({ maxDepth: 1 }))
      .map(([p, n, v]) => {
        const current = at(sample, p);
        const element = Array.isArray(current) ? (current[0] ?? v) : current;
        return asJson('oversize array')(JSON.stringify(setAt(sample, p, Array.from({ length: n }, () => element))));
      }),
    fc.tuple(fc.constantFrom(...paths, []), fc.integer({ min: 20, max: 6_000 }), fc.constantFrom('array' as const, 'object' as const))
      .map(([p, d, k]) => asJson('deep nesting')(withRaw(setAt(sample, p, RAW), deep(d, k)))),
    fc.tuple(anyPath, hugeNumbers).map(([p, n]) => asJson('huge number')(withRaw(setAt(sample, p, RAW), n))),
    fc.oneof(
      fc.string({ maxLength: 200 }).filter((s) => !parses(s)),
      fc.integer({ min: 1, max: Math.max(1, text.length - 1) }).map((n) => text.slice(0, n)),
      fc.constantFrom(`${text},`, `${text}}`, `\uFEFF${text}`, text.replace(/"/g, "'"), 'NaN', 'undefined', '{a:1}', `[${text}`, `${text}\u0000`),
    ).filter((s) => !parses(s)).map((s) => asJson('not JSON')(s)),
    fc.constantFrom('[]', '""', '"body"', '0', '-1', 'null', 'true', 'false', `[${text}]`, '{}').map((s) => asJson('wrong root')(s)),
    fc.constantFrom('text/plain', 'text/json', 'application/jsonp', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'json', 'application/octet-stream', '')
      .map((contentType): HostileBody => ({ kind: 'wrong content type', body: text, contentType })),
    fc.constant<HostileBody>({ kind: 'no content type', body: Buffer.from(text), contentType: undefined }),
    fc.constantFrom<HostileBody>(
      { kind: 'empty body', body: '', contentType: json },
      { kind: 'empty body', body: undefined, contentType: json },
      { kind: 'empty body', body: undefined, contentType: undefined },
      { kind: 'whitespace body', body: '   \n', contentType: json },
    ),
    fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes): HostileBody => ({
      kind: 'invalid UTF-8', body: Buffer.concat([Buffer.from(text.slice(0, -1)), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(bytes), Buffer.from('}')]), contentType: json,
    })),
  ];
  return fc.oneof(...strategies);
}

const parses = (s: string): boolean => {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
};

/** What a JSON-parsing server would see of the body, or `undefined` when it cannot be JSON at all. */
export const parsedBody = (h: HostileBody): { value: unknown } | undefined => {
  if (h.contentType === undefined || !/^application\/json\s*(;.*)?$/i.test(h.contentType)) return undefined;
  if (h.body === undefined || h.body.length === 0) return { value: undefined };
  const bytes = Buffer.isBuffer(h.body) ? h.body : Buffer.from(h.body);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (!Buffer.from(text).equals(bytes)) return undefined;
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
};

/** Hostile path segments, already as they go on the wire (encoded, or deliberately malformed). */
export const hostileSegment: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }).map(encodeURIComponent),
  fc.string({ unit: 'binary-ascii', maxLength: 40 }).map(encodeURIComponent),
  fc.constantFrom(
    '%', '%zz', '%E0%A4%A', '%C0%AF', '%00', '%2F', '%5C', '%0A', '%20', 'null', 'undefined', '__proto__', 'constructor',
    '0', '-1', '1e999', '%27%20OR%201%3D1%20--', '%3Cscript%3E', 'DRAFT', 'DRAFT%23x', 'x'.repeat(2000),
    '01j00000000000000000000000', '01J000000000000000000000000', '01J0000000000000000000000I', '01J0000000000000000000000U',
    '%24%7Bjndi%3Aldap%3A%2F%2Fx%7D', '*', '~', '%F0%9F%92%A5', '%EF%BF%BF', '%ED%A0%80',
  ),
).filter((s) => s !== '.' && s !== '..' && !/%2e/i.test(s));

/** Hostile query values. */
export const hostileQueryValue: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.integer().map(String),
  fc.double().map(String),
  fc.constantFrom(
    '', ' ', '-1', '0', '101', '1e999', 'NaN', 'Infinity', '-Infinity', '9'.repeat(400), '0x10', '1.5', 'null', 'true', '[]', '{}',
    '__proto__', '%', 'x'.repeat(3000), 'newest,oldest', '\u0000', 'open\nclosed', 'A'.repeat(52),
  ),
);
