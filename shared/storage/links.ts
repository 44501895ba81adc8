/**
 * Presigned links to object storage, signed with Signature Version 4 alone. The functions
 * that only hand out links (export jobs, open data) then carry the signer, not the whole
 * S3 client: about 125 KB less in each bundle. The links are the ones S3 itself checks:
 * path-style on the local S3-compatible server (S3_ENDPOINT), virtual-hosted in AWS.
 */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { fromEnv } from '@aws-sdk/credential-provider-env';
import { SignatureV4 } from '@smithy/signature-v4';

/** The bucket: BUCKET_NAME, set per deployment, per test file, or by the local runtime. */
export const bucketName = (): string => {
  const name = process.env.BUCKET_NAME;
  if (!name) throw new Error('BUCKET_NAME is not set');
  return name;
};

/** The local server's fixed credentials; in AWS, the function role's from the environment. */
export const localCredentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

const region = () => process.env.AWS_REGION ?? 'eu-north-1';

/** SHA-256 and HMAC-SHA-256 from node:crypto, in the shape the signer asks for. */
class Sha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

function bytes(data: string | ArrayBuffer | ArrayBufferView): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

let signer: SignatureV4 | undefined;
const s3Signer = (): SignatureV4 =>
  (signer ??= new SignatureV4({
    service: 's3',
    region: region(),
    credentials: process.env.S3_ENDPOINT ? localCredentials : fromEnv(),
    sha256: Sha256,
    // S3 signs the path as sent, escaped once.
    uriEscapePath: false,
    applyChecksum: false,
  }));

/** Where `key` lives: path-style on a local endpoint, virtual-hosted in AWS. */
function objectUrl(key: string): URL {
  // RFC 3986 escaping, as S3 and the SDK sign it: encodeURIComponent leaves !'()* alone.
  const escape = (segment: string) => encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const path = key.split('/').map(escape).join('/');
  const endpoint = process.env.S3_ENDPOINT;
  return endpoint
    ? new URL(`${endpoint.replace(/\/$/, '')}/${bucketName()}/${path}`)
    : new URL(`https://${bucketName()}.s3.${region()}.amazonaws.com/${path}`);
}

export interface Signed {
  /** Headers the request must carry exactly as given (they are signed). */
  headers?: Record<string, string>;
  /** Query parameters S3 reads (e.g. `response-content-disposition`), signed with the link. */
  query?: Record<string, string>;
  /** When the link's time starts; now unless a test says otherwise. */
  signedAt?: Date;
}

/** A link that lets whoever holds it send `method` on `key` for `seconds`, and nothing else. */
export async function presign(method: 'GET' | 'PUT' | 'HEAD' | 'DELETE', key: string, seconds: number, signed: Signed = {}): Promise<string> {
  const url = objectUrl(key);
  const headers = Object.fromEntries(Object.entries(signed.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const request = await s3Signer().presign({
    method,
    protocol: url.protocol,
    hostname: url.hostname,
    port: url.port ? Number(url.port) : undefined,
    path: url.pathname,
    query: { ...signed.query },
    headers: { host: url.host, 'X-Amz-Content-Sha256': 'UNSIGNED-PAYLOAD', ...headers },
  }, { signingDate: signed.signedAt ?? new Date(), expiresIn: seconds, unhoistableHeaders: new Set(Object.keys(headers)) });
  const query = Object.entries(request.query ?? {})
    .flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).filter((x): x is string => x != null).map((x) => `${encodeURIComponent(k)}=${encodeURIComponent(x)}`))
    .join('&');
  return `${url.origin}${url.pathname}?${query}`;
}

/** A link that downloads `key` for `seconds` without credentials. */
export const presignGet = (key: string, seconds: number): Promise<string> => presign('GET', key, seconds);

/** A link that uploads `key` for `seconds` without credentials; the upload must say `Content-Type: contentType`. */
export const presignPut = (key: string, seconds: number, contentType: string): Promise<string> =>
  presign('PUT', key, seconds, { headers: { 'content-type': contentType } });
