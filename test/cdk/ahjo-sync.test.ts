import { beforeAll, describe, expect, it } from 'vitest';
import type { CfnElement } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { synthesize, type Synthesized } from './synth.ts';

let out: Synthesized;
let template: Template;
const ref = (c: { node: { defaultChild?: unknown } }) => out.stacks.stateless.getLogicalId(c.node.defaultChild as CfnElement);

beforeAll(() => {
  out = synthesize({ bundle: false, context: { deploymentName: 'porvoo' } });
  template = out.stateless;
});

const statementsOf = (roleRef: string) => Object.values(template.findResources('AWS::IAM::Policy'))
  .filter((p) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleRef))
  .flatMap((p) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]);

describe('the scheduled Ahjo sync', () => {
  it('runs on an EventBridge Scheduler schedule with a retry policy and a dead-letter queue', () => {
    const sync = out.stacks.stateless.ahjoSync;
    const schedules = Object.values(template.findResources('AWS::Scheduler::Schedule')).filter((s) => String(s.Properties.Description).includes('Ahjo'));
    expect(schedules).toHaveLength(1);
    expect(schedules[0]!.Properties).toMatchObject({
      ScheduleExpression: 'rate(15 minutes)',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: {
        Arn: { 'Fn::GetAtt': [ref(sync.handler), 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 900 },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [ref(sync.deadLetterQueue), 'Arn'] } },
      },
    });
    // A failing run (a page Ahjo could not serve) ends in the same queue after Lambda's retries.
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: ref(sync.handler) }, MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [ref(sync.deadLetterQueue), 'Arn'] } } },
    });
  });

  it('runs one at a time, against the configured Ahjo, with its API key from Secrets Manager', () => {
    const sync = out.stacks.stateless.ahjoSync;
    const fn = template.findResources('AWS::Lambda::Function')[ref(sync.handler)]!.Properties;
    expect(fn.ReservedConcurrentExecutions).toBe(1);
    expect(fn.Environment.Variables).toMatchObject({
      AHJO_BASE_URL: 'https://ahjo.hel.fi:9802/ahjorest/v1',
      AHJO_API_KEY_SECRET_ARN: { Ref: ref(sync.apiKey) },
    });
  });

  it('may read its API key and write the table, and nothing else', () => {
    const sync = out.stacks.stateless.ahjoSync;
    const role = (sync.handler.role!.node.defaultChild as CfnElement);
    const statements = statementsOf(out.stacks.stateless.getLogicalId(role));
    const secretReads = statements.filter((s) => [s.Action].flat().includes('secretsmanager:GetSecretValue'));
    expect(secretReads.map((s) => s.Resource)).toEqual([{ Ref: ref(sync.apiKey) }]);
    const actions = new Set(statements.flatMap((s) => [s.Action].flat()));
    for (const a of actions) expect(a, a).toMatch(/^(dynamodb|secretsmanager|logs|xray|sqs):/);
    const queueSends = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('sqs:')));
    expect(queueSends.map((s) => s.Resource)).toEqual([{ 'Fn::GetAtt': [ref(sync.deadLetterQueue), 'Arn'] }]);
    expect([...actions].some((a) => a.startsWith('dynamodb:') && /Delete|Table$/.test(a) && a !== 'dynamodb:DeleteItem')).toBe(false);
  });

  it('its dead-letter queue and its function are watched', () => {
    const sync = out.stacks.stateless.ahjoSync;
    // The alarms live in the operations stack and name the sync's resources through the stateless stack's exports.
    const alarms = Object.values(out.operations.findResources('AWS::CloudWatch::Alarm')).map(({ Properties: a }) => {
      const stat = a.Metrics?.[0]?.MetricStat;
      return stat ? { ...a, ...stat.Metric } : a;
    });
    const queueAlarms = alarms.filter((a) => JSON.stringify(a.Dimensions ?? []).includes(ref(sync.deadLetterQueue)));
    expect(queueAlarms.map((a) => a.MetricName).sort()).toEqual(['ApproximateAgeOfOldestMessage', 'ApproximateNumberOfMessagesVisible']);
    expect(alarms.some((a) => a.MetricName === 'Errors' && JSON.stringify(a.Dimensions).includes(ref(sync.handler)))).toBe(true);
  });
});
