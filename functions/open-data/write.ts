/** Lambda (daily schedule in AWS; `npm run open-data` locally): writes the open datasets. */
import { settings } from '#shared/config.ts';
import { logger } from '#shared/observability.ts';
import { catalogueView, withLinks } from '#shared/open-data/manifest.ts';
import { presignedUrl } from '#shared/storage/signed.ts';
import { writeOpenData } from '#shared/open-data/job.ts';

export const handler = async () => {
  const languages = settings().supportedLanguages;
  const manifest = await writeOpenData(languages, new Date());
  logger.info('open data written', { datasets: Object.keys(manifest).length });
  return catalogueView(await withLinks(manifest, async (key) => presignedUrl('GET', key, 3600)), languages);
};
