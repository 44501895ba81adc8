/**
 * Lambda: erasure of the caller's personal data, and (in AWS) of their account. Answers once
 * the person is unlinked (their tokens refused, the erasure job stored); the job erases the rest.
 */
import { settings } from '#shared/config.ts';
import { lambda, implement } from '#shared/http/lambda.ts';
import { noContent } from '#shared/http/reply.ts';
import { deleteAccount } from '#shared/me/account.ts';
import { beginErasure } from '#shared/me/erasure-start.ts';
import { eraseMe } from '#functions/me/routes.ts';

export const handler = lambda([
  implement(eraseMe, async ({ actor }) => {
    await beginErasure(actor!.sub, settings().commentErasure, new Date());
    await deleteAccount(actor!.username ?? actor!.sub);
    return noContent();
  }),
]);
