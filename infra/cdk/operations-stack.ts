/**
 * Alarms and the dashboard in a stack of their own: they grow with every function and queue,
 * and CloudFormation allows 500 resources a stack. They read the stateless stack's names
 * through its exports, so this stack deploys after it.
 */
import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Operations, type OperationsProps } from '#infra/cdk/monitoring.ts';
import type { DeploymentOptions } from '#infra/cdk/options.ts';
import type { StatelessStack } from '#infra/cdk/stateless-stack.ts';

export interface OperationsStackProps extends StackProps {
  options: DeploymentOptions;
  watched: ReturnType<StatelessStack['watched']>;
}

export class OperationsStack extends Stack {
  readonly operations: Operations;

  constructor(scope: Construct, id: string, props: OperationsStackProps) {
    super(scope, id, props);
    const { options } = props;
    const operationsProps: OperationsProps = { deploymentName: options.deploymentName, alarmEmail: options.alarmEmail, ...props.watched };
    this.operations = new Operations(this, 'Operations', operationsProps);
  }
}
