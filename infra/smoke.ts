/**
 * `npm run smoke -- https://dxxxx.cloudfront.net`: after a deploy, proves the edge serves the
 * API: health answers ok, a public list answers a page that CloudFront may cache (and a
 * second call is served from its cache or revalidated), a personal route without a token
 * is refused, and a token never makes a response cacheable. Exits non-zero on any failure.
 * The API docs are not deployed (they are served by `npm start` and written by
 * `npm run openapi`), so a missing /docs is reported, not failed.
 */
const base = process.argv[2]?.replace(/\/$/, '');
if (!base || !/^https:\/\//.test(base)) {
  process.stderr.write('usage: npm run smoke -- https://dxxxx.cloudfront.net\n');
  process.exit(2);
}

let failures = 0;
const check = (ok: boolean, what: string, detail = '') => {
  process.stdout.write(`${ok ? 'ok  ' : 'FAIL'} ${what}${detail ? `: ${detail}` : ''}\n`);
  if (!ok) failures += 1;
};
const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers });

const health = await get('/v1/health');
check(health.status === 200 && (await health.json() as { status?: string }).status === 'ok', 'GET /v1/health is 200 {status: ok}', String(health.status));
check(health.headers.get('cache-control') === 'no-store', 'health is never cached', health.headers.get('cache-control') ?? 'none');

const list = await get('/v1/drafts?limit=5');
const page = (await list.json().catch(() => ({}))) as { items?: unknown[] };
check(list.status === 200 && Array.isArray(page.items), 'GET /v1/drafts is a page of drafts', String(list.status));
check(/^public, max-age=\d+$/.test(list.headers.get('cache-control') ?? ''), 'the public list is cacheable', list.headers.get('cache-control') ?? 'none');
const again = await get('/v1/drafts?limit=5');
const cache = again.headers.get('x-cache') ?? '';
check(/Hit|RefreshHit/i.test(cache), 'the second call is answered by CloudFront', cache || 'no X-Cache');
const etag = list.headers.get('etag');
if (etag) {
  const revalidated = await get('/v1/drafts?limit=5', { 'if-none-match': etag });
  check(revalidated.status === 304 || revalidated.status === 200, 'If-None-Match revalidates', String(revalidated.status));
}

const withToken = await get('/v1/drafts?limit=5', { authorization: 'Bearer not-a-token' });
check(withToken.headers.get('cache-control') === 'private, no-store' && !/Hit/i.test(withToken.headers.get('x-cache') ?? ''),
  'a request with Authorization is never served from or stored in the cache', `${withToken.headers.get('cache-control')} ${withToken.headers.get('x-cache')}`);
const me = await get('/v1/me');
check(me.status === 401, 'GET /v1/me without a token is 401', String(me.status));

const docs = await get('/docs');
process.stdout.write(`info /docs answered ${docs.status} (docs are not part of the deployment: npm run openapi)\n`);

process.stdout.write(failures === 0 ? 'smoke: all checks passed\n' : `smoke: ${failures} check(s) failed\n`);
process.exit(failures === 0 ? 0 : 1);
