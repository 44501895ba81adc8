/**
 * Deployment options, read once from CDK context (cdk.json or `-c key=value`) and checked,
 * so a typo fails the synth naming the option instead of deploying something odd.
 */
import * as z from 'zod';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { fromAddress } from '#shared/mail/transport.ts';

/** True when SES can take `from` as its sender (shared/mail/transport.ts writes it). */
const sendable = (from: string): boolean => {
  try {
    fromAddress(from);
    return true;
  } catch {
    return false;
  }
};

/** `-c key=a,b` arrives as a string, cdk.json may hold an array: both become a list. */
const list = z
  .union([z.array(z.string()), z.string()])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean));

/** `-c settings='{"A":"b"}'` arrives as a string of JSON. */
const json = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => {
    if (typeof v !== 'string') return v;
    try {
      return JSON.parse(v) as unknown;
    } catch {
      return v;
    }
  }, schema);

const retentions = new Set(Object.values(RetentionDays).filter((v): v is number => typeof v === 'number'));

const DeploymentOptions = z.object({
  /** The region of the deployment (the edge's web ACL is always in us-east-1, as CloudFront requires). */
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as eu-north-1').default('eu-north-1'),
  /** Where alarms are e-mailed (an SNS subscription the address must confirm); none: the topic only. */
  alarmEmail: z.email().optional(),
  /** Edge (WAF): requests per client address in 5 minutes, and writes without a token per address in 5 minutes. */
  requestLimit: z.coerce.number().int().min(10).default(2000),
  anonymousWriteLimit: z.coerce.number().int().min(10).default(50),
  /** Concurrency reserved for each event consumer (the account needs 100 unreserved beyond all reservations). */
  consumerConcurrency: z.coerce.number().int().min(1).max(100).default(5),
  /** Names the stacks and is the `source` of domain events: one account can hold several municipalities. */
  deploymentName: z.string().regex(/^[a-z][a-z0-9-]{1,38}$/, 'lower-case letters, digits and dashes').default('kuntavaikutus'),
  /** Languages every published text must carry (Porvoo/Borgå: `fi,sv`). */
  requiredLanguages: list.pipe(z.array(z.string().regex(/^[a-z]{2,3}$/)).min(1)).default(['fi']),
  /** Stage-wide default throttling: steady requests per second and burst. */
  throttleRateLimit: z.coerce.number().int().positive().default(50),
  throttleBurstLimit: z.coerce.number().int().positive().default(100),
  /** The API's public address, as residents reach it (links in feeds, e-mails, exports); default: the API's own URL. */
  publicBaseUrl: z.url().optional(),
  /** Browser origins allowed to call the API; none means no CORS configuration at all. */
  corsAllowOrigins: list.pipe(z.array(z.url())).default([]),
  /** Web app sign-in redirects; without them the client uses SRP sign-in only (no hosted UI, no federation). */
  webCallbackUrls: list.pipe(z.array(z.url())).default([]),
  webLogoutUrls: list.pipe(z.array(z.url())).default([]),
  /** Prefix of the Cognito hosted domain (`<prefix>.auth.<region>.amazoncognito.com`), needed for federation. */
  authDomainPrefix: z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/).optional(),
  /** SES's verified sending identity: a domain (`kunta.fi`, DKIM records to publish) or one address. */
  mailIdentity: z.string().regex(/^([^@\s]+@)?([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/i, 'a domain or an e-mail address'),
  /** The From of every message (`Name <address>`); default: no-reply at the identity's domain. */
  mailFrom: z.string().min(3).max(200).refine(sendable, 'a From SES can send: `Name <address>` or an address, the address in ASCII (a domain in Punycode)').optional(),
  /** Identity providers (Cognito names) whose users are strongly identified, e.g. `SuomiFi`: their tokens get `identification: "strong"` (Cognito reserves `amr`). */
  strongIdentityProviders: list.pipe(z.array(z.string().regex(/^[\w.-]{1,32}$/))).default([]),
  logLevel: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']).default('INFO'),
  logRetentionDays: z.coerce.number().refine((d) => retentions.has(d), 'a CloudWatch Logs retention period (1, 3, 5, 7, 14, 30, 60, 90, ...)').default(30),
  /** Further settings for every function, e.g. `{"COMMENT_ERASURE": "remove"}` (see shared/config.ts). */
  settings: json(z.record(z.string().regex(/^[A-Z][A-Z0-9_]*$/), z.string())).default({}),
});

export type DeploymentOptions = z.infer<typeof DeploymentOptions>;

const keys = Object.keys(DeploymentOptions.shape) as (keyof DeploymentOptions)[];

/** The options from the app's context; throws one error listing every bad option. */
export function deploymentOptions(scope: Construct): DeploymentOptions {
  const raw = Object.fromEntries(keys.map((k) => [k, scope.node.tryGetContext(k)]).filter(([, v]) => v !== undefined));
  const parsed = DeploymentOptions.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  -c ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid deployment options (CDK context):\n${problems}`);
  }
  return parsed.data;
}
