/** E-mail in AWS (SES v2, bounces, digests) and the Cognito triggers, as the templates say. */
import { beforeAll, describe, expect, it } from 'vitest';
import { Stack, type CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { synthesize, type Synthesized } from './synth.ts';

let out: Synthesized;
/** The e-mail nested stack's template. */
let template: Template;
let mailStack: Stack;
const refIn = (stack: Stack) => (c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as CfnElement);

beforeAll(() => {
  out = synthesize({ bundle: false, context: { mailIdentity: 'porvoo.fi', strongIdentityProviders: 'SuomiFi', requiredLanguages: 'fi,sv' } });
  mailStack = Stack.of(out.stacks.stateless.mail);
  template = Template.fromStack(mailStack);
}, 120_000);

const statementsOf = (t: Template, roleRef: string) => Object.values(t.findResources('AWS::IAM::Policy'))
  .filter((p) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleRef))
  .flatMap((p) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]);
const actionsOf = (t: Template, roleRef: string) => statementsOf(t, roleRef).flatMap((s) => [s.Action].flat());
const roleOf = (t: Template, fnRef: string) => (t.findResources('AWS::Lambda::Function')[fnRef]!.Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]!;

describe('SES', () => {
  it('refuses at synth a From that SES cannot send from (an address not in ASCII)', () => {
    expect(() => synthesize({ bundle: false, context: { mailIdentity: 'porvoo.fi', mailFrom: 'Borgå stad <ingen-svar@borgå.fi>' } })).toThrow(/mailFrom/);
    expect(() => synthesize({ bundle: false, context: { mailIdentity: 'porvoo.fi', mailFrom: 'Borgå stad – Porvoo <ingen-svar@porvoo.fi>' } })).not.toThrow();
  }, 120_000);

  it('has the verified sending identity from CDK context, with a configuration set that requires TLS', () => {
    const mail = out.stacks.stateless.mail;
    template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'porvoo.fi',
      ConfigurationSetAttributes: { ConfigurationSetName: { Ref: refIn(mailStack)(mail.configurationSet) } },
    });
    template.hasResourceProperties('AWS::SES::ConfigurationSet', { DeliveryOptions: { TlsPolicy: 'REQUIRE' } });
  });

  it('sends bounces and complaints to EventBridge, where a rule hands this configuration set\'s to the function that turns e-mail off', () => {
    const mail = out.stacks.stateless.mail;
    const ref = refIn(mailStack);
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: { MatchingEventTypes: Match.arrayWith(['bounce', 'complaint']), EventBridgeDestination: { EventBusArn: Match.anyValue() } },
    });
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.ses'], 'detail-type': ['Email Bounced', 'Email Complaint Received'],
        detail: { mail: { tags: { 'ses:configuration-set': [{ Ref: ref(mail.configurationSet) }] } } },
      },
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [ref(mail.bounces), 'Arn'] }, DeadLetterConfig: Match.anyValue() })],
    });
  });

  it('lets only the two sending functions send, as this identity and through this configuration set', () => {
    const mail = out.stacks.stateless.mail;
    const ref = refIn(mailStack);
    for (const sender of [mail.immediate, mail.digest]) {
      const sends = statementsOf(template, roleOf(template, ref(sender))).filter((s) => [s.Action].flat().some((a) => a.startsWith('ses:')));
      expect(sends).toHaveLength(1);
      expect(sends[0]!.Action).toBe('ses:SendEmail');
      expect(JSON.stringify(sends[0]!.Resource)).toContain('configuration-set/');
      expect(JSON.stringify(sends[0]!.Resource)).toContain(`identity/",{"Ref":"${ref(mail.identity)}"}`);
    }
    expect(actionsOf(template, roleOf(template, ref(mail.bounces))).filter((a) => a.startsWith('ses:'))).toEqual([]);
    for (const fn of Object.keys(out.stateless.findResources('AWS::Lambda::Function'))) {
      expect(actionsOf(out.stateless, roleOf(out.stateless, fn)).filter((a) => a.startsWith('ses:')), fn).toEqual([]);
    }
  });
});

