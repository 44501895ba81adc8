/**
 * The daily open-data job: EventBridge Scheduler invokes `open-data/write`, which reads the
 * table and writes the datasets under `open-data/` in the objects bucket. Retries and a
 * dead-letter queue as the Ahjo sync has; least privilege: read the table, write that prefix.
 */
import { Duration, Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { CfnSchedule } from 'aws-cdk-lib/aws-scheduler';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
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

    this.deadLetterQueue = new Queue(this, 'Failures', { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
    Validations.of(this.deadLetterQueue).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'This queue is itself the dead-letter queue of the open-data schedule and function.' });
    fn.configureAsyncInvoke({ retryAttempts: 2, maxEventAge: Duration.hours(6), onFailure: new SqsDestination(this.deadLetterQueue) });

    const role = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } } }),
      description: 'EventBridge Scheduler invokes the open-data job',
    });
    fn.grantInvoke(role);
    this.deadLetterQueue.grantSendMessages(role);
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(fn.node.defaultChild as CfnElement)}.Arn>:*]`,
      reason: 'CDK grants invoking this one function and its versions (":*"); nothing else.',
    });
    new CfnSchedule(this, 'Schedule', {
      description: `${props.deploymentName}: write the open datasets`,
      scheduleExpression: 'cron(0 3 * * ? *)',
      scheduleExpressionTimezone: 'Europe/Helsinki',
      flexibleTimeWindow: { mode: 'OFF' },
      target: {
        arn: fn.functionArn,
        roleArn: role.roleArn,
        retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 3600 },
        deadLetterConfig: { arn: this.deadLetterQueue.queueArn },
      },
    });
  }
}
