/**
 * The local runtime's identity provider: an ES256 key of its own (kept under .data/ so
 * tokens survive a restart), real signed JWTs from `POST /local/token`, verified like
 * Cognito's would be by API Gateway.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { SignJWT, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { personClaim } from '#shared/http/actor.ts';
import type { Verifier } from '#shared/http/token.ts';

export const localIssuer = 'urn:kuntavaikutus:local';
export const localAudience = 'kuntavaikutus-local';

export interface LocalIdentity {
  verifier: Verifier;
  mint(claims: LocalClaims): Promise<{ token: string; expiresAt: string }>;
  /** Signs any payload with this key (tests of what the verifier refuses); never served. */
  signRaw(payload: Record<string, unknown>, kid?: string): Promise<string>;
}

export interface LocalClaims {
  sub: string;
  name?: string;
  groups: string[];
  strong: boolean;
  /** The strong identity's stable subject; issued under the deployment's person claim. */
  person?: string;
  email?: string;
  email_verified?: boolean;
  expiresIn: number;
}

async function loadKeys(file?: string): Promise<{ privateKey: CryptoKey; publicKey: CryptoKey }> {
  if (file && existsSync(file)) {
    const jwk = JSON.parse(readFileSync(file, 'utf8')) as JWK;
    const { d: _d, ...pub } = jwk;
    return { privateKey: (await importJWK(jwk, 'ES256')) as CryptoKey, publicKey: (await importJWK(pub, 'ES256')) as CryptoKey };
  }
  const keys = await generateKeyPair('ES256', { extractable: true });
  if (file) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(await exportJWK(keys.privateKey)), { mode: 0o600 });
  }
  return keys;
}

export async function localIdentity(keyFile?: string): Promise<LocalIdentity> {
  const { privateKey, publicKey } = await loadKeys(keyFile);
  return {
    verifier: { key: publicKey, kid: 'local', issuer: localIssuer, audience: localAudience },
    async mint({ sub, name, groups, strong, person, email, email_verified, expiresIn }) {
      const exp = Math.floor(Date.now() / 1000) + expiresIn;
      const token = await new SignJWT({
        name: name ?? sub,
        'cognito:groups': groups,
        ...(strong ? { amr: ['strong'] } : {}),
        // A strong identity provider always names the person (e.g. a pairwise subject); by default the account.
        ...(strong ? { [personClaim()]: person ?? sub } : {}),
        ...(email ? { email, email_verified: email_verified ?? false } : {}),
        token_use: 'id',
      })
        .setProtectedHeader({ alg: 'ES256', kid: 'local' })
        .setSubject(sub)
        .setIssuer(localIssuer)
        .setAudience(localAudience)
        .setIssuedAt()
        .setExpirationTime(exp)
        .sign(privateKey);
      return { token, expiresAt: new Date(exp * 1000).toISOString() };
    },
    signRaw: (payload, kid = 'local') =>
      new SignJWT(payload).setProtectedHeader({ alg: 'ES256', kid }).setIssuer(localIssuer).setAudience(localAudience).sign(privateKey),
  };
}