describe('mail functions', () => {
  it('live in a nested stack of their own, and the main stack stays under CloudFormation\'s 500 resources', () => {
    expect(mailStack.nested).toBe(true);
    expect(Object.keys(out.stateless.toJSON().Resources).length).toBeLessThanOrEqual(500);
  });

  it('are watched by alarms on the deployment\'s alarm topic, as the main stack\'s functions are', () => {
    // The operations stack alarms them, naming them through the stateless stack's exports, whose
    // names carry the construct's path (`StatelessMailStackMailImmediateHandler…`).
    const mail = out.stacks.stateless.mail;
    const named = (c: { node: { path: string } }) => c.node.path.replace(/[^A-Za-z0-9]/g, '');
    const alarms = Object.values(out.operations.findResources('AWS::CloudWatch::Alarm')).map((a) => JSON.stringify(a.Properties));
    for (const watched of [...Object.values(mail.functions), ...Object.values(mail.deadLetterQueues)]) {
      expect(alarms.filter((a) => a.includes(named(watched))).length, named(watched)).toBeGreaterThanOrEqual(2);
    }
  });

  it('immediate mail reads only feed inserts from the table stream, retrying and then keeping the failed position', () => {
    const mail = out.stacks.stateless.mail;
    const ref = refIn(mailStack);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: ref(mail.immediate) },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
      FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ eventName: ['INSERT'], dynamodb: { NewImage: { type: { S: ['notification'] } } } }) }] },
    });
    const env = template.findResources('AWS::Lambda::Function')[ref(mail.immediate)]!.Properties.Environment.Variables;
    expect(env).toMatchObject({ SES_CONFIGURATION_SET: { Ref: ref(mail.configurationSet) }, MAIL_FROM: 'Kuntavaikutus <no-reply@porvoo.fi>' });
    // Unsubscribe links and address hashes are keyed by the deployment secret: every mail function reads it.
    for (const fn of [mail.immediate, mail.digest, mail.bounces]) {
      expect(template.findResources('AWS::Lambda::Function')[ref(fn)]!.Properties.Environment.Variables.SECRET_ARN).toBeDefined();
    }
  });

  it('digests run on EventBridge Scheduler, daily and weekly, through the morning in Helsinki, one invocation at a time', () => {
    const mail = out.stacks.stateless.mail;
    const ref = refIn(mailStack);
    const schedules = Object.values(template.findResources('AWS::Scheduler::Schedule')).filter((s) => String(s.Properties.Description).includes('digest'));
    expect(schedules.map((s) => [s.Properties.ScheduleExpression, JSON.parse(s.Properties.Target.Input).frequency])).toEqual([
      ['cron(0/10 6-8 * * ? *)', 'daily'],
      ['cron(0/10 6-8 ? * MON *)', 'weekly'],
    ]);
    for (const s of schedules) {
      expect(s.Properties).toMatchObject({
        ScheduleExpressionTimezone: 'Europe/Helsinki',
        Target: { Arn: { 'Fn::GetAtt': [ref(mail.digest), 'Arn'] }, RetryPolicy: expect.anything(), DeadLetterConfig: expect.anything() },
      });
    }
    expect(template.findResources('AWS::Lambda::Function')[ref(mail.digest)]!.Properties.ReservedConcurrentExecutions).toBe(1);
  });
});

describe('Cognito triggers', () => {
  it('the user pool runs pre token generation (V2, for ID and access tokens) and the custom message trigger', () => {
    const identity = out.stacks.stateful.identity;
    const ref = refIn(out.stacks.stateful);
    out.stateful.hasResourceProperties('AWS::Cognito::UserPool', {
      LambdaConfig: {
        PreTokenGenerationConfig: { LambdaArn: { 'Fn::GetAtt': [ref(identity.preTokenGeneration), 'Arn'] }, LambdaVersion: 'V2_0' },
        CustomMessage: { 'Fn::GetAtt': [ref(identity.customMessage), 'Arn'] },
      },
    });
    for (const fn of [identity.preTokenGeneration, identity.customMessage]) {
      out.stateful.hasResourceProperties('AWS::Lambda::Permission', {
        FunctionName: { 'Fn::GetAtt': [ref(fn), 'Arn'] }, Principal: 'cognito-idp.amazonaws.com',
      });
    }
  });

  it('the token trigger knows the strong providers, the person claim and the deployment\'s language, and may touch no data', () => {
    const identity = out.stacks.stateful.identity;
    const ref = refIn(out.stacks.stateful);
    const fn = out.stateful.findResources('AWS::Lambda::Function')[ref(identity.preTokenGeneration)]!.Properties;
    expect(fn.Environment.Variables).toEqual({ REQUIRED_LANGUAGES: 'fi,sv', STRONG_IDENTITY_PROVIDERS: 'SuomiFi', STRONG_IDENTITY_CLAIM: 'person' });
    expect(actionsOf(out.stateful, roleOf(out.stateful, ref(identity.preTokenGeneration))).filter((a) => !a.startsWith('logs:') && !a.startsWith('xray:'))).toEqual([]);
  });
});
