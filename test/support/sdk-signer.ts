/**
 * The AWS SDK's own SigV4 signer (`@smithy/signature-v4`), set up as the SDK's clients set it
 * up, to check the repo's signer (shared/storage/signed.ts) against: the same request, time
 * and credentials must get the same signature.
 */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';

/** As in Lambda: a role's credentials, with their session token. */
export const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', sessionToken: 'session-token/with+chars=' };

type Source = string | ArrayBuffer | ArrayBufferView;
const bytes = (d: Source) => (typeof d === 'string' ? Buffer.from(d) : ArrayBuffer.isView(d) ? Buffer.from(d.buffer, d.byteOffset, d.byteLength) : Buffer.from(d));

/** The SDK's hash interface over node:crypto. */
class Sha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: Source) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: Source): void {
    this.hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

/** The signer a client of `service` in eu-north-1 uses (S3's presigner adds its own options). */
export const sdkSigner = (service: string, options: { uriEscapePath?: boolean; applyChecksum?: boolean } = {}): SignatureV4 =>
  new SignatureV4({ service, region: 'eu-north-1', credentials, sha256: Sha256, ...options });
