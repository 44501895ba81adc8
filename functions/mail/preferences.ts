/**
 * Lambda: the caller's e-mail preferences (the address is their token's verified `email`,
 * never one they type), and one-click unsubscribe (public: the signed token names whose
 * e-mail goes off). One function for both: the stack is near CloudFormation's resource limit.
 */
import { lambda, implement } from '#shared/http/lambda.ts';
import { notFound, unprocessable } from '#shared/http/problem.ts';
import { ok } from '#shared/http/reply.ts';
import { getPreferences as load, savePreferences, turnOff, view } from '#shared/mail/preferences.ts';
import { subOfToken } from '#shared/mail/unsubscribe.ts';
import { getPreferences, putPreferences, unsubscribe } from '#functions/mail/routes.ts';

export const handler = lambda([
  implement(getPreferences, async ({ actor }) => ok(view(await load(actor!.sub)))),

  implement(putPreferences, async ({ actor, body }) => {
    const me = actor!;
    if (body.email !== 'off' && !me.email) {
      throw unprocessable('E-mail needs a verified address: your token carries no `email` with `email_verified` true.', [
        { path: 'body.email', message: 'no verified e-mail address' },
      ]);
    }
    return ok(view(await savePreferences(me.sub, body, me.email)));
  }),

  implement(unsubscribe, async ({ params }) => {
    const sub = await subOfToken(params.token);
    if (!sub) throw notFound('Subscription');
    await turnOff(sub);
    return ok({ email: 'off' });
  }),
]);
