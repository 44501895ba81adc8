/** The local HTTP server: Node's http in front of the gateway, plus the API docs. */
import { createServer, type Server } from 'node:http';
import type { Gateway } from '#infra/local/gateway.ts';
import { openApiDocument } from '#infra/openapi/document.ts';
import { docsAsset, docsPage } from '#infra/openapi/docs.ts';

const maxRequestBytes = 10 * 1024 * 1024; // API Gateway's own payload limit

export function startServer(gateway: Gateway, port: number, host = '127.0.0.1'): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxRequestBytes) chunks.push(chunk);
    });
    req.on('end', async () => {
      const url = req.url ?? '/';
      const path = url.split('?')[0];
      if (req.method === 'GET' && (path === '/openapi.json' || path === '/docs' || path === '/')) {
        const json = path === '/openapi.json';
        res.writeHead(200, { 'Content-Type': json ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8' });
        res.end(json ? JSON.stringify(openApiDocument(), null, 2) : docsPage({ assets: '/docs/', document: '/openapi.json', local: true }));
        return;
      }
      const asset = req.method === 'GET' && path?.startsWith('/docs/') ? docsAsset(path.slice('/docs/'.length)) : undefined;
      if (asset) {
        res.writeHead(200, { 'Content-Type': asset.contentType, 'Cache-Control': 'public, max-age=3600' });
        res.end(asset.body);
        return;
      }
      if (size > maxRequestBytes) {
        res.writeHead(413, { 'Content-Type': 'application/problem+json' });
        res.end(JSON.stringify({ type: 'about:blank', title: 'Payload too large', status: 413 }));
        return;
      }
      const response = await gateway.handle({
        method: req.method ?? 'GET',
        url,
        headers: req.headers,
        body: Buffer.concat(chunks),
        sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, ''),
      });
      res.writeHead(response.status, response.headers);
      res.end(response.body);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
