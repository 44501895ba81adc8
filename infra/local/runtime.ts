/**
 * The whole system on one machine: DynamoDB Local, the table, the object store (s3rver)
 * and its bucket, the deployment secret, the local identity provider, the gateway, the
 * HTTP server and the in-process job runner. `npm start`, the tests
 * and the bench all start it through here.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { routes } from '#functions/routes.ts';
import { ensureTable, startDynamo, type LocalDynamo } from '#infra/local/dynamodb.ts';
import { createGateway, type Gateway } from '#infra/local/gateway.ts';
import { seedIfEmpty } from '#infra/local/seed/index.ts';
import { startServer } from '#infra/local/server.ts';
import { startEvents, type LocalEvents } from '#infra/local/stream.ts';
import { ensureBucket, startS3, type LocalS3 } from '#infra/local/s3.ts';
import { startJobs, type LocalJobs } from '#shared/jobs/local.ts';
import { localIdentity, type LocalIdentity } from '#infra/local/tokens.ts';

export interface LocalOptions {
  /** Where data persists; `undefined` keeps everything in memory. */
  dataDir?: string;
  port?: number;
  host?: string;
  seed?: boolean;
  /** Use an already running DynamoDB Local instead of starting one. */
  endpoint?: string;
  tableName?: string;
  /** Run the stream -> publisher -> consumers pipeline (default true). */
  events?: boolean;
  /** Use an already running S3-compatible server (default: S3_ENDPOINT, else start s3rver). */
  s3Endpoint?: string;
  /** The bucket (default: BUCKET_NAME, else kuntavaikutus); made if missing. */
  bucketName?: string;
  /** Run export and erasure jobs in this process (default true). */
  jobs?: boolean;
}

export interface LocalRuntime {
  url: string;
  endpoint: string;
  gateway: Gateway;
  identity: LocalIdentity;
  seeded: boolean;
  /** The local event pipeline, when it runs. */
  events?: LocalEvents;
  /** The in-process job runner, when it runs. */
  jobs?: LocalJobs;
  s3Endpoint: string;
  stop(): Promise<void>;
}

/** The deployment secret: a random one, kept under dataDir when data persists. */
const localSecret = (dataDir?: string): string => {
  if (!dataDir) return randomBytes(32).toString('base64url');
  const file = join(dataDir, 'secret');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
};

export async function startLocal(options: LocalOptions = {}): Promise<LocalRuntime> {
  let dynamo: LocalDynamo | undefined;
  let server: Server | undefined;
  let events: LocalEvents | undefined;
  let s3: LocalS3 | undefined;
  let jobs: LocalJobs | undefined;
  const stop = async () => {
    await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
    server?.closeAllConnections();
    await jobs?.stop();
    await events?.stop();
    await s3?.stop();
    await dynamo?.stop();
  };
  try {
    if (!options.endpoint) dynamo = await startDynamo({ dataDir: options.dataDir ? join(options.dataDir, 'dynamodb') : undefined });
    const endpoint = options.endpoint ?? dynamo!.endpoint;
    process.env.DYNAMODB_ENDPOINT = endpoint;
    process.env.TABLE_NAME = options.tableName ?? 'kuntavaikutus';
    process.env.APP_SECRET ??= localSecret(options.dataDir);
    process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
    process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
    await ensureTable(endpoint, process.env.TABLE_NAME);
    const s3Endpoint = options.s3Endpoint ?? process.env.S3_ENDPOINT
      ?? (s3 = await startS3({ dataDir: options.dataDir ? join(options.dataDir, 's3') : undefined })).endpoint;
    process.env.S3_ENDPOINT = s3Endpoint;
    process.env.BUCKET_NAME = options.bucketName ?? process.env.BUCKET_NAME ?? 'kuntavaikutus';
    await ensureBucket(s3Endpoint, process.env.BUCKET_NAME);
    const identity = await localIdentity(options.dataDir ? join(options.dataDir, 'local-signing-key.json') : undefined);
    const gateway = createGateway({ routes, identity });
    if (options.events !== false) {
      events = await startEvents({ endpoint, checkpointFile: options.dataDir ? join(options.dataDir, 'stream-checkpoint.json') : undefined });
    }
    if (options.jobs !== false) jobs = await startJobs();
    const seeded = options.seed === false ? false : await seedIfEmpty(gateway, identity);
    server = await startServer(gateway, options.port ?? 3000, options.host);
    const { port } = server.address() as { port: number };
    // Links the API builds (the calendar's, e-mails') point here unless a public address is set.
    process.env.PUBLIC_BASE_URL ??= `http://localhost:${port}`;
    return { url: `http://localhost:${port}`, endpoint, gateway, identity, seeded, events, jobs, s3Endpoint, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
