/**
 * One Lambda function of this app: the newest Node.js runtime on arm64, bundled by local
 * esbuild with the very options the bench measures, writing JSON logs to its own log group,
 * traced by X-Ray, under a role of its own that holds nothing but what it is granted
 * afterwards. Only a function whose code reads the deployment secret gets it (setting,
 * grant and the secrets extension layer).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, Stack, Token, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, ParamsAndSecretsLayerVersion, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { bundlingFor } from '#infra/bundling.ts';
import { readsSecret } from '#infra/cdk/imports.ts';
import secretsExtensionLayers from '#infra/cdk/secrets-extension-layers.json' with { type: 'json' };

/** The repository root: entries, tsconfig and lock file are resolved from here, whatever the cwd. */
export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `drafts/read` -> `DraftsRead`: a construct id that stays the same while the function exists. */
export const constructId = (fn: string): string =>
  fn.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');

export interface AppFunctionProps {
  /** The entry file, relative to the repository root (e.g. `functions/drafts/read.ts`). */
  entry: string;
  description: string;
  environment: Record<string, string>;
  logRetention: RetentionDays;
  memorySize?: number;
  timeout?: Duration;
  /** The deployment secret, for a function whose code reads it (shared/secret.ts); ignored otherwise. */
  secret?: ISecret;
  /** Concurrency reserved for (and limiting) this function. */
  reservedConcurrency?: number;
}

/**
 * The Parameters and Secrets extension for this stack's region on arm64, from the data file
 * (infra/cdk/secrets-extension-layers.json), so a newer build or a new region is one line.
 */
export function secretsExtension(scope: Construct): ParamsAndSecretsLayerVersion {
  const { region } = Stack.of(scope);
  if (Token.isUnresolved(region)) throw new Error('The secrets extension layer depends on the region: give the stack one (-c region=...)');
  const arn = (secretsExtensionLayers.arm64 as Record<string, string>)[region];
  if (!arn) throw new Error(`infra/cdk/secrets-extension-layers.json has no arm64 layer for ${region}: add the ARN AWS lists for it`);
  return ParamsAndSecretsLayerVersion.fromVersionArn(arn);
}

export class AppFunction extends Construct {
  readonly handler: NodejsFunction;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention });
    // An own role instead of the default one with the AWS-managed basic execution policy:
    // it may write to this log group only.
    const role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    this.logGroup.grantWrite(role);
    const secret = props.secret && readsSecret(props.entry) ? props.secret : undefined;

    const bundling = bundlingFor(props.entry);
    this.handler = new NodejsFunction(this, 'Handler', {
      entry: join(projectRoot, props.entry),
      projectRoot,
      depsLockFilePath: join(projectRoot, 'package-lock.json'),
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout ?? Duration.seconds(10),
      description: props.description,
      environment: { ...props.environment, ...(secret && { SECRET_ARN: secret.secretArn }) },
      role,
      tracing: Tracing.ACTIVE,
      reservedConcurrentExecutions: props.reservedConcurrency,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      // A function that reads the deployment secret reads it through the Parameters and Secrets
      // extension (see shared/secret.ts) rather than bundling the Secrets Manager client.
      paramsAndSecrets: secret ? secretsExtension(this) : undefined,
      bundling: {
        format: OutputFormat.ESM,
        target: bundling.target,
        minify: bundling.minify,
        sourceMap: bundling.sourcemap,
        externalModules: bundling.externalModules,
        mainFields: bundling.mainFields,
        banner: bundling.banner,
        tsconfig: join(projectRoot, bundling.tsconfig),
        esbuildArgs: Object.fromEntries(Object.entries(bundling.alias).map(([from, to]) => [`--alias:${from}`, to])),
        forceDockerBundling: false,
        logLevel: LogLevel.WARNING, // sizes are the bench's job; warnings and errors still show
      },
    });
    secret?.grantRead(this.handler);
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords have no resource-level permissions.',
    });
  }
}
