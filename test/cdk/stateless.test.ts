/**
 * The stateless stack: every deployed route of the route table on the function it names,
 * behind the authorizer its access calls for; functions on Node.js 24 arm64 with least
 * privilege; access logs and throttling on the stage; no unacknowledged cdk-nag finding.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { deployedRoutes, httpFunctions, readOnly, routes } from '#functions/routes.ts';
import { routeKey } from '#shared/http/route.ts';
import { tableReadActions, tableWriteActions } from '#infra/cdk/table.ts';
import { tableWrites } from '#functions/writes.ts';
import { functionEntry } from '#infra/bundling.ts';
import { readsSecret } from '#infra/cdk/imports.ts';
import secretsExtensionLayers from '#infra/cdk/secrets-extension-layers.json' with { type: 'json' };
import { resources, synthesize, type Synthesized } from './synth.ts';

let out: Synthesized;
// Bundles every function for real, as `npm run synth` does: this takes a while.
beforeAll(() => {
  out = synthesize({ bundle: true });
}, 900_000);

/** The app's functions: all but CDK's provider reading the web ACL's ARN from us-east-1. */
const appFunctions = () => Object.fromEntries(Object.entries(resources(out.stateless, 'AWS::Lambda::Function')).filter(([id]) => !id.startsWith('CustomCrossRegionExportReader')));

const logicalId = (construct: { node: { defaultChild?: unknown } }): string =>
  Stack.of(out.stacks.stateless).getLogicalId(construct.node.defaultChild as CfnElement);

/** Route properties by route key (`GET /v1/drafts`). */
const routesByKey = () =>
  Object.fromEntries(Object.values(resources(out.stateless, 'AWS::ApiGatewayV2::Route')).map((r) => [r.Properties.RouteKey as string, r.Properties]));

const authorizerId = (type: 'JWT' | 'REQUEST'): string => {
  const ids = Object.entries(resources(out.stateless, 'AWS::ApiGatewayV2::Authorizer')).filter(([, a]) => a.Properties.AuthorizerType === type);
  expect(ids).toHaveLength(1);
  return ids[0]![0];
};

/** The function a route's integration invokes. */
const targetFunction = (route: Record<string, any>): string => {
  const integrationId = route.Target['Fn::Join'][1][1].Ref as string;
  return resources(out.stateless, 'AWS::ApiGatewayV2::Integration')[integrationId]!.Properties.IntegrationUri['Fn::GetAtt'][0];
};

/** Every action a function's role may take. */
const grantedActions = (fn: string): string[] => {
  const role = out.stacks.stateless.functions[fn]!.role!;
  const roleId = Stack.of(role).getLogicalId(role.node.defaultChild as CfnElement);
  const policies = Object.values(resources(out.stateless, 'AWS::IAM::Policy')).filter((p) =>
    (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleId));
  return policies.flatMap((p) => (p.Properties.PolicyDocument.Statement as { Action: string | string[] }[]).flatMap((s) => [s.Action].flat()));
};

describe('routes', () => {
  test('every deployed route exists, on the function the route table names', () => {
    // Prepare
    const byKey = routesByKey();
    // Assess
    for (const route of deployedRoutes) {
      const deployed = byKey[routeKey(route)];
      expect(deployed, routeKey(route)).toBeDefined();
      expect(targetFunction(deployed!), routeKey(route)).toBe(logicalId(out.stacks.stateless.functions[route.fn]!));
    }
  });

  test('resident, staff and moderator routes need a valid Cognito token (JWT authorizer)', () => {
    const byKey = routesByKey();
    const jwt = authorizerId('JWT');
    for (const route of deployedRoutes.filter((r) => ['resident', 'staff', 'moderator'].includes(r.access))) {
      expect(byKey[routeKey(route)], routeKey(route)).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: jwt } });
    }
  });

  test('routes where a token is optional go through the optional-token Lambda authorizer', () => {
    const byKey = routesByKey();
    const lambda = authorizerId('REQUEST');
    const optional = deployedRoutes.filter((r) => r.access === 'optional');
    expect(optional.length).toBeGreaterThan(0);
    for (const route of optional) {
      expect(byKey[routeKey(route)], routeKey(route)).toMatchObject({ AuthorizationType: 'CUSTOM', AuthorizerId: { Ref: lambda } });
    }
  });

  test('public routes have no authorizer', () => {
    const byKey = routesByKey();
    for (const route of deployedRoutes.filter((r) => r.access === 'public')) {
      expect(byKey[routeKey(route)], routeKey(route)).toMatchObject({ AuthorizationType: 'NONE' });
      expect(byKey[routeKey(route)]!.AuthorizerId, routeKey(route)).toBeUndefined();
    }
  });

  test('the local token route is never deployed, nor any function only it names', () => {
    // Prepare
    const localOnly = routes.filter((r) => r.localOnly);
    expect(localOnly.map(routeKey)).toContain('POST /local/token');
    // Assess
    const keys = Object.keys(routesByKey());
    for (const route of localOnly) expect(keys).not.toContain(routeKey(route));
    expect(keys.filter((k) => k.includes('/local/'))).toEqual([]);
    expect(Object.keys(out.stacks.stateless.functions)).not.toContain('local');
  });

  test('anything else reaches the fallback function ($default) without authorization', () => {
    const fallback = routesByKey().$default;
    expect(fallback).toMatchObject({ AuthorizationType: 'NONE' });
    const fn = resources(out.stateless, 'AWS::Lambda::Function')[targetFunction(fallback!)]!;
    expect(fn.Properties.Description).toMatch(/404/);
  });

  test('there are no routes but the deployed ones and $default', () => {
    expect(Object.keys(routesByKey()).sort()).toEqual([...deployedRoutes.map(routeKey), '$default'].sort());
  });
});

