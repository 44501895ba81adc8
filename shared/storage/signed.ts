/**
 * Object storage without the S3 client: AWS Signature Version 4 computed here with
 * node:crypto, for presigned links and the few plain requests (HEAD, a ranged GET, DELETE)
 * that attachments need. The S3 client would add some 160 KB to every function that hands
 * out a link; this adds a few. Same bucket, endpoint and credentials as `objects.ts`:
 * S3 in AWS (the function role's credentials from the environment), the local
 * S3-compatible server when S3_ENDPOINT is set. The signing serves other services' APIs
 * too (`aws-json.ts`).
 */
import { createHash, createHmac } from 'node:crypto';

/** The bucket: BUCKET_NAME, set per deployment, per test file, or by the local runtime. */
export const bucketName = (): string => {
  const name = process.env.BUCKET_NAME;
  if (!name) throw new Error('BUCKET_NAME is not set');
  return name;
};

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** The local server's fixed credentials; in AWS, the function role's from the environment. */
export const localCredentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** The function role's credentials, as Lambda puts them in the environment (session token included). */
export const environmentCredentials = (): Credentials => {
  const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_SESSION_TOKEN: sessionToken } = process.env;
  if (!accessKeyId || !secretAccessKey) throw new Error('No AWS credentials in the environment');
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
};

const credentials = (): Credentials => (process.env.S3_ENDPOINT ? localCredentials : environmentCredentials());

export const region = (): string => process.env.AWS_REGION ?? 'eu-north-1';

/** RFC 3986 encoding, as SigV4 wants it. */
const encode = (s: string): string => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** The object's URL: path-style on the local server, virtual-hosted on S3. */
export const objectUrl = (key: string): URL => {
  const path = key.split('/').map(encode).join('/');
  const endpoint = process.env.S3_ENDPOINT;
  return new URL(endpoint ? `${endpoint.replace(/\/$/, '')}/${bucketName()}/${path}` : `https://${bucketName()}.s3.${region()}.amazonaws.com/${path}`);
};

const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');
const hmac = (key: string | Buffer, s: string): Buffer => createHmac('sha256', key).update(s, 'utf8').digest();
const emptyHash = sha256('');

const stamp = (at: Date) => {
  const amzDate = at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  return { amzDate, date: amzDate.slice(0, 8) };
};

interface Signing {
  method: string;
  url: URL;
  /** Lower-case names; `host` is added. */
  headers: Record<string, string>;
  query: Record<string, string>;
  payloadHash: string;
  at: Date;
  creds: Credentials;
  region: string;
  /** The signing name: `s3` unless given (e.g. `cognito-idp`). */
  service?: string;
}

/**
 * SigV4 as AWS's own examples compute it, for S3 by default. The path is taken as it is
 * (no double encoding, as S3 wants); the JSON APIs of other services post to `/`, where
 * single and double encoding agree.
 */
export function signature(s: Signing): { signedHeaders: string; signature: string; scope: string } {
  const { amzDate, date } = stamp(s.at);
  const service = s.service ?? 's3';
  const scope = `${date}/${s.region}/${service}/aws4_request`;
  const headers = { ...s.headers, host: s.url.host };
  const names = Object.keys(headers).sort();
  const signedHeaders = names.join(';');
  const canonicalQuery = Object.entries(s.query).map(([k, v]) => [encode(k), encode(v)]).sort(([a], [b]) => (a! < b! ? -1 : a! > b! ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`).join('&');
  const canonical = [
    s.method, s.url.pathname, canonicalQuery,
    names.map((n) => `${n}:${String(headers[n as keyof typeof headers]).trim()}\n`).join(''),
    signedHeaders, s.payloadHash,
  ].join('\n');
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${s.creds.secretAccessKey}`, date), s.region), service), 'aws4_request');
  return { signedHeaders, signature: createHmac('sha256', key).update(toSign, 'utf8').digest('hex'), scope };
}

/**
 * A link that lets its holder `method` the object without credentials until `at + seconds`.
 * `headers` (e.g. the content type of an upload) are signed in: the request must send them.
 */
export const presignedUrl = (method: 'GET' | 'PUT', key: string, seconds: number, headers: Record<string, string> = {}, at = new Date()): string =>
  presign({ method, url: objectUrl(key), seconds, headers, at, creds: credentials(), region: region() });

