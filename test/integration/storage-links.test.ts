/**
 * Presigned links signed without the S3 client, used against the S3-compatible server the
 * tests share. That server checks expiry but not Signature Version 4 itself, so what S3
 * would check (the signature over method, key and content type) is proven in
 * test/unit/storage-links.test.ts against the AWS SDK's own presigner.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBucket } from '#infra/local/s3.ts';
import { headObject, putObject } from '#shared/storage/objects.ts';
import { presign, presignGet, presignPut } from '#shared/storage/links.ts';

beforeAll(async () => ensureBucket(process.env.S3_ENDPOINT!, process.env.BUCKET_NAME!));

describe('presigned links', () => {
  it('a download link returns the stored bytes, for a key with spaces and non-ASCII letters', async () => {
    // Prepare
    const key = 'exports/Kaavaehdotus Östersundom ä.csv';
    await putObject(key, 'id,teksti\n1,Hyvä suunnitelma\n', { contentType: 'text/csv' });
    // Act
    const res = await fetch(await presignGet(key, 60));
    // Assess
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('id,teksti\n1,Hyvä suunnitelma\n');
  });

  it('an upload link stores the body when sent with the content type it was signed for', async () => {
    // Act
    const res = await fetch(await presignPut('uploads/plan.pdf', 60, 'application/pdf'), { method: 'PUT', headers: { 'Content-Type': 'application/pdf' }, body: '%PDF-1.7\n' });
    // Assess
    expect(res.status).toBe(200);
    expect(await headObject('uploads/plan.pdf')).toMatchObject({ bytes: 9, contentType: 'application/pdf' });
  });

  it('an expired link is refused', async () => {
    // Prepare
    await putObject('exports/old.json', '{}');
    const url = await presign('GET', 'exports/old.json', 60, { signedAt: new Date(Date.now() - 3_600_000) });
    // Act
    const res = await fetch(url);
    // Assess
    expect(res.status).toBe(403);
  });
});
