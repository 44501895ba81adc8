/**
 * Domain events in AWS: the table's stream -> the publisher function -> the deployment's
 * EventBridge bus -> one rule per consumer (events/rules.ts), and EventBridge Scheduler for
 * closing drafts at their deadline. Every hop retries and ends in a dead-letter queue, so
 * nothing is dropped silently:
 *   stream -> publisher   retries, bisects a failing batch, reports partial batch failures;
 *                         a record that keeps failing goes (as a pointer) to PublisherFailures
 *   bus -> consumer       EventBridge retries, then the rule's DLQ; Lambda's own async
 *                         retries end in the same queue
 *   schedule -> close     the schedule's retry policy, then ScheduleFailures; the function's
 *                         own failures: Lambda's async retries, then ScheduleFailures too
 *   fan-out -> deliveries the notification fan-out writes the first page of each delivery and
 *                         queues the rest, one page per message; a page that keeps failing
 *                         goes to NotificationDeliveryFailures
 */
import { Duration, Stack, Token, Validations, type CfnElement } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { FilterCriteria, FilterRule, StartingPosition, type IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { ScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct, type IConstruct } from 'constructs';
import { eventSourceTypes } from '#events/from-stream.ts';
import { eventRules } from '#events/rules.ts';
import { functionEntry } from '#infra/bundling.ts';
import { AppFunction, constructId } from '#infra/cdk/function.ts';
import { grantTableAccess } from '#infra/cdk/table.ts';

export interface DomainEventsProps {
  deploymentName: string;
  table: ITable;
  /** Settings every function gets (TABLE_NAME, DEPLOYMENT_NAME, ...). */
  environment: Record<string, string>;
  logRetention: RetentionDays;
  /** The deployment secret, given to the functions whose code reads it. */
  secret: ISecret;
  /** Concurrency reserved for each consumer, so a runaway one cannot take the account's pool. */
  consumerConcurrency: number;
}

/** A dead-letter queue is where failures wait for an operator: nothing consumes it, by design. */
const deadLetterReason =
  'This queue is itself a dead-letter queue (of a Lambda event source, an EventBridge target or a schedule); ' +
  'a DLQ of a DLQ would only move the same messages again.';

export class DomainEvents extends Construct {
  readonly bus: EventBus;
  readonly publisher: IFunction;
  /** The consumer functions by their name in events/rules.ts (`notifications/fan-out`). */
  readonly consumers: Record<string, IFunction> = {};
  readonly closeDraft: IFunction;
  /** Pages of notification deliveries still to write, and the function that writes them. */
  readonly deliveryQueue: Queue;
  readonly deliverNotifications: IFunction;
  readonly scheduleGroup: ScheduleGroup;
  /** Every dead-letter queue by construct id (`PublisherFailures`): what operators watch and redrive. */
  readonly deadLetterQueues: Record<string, Queue> = {};

  constructor(scope: Construct, id: string, props: DomainEventsProps) {
    super(scope, id);
    const { table, logRetention } = props;
    this.bus = new EventBus(this, 'Bus', { eventBusName: props.deploymentName });
    this.bus.archive('Archive', {
      description: `${props.deploymentName}: domain events, kept for replay`,
      eventPattern: { source: [props.deploymentName] },
      retention: Duration.days(30),
    });
    const environment = { ...props.environment, EVENT_BUS_NAME: this.bus.eventBusName };
    const { secret, consumerConcurrency } = props;
    const fn = (name: string, entry: string, description: string, reservedConcurrency?: number) =>
      new AppFunction(this, name, { entry, description, environment, logRetention, secret, reservedConcurrency, timeout: Duration.seconds(30) }).handler;

    // Stream -> publisher -> bus, in order per item (one batch at a time per shard).
    const publisherFailures = this.deadLetterQueue('PublisherFailures');
    const publisher = fn('Publisher', functionEntry('events/publisher'), 'Publishes domain events from the table stream');
    publisher.addEventSource(new DynamoEventSource(table, {
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: 100,
      parallelizationFactor: 1,
      bisectBatchOnError: true,
      reportBatchItemFailures: true,
      retryAttempts: 10,
      maxRecordAge: Duration.hours(24),
      onFailure: new SqsDlq(publisherFailures),
      // Only changes to items that can mean an event invoke the publisher (not votes, counters, feeds).
      filters: [FilterCriteria.filter({ dynamodb: { NewImage: { type: { S: FilterRule.or(...eventSourceTypes) } } } })],
    }));
    this.bus.grantPutEventsTo(publisher);
    this.publisher = publisher;

    // Bus -> consumers: one rule each, with retries and a dead-letter queue.
    for (const rule of eventRules) {
      const name = constructId(rule.fn);
      const consumer = fn(name, functionEntry(rule.fn), `${rule.name}: ${rule.description}`.slice(0, 256), consumerConcurrency);
      if (rule.access !== 'none') grantTableAccess(consumer, table, rule.access);
      const failures = this.deadLetterQueue(`${name}Failures`);
      consumer.configureAsyncInvoke({ retryAttempts: 2, onFailure: new SqsDestination(failures) });
      new Rule(this, `${rule.name}Rule`, {
        eventBus: this.bus,
        description: rule.description,
        eventPattern: { source: [props.deploymentName], detailType: rule.detailTypes },
        targets: [new LambdaFunction(consumer, { deadLetterQueue: failures, retryAttempts: 8, maxEventAge: Duration.hours(6) })],
      });
      this.consumers[rule.fn] = consumer;
    }

    [this.deliveryQueue, this.deliverNotifications] = this.notificationDeliveries(fn, table, consumerConcurrency);

    // Deadlines: a one-time schedule per published draft invokes close-draft at closesAt.
    this.scheduleGroup = new ScheduleGroup(this, 'Deadlines', { scheduleGroupName: `${props.deploymentName}-deadlines` });
    const closeDraft = fn('CloseDraft', functionEntry('events/close-draft'), 'Closes a draft at its deadline (schedule target)', consumerConcurrency);
    grantTableAccess(closeDraft, table, 'write');
    // The notice before the deadline is a notification delivery: its first page here, the rest through the queue.
    this.deliveryQueue.grantSendMessages(closeDraft);
    (closeDraft as AppFunction['handler']).addEnvironment('NOTIFICATION_QUEUE_URL', this.deliveryQueue.queueUrl);
    this.closeDraft = closeDraft;
    const scheduleFailures = this.deadLetterQueue('ScheduleFailures');
    // The scheduler invokes asynchronously: its retry policy covers only handing the event to
    // Lambda, so a failing close (e.g. fired a moment early) is retried by Lambda, then lands
    // in the same queue as schedules the scheduler could not deliver.
    closeDraft.configureAsyncInvoke({ retryAttempts: 2, maxEventAge: Duration.hours(6), onFailure: new SqsDestination(scheduleFailures) });
    const schedulerRole = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: 'EventBridge Scheduler invokes close-draft for the deadline schedules',
    });
    closeDraft.grantInvoke(schedulerRole);
    scheduleFailures.grantSendMessages(schedulerRole);

    const scheduling = this.consumers['events/deadlines'];
    if (!scheduling) throw new Error('events/rules.ts has no events/deadlines consumer');
    const settings = {
      SCHEDULE_GROUP: this.scheduleGroup.scheduleGroupName,
      SCHEDULE_ROLE_ARN: schedulerRole.roleArn,
      CLOSE_DRAFT_FUNCTION_ARN: closeDraft.functionArn,
      SCHEDULE_DLQ_ARN: scheduleFailures.queueArn,
    };
    for (const [key, value] of Object.entries(settings)) (scheduling as AppFunction['handler']).addEnvironment(key, value);
    // Create only (a schedule is never changed: a repeat finds it exists, an extension makes another), in this group only.
    scheduling.addToRolePolicy(new PolicyStatement({ actions: ['scheduler:CreateSchedule'], resources: [this.scheduleArns()] }));
    scheduling.addToRolePolicy(new PolicyStatement({ actions: ['iam:PassRole'], resources: [schedulerRole.roleArn] }));

    this.acknowledgeWildcards(schedulerRole);
  }

  /**
   * The delivery queue: one message per page of followers (shared/notifications/jobs.ts), so
   * a fan-out to many is many short invocations. Both the fan-out and the deliverer queue
   * the next page; each may only send to this queue.
   */
  private notificationDeliveries(fn: (name: string, entry: string, description: string, reserved?: number) => IFunction, table: ITable, concurrency: number): [Queue, IFunction] {
    const failures = this.deadLetterQueue('NotificationDeliveryFailures');
    const queue = new Queue(this, 'NotificationDeliveries', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // Six times the function's timeout, as Lambda advises for a queue it polls.
      visibilityTimeout: Duration.seconds(180),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: failures, maxReceiveCount: 5 },
    });
    const deliver = fn('NotificationsDeliver', functionEntry('notifications/deliver'), 'Delivers one page of a notification fan-out (delivery queue)', concurrency);
    grantTableAccess(deliver, table, 'write');
    deliver.addEventSource(new SqsEventSource(queue, {
      batchSize: 1,
      reportBatchItemFailures: true,
      ...(concurrency >= 2 ? { maxConcurrency: concurrency } : {}),
    }));
    const fanOut = this.consumers['notifications/fan-out'];
    if (!fanOut) throw new Error('events/rules.ts has no notifications/fan-out consumer');
    for (const f of [fanOut, deliver]) {
      queue.grantSendMessages(f);
      (f as AppFunction['handler']).addEnvironment('NOTIFICATION_QUEUE_URL', queue.queueUrl);
    }
    return [queue, deliver];
  }

  private scheduleArns(): string {
    return Stack.of(this).formatArn({ service: 'scheduler', resource: 'schedule', resourceName: `${this.scheduleGroup.scheduleGroupName}/*` });
  }

  private deadLetterQueue(id: string): Queue {
    const queue = new Queue(this, id, {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(queue).acknowledge({ id: 'AwsSolutions-SQS3', reason: deadLetterReason });
    this.deadLetterQueues[id] = queue;
    return queue;
  }

  /** The wildcards CDK's grants put in these roles, each with why it cannot be narrower. */
  private acknowledgeWildcards(schedulerRole: Role): void {
    const stack = Stack.of(this);
    const ref = (c: IConstruct) => stack.getLogicalId(c.node.defaultChild as CfnElement);
    const acknowledge = (scope: IConstruct, finding: string, reason: string) =>
      Validations.of(scope).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason });
    acknowledge(this.publisher.role!, 'Resource::*',
      'dynamodb:ListStreams has no resource-level permissions (CDK grants it on "*" for the stream event source); ' +
      'the stream itself is read on this table\'s stream ARN only.');
    acknowledge(this.consumers['events/deadlines']!.role!,
      `Resource::arn:<AWS::Partition>:scheduler:${Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region}:<AWS::AccountId>:schedule/${this.scheduleGroup.scheduleGroupName}/*`,
      'One schedule per draft, named after it, so names are not known in advance: only schedules in this ' +
      'deployment\'s deadlines group.');
    acknowledge(schedulerRole, `Resource::<${ref(this.closeDraft)}.Arn>:*`,
      'CDK grants invoking this one function and its versions (":*"); nothing else.');
  }
}
