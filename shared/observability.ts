/**
 * Powertools logger and tracer shared by every function: structured JSON with correlation
 * ids, and X-Ray subsegments for the handler and each AWS call. The tracer switches itself
 * off outside Lambda (local runtime, tests), so the same code runs everywhere.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';

const serviceName = process.env.POWERTOOLS_SERVICE_NAME ?? 'kuntavaikutus';

export const logger = new Logger({ serviceName });

export const tracer = new Tracer({ serviceName });

/**
 * Middy middleware tracing a handler. Responses are never recorded in the trace: they carry
 * names and comment texts, which X-Ray must not keep beyond an erasure.
 */
export const traced = () => captureLambdaHandler(tracer, { captureResponse: false });