describe('authorizers', () => {
  test('the JWT authorizer trusts the user pool as issuer and the web client as audience', () => {
    const { Properties: p } = resources(out.stateless, 'AWS::ApiGatewayV2::Authorizer')[authorizerId('JWT')]!;
    expect(p.IdentitySource).toEqual(['$request.header.Authorization']);
    expect(JSON.stringify(p.JwtConfiguration.Issuer)).toMatch(/ProviderURL/);
    expect(JSON.stringify(p.JwtConfiguration.Audience)).toMatch(/WebClient/);
  });

  test('the optional-token authorizer runs on every request: no identity source, no caching, simple responses', () => {
    const { Properties: p } = resources(out.stateless, 'AWS::ApiGatewayV2::Authorizer')[authorizerId('REQUEST')]!;
    expect(p).toMatchObject({ IdentitySource: [], AuthorizerResultTtlInSeconds: 0, EnableSimpleResponses: true, AuthorizerPayloadFormatVersion: '2.0' });
  });

  test('the optional-token authorizer verifies tokens of the same pool and client', () => {
    const { Properties: p } = resources(out.stateless, 'AWS::ApiGatewayV2::Authorizer')[authorizerId('REQUEST')]!;
    const [, fnId] = /"Fn::GetAtt":\["([^"]+)","Arn"\]/.exec(JSON.stringify(p.AuthorizerUri))!;
    const fn = resources(out.stateless, 'AWS::Lambda::Function')[fnId!]!;
    const env = fn.Properties.Environment.Variables;
    expect(JSON.stringify(env.TOKEN_ISSUER)).toMatch(/ProviderURL/);
    expect(JSON.stringify(env.TOKEN_AUDIENCE)).toMatch(/WebClient/);
    expect(env.TABLE_NAME).toBeUndefined();
  });
});

