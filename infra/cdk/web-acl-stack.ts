/**
 * The edge's web ACL, in us-east-1 as CloudFront requires: AWS managed rule groups (IP
 * reputation, common, known bad inputs), a rate limit per client address, and a stricter
 * one on anonymous writes (a write without an Authorization header). Its ARN reaches the
 * distribution in the deployment's region through CDK's cross-region references.
 */
import { Stack, type StackProps } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import type { DeploymentOptions } from '#infra/cdk/options.ts';

export interface WebAclStackProps extends StackProps {
  options: DeploymentOptions;
}

const visibility = (metricName: string) => ({ cloudWatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true });

/** An AWS managed rule group; `countOnly` rules are watched instead of blocking. */
const managed = (name: string, priority: number, countOnly: string[] = []): CfnWebACL.RuleProperty => ({
  name,
  priority,
  overrideAction: { none: {} },
  statement: {
    managedRuleGroupStatement: {
      vendorName: 'AWS',
      name,
      ...(countOnly.length > 0 && { ruleActionOverrides: countOnly.map((rule) => ({ name: rule, actionToUse: { count: {} } })) }),
    },
  },
  visibilityConfig: visibility(name),
});

/** Requests that change something (not GET, HEAD or OPTIONS) and carry no Authorization header. */
const anonymousWrite: CfnWebACL.StatementProperty = {
  andStatement: {
    statements: [
      { notStatement: { statement: { regexMatchStatement: { regexString: '^(GET|HEAD|OPTIONS)$', fieldToMatch: { method: {} }, textTransformations: [{ priority: 0, type: 'NONE' }] } } } },
      { notStatement: { statement: { sizeConstraintStatement: {
        fieldToMatch: { singleHeader: { Name: 'authorization' } }, comparisonOperator: 'GT', size: 0, textTransformations: [{ priority: 0, type: 'NONE' }],
      } } } },
    ],
  },
};

export class WebAclStack extends Stack {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: WebAclStackProps) {
    super(scope, id, props);
    const { options } = props;
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: `${options.deploymentName}-edge`,
      description: `${options.deploymentName}: in front of the participation API`,
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(`${options.deploymentName}-edge`),
      rules: [
        managed('AWSManagedRulesAmazonIpReputationList', 0),
        // Staff publish drafts of up to MAX_BODY_BYTES (64 KiB); the group blocks bodies over 8 KiB.
        managed('AWSManagedRulesCommonRuleSet', 1, ['SizeRestrictions_BODY']),
        managed('AWSManagedRulesKnownBadInputsRuleSet', 2),
        {
          name: 'AnonymousWritesPerClient',
          priority: 3,
          action: { block: {} },
          statement: { rateBasedStatement: { limit: options.anonymousWriteLimit, evaluationWindowSec: 300, aggregateKeyType: 'IP', scopeDownStatement: anonymousWrite } },
          visibilityConfig: visibility('AnonymousWritesPerClient'),
        },
        {
          name: 'RequestsPerClient',
          priority: 4,
          action: { block: {} },
          statement: { rateBasedStatement: { limit: options.requestLimit, evaluationWindowSec: 300, aggregateKeyType: 'IP' } },
          visibilityConfig: visibility('RequestsPerClient'),
        },
      ],
    });
  }
}
