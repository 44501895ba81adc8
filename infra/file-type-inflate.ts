/**
 * Stands in for `@tokenizer/inflate` in Lambda bundles (see bundling.ts): file-type uses it
 * only to look inside ZIP and GZIP archives, and attachments are PDF and images, never
 * archives. Without it (and the `debug` it brings) a bundle is some 16 KB smaller; an
 * archive then fails detection, which refuses it as it should.
 */
const refuse = (): never => {
  throw new Error('archives are not inspected in this function');
};

export class ZipHandler {
  constructor(_tokenizer: unknown) {}
  async unzip(): Promise<void> {
    refuse();
  }
}

export class GzipHandler {
  constructor(_tokenizer: unknown) {}
  inflate(): never {
    return refuse();
  }
}
