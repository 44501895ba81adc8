// One cold start, in a fresh node process: import a Lambda bundle, invoke it once, report.
// Plain JavaScript run by bare `node`, so nothing but the bundle is loaded.
// Usage: node cold-start.mjs <bundle.mjs> <event JSON>
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const [bundle, eventJson] = process.argv.slice(2);
const event = JSON.parse(eventJson);
const context = {
  callbackWaitsForEmptyEventLoop: false,
  functionName: 'bench',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:local:000000000000:function:bench',
  memoryLimitInMB: '1024',
  awsRequestId: event.requestContext?.requestId ?? 'bench',
  logGroupName: '/aws/lambda/bench',
  logStreamName: 'bench',
  getRemainingTimeInMillis: () => 30_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
};

const ready = performance.now();
const { handler } = await import(pathToFileURL(bundle).href);
const imported = performance.now();
const result = await handler(event, context);
const invoked = performance.now();
// performance.now() counts from the start of this process, before node had booted.
process.stdout.write(`BENCH-RESULT ${JSON.stringify({
  bootMs: ready,
  importMs: imported - ready,
  invokeMs: invoked - imported,
  sinceProcessStartMs: invoked,
  result,
})}\n`);
process.exit(0);
