/** Routes of open data. */
import { route } from '#shared/http/route.ts';
import { OpenDataCatalogue } from '#shared/open-data/schema.ts';

export const listOpenData = route({
  operationId: 'listOpenData', method: 'GET', path: '/v1/open-data', fn: 'open-data/read', access: 'public', tag: 'Open data',
  summary: 'The open datasets (CC BY 4.0) with their columns, download links and update times',
  description: 'Decisions (with vote totals), each member\'s votes, implementation results and their timeline, meetings, agenda items, '
    + 'and participation per draft (counts only), each as CSV and JSON Lines. Columns are stable: new ones are only ever added at the end.',
  cacheMaxAge: 300,
  responses: { 200: { description: 'The datasets', schema: OpenDataCatalogue } },
});

export const runOpenData = route({
  operationId: 'runOpenData', method: 'POST', path: '/local/open-data/run', fn: 'open-data/write', access: 'public', tag: 'Open data', localOnly: true,
  summary: 'Local runtime only: write the open datasets now (in AWS a daily schedule does)',
  responses: { 200: { description: 'The datasets as now written', schema: OpenDataCatalogue } },
});

export const openDataRoutes = [listOpenData, runOpenData];
