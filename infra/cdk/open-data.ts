/**
 * The daily open-data job: EventBridge Scheduler invokes `open-data/write`, which reads the
 * table and writes the datasets under `open-data/` in the objects bucket. Retries and a
 * dead-letter queue as the Ahjo sync has; least privilege: read the table, write that prefix.
 */
import { Duration, Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { scheduleInvocation } from '#infra/cdk/schedule.ts';
import { AppFunction } from '#infra/cdk/function.ts';
import { grantTableAccess } from '#infra/cdk/table.ts';

export interface OpenDataProps {
  deploymentName: string;
  table: ITable;
  bucket: IBucket;
  secret: ISecret;
  environment: Record<string, string>;
  logRetention: RetentionDays;
}

export class OpenData extends Construct {
  readonly handler: IFunction;
  readonly deadLetterQueue: Queue;
  private readonly bucket: IBucket;

  /** `fn` signs download links to the datasets. */
  allowLinks(fn: IFunction & { addEnvironment(key: string, value: string): unknown }): void {
    fn.addEnvironment('BUCKET_NAME', this.bucket.bucketName);
    fn.addToRolePolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: [this.bucket.arnForObjects('open-data/*')] }));
    Validations.of(fn.role!).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnElement)}.Arn>/open-data/*]`,
      reason: 'Links to the datasets: reading open-data/ only.',
    });
  }

  constructor(scope: Construct, id: string, props: OpenDataProps) {
    super(scope, id);
    const fn = new AppFunction(this, 'Function', {
      entry: 'functions/open-data/write.ts',
      description: 'Writes the open datasets (CSV, JSON Lines) to object storage',
      environment: { ...props.environment, BUCKET_NAME: props.bucket.bucketName },
      logRetention: props.logRetention,
      secret: props.secret,
      timeout: Duration.minutes(10),
      reservedConcurrency: 1,
    }).handler;
    grantTableAccess(fn, props.table, 'read');
    fn.addToRolePolicy(new PolicyStatement({ actions: ['s3:PutObject', 's3:GetObject'], resources: [props.bucket.arnForObjects('open-data/*')] }));
    Validations.of(fn.role!).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(props.bucket.node.defaultChild as CfnElement)}.Arn>/open-data/*]`,
      reason: 'The datasets are files under open-data/ in the objects bucket: that prefix only.',
    });
    this.handler = fn;
    this.bucket = props.bucket;

    this.deadLetterQueue = scheduleInvocation(this, fn, {
      what: `${props.deploymentName}: write the open datasets`,
      scheduleExpression: 'cron(0 3 * * ? *)',
      timezone: 'Europe/Helsinki',
      maxEventAge: Duration.hours(1),
    });
  }
}
