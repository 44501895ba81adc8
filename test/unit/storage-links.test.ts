/**
 * The links S3 checks, signed by shared/storage/signed.ts without the S3 client, are the very
 * links the AWS SDK's own signer (`@smithy/signature-v4`, under the SDK's presigner) makes for
 * the same request, instant and credentials, keys with spaces, brackets and non-ASCII letters
 * included, as a Lambda role signs them (virtual-hosted, with its session token).
 */
import { describe, expect, it } from 'vitest';
import { credentials, sdkSigner } from '../support/sdk-signer.ts';

// As in Lambda: no endpoint, the role's credentials in the environment.
delete process.env.S3_ENDPOINT;
Object.assign(process.env, {
  AWS_ACCESS_KEY_ID: credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey, AWS_SESSION_TOKEN: credentials.sessionToken,
  AWS_REGION: 'eu-north-1', BUCKET_NAME: 'porvoo-files',
});
const { presignedUrl } = await import('#shared/storage/signed.ts');

const sdk = sdkSigner('s3', { uriEscapePath: false, applyChecksum: false });
const at = new Date('2026-11-29T10:00:00Z');

/** The SDK's link for the same request: S3 links sign no payload (UNSIGNED-PAYLOAD). */
async function sdkLink(method: string, url: string, headers: Record<string, string> = {}, seconds = 900): Promise<URL> {
  const u = new URL(url);
  const signed = await sdk.presign(
    { method, protocol: u.protocol, hostname: u.hostname, path: u.pathname, query: {}, headers: { host: u.host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', ...headers } },
    { signingDate: at, expiresIn: seconds, unsignableHeaders: new Set(['x-amz-content-sha256']), unhoistableHeaders: new Set(['x-amz-content-sha256', ...Object.keys(headers)]) },
  );
  const link = new URL(url);
  for (const [k, v] of Object.entries(signed.query ?? {})) link.searchParams.set(k, String(v));
  return link;
}

const params = (u: URL) => Object.fromEntries([...u.searchParams.entries()].sort(([a], [b]) => a.localeCompare(b)));

describe('a presigned link', () => {
  it.each([
    ['exports/01JB6Z.json', 'exports/01JB6Z.json'],
    ['open-data/2026-11-29/decisions.csv', 'open-data/2026-11-29/decisions.csv'],
    ['attachments/Kaava Östersundom (luonnos)!.pdf', 'attachments/Kaava%20%C3%96stersundom%20%28luonnos%29%21.pdf'],
  ])('to download %s is the one the AWS SDK signs', async (key, path) => {
    // Act
    const ours = new URL(presignedUrl('GET', key, 900, {}, at));
    const theirs = await sdkLink('GET', `https://porvoo-files.s3.eu-north-1.amazonaws.com/${path}`);
    // Assess
    expect(ours.origin + ours.pathname).toBe(theirs.origin + theirs.pathname);
    expect(params(ours)).toEqual(params(theirs));
  });

  it('to upload signs the content type, as the SDK does when asked to', async () => {
    // Act
    const ours = new URL(presignedUrl('PUT', 'attachments/a.pdf', 600, { 'Content-Type': 'application/pdf' }, at));
    const theirs = await sdkLink('PUT', 'https://porvoo-files.s3.eu-north-1.amazonaws.com/attachments/a.pdf', { 'content-type': 'application/pdf' }, 600);
    // Assess
    expect(params(ours)).toEqual(params(theirs));
    expect(ours.searchParams.get('X-Amz-SignedHeaders')).toBe('content-type;host');
  });

  it('differs when the key, the method or the content type differs', () => {
    const sig = (url: string) => new URL(url).searchParams.get('X-Amz-Signature');
    const base = sig(presignedUrl('PUT', 'attachments/a.png', 600, { 'content-type': 'image/png' }, at));
    expect(sig(presignedUrl('PUT', 'attachments/b.png', 600, { 'content-type': 'image/png' }, at))).not.toBe(base);
    expect(sig(presignedUrl('PUT', 'attachments/a.png', 600, { 'content-type': 'text/html' }, at))).not.toBe(base);
    expect(sig(presignedUrl('GET', 'attachments/a.png', 600, {}, at))).not.toBe(base);
  });
});
