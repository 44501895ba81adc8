/**
 * The edge: CloudFront in front of the HTTP API, caching only what the API marks public and
 * never across tokens, under a us-east-1 web ACL with AWS managed rule groups and rate limits.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Stack, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { resources, synthesize, type Synthesized } from './synth.ts';

let out: Synthesized;
let waf: Template;

beforeAll(() => {
  // No bundling: the template is what is tested here, not the bundles.
  out = synthesize({ bundle: false, context: { deploymentName: 'porvoo', requestLimit: 1500, anonymousWriteLimit: 20 } });
  waf = Template.fromStack(out.stacks.webAcl);
});

const webAcl = () => {
  const acls = Object.values(resources(waf, 'AWS::WAFv2::WebACL'));
  expect(acls).toHaveLength(1);
  return acls[0]!.Properties;
};
const rule = (name: string) => {
  const found = (webAcl().Rules as { Name: string }[]).filter((r) => r.Name === name);
  expect(found, name).toHaveLength(1);
  return found[0] as Record<string, any>;
};
const distribution = () => {
  const all = Object.values(resources(out.stateless, 'AWS::CloudFront::Distribution'));
  expect(all).toHaveLength(1);
  return all[0]!.Properties.DistributionConfig;
};

describe('the web ACL', () => {
  it('is in us-east-1, scoped to CloudFront, allowing by default', () => {
    expect(out.stacks.webAcl.region).toBe('us-east-1');
    expect(webAcl()).toMatchObject({ Scope: 'CLOUDFRONT', DefaultAction: { Allow: {} } });
  });

  it.each(['AWSManagedRulesAmazonIpReputationList', 'AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet'])(
    'applies the AWS managed rule group %s as it stands',
    (name) => {
      expect(rule(name)).toMatchObject({ OverrideAction: { None: {} }, Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: name } } });
    },
  );

  it('lets staff send drafts above 8 KiB: only the common set\'s body size rule is counted instead of blocking', () => {
    expect(rule('AWSManagedRulesCommonRuleSet').Statement.ManagedRuleGroupStatement.RuleActionOverrides)
      .toEqual([{ Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } }]);
  });

  it('blocks a client address over the request limit (deployment option)', () => {
    expect(rule('RequestsPerClient')).toMatchObject({
      Action: { Block: {} },
      Statement: { RateBasedStatement: { AggregateKeyType: 'IP', Limit: 1500, EvaluationWindowSec: 300 } },
    });
    expect(rule('RequestsPerClient').Statement.RateBasedStatement.ScopeDownStatement).toBeUndefined();
  });

  it('blocks sooner a client address writing without a token: a non-GET/HEAD/OPTIONS request with no Authorization header', () => {
    const rateBased = rule('AnonymousWritesPerClient').Statement.RateBasedStatement;
    expect(rule('AnonymousWritesPerClient').Action).toEqual({ Block: {} });
    expect(rateBased).toMatchObject({ AggregateKeyType: 'IP', Limit: 20 });
    expect(rateBased.Limit).toBeLessThan(rule('RequestsPerClient').Statement.RateBasedStatement.Limit);
    const [notRead, noToken] = rateBased.ScopeDownStatement.AndStatement.Statements;
    const methods = new RegExp(notRead.NotStatement.Statement.RegexMatchStatement.RegexString);
    expect(['GET', 'HEAD', 'OPTIONS'].every((m) => methods.test(m))).toBe(true);
    expect(['POST', 'PUT', 'PATCH', 'DELETE'].some((m) => methods.test(m))).toBe(false);
    expect(noToken.NotStatement.Statement.SizeConstraintStatement).toMatchObject({
      FieldToMatch: { SingleHeader: { Name: 'authorization' } }, ComparisonOperator: 'GT', Size: 0,
    });
  });

  it('evaluates the rate rules after the managed groups, each with its own metrics', () => {
    const rules = webAcl().Rules as { Name: string; Priority: number; VisibilityConfig: { CloudWatchMetricsEnabled: boolean } }[];
    expect(new Set(rules.map((r) => r.Priority)).size).toBe(rules.length);
    for (const r of rules) expect(r.VisibilityConfig.CloudWatchMetricsEnabled, r.Name).toBe(true);
  });
});

describe('the distribution', () => {
  it('has the HTTP API as its origin, over HTTPS only', () => {
    const api = Stack.of(out.stacks.stateless).getLogicalId(out.stacks.stateless.api.api.node.defaultChild as CfnElement);
    const [origin] = distribution().Origins;
    expect(JSON.stringify(origin.DomainName)).toContain(`"Ref":"${api}"`);
    expect(JSON.stringify(origin.DomainName)).toContain('execute-api');
    expect(origin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only' });
    expect(distribution().DefaultCacheBehavior.ViewerProtocolPolicy).toBe('https-only');
  });

  it('is protected by the web ACL from us-east-1', () => {
    // The ARN crosses regions through CDK's SSM-backed reader, so it is a token here.
    expect(JSON.stringify(distribution().WebACLId)).toMatch(/WebAcl|ExportsReader/);
  });

  it('caches only what the origin marks public, keyed by query string, and never across Authorization headers', () => {
    const policies = Object.values(resources(out.stateless, 'AWS::CloudFront::CachePolicy'));
    expect(policies).toHaveLength(1);
    const config = policies[0]!.Properties.CachePolicyConfig;
    expect(config).toMatchObject({ MinTTL: 0, DefaultTTL: 0 });
    expect(config.MaxTTL).toBeLessThanOrEqual(300);
    const key = config.ParametersInCacheKeyAndForwardedToOrigin;
    expect(key.QueryStringsConfig).toEqual({ QueryStringBehavior: 'all' });
    expect(key.HeadersConfig).toMatchObject({ HeaderBehavior: 'whitelist', Headers: expect.arrayContaining(['Authorization']) });
    expect(key.CookiesConfig).toEqual({ CookieBehavior: 'none' });
    expect(distribution().DefaultCacheBehavior.AllowedMethods).toEqual(expect.arrayContaining(['POST', 'PATCH', 'DELETE']));
    expect(distribution().DefaultCacheBehavior.CachedMethods.sort()).toEqual(['GET', 'HEAD']);
  });

  it('writes access logs to a private bucket', () => {
    expect(distribution().Logging).toMatchObject({ Bucket: expect.anything() });
    out.stateless.hasResourceProperties('AWS::S3::Bucket', { PublicAccessBlockConfiguration: { BlockPublicAcls: true, RestrictPublicBuckets: true } });
  });

  it('is the URL clients are given', () => {
    expect(Object.keys(out.stateless.findOutputs('EdgeUrl'))).toEqual(['EdgeUrl']);
  });
});

describe('the viewer address', () => {
  it('reaches the API with the headers it reads, never with CloudFront\'s Host', () => {
    // Prepare
    const policies = Object.values(resources(out.stateless, 'AWS::CloudFront::OriginRequestPolicy'));
    expect(policies).toHaveLength(1);
    // Assess
    const headers = policies[0]!.Properties.OriginRequestPolicyConfig.HeadersConfig;
    expect(headers.HeaderBehavior).toBe('whitelist');
    expect(headers.Headers).toEqual(expect.arrayContaining(['CloudFront-Viewer-Address', 'Idempotency-Key', 'If-Match', 'Content-Type']));
    expect(headers.Headers).not.toContain('Host');
    expect(headers.Headers.length).toBeLessThanOrEqual(10); // CloudFront's quota per policy
  });

  it('is vouched for by a generated secret that CloudFront sends and every HTTP function compares', () => {
    // Prepare
    const origin = distribution().Origins[0];
    const sent = origin.OriginCustomHeaders.find((h: { HeaderName: string }) => h.HeaderName === 'X-Origin-Verify')?.HeaderValue;
    // Assess: a reference to the generated secret, not a value in the template
    expect(JSON.stringify(sent)).toMatch(/resolve:secretsmanager/);
    out.stateless.hasResourceProperties('AWS::SecretsManager::Secret', { GenerateSecretString: { PasswordLength: 48, ExcludePunctuation: true } });
    const functions = Object.entries(resources(out.stateless, 'AWS::Lambda::Function')).filter(([id]) => id.startsWith('Http'));
    expect(functions.length).toBeGreaterThan(10);
    for (const [id, f] of functions) expect(f.Properties.Environment.Variables.ORIGIN_VERIFY, id).toEqual(sent);
  });
});
