/** Lambda: liveness. */
import { lambda, implement } from '#shared/http/lambda.ts';
import { ok } from '#shared/http/reply.ts';
import { health } from '#functions/platform/routes.ts';

export const handler = lambda([implement(health, async () => ok({ status: 'ok' }))]);
