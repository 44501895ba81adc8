/**
 * Stands in for `@aws-lambda-powertools/tracer` in the functions bundled without the X-Ray SDK
 * (`untracedFunctions` in infra/bundling.ts): the part of Tracer this project calls, recording
 * nothing. Lambda's active tracing still gives those functions their invocation segment.
 */
import type { Tracer as PowertoolsTracer } from '@aws-lambda-powertools/tracer';

export class Tracer implements Pick<PowertoolsTracer, 'captureAWSv3Client' | 'isTracingEnabled'> {
  constructor(_options?: unknown) {}

  /** The client as it is: no subsegment per call. */
  captureAWSv3Client<T>(client: T): T {
    return client;
  }

  isTracingEnabled(): boolean {
    return false;
  }
}
