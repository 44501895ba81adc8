/**
 * Operations: every dead-letter queue, function, the API, the stream and the scheduler are
 * alarmed into one encrypted SNS topic, and one dashboard shows them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Stack, type CfnElement } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { resources, synthesize, type Synthesized } from './synth.ts';

let out: Synthesized;
let template: Template;

beforeAll(() => {
  // No bundling: the template is what is tested here, not the bundles.
  out = synthesize({ bundle: false, context: { deploymentName: 'porvoo', alarmEmail: 'paivystys@example.fi' } });
  template = out.operations;
});

/** The logical id of a construct in the stack that holds it. */
const idOf = (construct: IConstruct) => Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnElement);
const ref = (construct: IConstruct) => ({ Ref: idOf(construct) });
/** Every alarm, its metric flattened to the top (the library writes a single-metric `Metrics` array). */
const alarms = () => Object.values(resources(template, 'AWS::CloudWatch::Alarm')).map(({ Properties: a }) => {
  const stat = a.Metrics?.[0]?.MetricStat;
  return stat ? { ...a, ...stat.Metric, Stat: stat.Stat } : a;
});
/**
 * The alarms on `metricName` with dimension `name` naming the resource `logicalId`. The
 * resources live in the stateless stack, so the dimension imports its export, whose name
 * carries the logical id.
 */
const alarmsOn = (metricName: string, name: string, logicalId: string) =>
  alarms().filter((a) => a.MetricName === metricName && (a.Dimensions ?? []).some((d: { Name: string; Value: unknown }) =>
    d.Name === name && JSON.stringify(d.Value).includes('Fn::ImportValue') && new RegExp(`ExportsOutput(Ref|FnGetAtt)${logicalId}`).test(JSON.stringify(d.Value))));
const topicRef = () => ref(out.stacks.operations.operations.topic);

describe('alarms', () => {
  it('send to the alarm topic, which is encrypted, TLS-only and mails the address from context', () => {
    expect(alarms().length).toBeGreaterThan(0);
    for (const a of alarms()) expect(a.AlarmActions, a.AlarmName).toEqual([topicRef()]);
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'paivystys@example.fi', TopicArn: topicRef() });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it.each(['PublisherFailures', 'ScheduleFailures', 'NotificationsFanOutFailures', 'SubscriptionsAutoFollowFailures', 'EventsDeadlinesFailures', 'PollsCloseFailures', 'NotificationDeliveryFailures', 'JobFailures'])(
    'watch dead-letter queue %s: its first message, and any message older than an hour',
    (name) => {
      // Prepare
      const queue = ({ ...out.stacks.stateless.events.deadLetterQueues, ...out.stacks.stateless.jobs.deadLetterQueues })[name];
      expect(queue, name).toBeDefined();
      const id = idOf(queue!);
      // Assess
      const depth = alarmsOn('ApproximateNumberOfMessagesVisible', 'QueueName', id);
      expect(depth, name).toHaveLength(1);
      expect(depth[0]).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
      const age = alarmsOn('ApproximateAgeOfOldestMessage', 'QueueName', id);
      expect(age, name).toHaveLength(1);
      expect(age[0]).toMatchObject({ Threshold: 3600, ComparisonOperator: 'GreaterThanThreshold' });
    },
  );

  it('cover every dead-letter queue there is', () => {
    // A queue with a redrive policy is a work queue (notification deliveries, jobs): its DLQ is the one watched.
    const queues = Object.entries(resources(out.stateless, 'AWS::SQS::Queue')).filter(([, q]) => !q.Properties?.RedrivePolicy).map(([id]) => id);
    const { events, jobs } = out.stacks.stateless;
    // The events' queues, the jobs', the Ahjo sync's and the open-data job's: every queue there is.
    expect(Object.keys({ ...events.deadLetterQueues, ...jobs.deadLetterQueues }).length + 2).toBe(queues.length);
    for (const id of queues) {
      expect(alarmsOn('ApproximateNumberOfMessagesVisible', 'QueueName', id), id).toHaveLength(1);
      expect(alarmsOn('ApproximateAgeOfOldestMessage', 'QueueName', id), id).toHaveLength(1);
    }
  });

  it('watch every function for errors and throttles', () => {
    // All but CDK's own provider reading the web ACL's ARN from us-east-1 (it runs only on deploy).
    const functions = Object.keys(resources(out.stateless, 'AWS::Lambda::Function')).filter((id) => !id.startsWith('CustomCrossRegionExportReader'));
    expect(functions.length).toBeGreaterThan(20);
    for (const id of functions) {
      const errors = alarmsOn('Errors', 'FunctionName', id);
      expect(errors, id).toHaveLength(1);
      expect(errors[0]).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
      expect(alarmsOn('Throttles', 'FunctionName', id), id).toHaveLength(1);
    }
  });

  it("watch the stream publisher's iterator age", () => {
    const age = alarmsOn('IteratorAge', 'FunctionName', idOf(out.stacks.stateless.events.publisher));
    expect(age).toHaveLength(1);
    expect(age[0]).toMatchObject({ Threshold: 600_000, ComparisonOperator: 'GreaterThanThreshold' });
    expect(alarms().filter((a) => a.MetricName === 'IteratorAge')).toHaveLength(1);
  });

  it("watch the API's 5xx answers and p99 latency", () => {
    const api = idOf(out.stacks.stateless.api.api);
    const errors = alarmsOn('5xx', 'ApiId', api);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ Threshold: 5, ComparisonOperator: 'GreaterThanThreshold' });
    const latency = alarmsOn('Latency', 'ApiId', api);
    expect(latency).toHaveLength(1);
    expect(latency[0]).toMatchObject({ Stat: 'p99', Threshold: 3000 });
  });

  it('watch EventBridge Scheduler for dropped invocations and failed dead-lettering', () => {
    for (const metricName of ['InvocationDroppedCount', 'InvocationsFailedToBeSentToDeadLetterCount']) {
      const found = alarms().filter((a) => a.Namespace === 'AWS/Scheduler' && a.MetricName === metricName);
      expect(found, metricName).toHaveLength(1);
      expect(found[0]).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold', TreatMissingData: 'notBreaching' });
    }
  });
});

describe('the dashboard', () => {
  it('is one, named after the deployment, showing the API, queues, functions and scheduler', () => {
    const dashboards = Object.values(resources(template, 'AWS::CloudWatch::Dashboard'));
    expect(dashboards).toHaveLength(1);
    expect(dashboards[0]!.Properties.DashboardName).toBe('porvoo');
    const body = JSON.stringify(dashboards[0]!.Properties.DashboardBody);
    for (const text of ['PublisherFailures', 'DraftsRead', 'Publisher', 'Scheduler', '5xx']) expect(body).toContain(text);
  });
});

describe('without an alarm address', () => {
  it('the topic exists with no subscription', () => {
    const plain = synthesize({ bundle: false });
    plain.operations.resourceCountIs('AWS::SNS::Topic', 1);
    plain.operations.resourceCountIs('AWS::SNS::Subscription', 0);
  }, 120_000);
});
