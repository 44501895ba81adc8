import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { presign, signature } from '#shared/storage/signed.ts';

/** The credentials and time of AWS's own Signature Version 4 examples for S3. */
const creds = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const at = new Date('2013-05-24T00:00:00Z');
const emptyHash = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

describe('object storage signatures (SigV4, computed without the S3 client)', () => {
  it("a presigned GET is signed as AWS's example for query authentication", () => {
    // Act
    const url = new URL(presign({
      method: 'GET', url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'), seconds: 86400, headers: {}, at, creds, region: 'us-east-1',
    }));
    // Assess
    expect(url.searchParams.get('X-Amz-Signature')).toBe('aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404');
    expect(url.searchParams.get('X-Amz-Credential')).toBe('AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request');
  });

  it("a signed GET with a range is signed as AWS's example for header authentication", () => {
    // Act
    const signed = signature({
      method: 'GET', url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'), query: {}, payloadHash: emptyHash, at, creds, region: 'us-east-1',
      headers: { range: 'bytes=0-9', 'x-amz-content-sha256': emptyHash, 'x-amz-date': '20130524T000000Z' },
    });
    // Assess
    expect(signed.signedHeaders).toBe('host;range;x-amz-content-sha256;x-amz-date');
    expect(signed.signature).toBe('f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41');
  });

  it("a signed PUT with a body is signed as AWS's example for header authentication", () => {
    // Prepare: the example's body and its hash
    const payloadHash = createHash('sha256').update('Welcome to Amazon S3.').digest('hex');
    expect(payloadHash).toBe('44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072');
    // Act
    const signed = signature({
      method: 'PUT', url: new URL('https://examplebucket.s3.amazonaws.com/test%24file.text'), query: {}, payloadHash, at, creds, region: 'us-east-1',
      headers: { date: 'Fri, 24 May 2013 00:00:00 GMT', 'x-amz-date': '20130524T000000Z', 'x-amz-storage-class': 'REDUCED_REDUNDANCY', 'x-amz-content-sha256': payloadHash },
    });
    // Assess
    expect(signed.signedHeaders).toBe('date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class');
    expect(signed.signature).toBe('98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd');
  });

  it('an upload link signs its content type, so the upload must send exactly that', () => {
    // Act
    const url = new URL(presign({
      method: 'PUT', url: new URL('https://b.s3.eu-north-1.amazonaws.com/attachments/x/y'), seconds: 3600,
      headers: { 'Content-Type': 'application/pdf' }, at, creds: { ...creds, sessionToken: 'token/+=' }, region: 'eu-north-1',
    }));
    // Assess
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('content-type;host');
    expect(url.searchParams.get('X-Amz-Security-Token')).toBe('token/+=');
    expect(url.pathname).toBe('/attachments/x/y');
  });
});
