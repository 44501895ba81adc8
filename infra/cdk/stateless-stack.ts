/**
 * What can be redeployed at will: the functions and the HTTP API in front of them.
 * Later pieces (events, schedules) add one construct here and use `table`, `secret`,
 * `functionEnvironment` and `functions`.
 */
import { CfnOutput, NestedStack, Stack, type StackProps } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { ParticipationApi } from '#infra/cdk/http-api.ts';
import { DomainEvents } from '#infra/cdk/events.ts';
import { HttpFunctions } from '#infra/cdk/http-functions.ts';
import type { Identity } from '#infra/cdk/identity.ts';
import type { DeploymentOptions } from '#infra/cdk/options.ts';
import { constructId } from '#infra/cdk/function.ts';
import type { OperationsProps } from '#infra/cdk/monitoring.ts';
import { Edge } from '#infra/cdk/edge.ts';
import { AhjoSync } from '#infra/cdk/ahjo-sync.ts';
import { OpenData } from '#infra/cdk/open-data.ts';
import { Jobs } from '#infra/cdk/jobs.ts';
import { Mail } from '#infra/cdk/mail.ts';

export interface StatelessStackProps extends StackProps {
  options: DeploymentOptions;
  /** The edge's web ACL (us-east-1). */
  webAclArn: string;
  table: ITable;
  secret: ISecret;
  identity: Identity;
}

export class StatelessStack extends Stack {
  readonly options: DeploymentOptions;
  readonly table: ITable;
  readonly secret: ISecret;
  /** Settings every function that touches data gets: the same variables the local runtime sets (SECRET_ARN is added where read). */
  readonly functionEnvironment: Record<string, string>;
  /** The HTTP functions by route-table name (`drafts/read`). */
  readonly functions: Record<string, NodejsFunction>;
  readonly api: ParticipationApi;
  readonly events: DomainEvents;
  readonly jobs: Jobs;
  readonly edge: Edge;
  readonly ahjoSync: AhjoSync;
  readonly openData: OpenData;
  readonly mail: Mail;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { options } = props;
    this.options = options;
    this.table = props.table;
    this.secret = props.secret;

    const base = {
      ...options.settings,
      DEPLOYMENT_NAME: options.deploymentName,
      REQUIRED_LANGUAGES: options.requiredLanguages.join(','),
      POWERTOOLS_SERVICE_NAME: options.deploymentName,
      POWERTOOLS_LOG_LEVEL: options.logLevel,
    };
    this.functionEnvironment = { ...base, TABLE_NAME: this.table.tableName };

    const http = new HttpFunctions(this, 'Http', {
      table: this.table,
      secret: this.secret,
      environment: this.functionEnvironment,
      logRetention: options.logRetentionDays,
    });
    this.functions = http.functions;
    // Erasure deletes the person's account and signs them out everywhere.
    const erase = this.functions['me/erase']!;
    erase.addEnvironment('USER_POOL_ID', props.identity.userPool.userPoolId);
    props.identity.userPool.grant(erase, 'cognito-idp:AdminDeleteUser', 'cognito-idp:AdminUserGlobalSignOut');

    // Export and erasure jobs: the bucket, the job queue and the function it feeds.
    this.jobs = new Jobs(this, 'Jobs', {
      table: this.table, secret: this.secret, environment: this.functionEnvironment, logRetention: options.logRetentionDays,
      corsAllowOrigins: options.corsAllowOrigins,
    });
    for (const fn of ['exports/jobs', 'me/erase']) this.jobs.allowStarting(this.functions[fn]!);
    this.jobs.allowLinks(this.functions['exports/jobs']!);
    // Attachments: uploads are presigned by one function, checked by another, read through links drafts hand out.
    this.jobs.allowAttachments(this.functions['attachments/write']!, ['s3:PutObject', 's3:DeleteObject']);
    this.jobs.allowAttachments(this.functions['attachments/complete']!, ['s3:GetObject', 's3:DeleteObject']);
    // Both draft functions answer drafts, with their attachments' download links.
    for (const fn of ['drafts/read', 'drafts/write']) this.jobs.allowAttachments(this.functions[fn]!, ['s3:GetObject']);