/** `presignedUrl` with everything given: the URL, the time, the credentials, the region. */
export function presign(p: { method: string; url: URL; seconds: number; headers: Record<string, string>; at: Date; creds: Credentials; region: string }): string {
  const { method, url, seconds, headers, at, creds } = p;
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const { date, amzDate } = stamp(at);
  const query: Record<string, string> = {
    'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    'X-Amz-Credential': `${creds.accessKeyId}/${date}/${p.region}/s3/aws4_request`,
    'X-Amz-Date': amzDate,
    'X-Amz-Expires': String(seconds),
    'X-Amz-SignedHeaders': [...Object.keys(lower), 'host'].sort().join(';'),
    ...(creds.sessionToken ? { 'X-Amz-Security-Token': creds.sessionToken } : {}),
  };
  const signed = signature({ method, url, headers: lower, query, payloadHash: 'UNSIGNED-PAYLOAD', at, creds, region: p.region });
  const search = Object.entries({ ...query, 'X-Amz-Signature': signed.signature }).map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');
  return `${url.origin}${url.pathname}?${search}`;
}

/** Ten minutes: a link made within the same slot is the same link, so a cached page stays the same. */
const slotMs = 10 * 60 * 1000;

/** A download link valid for at least an hour, the same for everyone who asks within ten minutes. */
export const downloadUrl = (key: string, now = new Date()): string =>
  presignedUrl('GET', key, 3600 + slotMs / 1000, {}, new Date(Math.floor(now.getTime() / slotMs) * slotMs));

/**
 * `s.headers` signed for header authentication: with `x-amz-content-sha256`, `x-amz-date`,
 * the session token when the credentials have one, and `authorization` added, as the SDK's
 * signer adds them; send exactly these.
 */
export function authorized(s: Signing): Record<string, string> {
  const headers: Record<string, string> = {
    ...s.headers,
    'x-amz-content-sha256': s.payloadHash,
    'x-amz-date': stamp(s.at).amzDate,
    ...(s.creds.sessionToken ? { 'x-amz-security-token': s.creds.sessionToken } : {}),
  };
  const signed = signature({ ...s, headers });
  const authorization = `AWS4-HMAC-SHA256 Credential=${s.creds.accessKeyId}/${signed.scope}, SignedHeaders=${signed.signedHeaders}, Signature=${signed.signature}`;
  return { ...headers, authorization };
}

const timeoutMs = (): number => {
  const n = Number(process.env.S3_TIMEOUT_MS);
  return Number.isInteger(n) && n > 0 ? n : 5000;
};

/** A signed request (HEAD, GET, DELETE, or a PUT with its body), bounded in time like every dependency call. */
export async function signedRequest(
  method: 'HEAD' | 'GET' | 'DELETE' | 'PUT' | 'POST', key: string, extra: Record<string, string> = {}, body?: Buffer, query: Record<string, string> = {},
): Promise<Response> {
  const creds = credentials();
  const url = objectUrl(key);
  // Sent exactly as signed (RFC 3986), not as URLSearchParams would write it.
  url.search = Object.entries(query).map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');
  const payloadHash = body ? createHash('sha256').update(body).digest('hex') : emptyHash;
  const headers = authorized({
    method, url, query, payloadHash, at: new Date(), creds, region: region(),
    headers: Object.fromEntries(Object.entries(extra).map(([k, v]) => [k.toLowerCase(), v])),
  });
  const res = await fetch(url, { method, headers, body, signal: AbortSignal.timeout(timeoutMs()) });
  if (res.status >= 500) throw Object.assign(new Error(`object storage answered ${res.status}`), { $metadata: { httpStatusCode: res.status } });
  return res;
}

/** Size of the stored object, or undefined when there is none. */
export async function storedBytes(key: string): Promise<number | undefined> {
  const res = await signedRequest('HEAD', key);
  if (res.status === 404) return undefined;
  if (!res.ok) throw new Error(`object storage refused HEAD (${res.status})`);
  return Number(res.headers.get('content-length') ?? 0);
}

/** The first `n` bytes of the object (fewer when it is smaller), or undefined when there is none. */
export async function firstBytes(key: string, n: number): Promise<Uint8Array | undefined> {
  const res = await signedRequest('GET', key, { range: `bytes=0-${n - 1}` });
  if (res.status === 404) return undefined;
  if (!res.ok) throw new Error(`object storage refused GET (${res.status})`);
  const body = new Uint8Array(await res.arrayBuffer());
  return body.subarray(0, n);
}

/** Deletes the object; one that is not there is no error (as in S3). */
export async function removeObject(key: string): Promise<void> {
  const res = await signedRequest('DELETE', key);
  if (!res.ok && res.status !== 404) throw new Error(`object storage refused DELETE (${res.status})`);
}

/** Stores a small object (one request, its content hash signed); big files stream through objects.ts's multipart upload. */
export async function storeObject(key: string, body: string | Uint8Array, contentType: string): Promise<void> {
  const res = await signedRequest('PUT', key, { 'content-type': contentType }, typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body));
  if (!res.ok) throw new Error(`object storage refused PUT (${res.status})`);
}
