/**
 * E-mail in AWS: Amazon SES v2 with a verified sending identity (from CDK context), a
 * configuration set whose bounce and complaint events go to the default EventBridge bus
 * (the only bus SES delivers to), and three functions:
 *   mail/immediate  the table's stream (feed inserts only): a message per new notification
 *   mail/digest     EventBridge Scheduler, daily and weekly, a bounded part per invocation;
 *                   the schedule fires every 10 minutes through the morning, each resumes the run
 *   mail/bounces    SES bounce and complaint events: e-mail off for that address
 * Only the two sending functions may call ses:SendEmail, on this identity and configuration set only.
 */
import { Duration, Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import {
  ConfigurationSet, ConfigurationSetTlsPolicy, EmailIdentity, EmailSendingEvent, EventDestination, Identity, SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { AppFunction } from '#infra/cdk/function.ts';
import { scheduleInvocation } from '#infra/cdk/schedule.ts';
import { grantTableAccess } from '#infra/cdk/table.ts';

export interface MailProps {
  deploymentName: string;
  table: ITable;
  secret: ISecret;
  environment: Record<string, string>;
  logRetention: RetentionDays;
  /** The verified sending identity: a domain (`kunta.fi`) or one address. */
  identity: string;
  /** The From header, an address of that identity. */
  from: string;
  /** Links in messages start here. */
  publicBaseUrl: string;
}

export class Mail extends Construct {
  readonly identity: EmailIdentity;
  readonly configurationSet: ConfigurationSet;
  readonly immediate: NodejsFunction;
  readonly digest: NodejsFunction;
  readonly bounces: NodejsFunction;
  readonly deadLetterQueues: Record<string, Queue> = {};

  constructor(scope: Construct, id: string, props: MailProps) {
    super(scope, id);
    const { table } = props;
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
      reputationMetrics: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.configurationSet.addEventDestination('Feedback', {
      destination: EventDestination.eventBus(EventBus.fromEventBusName(this, 'DefaultBus', 'default')),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });
    this.identity = new EmailIdentity(this, 'Identity', {
      identity: props.identity.includes('@') ? Identity.email(props.identity) : Identity.domain(props.identity),
      configurationSet: this.configurationSet,
    });

    const environment = {
      ...props.environment,
      MAIL_FROM: props.from,
      PUBLIC_BASE_URL: props.publicBaseUrl,
      SES_CONFIGURATION_SET: this.configurationSet.configurationSetName,
    };
    const fn = (name: string, entry: string, description: string, timeout: Duration) => new AppFunction(this, name, {
      entry, description, environment, logRetention: props.logRetention, secret: props.secret, timeout, reservedConcurrency: name === 'Digest' ? 1 : undefined,
    }).handler;

    // Immediate: feed inserts from the stream, in order, a failing record retried, then its position to a queue.
    this.immediate = fn('Immediate', 'functions/mail/immediate.ts', 'E-mails each new notification to residents who want it immediately', Duration.seconds(60));
    grantTableAccess(this.immediate, table, 'write');
    const immediateFailures = this.deadLetterQueue('ImmediateMailFailures');
    this.immediate.addEventSource(new DynamoEventSource(table, {
      startingPosition: StartingPosition.LATEST,
      batchSize: 25,
      parallelizationFactor: 2,
      bisectBatchOnError: true,
      reportBatchItemFailures: true,
      retryAttempts: 10,
      maxRecordAge: Duration.hours(24),
      onFailure: new SqsDlq(immediateFailures),
      filters: [FilterCriteria.filter({ eventName: FilterRule.isEqual('INSERT'), dynamodb: { NewImage: { type: { S: FilterRule.isEqual('notification') } } } })],
    }));

    // Digests: one run per day or week, resumed by each firing through the morning.
    this.digest = fn('Digest', 'functions/mail/digest.ts', 'Daily and weekly e-mail digests, a bounded part per invocation', Duration.minutes(10));
    grantTableAccess(this.digest, table, 'write');
    const digest = (frequency: string) => ({ what: `${props.deploymentName}: send the ${frequency} e-mail digests`, input: JSON.stringify({ frequency }) });
    this.deadLetterQueues.DigestFailures = scheduleInvocation(new Construct(this, 'Digests'), this.digest, {
      ...digest('daily'),
      scheduleExpression: 'cron(0/10 6-8 * * ? *)',
      timezone: 'Europe/Helsinki',
      maxEventAge: Duration.minutes(30),
      more: [{ id: 'Weekly', ...digest('weekly'), scheduleExpression: 'cron(0/10 6-8 ? * MON *)' }],
    });

    // Only the sending functions may send, as this identity, through this configuration set.
    const configurationSetArn = Stack.of(this).formatArn({ service: 'ses', resource: 'configuration-set', resourceName: this.configurationSet.configurationSetName });
    for (const sender of [this.immediate, this.digest]) {
      sender.addToRolePolicy(new PolicyStatement({ actions: ['ses:SendEmail'], resources: [this.identity.emailIdentityArn, configurationSetArn] }));
    }

    // Bounces and complaints: the default bus, SES's own events only.
    this.bounces = fn('Bounces', 'functions/mail/bounces.ts', 'Turns e-mail off for addresses that bounce or complain', Duration.seconds(30));
    grantTableAccess(this.bounces, table, 'write');
    const bounceFailures = this.deadLetterQueue('MailFeedbackFailures');
    this.bounces.configureAsyncInvoke({ retryAttempts: 2, onFailure: new SqsDestination(bounceFailures) });
    new Rule(this, 'FeedbackRule', {
      description: 'SES bounces and complaints for this deployment\'s configuration set',
      eventPattern: {
        source: ['aws.ses'],
        detailType: ['Email Bounced', 'Email Complaint Received'],
        detail: { mail: { tags: { 'ses:configuration-set': [this.configurationSet.configurationSetName] } } },
      },
      targets: [new LambdaFunction(this.bounces, { deadLetterQueue: bounceFailures, retryAttempts: 8, maxEventAge: Duration.hours(6) })],
    });
  }

  private deadLetterQueue(id: string): Queue {
    const queue = new Queue(this, id, { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
    Validations.of(queue).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'This queue is itself a dead-letter queue (of a stream event source or an EventBridge target); operators read it.' });
    this.deadLetterQueues[id] = queue;
    return queue;
  }

  /** Functions by a readable name, for monitoring. */
  get functions(): Record<string, NodejsFunction> {
    return { MailImmediate: this.immediate, MailDigest: this.digest, MailBounces: this.bounces };
  }

  /** Logical id of the identity, for tests and acknowledgements. */
  get identityLogicalId(): string {
    return Stack.of(this).getLogicalId(this.identity.node.defaultChild as CfnElement);
  }
}
