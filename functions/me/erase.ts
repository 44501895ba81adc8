/** Lambda: erasure of the caller's personal data, and (in AWS) of their account. */
import { settings } from '#shared/config.ts';
import { lambda, implement } from '#shared/http/lambda.ts';
import { noContent } from '#shared/http/reply.ts';
import { deleteAccount } from '#shared/me/account.ts';
import { erase } from '#shared/me/erasure.ts';
import { eraseMe } from '#functions/me/routes.ts';

export const handler = lambda([
  implement(eraseMe, async ({ actor }) => {
    await erase(actor!.sub, settings().commentErasure, new Date());
    await deleteAccount(actor!.username ?? actor!.sub);
    return noContent();
  }),
]);
