/**
 * A client as a client developer writes it: types generated from the served `/openapi.json` by
 * openapi-typescript with its default options, calls made with openapi-fetch. Staff create and
 * publish a draft, a resident comments on it, and anyone reads the comment back. Type-checked
 * and run by `test/http/client.test.ts`; `npx tsx test/client/scenario.ts <url>` runs it against
 * any server (e.g. Prism in front of `npm start`) once `npm run client:types -- <url>` has written
 * the types.
 */
import { fileURLToPath } from 'node:url';
import createClient from 'openapi-fetch';
import type { paths } from './generated/api.js';

export async function scenario(baseUrl: string, fetch: (request: Request) => Promise<Response> = globalThis.fetch) {
  const api = createClient<paths>({ baseUrl, fetch });
  const token = async (sub: string, groups: ('staff' | 'moderator' | 'admin')[] = []) => {
    const { data, error } = await api.POST('/local/token', { body: { sub, name: sub, groups } });
    if (!data) throw new Error(`no token: ${JSON.stringify(error)}`);
    return { Authorization: `Bearer ${data.token}` };
  };
  const staff = await token('client-staff', ['staff']);
  const resident = await token('client-resident');

  const created = await api.POST('/v1/drafts', {
    headers: staff,
    body: {
      title: { fi: 'Puistosuunnitelma', sv: 'Parkplan' },
      sections: [{ title: { fi: 'Tavoitteet', sv: 'Mål' }, body: { fi: 'Lisää puita.', sv: 'Fler träd.' } }],
    },
  });
  if (!created.data) throw new Error(`create: ${JSON.stringify(created.error)}`);
  const id = created.data.id;

  const closesAt = new Date(Date.now() + 14 * 24 * 3600 * 1000).toISOString();
  const published = await api.POST('/v1/drafts/{id}/publish', { headers: staff, params: { path: { id } }, body: { closesAt } });
  if (!published.data) throw new Error(`publish: ${JSON.stringify(published.error)}`);

  const posted = await api.POST('/v1/drafts/{id}/comments', { headers: resident, params: { path: { id } }, body: { body: 'Hyvä suunnitelma!' } });
  if (!posted.data) throw new Error(`comment: ${JSON.stringify(posted.error)}`);

  const listed = await api.GET('/v1/drafts/{id}/comments', { params: { path: { id }, query: { limit: 10 } } });
  if (!listed.data) throw new Error(`list: ${JSON.stringify(listed.error)}`);
  return {
    draft: { id, status: published.data.status, commenting: created.data.commenting, tags: created.data.tags },
    comments: listed.data.items.map((c) => ({ id: c.id, body: c.body })),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await scenario(process.argv[2] ?? 'http://localhost:3000'), null, 2));
}
