/**
 * A small stand-in for Ahjo's REST API: serves the fixtures in Ahjo's paging shape
 * (`{"meetings": [...], "count": n, "links": [{"rel": "next", "href": …}]}`), `size` records a
 * page, and answers 500 the first time each page listed in `failOnce` is asked for.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AhjoServer {
  url: string;
  /** Every path and query asked for, in order. */
  requests: string[];
  stop(): Promise<void>;
}

export async function ahjoServer(data: Record<string, unknown[]>, options: { size: number; failOnce?: string[]; apiKey?: string }): Promise<AhjoServer> {
  const requests: string[] = [];
  const failed = new Set<string>();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push(`${url.pathname}${url.search}`);
    const kind = url.pathname.split('/').pop()!;
    const start = Number(url.searchParams.get('start') ?? 0);
    const page = `${kind}@${start}`;
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (options.apiKey && req.headers['api-key'] !== options.apiKey) return send(401, { message: 'no key' });
    if (!(kind in data)) return send(404, { message: 'no such list' });
    if (options.failOnce?.includes(page) && !failed.has(page)) {
      failed.add(page);
      return send(500, { message: 'temporarily unavailable' });
    }
    const all = data[kind]!;
    const next = new URL(url.href);
    next.searchParams.set('start', String(start + options.size));
    send(200, {
      [kind]: all.slice(start, start + options.size),
      count: all.length,
      links: start + options.size < all.length ? [{ rel: 'next', href: `${next.pathname}${next.search}` }] : [],
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/ahjorest/v1`,
    requests,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
