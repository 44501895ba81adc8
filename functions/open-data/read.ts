/** Lambda: anyone lists the open datasets. */
import { settings } from '#shared/config.ts';
import { lambda, implement } from '#shared/http/lambda.ts';
import { ok } from '#shared/http/reply.ts';
import { catalogueView, getManifest, withLinks } from '#shared/open-data/manifest.ts';
import { presignedUrl } from '#shared/storage/signed.ts';
import { listOpenData } from '#functions/open-data/routes.ts';

export const handler = lambda([
  // Links last an hour: longer than the listing is cached (5 min), and signed afresh on every read.
  implement(listOpenData, async () =>
    ok(catalogueView(await withLinks(await getManifest(), async (key) => presignedUrl('GET', key, 3600)), settings().supportedLanguages))),
]);
