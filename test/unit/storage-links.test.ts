/**
 * The links S3 checks: signed by shared/storage/links.ts without the S3 client, they are the
 * very links the AWS SDK's presigner makes for the same request, instant and credentials
 * (virtual-hosted in AWS, with the session token of a Lambda role), so S3 accepts them and
 * refuses any other method, key or content type just as it would the SDK's.
 */
import { describe, expect, it } from 'vitest';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

// As in Lambda: no endpoint, the role's credentials in the environment.
delete process.env.S3_ENDPOINT;
Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', AWS_SESSION_TOKEN: 'session-token/with+chars=', AWS_REGION: 'eu-north-1', BUCKET_NAME: 'porvoo-files' });
const { presign, presignGet, presignPut } = await import('#shared/storage/links.ts');

// Without the optional checksums, so both sign the same request.
const sdk = new S3Client({ region: 'eu-north-1', requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', sessionToken: 'session-token/with+chars=' } });
const at = new Date('2026-11-29T10:00:00Z');
const sorted = (url: string) => {
  const u = new URL(url);
  return `${u.origin}${u.pathname}?${[...u.searchParams.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${v}`).join('&')}`;
};

describe('a presigned link', () => {
  it.each(['exports/01JB6Z.json', 'open-data/2026-11-29/decisions.csv', 'uploads/Kaava Östersundom (luonnos).pdf'])(
    'to download %s is the one the AWS SDK signs',
    async (key) => {
      // Act
      const ours = await presign('GET', key, 900, { query: { 'x-id': 'GetObject' }, signedAt: at }); // the SDK names its operation in the query
      const theirs = await getSignedUrl(sdk, new GetObjectCommand({ Bucket: 'porvoo-files', Key: key }), { expiresIn: 900, signingDate: at });
      // Assess
      expect(sorted(ours)).toBe(sorted(theirs));
      expect(new URL(ours).host).toBe('porvoo-files.s3.eu-north-1.amazonaws.com');
    },
  );

  it('to upload signs the content type, as the SDK does when asked to', async () => {
    // Act
    const ours = await presign('PUT', 'uploads/a.pdf', 600, { headers: { 'Content-Type': 'application/pdf' }, query: { 'x-id': 'PutObject' }, signedAt: at });
    const theirs = await getSignedUrl(sdk, new PutObjectCommand({ Bucket: 'porvoo-files', Key: 'uploads/a.pdf', ContentType: 'application/pdf' }), {
      expiresIn: 600, signingDate: at, signableHeaders: new Set(['content-type']),
    });
    // Assess
    expect(sorted(ours)).toBe(sorted(theirs));
    expect(new URL(ours).searchParams.get('X-Amz-SignedHeaders')).toBe('content-type;host');
  });

  it('differs when the key, the method or the content type differs', async () => {
    const sig = (url: string) => new URL(url).searchParams.get('X-Amz-Signature');
    const put = (key: string, type: string) => presign('PUT', key, 600, { headers: { 'content-type': type }, signedAt: at });
    const base = sig(await put('uploads/a.png', 'image/png'));
    expect(sig(await put('uploads/b.png', 'image/png'))).not.toBe(base);
    expect(sig(await put('uploads/a.png', 'text/html'))).not.toBe(base);
    expect(sig(await presign('GET', 'uploads/a.png', 600, { signedAt: at }))).not.toBe(base);
  });

  it('carries the role session token and expires as asked', async () => {
    const url = new URL(await presignGet('exports/x.json', 3600));
    expect(url.searchParams.get('X-Amz-Security-Token')).toBe('session-token/with+chars=');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('3600');
    expect(new URL(await presignPut('uploads/x.pdf', 300, 'application/pdf')).searchParams.get('X-Amz-Expires')).toBe('300');
  });
});
