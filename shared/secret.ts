/**
 * The per-deployment secret, from Secrets Manager in AWS (SECRET_ARN) or from APP_SECRET
 * (the local runtime writes a random one under .data/). In AWS it is read through the
 * Parameters and Secrets Lambda Extension (a layer serving localhost:2773), not the SDK
 * client, which would add ~30 KB to every bundle. Purpose-specific keys are
 * derived from it with HKDF so a cursor key never doubles as a ballot key.
 */
import { hkdfSync } from 'node:crypto';

let secret: Promise<Buffer> | undefined;

/** A secret's string from Secrets Manager, through the extension's local endpoint. */
export async function secretString(arn: string, what = 'deployment secret'): Promise<string> {
  const port = process.env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT ?? '2773';
  const response = await fetch(`http://localhost:${port}/secretsmanager/get?secretId=${encodeURIComponent(arn)}`, {
    headers: { 'X-Aws-Parameters-Secrets-Token': process.env.AWS_SESSION_TOKEN ?? '' },
  });
  if (!response.ok) throw new Error(`${what}: the secrets extension answered ${response.status}`);
  const out = (await response.json()) as { SecretString?: string };
  if (!out.SecretString) throw new Error(`${what} is empty`);
  return out.SecretString;
}

const load = async (): Promise<Buffer> => {
  const arn = process.env.SECRET_ARN;
  if (arn) return Buffer.from(await secretString(arn), 'utf8');
  const local = process.env.APP_SECRET;
  if (!local || local.length < 32) throw new Error('APP_SECRET (32+ characters) or SECRET_ARN must be set');
  return Buffer.from(local, 'utf8');
};

/** A 32-byte key for one purpose (e.g. "cursor", "ballot"), derived from the deployment secret. */
export const derivedKey = async (purpose: string): Promise<Buffer> => {
  secret ??= load().catch((error) => {
    secret = undefined;
    throw error;
  });
  return Buffer.from(hkdfSync('sha256', await secret, Buffer.alloc(0), `kuntavaikutus:${purpose}`, 32));
};
