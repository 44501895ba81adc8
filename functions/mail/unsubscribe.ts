/** Lambda: one-click unsubscribe (RFC 8058), public: the signed token names whose e-mail goes off. */
import { lambda, implement } from '#shared/http/lambda.ts';
import { notFound } from '#shared/http/problem.ts';
import { ok } from '#shared/http/reply.ts';
import { turnOff } from '#shared/mail/preferences.ts';
import { subOfToken } from '#shared/mail/unsubscribe.ts';
import { unsubscribe } from '#functions/mail/routes.ts';

export const handler = lambda([
  implement(unsubscribe, async ({ params }) => {
    const sub = await subOfToken(params.token);
    if (!sub) throw notFound('Subscription');
    await turnOff(sub);
    return ok({ email: 'off' });
  }),
]);
