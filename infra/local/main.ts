/**
 * `npm start`: the whole system on this machine, with demo data.
 *   npm start                  data persists under .data/
 *   npm start -- --in-memory   a throwaway database
 *   npm start -- --no-seed     no demo data
 *   PORT=8080 npm start        another port (default 3000)
 *   DYNAMODB_ENDPOINT=http://127.0.0.1:8000 npm start   use a DynamoDB Local already running (TABLE_NAME, default kuntavaikutus)
 */
import { startLocal } from '#infra/local/runtime.ts';

const inMemory = process.argv.includes('--in-memory');
const port = Number(process.env.PORT ?? 3000);
const dataDir = process.env.DATA_DIR ?? '.data';

try {
  const local = await startLocal({
    dataDir: inMemory ? undefined : dataDir,
    port,
    host: process.env.HOST ?? '127.0.0.1',
    endpoint: process.env.DYNAMODB_ENDPOINT,
    tableName: process.env.TABLE_NAME,
    seed: !process.argv.includes('--no-seed'),
  });
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    await local.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  console.log(`
Kuntavaikutus is running on DynamoDB Local (${inMemory ? 'in memory' : `data in ${dataDir}/`}${local.seeded ? ', demo data seeded' : ''}).

  API        ${local.url}/v1/health
  Docs       ${local.url}/docs   (OpenAPI: ${local.url}/openapi.json)

Get a token (local only):
  curl -s -X POST ${local.url}/local/token -H 'content-type: application/json' \\
       -d '{"sub":"kaisa","name":"Kaisa","groups":["staff"]}'

Then: curl -H "Authorization: Bearer <token>" ${local.url}/v1/drafts
Ctrl-C stops everything.
`);
} catch (error) {
  console.error(`Could not start: ${(error as Error).message}`);
  process.exit(1);
}
