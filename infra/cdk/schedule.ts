/**
 * A function that EventBridge Scheduler invokes: a role allowed to invoke only it, a retry
 * policy, and one dead-letter queue for both the schedule's failed deliveries and the
 * function's own failed (asynchronous) invocations. The Ahjo sync and the open-data job use it.
 */
import { Duration, Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { CfnSchedule } from 'aws-cdk-lib/aws-scheduler';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

export interface ScheduledInvocation {
  /** What runs, in words: the schedule's and the role's description. */
  what: string;
  scheduleExpression: string;
  timezone?: string;
  input?: string;
  /** How long a failed invocation is retried by Lambda, and a missed one by the scheduler. */
  maxEventAge: Duration;
  /** Further schedules of the same function (their own expression and input), sharing the role and the dead-letter queue. */
  more?: { id: string; what: string; scheduleExpression: string; input?: string }[];
}

/** Schedules `fn` within `scope` (construct ids `Failures`, `SchedulerRole`, `Schedule`); returns its dead-letter queue. */
export function scheduleInvocation(scope: Construct, fn: IFunction & { configureAsyncInvoke: (o: object) => void }, s: ScheduledInvocation): Queue {
  const failures = new Queue(scope, 'Failures', { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
  Validations.of(failures).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason: `This queue is itself the dead-letter queue of the schedule and function that ${s.what}; operators read it.`,
  });
  fn.configureAsyncInvoke({ retryAttempts: 2, maxEventAge: s.maxEventAge, onFailure: new SqsDestination(failures) });
  const role = new Role(scope, 'SchedulerRole', {
    assumedBy: new ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(scope).account } } }),
    description: `EventBridge Scheduler invokes the function that ${s.what}`,
  });
  fn.grantInvoke(role);
  failures.grantSendMessages(role);
  Validations.of(role).acknowledge({
    id: `AwsSolutions-IAM5[Resource::<${Stack.of(scope).getLogicalId(fn.node.defaultChild as CfnElement)}.Arn>:*]`,
    reason: 'CDK grants invoking this one function and its versions (":*"); nothing else.',
  });
  for (const one of [{ id: 'Schedule', what: s.what, scheduleExpression: s.scheduleExpression, input: s.input }, ...(s.more ?? [])]) {
    new CfnSchedule(scope, one.id, {
      description: one.what,
      scheduleExpression: one.scheduleExpression,
      ...(s.timezone ? { scheduleExpressionTimezone: s.timezone } : {}),
      flexibleTimeWindow: { mode: 'OFF' },
      target: {
        arn: fn.functionArn,
        roleArn: role.roleArn,
        ...(one.input ? { input: one.input } : {}),
        retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeInSeconds: Math.min(s.maxEventAge.toSeconds(), 86_400) },
        deadLetterConfig: { arn: failures.queueArn },
      },
    });
  }
  return failures;
}
