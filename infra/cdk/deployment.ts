/**
 * The whole deployment on an app: the stateful and stateless stacks, the operations stack
 * (alarms, dashboard), the edge's web ACL in us-east-1, and cdk-nag's
 * AwsSolutions checks over everything, so an unacknowledged finding (error or warning)
 * fails the synth. A rule is acknowledged next to its construct, with the reason:
 * `Validations.of(construct).acknowledge({ id: 'AwsSolutions-SMG4', reason: '…' })`;
 * granular rules name the finding: `AwsSolutions-IAM5[Resource::*]`.
 */
import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsEnforced } from '#infra/cdk/nag.ts';
import { deploymentOptions } from '#infra/cdk/options.ts';
import { StatefulStack } from '#infra/cdk/stateful-stack.ts';
import { StatelessStack } from '#infra/cdk/stateless-stack.ts';
import { OperationsStack } from '#infra/cdk/operations-stack.ts';
import { WebAclStack } from '#infra/cdk/web-acl-stack.ts';

export function deployment(app: App): { stateful: StatefulStack; stateless: StatelessStack; operations: OperationsStack; webAcl: WebAclStack } {
  const options = deploymentOptions(app);
  // The region is an option and the account is left to deploy time: nothing is looked up,
  // so synth works offline.
  const env = { region: options.region };
  const stateful = new StatefulStack(app, 'Stateful', {
    env,
    stackName: `${options.deploymentName}-stateful`,
    description: `${options.deploymentName}: table, deployment secret and user pool (retained)`,
    options,
  });
  const webAcl = new WebAclStack(app, 'WebAcl', {
    env: { region: 'us-east-1' },
    stackName: `${options.deploymentName}-edge-waf`,
    description: `${options.deploymentName}: the edge's web ACL (CloudFront requires us-east-1)`,
    crossRegionReferences: true,
    options,
  });
  const stateless = new StatelessStack(app, 'Stateless', {
    env,
    crossRegionReferences: true,
    webAclArn: webAcl.webAcl.attrArn,
    stackName: `${options.deploymentName}-stateless`,
    description: `${options.deploymentName}: functions and HTTP API`,
    options,
    table: stateful.table,
    secret: stateful.secret,
    identity: stateful.identity,
  });
  const operations = new OperationsStack(app, 'Operations', {
    env,
    stackName: `${options.deploymentName}-operations`,
    description: `${options.deploymentName}: alarms and the dashboard`,
    options,
    watched: stateless.watched(),
  });
  Validations.of(app).addPlugins(new AwsSolutionsEnforced(app, { verbose: true }));
  return { stateful, stateless, operations, webAcl };
}
