/**
 * A local node:http server standing in for an AWS service's endpoint, for the signed calls
 * that replace SDK clients (shared/storage/aws-json.ts): it records each request as received
 * and answers what the test queued (or `fallback`); `'hang'` never answers.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export type Answer = { status: number; body?: unknown; headers?: Record<string, string> } | 'hang';

export interface FakeAws {
  port: number;
  close(): Promise<void>;
}

export async function fakeAws(contentType: string, answer: (seen: Seen) => Answer | undefined, fallback: Answer): Promise<FakeAws> {
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      const chosen = answer({ method: req.method!, url: req.url!, headers: req.headers, body }) ?? fallback;
      if (chosen === 'hang') return;
      res.writeHead(chosen.status, { 'content-type': contentType, ...chosen.headers });
      res.end(chosen.body === undefined ? '' : JSON.stringify(chosen.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** `20261129T100000Z` -> the Date. */
export const fromAmzDate = (d: string): Date =>
  new Date(`${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${d.slice(9, 11)}:${d.slice(11, 13)}:${d.slice(13, 15)}Z`);

/** What `p` rejects with (a test fails if it resolves). */
export const failure = async (p: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode: number } }> => {
  try {
    await p;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
};

/** A local port nothing listens on any more: an endpoint that cannot be reached. */
export async function closedPort(): Promise<number> {
  const gone = await fakeAws('application/json', () => undefined, 'hang');
  await gone.close();
  return gone.port;
}
