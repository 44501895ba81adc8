/** Lambda: anyone lists the open datasets. */
import { settings } from '#shared/config.ts';
import { lambda, implement } from '#shared/http/lambda.ts';
import { ok } from '#shared/http/reply.ts';
import { catalogueView, getManifest, withLinks } from '#shared/open-data/manifest.ts';
import { presignGet } from '#shared/storage/links.ts';
import { listOpenData } from '#functions/open-data/routes.ts';

export const handler = lambda([
  // Links last an hour: longer than the listing is cached (5 min), and signed afresh on every read.
  implement(listOpenData, async () =>
    ok(catalogueView(await withLinks(await getManifest(), (key) => presignGet(key, 3600)), settings().supportedLanguages))),
]);
