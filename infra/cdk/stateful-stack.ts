/**
 * What must outlive any redeploy of code: the single table, the deployment secret and the
 * user pool. Everything here is retained when the stack is deleted.
 */
import { RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { Identity } from '#infra/cdk/identity.ts';
import type { DeploymentOptions } from '#infra/cdk/options.ts';
import { singleTable } from '#infra/cdk/table.ts';

export interface StatefulStackProps extends StackProps {
  options: DeploymentOptions;
}

export class StatefulStack extends Stack {
  readonly table: Table;
  readonly secret: Secret;
  readonly identity: Identity;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    this.table = singleTable(this, 'Table');

    // Keys cursors (HMAC) and ballot keys (keyed hash of the voter): see shared/secret.ts.
    this.secret = new Secret(this, 'DeploymentSecret', {
      description: `${props.options.deploymentName}: root of the keys for cursors and ballot keys`,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Not rotated on purpose: ballot keys are a keyed hash of the voter under this secret, so a new value would ' +
        'unlink every stored ballot from its voter (one ballot per person could no longer be enforced or replaced), ' +
        'and every outstanding cursor would become invalid. It never leaves AWS: only the functions read it.',
    });

    this.identity = new Identity(this, 'Identity', props.options);
  }
}
