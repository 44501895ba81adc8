/**
 * One Lambda function per function the route table names, so a new capability deploys by
 * adding its routes. A function whose routes are all GET may only read the table; one that
 * writes may write only the partitions functions/writes.ts names for it.
 */
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { deployedRoutes, httpFunctions, readOnly } from '#functions/routes.ts';
import { tableWrites } from '#functions/writes.ts';
import { functionEntry } from '#infra/bundling.ts';
import { AppFunction, constructId } from '#infra/cdk/function.ts';
import { grantTableAccess } from '#infra/cdk/table.ts';

export interface HttpFunctionsProps {
  table: ITable;
  secret: ISecret;
  /** Settings every function gets (TABLE_NAME, ...); SECRET_ARN only where the code reads it. */
  environment: Record<string, string>;
  logRetention: RetentionDays;
}

export class HttpFunctions extends Construct {
  /** The functions by their name in the route table (`drafts/read`). */
  readonly functions: Record<string, NodejsFunction> = {};

  constructor(scope: Construct, id: string, props: HttpFunctionsProps) {
    super(scope, id);
    for (const fn of httpFunctions) {
      const routes = deployedRoutes.filter((r) => r.fn === fn).map((r) => r.operationId);
      const { handler } = new AppFunction(this, constructId(fn), {
        entry: functionEntry(fn),
        description: `HTTP ${fn}: ${routes.join(', ')}`.slice(0, 256),
        environment: props.environment,
        logRetention: props.logRetention,
        secret: props.secret,
      });
      if (readOnly(fn)) grantTableAccess(handler, props.table, 'read');
      else {
        const partitions = tableWrites[fn];
        if (!partitions) throw new Error(`${fn} writes but functions/writes.ts names no partitions for it`);
        grantTableAccess(handler, props.table, 'write', partitions);
      }
      this.functions[fn] = handler;
    }
  }
}