    this.events = new DomainEvents(this, 'Events', {
      deploymentName: options.deploymentName,
      table: this.table,
      secret: this.secret,
      environment: this.functionEnvironment,
      logRetention: options.logRetentionDays,
      consumerConcurrency: options.consumerConcurrency,
    });

    const client = props.identity.webClient;
    this.api = new ParticipationApi(this, 'Api', {
      functions: this.functions,
      issuer: props.identity.issuer,
      audience: client.userPoolClientId,
      environment: base,
      throttle: { rateLimit: options.throttleRateLimit, burstLimit: options.throttleBurstLimit },
      corsAllowOrigins: options.corsAllowOrigins,
      logRetention: options.logRetentionDays,
    });

    this.ahjoSync = new AhjoSync(this, 'AhjoSync', {
      deploymentName: options.deploymentName,
      table: this.table,
      environment: this.functionEnvironment,
      logRetention: options.logRetentionDays,
      baseUrl: options.settings.AHJO_BASE_URL ?? 'https://ahjo.hel.fi:9802/ahjorest/v1',
    });

    this.openData = new OpenData(this, 'OpenData', {
      deploymentName: options.deploymentName,
      table: this.table,
      bucket: this.jobs.bucket,
      secret: this.secret,
      environment: this.functionEnvironment,
      logRetention: options.logRetentionDays,
    });
    // The listing hands out the datasets' links, presigned with its own role.
    this.openData.allowLinks(this.functions['open-data/read']!);

    this.edge = new Edge(this, 'Edge', { deploymentName: options.deploymentName, api: this.api.api, webAclArn: props.webAclArn });

    // Links the API builds use the configured public address (default: the CloudFront edge), never a request's Host header.
    const publicBaseUrl = options.publicBaseUrl ?? `https://${this.edge.distribution.distributionDomainName}`;

    // E-mail in a nested stack of its own: its functions, queues and schedules grow on their own.
    const mailDomain = options.mailIdentity.split('@').at(-1)!;
    const mailStack = new NestedStack(this, 'MailStack', { description: `${options.deploymentName}: e-mail (SES, immediate mail, digests, bounces)` });
    this.mail = new Mail(mailStack, 'Mail', {
      deploymentName: options.deploymentName,
      table: this.table,
      secret: this.secret,
      environment: this.functionEnvironment,
      logRetention: options.logRetentionDays,
      identity: options.mailIdentity,
      from: options.mailFrom ?? (options.mailIdentity.includes('@') ? options.mailIdentity : `Kuntavaikutus <no-reply@${mailDomain}>`),
      publicBaseUrl,
    });

    new CfnOutput(this, 'EdgeUrl', { value: `https://${this.edge.distribution.distributionDomainName}`, description: 'Base URL for clients: CloudFront with WAF' });
    for (const fn of Object.values(this.functions)) {
      fn.addEnvironment('PUBLIC_BASE_URL', publicBaseUrl);
      // Per-address limits count the viewer's address only on requests CloudFront vouches for.
      fn.addEnvironment('ORIGIN_VERIFY', this.edge.originVerify);
    }
    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'UserPoolId', { value: props.identity.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: client.userPoolClientId, description: 'The web app client' });
  }

  /** What the operations stack watches: the API, every function and every dead-letter queue. */
  watched(): Pick<OperationsProps, 'api' | 'functions' | 'streamConsumer' | 'deadLetterQueues'> {
    return {
      api: this.api.api,
      functions: {
        ...Object.fromEntries(Object.entries(this.functions).map(([fn, f]) => [constructId(fn), f])),
        ...this.api.ownFunctions,
        Publisher: this.events.publisher,
        ...Object.fromEntries(Object.entries(this.events.consumers).map(([fn, f]) => [constructId(fn), f])),
        CloseDraft: this.events.closeDraft,
        NotificationsDeliver: this.events.deliverNotifications,
        AhjoSync: this.ahjoSync.handler,
        OpenData: this.openData.handler,
        ...this.jobs.functions,
        ...this.mail.functions,
      },
      streamConsumer: this.events.publisher,
      deadLetterQueues: {
        ...this.events.deadLetterQueues, AhjoSyncFailures: this.ahjoSync.deadLetterQueue, OpenDataFailures: this.openData.deadLetterQueue,
        ...this.jobs.deadLetterQueues, ...this.mail.deadLetterQueues,
      },
    };
  }
}