describe('functions', () => {
  test('one function per function the route table names', () => {
    expect(Object.keys(out.stacks.stateless.functions).sort()).toEqual([...httpFunctions].sort());
  });

  test('every function runs Node.js 24 on arm64 and logs to a log group with retention', () => {
    const functions = Object.values(appFunctions());
    expect(functions.length).toBeGreaterThanOrEqual(httpFunctions.length + 2);
    for (const fn of functions) {
      expect(fn.Properties).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'] });
      expect(fn.Properties.LoggingConfig).toMatchObject({ LogFormat: 'JSON', LogGroup: { Ref: expect.any(String) } });
    }
    for (const group of Object.values(resources(out.stateless, 'AWS::Logs::LogGroup'))) {
      expect(group.Properties.RetentionInDays).toBe(30);
    }
  });

  test('HTTP functions get the deployment settings', () => {
    for (const fn of httpFunctions) {
      const env = resources(out.stateless, 'AWS::Lambda::Function')[logicalId(out.stacks.stateless.functions[fn]!)]!.Properties.Environment.Variables;
      expect(Object.keys(env), fn).toEqual(expect.arrayContaining([
        'TABLE_NAME', 'DEPLOYMENT_NAME', 'REQUIRED_LANGUAGES', 'POWERTOOLS_SERVICE_NAME', 'POWERTOOLS_LOG_LEVEL',
      ]));
      expect(env).toMatchObject({ DEPLOYMENT_NAME: 'kuntavaikutus', REQUIRED_LANGUAGES: 'fi', POWERTOOLS_LOG_LEVEL: 'INFO' });
    }
  });

  test('every function is traced by X-Ray (active tracing)', () => {
    const functions = Object.values(appFunctions());
    expect(functions.length).toBeGreaterThan(httpFunctions.length);
    for (const fn of functions) expect(fn.Properties.TracingConfig, fn.Properties.Description).toEqual({ Mode: 'Active' });
  });

  test('the deployed bundles are built as the bench measures them: the Ahjo import without the X-Ray SDK and under the bundle bar', () => {
    // Prepare: the code CDK bundled for a function, from the assembly's staged asset
    const code = (fn: string): string => {
      const key = appFunctions()[logicalId(out.stacks.stateless.functions[fn]!)]!.Properties.Code.S3Key as string;
      return readFileSync(join(out.app.synth().directory, `asset.${key.replace(/\.zip$/, '')}`, 'index.mjs'), 'utf8');
    };
    // Act
    const [ahjo, read] = [code('imports/ahjo'), code('drafts/read')];
    // Assess: the SDK's settings are read by name; DESIGN.md's bar is about 430 KB
    expect(ahjo).not.toContain('AWS_XRAY_DAEMON_ADDRESS');
    expect(Buffer.byteLength(ahjo)).toBeLessThan(430 * 1024);
    expect(read).toContain('AWS_XRAY_DAEMON_ADDRESS');
  });

  test("only functions whose code reads the deployment secret get it: setting, grant and the region's extension layer", () => {
    // Prepare
    const stack = out.stacks.stateless;
    const all = appFunctions();
    const entries: Record<string, string> = Object.fromEntries([
      ...httpFunctions.map((fn) => [logicalId(stack.functions[fn]!), functionEntry(fn)]),
      ...Object.entries(stack.events.consumers).map(([fn, f]) => [logicalId(f), functionEntry(fn)]),
      [logicalId(stack.events.publisher), functionEntry('events/publisher')],
      [logicalId(stack.events.closeDraft), functionEntry('events/close-draft')],
      [logicalId(stack.events.deliverNotifications), functionEntry('notifications/deliver')],
      [logicalId(stack.ahjoSync.handler), functionEntry('imports/sync')],
      [logicalId(stack.jobs.runner), 'functions/jobs/run.ts'],
      [logicalId(stack.openData.handler as never), 'functions/open-data/write.ts'],
    ]);
    const layer = (secretsExtensionLayers.arm64 as Record<string, string>)['eu-north-1'];
    // Assess: both kinds exist, so the test can tell them apart
    const readers = Object.keys(all).filter((id) => entries[id] && readsSecret(entries[id]));
    expect(readers.length).toBeGreaterThan(0);
    expect(Object.keys(entries).length).toBeGreaterThan(readers.length);
    // Every HTTP function checks whether a caller was erased (a keyed hash): only the authorizer reads no secret.
    expect(readsSecret('functions/platform/authorizer.ts')).toBe(false);
    expect(readsSecret('functions/comments/read.ts')).toBe(true); // cursors are keyed by it
    for (const [id, fn] of Object.entries(all)) {
      const reads = readers.includes(id);
      expect(fn.Properties.Layers, id).toEqual(reads ? [layer] : undefined);
      expect(fn.Properties.Environment?.Variables?.SECRET_ARN !== undefined, id).toBe(reads);
      const role = fn.Properties.Role['Fn::GetAtt'][0] as string;
      const granted = Object.values(resources(out.stateless, 'AWS::IAM::Policy'))
        .filter((p) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === role))
        .flatMap((p) => (p.Properties.PolicyDocument.Statement as { Action: string | string[] }[]).flatMap((s) => [s.Action].flat()));
      expect(granted.includes('secretsmanager:GetSecretValue'), id).toBe(reads);
    }
  });

  test('the extension layer of a region missing from the data file fails the synth, naming the file', () => {
    expect(() => synthesize({ bundle: false, context: { region: 'xx-nowhere-1' } })).toThrow(/secrets-extension-layers\.json has no arm64 layer for xx-nowhere-1/);
  });

  test('a function whose routes are all GET may not write to the table', () => {
    const readers = httpFunctions.filter(readOnly);
    expect(readers.length).toBeGreaterThan(0);
    for (const fn of readers) {
      const actions = grantedActions(fn);
      expect(actions, fn).toEqual(expect.arrayContaining(tableReadActions));
      for (const write of tableWriteActions) expect(actions, fn).not.toContain(write);
    }
  });

  test('a function with a writing route may write items, only in the partitions functions/writes.ts names for it', () => {
    for (const fn of httpFunctions.filter((f) => !readOnly(f))) {
      expect(grantedActions(fn), fn).toEqual(expect.arrayContaining([...tableReadActions, ...tableWriteActions]));
      // Prepare: every statement of its role that grants an item write
      const role = out.stacks.stateless.functions[fn]!.role!;
      const roleId = Stack.of(role).getLogicalId(role.node.defaultChild as CfnElement);
      const writes = Object.values(resources(out.stateless, 'AWS::IAM::Policy'))
        .filter((p) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleId))
        .flatMap((p) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Condition?: Record<string, any> }[])
        .filter((st) => [st.Action].flat().some((a) => tableWriteActions.includes(a)));
      // Assess
      expect(writes, fn).toHaveLength(1);
      const leading = writes[0]!.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'] as string[] | undefined;
      expect(leading, fn).toEqual([...tableWrites[fn]!].sort().map((p) => `${p}#*`));
      expect(leading, fn).not.toContain('*');
    }
  });

  test('no function may Scan, or use a wildcard action', () => {
    const policies = Object.values(resources(out.stateless, 'AWS::IAM::Policy'));
    const actions = policies.flatMap((p) => (p.Properties.PolicyDocument.Statement as { Action: string | string[] }[]).flatMap((s) => [s.Action].flat()));
    expect(actions).not.toContain('dynamodb:Scan');
    expect(actions.filter((a) => a.startsWith('dynamodb:') && a.includes('*'))).toEqual([]);
  });
});

