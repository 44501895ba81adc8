/** Stands in for `@aws-lambda-powertools/tracer/middleware` (see ./index.ts): a middleware that records nothing. */
import type { MiddlewareObj } from '@middy/core';
import type { captureLambdaHandler as powertoolsCapture } from '@aws-lambda-powertools/tracer/middleware';

/** middy takes a middleware only with a hook, so this one has an empty `before`. */
export const captureLambdaHandler = (_tracer: unknown, _options?: Parameters<typeof powertoolsCapture>[1]): MiddlewareObj => ({
  before: () => undefined,
});
