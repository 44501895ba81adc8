/** Lambda: anyone lists the open datasets. */
import { settings } from '#shared/config.ts';
import { lambda, implement } from '#shared/http/lambda.ts';
import { ok } from '#shared/http/reply.ts';
import { catalogueView, getManifest } from '#shared/open-data/manifest.ts';
import { listOpenData } from '#functions/open-data/routes.ts';

export const handler = lambda([
  implement(listOpenData, async () => ok(catalogueView(await getManifest(), settings().supportedLanguages))),
]);