describe('the stage', () => {
  test('writes JSON access logs to a log group', () => {
    const stage = Object.values(resources(out.stateless, 'AWS::ApiGatewayV2::Stage'))[0]!;
    const { DestinationArn, Format } = stage.Properties.AccessLogSettings;
    expect(DestinationArn['Fn::GetAtt'][1]).toBe('Arn');
    expect(resources(out.stateless, 'AWS::Logs::LogGroup')[DestinationArn['Fn::GetAtt'][0]]).toBeDefined();
    expect(JSON.parse(Format)).toMatchObject({ requestId: '$context.requestId', status: '$context.status', routeKey: '$context.routeKey' });
  });

  test('throttles every route by default (rate and burst)', () => {
    out.stateless.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
    });
  });

  test('outputs the edge URL, the API URL, the user pool id and the web client id (besides the exports the operations stack reads)', () => {
    const outputs = Object.keys(out.stateless.findOutputs('*')).filter((name) => !name.startsWith('ExportsOutput'));
    expect(outputs.sort()).toEqual(['ApiUrl', 'EdgeUrl', 'UserPoolClientId', 'UserPoolId']);
  });
});

describe('cdk-nag AwsSolutions', () => {
  test('the synth reports no finding, error or warning, that is not acknowledged', () => {
    // Act
    const assembly = out.app.synth();
    const report = JSON.parse(readFileSync(join(assembly.directory, 'validation-report.json'), 'utf8')) as {
      pluginReports: { pluginName: string; violations: { ruleName: string; violatingConstructs: { constructPath: string }[] }[] }[];
    };
    // Assess
    const findings = report.pluginReports.flatMap((r) => r.violations.map((v) => `${v.ruleName} at ${v.violatingConstructs.map((c) => c.constructPath).join(', ')}`));
    expect(findings).toEqual([]);
  });

  test('every acknowledgement gives a written reason', () => {
    const acknowledgements = out.app.node.findAll().flatMap((c) => c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) => Object.entries(m.data as Record<string, string>).map(([rule, reason]) => ({ at: c.node.path, rule, reason }))));
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const a of acknowledgements) expect(a.reason.length, `${a.rule} at ${a.at}`).toBeGreaterThanOrEqual(40);
  });
});

describe('deployment options (context)', () => {
  test('set CORS, throttling and required languages', () => {
    // Prepare
    const custom = synthesize({
      bundle: false,
      context: { corsAllowOrigins: 'https://osallistu.example.fi,https://delta.example.fi', throttleRateLimit: '10', throttleBurstLimit: 20, requiredLanguages: 'fi,sv' },
    });
    // Assess
    custom.stateless.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: { AllowOrigins: ['https://osallistu.example.fi', 'https://delta.example.fi'], AllowHeaders: Match.arrayWith(['authorization', 'if-match', 'idempotency-key']) },
    });
    custom.stateless.hasResourceProperties('AWS::ApiGatewayV2::Stage', { DefaultRouteSettings: { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 } });
    custom.stateless.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: { REQUIRED_LANGUAGES: 'fi,sv' } } });
  }, 120_000);

  test('without CORS origins the API has no CORS configuration', () => {
    const api = Object.values(resources(out.stateless, 'AWS::ApiGatewayV2::Api'))[0]!;
    expect(api.Properties.CorsConfiguration).toBeUndefined();
  });

  test('a bad option fails the synth naming the option', () => {
    expect(() => synthesize({ bundle: false, context: { throttleRateLimit: 'fast', corsAllowOrigins: 'not a url' } }))
      .toThrow(/throttleRateLimit[\s\S]*corsAllowOrigins|corsAllowOrigins[\s\S]*throttleRateLimit/);
  });
});

describe('size', () => {
  test('every stack keeps room under CloudFormation\'s 500 resources a stack (new routes and functions add about five each)', () => {
    // Assess
    for (const [name, template] of Object.entries({ stateful: out.stateful, stateless: out.stateless, operations: out.operations })) {
      const count = Object.keys(template.toJSON().Resources as object).length;
      expect(count, name).toBeLessThan(450);
    }
  });
});
