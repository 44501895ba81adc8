/**
 * The scheduled Ahjo sync: EventBridge Scheduler invokes the sync function every
 * `scheduleExpression`; the function pulls what changed since its checkpoint (at most
 * AHJO_SYNC_MAX_PAGES pages a run) from AHJO_BASE_URL with the API key kept in Secrets Manager.
 *   schedule -> sync   the schedule's retry policy, then AhjoSyncFailures; the function's own
 *                      failures (a failing page): Lambda's async retries, then the same queue
 * One run at a time (reserved concurrency 1): two runs would share one checkpoint.
 * Least privilege: the table (the imports write it), the API key (read), nothing else.
 */
import { Duration, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { scheduleInvocation } from '#infra/cdk/schedule.ts';
import { functionEntry } from '#infra/bundling.ts';
import { AppFunction } from '#infra/cdk/function.ts';
import { grantTableAccess } from '#infra/cdk/table.ts';

export interface AhjoSyncProps {
  deploymentName: string;
  table: ITable;
  environment: Record<string, string>;
  logRetention: RetentionDays;
  /** Ahjo's REST API, e.g. `https://ahjo.hel.fi:9802/ahjorest/v1`. */
  baseUrl: string;
  /** Default every 15 minutes. */
  scheduleExpression?: string;
  maxPages?: number;
}

export class AhjoSync extends Construct {
  readonly handler: IFunction;
  readonly apiKey: Secret;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: AhjoSyncProps) {
    super(scope, id);
    this.apiKey = new Secret(this, 'ApiKey', {
      description: `${props.deploymentName}: the API key for Ahjo's REST API (set by operators)`,
    });
    Validations.of(this.apiKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'The key is issued by the city\'s Ahjo API service; it is rotated there, then stored here by an operator.',
    });
    // The function reads only this secret, through the secrets extension (shared/secret.ts).
    const fn = new AppFunction(this, 'Function', {
      entry: functionEntry('imports/sync'),
      description: 'Pulls meetings, cases and decisions changed in Ahjo since the last checkpoint',
      environment: {
        ...props.environment,
        AHJO_BASE_URL: props.baseUrl,
        AHJO_API_KEY_SECRET_ARN: this.apiKey.secretArn,
        AHJO_SYNC_MAX_PAGES: String(props.maxPages ?? 50),
      },
      logRetention: props.logRetention,
      secret: this.apiKey,
      timeout: Duration.minutes(5),
      reservedConcurrency: 1,
    }).handler;
    grantTableAccess(fn, props.table, 'write');
    this.handler = fn;

    this.deadLetterQueue = scheduleInvocation(this, fn, {
      what: `${props.deploymentName}: pull changes from Ahjo`,
      scheduleExpression: props.scheduleExpression ?? 'rate(15 minutes)',
      input: JSON.stringify({ source: 'schedule' }),
      maxEventAge: Duration.minutes(15),
    });
  }
}
