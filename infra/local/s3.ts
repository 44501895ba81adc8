/**
 * The local object store: s3rver, an S3-compatible server from npm, on 127.0.0.1. Data
 * persists under `dataDir` or lives in a temporary folder removed on stop. The bucket is
 * made on demand, as the CDK stateful stack makes it in AWS.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BucketAlreadyOwnedByYou, CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';

export interface LocalS3 {
  endpoint: string;
  stop(): Promise<void>;
}

export async function startS3(options: { dataDir?: string; port?: number } = {}): Promise<LocalS3> {
  const temporary = options.dataDir ? undefined : mkdtempSync(join(tmpdir(), 'kuntavaikutus-s3-'));
  const directory = options.dataDir ? resolve(options.dataDir) : temporary!;
  mkdirSync(directory, { recursive: true });
  const server = new S3rver({ address: '127.0.0.1', port: options.port ?? 0, silent: true, directory });
  const { port } = (await server.run()) as unknown as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    async stop() {
      await server.close();
      if (temporary) rmSync(temporary, { recursive: true, force: true });
    },
  };
}

/** Creates `name` unless it exists. */
export async function ensureBucket(endpoint: string, name: string): Promise<void> {
  const client = new S3Client({ endpoint, forcePathStyle: true, region: 'eu-north-1', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  try {
    await client.send(new CreateBucketCommand({ Bucket: name }));
  } catch (error) {
    if (!(error instanceof BucketAlreadyOwnedByYou) && (error as { name?: string }).name !== 'BucketAlreadyExists') throw error;
  } finally {
    client.destroy();
  }
}
