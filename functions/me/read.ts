/** Lambda: the caller's identity and the export of everything stored about them (409 past the direct limits). */
import { lambda, implement } from '#shared/http/lambda.ts';
import { ok } from '#shared/http/reply.ts';
import { withinBytes } from '#shared/exports/limits.ts';
import { exportOf, storedAboutWithinLimits } from '#shared/me/data.ts';
import { exportMe, getMe } from '#functions/me/routes.ts';

export const handler = lambda([
  implement(getMe, async ({ actor }) => ok({ sub: actor!.sub, name: actor!.name, groups: actor!.groups, strong: actor!.strong })),

  implement(exportMe, async ({ actor }) => {
    const me = actor!;
    const data = await exportOf(await storedAboutWithinLimits(me.sub));
    const body = JSON.stringify({ sub: me.sub, name: me.name, groups: me.groups, strong: me.strong, exportedAt: new Date().toISOString(), ...data });
    return {
      status: 200,
      body: withinBytes(body, '/v1/me/exports'),
      contentType: 'application/json; charset=utf-8',
      headers: { 'Content-Disposition': 'attachment; filename="my-data.json"' },
    };
  }),
]);
