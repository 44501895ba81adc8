/** Lambda: the caller's identity and the export of everything stored about them. */
import { lambda, implement } from '#shared/http/lambda.ts';
import { ok } from '#shared/http/reply.ts';
import { exportOf, storedAbout } from '#shared/me/data.ts';
import { exportMe, getMe } from '#functions/me/routes.ts';

export const handler = lambda([
  implement(getMe, async ({ actor }) => ok({ sub: actor!.sub, name: actor!.name, groups: actor!.groups, strong: actor!.strong })),

  implement(exportMe, async ({ actor }) => {
    const me = actor!;
    const data = await exportOf(await storedAbout(me.sub));
    return {
      ...ok({ sub: me.sub, name: me.name, groups: me.groups, strong: me.strong, exportedAt: new Date().toISOString(), ...data }),
      headers: { 'Content-Disposition': 'attachment; filename="my-data.json"' },
    };
  }),
]);
