import { beforeAll, describe, expect, it } from 'vitest';
import type { CfnElement } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { eventRules } from '#events/rules.ts';
import { eventSourceTypes } from '#events/from-stream.ts';
import { synthesize, type Synthesized } from './synth.ts';

let out: Synthesized;
let template: Template;

beforeAll(() => {
  // No bundling: the template is what is tested here, not the bundles.
  out = synthesize({ bundle: false, context: { deploymentName: 'porvoo' } });
  template = out.stateless;
});

const functionWithEntry = (description: RegExp) => {
  const found = Object.entries(template.findResources('AWS::Lambda::Function'))
    .filter(([, r]) => description.test(String(r.Properties?.Description ?? '')));
  expect(found, String(description)).toHaveLength(1);
  return found[0]![0];
};

const policyOf = (logicalIdPrefix: string) =>
  Object.entries(template.findResources('AWS::IAM::Policy')).filter(([id]) => id.startsWith(logicalIdPrefix)).flatMap(([, p]) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]);
const actions = (statements: { Action: string | string[] }[]) => statements.flatMap((s) => [s.Action].flat());

const stackQueueId = () => out.stacks.stateless.getLogicalId(out.stacks.stateless.events.deliveryQueue.node.defaultChild as CfnElement);

describe('the events construct', () => {
  it('passes cdk-nag AwsSolutions with every acknowledgement reasoned', () => {
    expect(() => out.app.synth()).not.toThrow();
  });

  it("has the deployment's own bus, named after it, with an archive for replay", () => {
    template.hasResourceProperties('AWS::Events::EventBus', { Name: 'porvoo' });
    template.hasResourceProperties('AWS::Events::Archive', { RetentionDays: 30, EventPattern: { source: ['porvoo'] } });
  });

  it('feeds the stream to the publisher in order, bisecting and retrying, with partial batch failures and a DLQ', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      StartingPosition: 'TRIM_HORIZON',
      ParallelizationFactor: 1,
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      MaximumRetryAttempts: 10,
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
      FilterCriteria: { Filters: [{ Pattern: Match.stringLikeRegexp('"type"') }] },
    });
    const stream = Object.values(template.findResources('AWS::Lambda::EventSourceMapping')).find((m) => m.Properties.StartingPosition)!;
    const pattern = JSON.parse(stream.Properties.FilterCriteria.Filters[0].Pattern);
    expect(pattern.dynamodb.NewImage.type.S.sort()).toEqual([...eventSourceTypes].sort());
  });

  it('lets the publisher put events on the bus and read the stream, but not write the table', () => {
    const statements = policyOf('EventsPublisherRole');
    expect(actions(statements)).toContain('events:PutEvents');
    expect(actions(statements)).toEqual(expect.arrayContaining(['dynamodb:GetRecords', 'dynamodb:GetShardIterator']));
    expect(actions(statements).filter((a) => /dynamodb:(Put|Update|Delete|BatchWrite)/.test(a))).toEqual([]);
  });

  it.each(eventRules.map((r) => [r.name, r] as const))('routes %s by source and detail-type, retrying into a DLQ', (_, rule) => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { source: ['porvoo'], 'detail-type': rule.detailTypes },
      Targets: [Match.objectLike({
        DeadLetterConfig: { Arn: Match.anyValue() },
        RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 21_600 },
      })],
    });
  });

  it("sends a consumer's own failed invocations to a DLQ too", () => {
    const configs = template.findResources('AWS::Lambda::EventInvokeConfig');
    expect(Object.keys(configs)).toHaveLength(eventRules.length + 3); // and close-draft's, below, the Ahjo sync's and the open-data job's
    for (const c of Object.values(configs)) expect(c.Properties).toMatchObject({ MaximumRetryAttempts: 2, DestinationConfig: { OnFailure: { Destination: expect.anything() } } });
  });

  it('keeps dead letters encrypted, for 14 days, reachable only over TLS', () => {
    const queues = template.findResources('AWS::SQS::Queue');
    const deadLetters = Object.values(queues).filter((q) => !q.Properties.RedrivePolicy);
    // the publisher's, the schedules', the notification deliveries', the Ahjo sync's, the jobs', the open-data job's
    expect(deadLetters.length).toBe(eventRules.length + 6);
    for (const q of deadLetters) expect(q.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 1_209_600 });
    expect(Object.keys(template.findResources('AWS::SQS::QueuePolicy')).length).toBe(Object.keys(queues).length);
  });

  it('delivers notifications a page per message from an encrypted queue, retrying a page into its DLQ', () => {
    // Prepare
    const stack = out.stacks.stateless;
    const id = (c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as CfnElement);
    const queue = id(stack.events.deliveryQueue);
    const failures = id(stack.events.deadLetterQueues.NotificationDeliveryFailures!);
    // Assess
    template.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true, VisibilityTimeout: 180,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [failures, 'Arn'] }, maxReceiveCount: 5 },
    });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [queue, 'Arn'] },
      FunctionName: { Ref: id(stack.events.deliverNotifications) },
      BatchSize: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 5 },
    });
  });

  it('lets only the fan-out, the deliverer and the deadline notice queue pages, and the deliverer consume them and write feeds', () => {
    const granted = actions(policyOf('EventsNotificationsDeliverRole'));
    expect(granted).toEqual(expect.arrayContaining(['sqs:SendMessage', 'sqs:ReceiveMessage', 'sqs:DeleteMessage', 'dynamodb:UpdateItem']));
    expect(granted.filter((a) => /Scan|PurgeQueue|sqs:\*/.test(a))).toEqual([]);
    expect(actions(policyOf('EventsNotificationsFanOutRole'))).toContain('sqs:SendMessage');
    expect(actions(policyOf('EventsNotificationsFanOutRole'))).not.toContain('sqs:ReceiveMessage');
    const senders = Object.keys(template.findResources('AWS::IAM::Policy'))
      .filter((pid) => actions(policyOf(pid)).includes('sqs:SendMessage') && JSON.stringify(policyOf(pid)).includes(stackQueueId()));
    expect(senders.sort()).toEqual([
      expect.stringMatching(/^EventsCloseDraftRole/), expect.stringMatching(/^EventsNotificationsDeliverRole/), expect.stringMatching(/^EventsNotificationsFanOutRole/),
    ]);
    expect(actions(policyOf(senders.sort()[0]!))).not.toContain('sqs:ReceiveMessage');
    for (const fn of [functionWithEntry(/^Notifications:/), functionWithEntry(/^Delivers one page/), functionWithEntry(/^Closes a draft/)]) {
      expect(Object.keys(template.findResources('AWS::Lambda::Function')[fn]!.Properties.Environment.Variables)).toContain('NOTIFICATION_QUEUE_URL');
    }
  });

  it('schedules deadlines in a group of its own, invoking close-draft with a role only the scheduler assumes', () => {
    template.hasResourceProperties('AWS::Scheduler::ScheduleGroup', { Name: 'porvoo-deadlines' });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'scheduler.amazonaws.com' } })] },
    });
    expect(actions(policyOf('EventsSchedulerRole')).sort()).toEqual(['lambda:InvokeFunction', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'].sort());
  });

  it('retries a failed close-draft (the scheduler invokes it asynchronously) and then keeps it in the schedule DLQ', () => {
    // Prepare
    const stack = out.stacks.stateless;
    const closeDraft = stack.getLogicalId(stack.events.closeDraft.node.defaultChild as CfnElement);
    const queue = stack.getLogicalId(stack.events.deadLetterQueues.ScheduleFailures!.node.defaultChild as CfnElement);
    // Assess
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: closeDraft },
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 21_600,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queue, 'Arn'] } } },
    });
  });

  it('reserves concurrency for every consumer and close-draft, so none can take the account pool', () => {
    const stack = out.stacks.stateless;
    const functions = template.findResources('AWS::Lambda::Function');
    for (const fn of [...Object.values(stack.events.consumers), stack.events.closeDraft, stack.events.deliverNotifications]) {
      expect(functions[stack.getLogicalId(fn.node.defaultChild as CfnElement)]!.Properties.ReservedConcurrentExecutions).toBe(5);
    }
  });

  it('lets the scheduling consumer create schedules and pass the role, and nothing on the table', () => {
    const id = functionWithEntry(/^Deadlines:/);
    const fn = template.findResources('AWS::Lambda::Function')[id]!;
    expect(Object.keys(fn.Properties.Environment.Variables)).toEqual(expect.arrayContaining([
      'SCHEDULE_GROUP', 'SCHEDULE_ROLE_ARN', 'CLOSE_DRAFT_FUNCTION_ARN', 'SCHEDULE_DLQ_ARN', 'EVENT_BUS_NAME', 'DEPLOYMENT_NAME',
    ]));
    const granted = actions(policyOf('EventsEventsDeadlinesRole'));
    expect(granted).toEqual(expect.arrayContaining(['scheduler:CreateSchedule', 'iam:PassRole']));
    expect(granted.filter((a) => a.startsWith('dynamodb:'))).toEqual([]);
  });

  it('gives every consumer the table access its rule names, and the newest Node.js on arm64', () => {
    for (const rule of eventRules) {
      const granted = actions(policyOf(`Events${rule.fn.split(/[^A-Za-z0-9]+/).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('')}Role`));
      const writes = granted.filter((a) => /dynamodb:(Put|Update|Delete|BatchWrite)/.test(a));
      expect(writes.length > 0, rule.fn).toBe(rule.access === 'write');
    }
    // All but CDK's own provider reading the web ACL's ARN from us-east-1.
    for (const [, f] of Object.entries(template.findResources('AWS::Lambda::Function')).filter(([id]) => !id.startsWith('CustomCrossRegionExportReader'))) {
      expect(f.Properties).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'] });
    }
  });
});
