/**
 * A stand-in for the Cognito user pool the optional-token authorizer trusts: its own key,
 * the JWKS at `<issuer>/.well-known/jwks.json` over HTTP, and ID tokens signed with it.
 */
import { createServer } from 'node:http';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';

export interface Issuer {
  issuer: string;
  audience: string;
  token(sub: string, groups?: string[]): Promise<string>;
  stop(): Promise<void>;
}

export async function startIssuer(): Promise<Issuer> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'bench', alg: 'ES256', use: 'sig' }] });
  const server = createServer((req, res) => {
    const found = req.url === '/.well-known/jwks.json';
    res.writeHead(found ? 200 : 404, { 'Content-Type': 'application/json' });
    res.end(found ? jwks : '{}');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const issuer = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const audience = 'bench-client';
  return {
    issuer,
    audience,
    token: (sub, groups = []) =>
      new SignJWT({ name: sub, 'cognito:groups': groups, token_use: 'id' })
        .setProtectedHeader({ alg: 'ES256', kid: 'bench' })
        .setSubject(sub).setIssuer(issuer).setAudience(audience).setIssuedAt().setExpirationTime('1h')
        .sign(privateKey),
    stop: () => new Promise((done) => server.close(() => done())),
  };
}
