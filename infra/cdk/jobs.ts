/**
 * Object storage and the job machinery: the bucket export files (and later attachments and
 * open-data dumps) live in, the job queue with its dead-letter queue, and the job function
 * the queue feeds (exports and erasure, resumable from their checkpoints in the table).
 * Export files expire after a week, as their jobs do.
 */
import { Duration, RemovalPolicy, Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { AppFunction } from '#infra/cdk/function.ts';
import { grantTableAccess } from '#infra/cdk/table.ts';

export interface JobsProps {
  table: ITable;
  secret: ISecret;
  environment: Record<string, string>;
  logRetention: RetentionDays;
  /** Web apps that upload attachments straight to the bucket (presigned PUT) and read them (GET). */
  corsAllowOrigins?: string[];
}

/** Export objects and their jobs are kept this long. */
export const exportDays = 7;
const jobTimeout = Duration.minutes(5);

export class Jobs extends Construct {
  readonly bucket: Bucket;
  readonly queue: Queue;
  readonly deadLetterQueues: Record<string, Queue> = {};
  readonly runner: NodejsFunction;

  constructor(scope: Construct, id: string, props: JobsProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Objects', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        { id: 'ExportsExpire', prefix: 'exports/', expiration: Duration.days(exportDays) },
        { id: 'UnfinishedUploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      ...(props.corsAllowOrigins && props.corsAllowOrigins.length > 0 && {
        cors: [{
          allowedOrigins: props.corsAllowOrigins,
          allowedMethods: [HttpMethods.PUT, HttpMethods.GET],
          allowedHeaders: ['content-type'],
          maxAge: 3600,
        }],
      }),
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'Objects are short-lived exports read only through presigned links that the API hands to their owner; ' +
        'who asked for which link is in the API\'s own logs. Server access logs would add a second bucket of personal data.',
    });

    const failures = new Queue(this, 'JobFailures', { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
    Validations.of(failures).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'This is the dead-letter queue of the job queue.' });
    this.deadLetterQueues.JobFailures = failures;
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(jobTimeout.toSeconds() * 2),
      deadLetterQueue: { queue: failures, maxReceiveCount: 5 },
    });

    const environment = { ...props.environment, BUCKET_NAME: this.bucket.bucketName, JOB_QUEUE_URL: this.queue.queueUrl };
    this.runner = new AppFunction(this, 'Runner', {
      entry: 'functions/jobs/run.ts',
      description: 'Jobs: exports into object storage, erasure; resumable from their checkpoints',
      environment,
      logRetention: props.logRetention,
      secret: props.secret,
      timeout: jobTimeout,
    }).handler;
    this.runner.addEventSource(new SqsEventSource(this.queue, { batchSize: 1, reportBatchItemFailures: true }));
    grantTableAccess(this.runner, props.table, 'write');
    this.grantExports(this.runner, ['s3:PutObject', 's3:GetObject', 's3:DeleteObject', 's3:AbortMultipartUpload']);
    // Without it a missing object answers 403 rather than 404 (a resumed job asks whether its upload completed).
    this.runner.addToRolePolicy(new PolicyStatement({ actions: ['s3:ListBucket'], resources: [this.bucket.bucketArn] }));
    this.queue.grantSendMessages(this.runner);
  }

  /** `fn` starts jobs (queues them). */
  allowStarting(fn: NodejsFunction): void {
    fn.addEnvironment('JOB_QUEUE_URL', this.queue.queueUrl);
    this.queue.grantSendMessages(fn);
  }

  /** `fn` hands out download links to export files (presigned with its own role). */
  allowLinks(fn: NodejsFunction): void {
    fn.addEnvironment('BUCKET_NAME', this.bucket.bucketName);
    this.grantExports(fn, ['s3:GetObject']);
  }

  /** `actions` on export objects, and nothing else in the bucket. */
  private grantExports(fn: NodejsFunction, actions: string[]): void {
    fn.addToRolePolicy(new PolicyStatement({ actions, resources: [this.bucket.arnForObjects('exports/*')] }));
    const bucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnElement);
    Validations.of(fn.role!).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/exports/*]`,
      reason: 'Export objects are named by their job id, made at request time: only keys under exports/ in this bucket.',
    });
  }

  /**
   * `fn` works with attachment objects (`attachments/*`) with `actions`: it presigns uploads
   * (PutObject) or downloads (GetObject), checks (GetObject) or removes (DeleteObject) them.
   */
  allowAttachments(fn: NodejsFunction, actions: string[]): void {
    fn.addEnvironment('BUCKET_NAME', this.bucket.bucketName);
    fn.addToRolePolicy(new PolicyStatement({ actions, resources: [this.bucket.arnForObjects('attachments/*')] }));
    // Without it a missing object answers 403 rather than 404 (complete asks whether the upload arrived).
    if (actions.includes('s3:DeleteObject')) fn.addToRolePolicy(new PolicyStatement({ actions: ['s3:ListBucket'], resources: [this.bucket.bucketArn] }));
    const bucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnElement);
    Validations.of(fn.role!).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/attachments/*]`,
      reason: 'Attachment objects are named by their draft and attachment ids, made at request time: only keys under attachments/ in this bucket.',
    });
  }

  /** Functions by a readable name, for monitoring. */
  get functions(): Record<string, IFunction> {
    return { JobsRunner: this.runner };
  }
}
