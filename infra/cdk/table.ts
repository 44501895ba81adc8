/**
 * The single table in AWS, built from the same definition the local runtime uses, and the
 * only two ways a function may be granted access to it: reading, or reading and writing.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table, TableEncryption, type ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Grant, PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { tableDefinition } from '#shared/data/table.ts';

const attribute = (name: string, type?: 'number') => ({ name, type: type === 'number' ? AttributeType.NUMBER : AttributeType.STRING });

/** The table: on demand, PITR, deletion protection, AWS-managed KMS encryption, kept when the stack goes. */
export function singleTable(scope: Construct, id: string): Table {
  const table = new Table(scope, id, {
    partitionKey: attribute(tableDefinition.partitionKey),
    sortKey: attribute(tableDefinition.sortKey),
    billingMode: BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: true,
    encryption: TableEncryption.AWS_MANAGED,
    // Domain events are derived from item changes; consumers need both images.
    stream: StreamViewType.NEW_AND_OLD_IMAGES,
    timeToLiveAttribute: tableDefinition.timeToLiveAttribute,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  for (const index of tableDefinition.indexes) {
    table.addGlobalSecondaryIndex({
      indexName: index.name,
      partitionKey: attribute(index.partitionKey),
      sortKey: attribute(index.sortKey, 'sortKeyType' in index ? index.sortKeyType : undefined),
      projectionType: ProjectionType.ALL,
    });
  }
  return table;
}

/** What a function serving only reads may do: never Scan (every list is one Query). */
export const tableReadActions = ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:BatchGetItem', 'dynamodb:ConditionCheckItem'];

/** What a writer may do besides reading (transactions are made of these item actions). */
export const tableWriteActions = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

/** Each index by name rather than `index/*`, so the grant names exactly what exists. */
const indexArns = (table: ITable): string[] => tableDefinition.indexes.map((i) => `${table.tableArn}/index/${i.name}`);

/**
 * Grants `grantee` reads of the table and its indexes, and with `write` item writes on the
 * table: only in the `partitions` named (IAM's `dynamodb:LeadingKeys`, `DRAFT` allowing
 * `DRAFT#…`) when given, anywhere when not (the jobs and event consumers, which erase and
 * fan out across the table).
 */
export function grantTableAccess(grantee: IGrantable, table: ITable, access: 'read' | 'write', partitions?: readonly string[]): void {
  Grant.addToPrincipal({ grantee, actions: tableReadActions, resourceArns: [table.tableArn, ...indexArns(table)] });
  if (access !== 'write') return;
  if (!partitions) {
    Grant.addToPrincipal({ grantee, actions: tableWriteActions, resourceArns: [table.tableArn] });
    return;
  }
  grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({
    actions: tableWriteActions,
    resources: [table.tableArn],
    conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...partitions].sort().map((p) => `${p}#*`) } },
  }));
}
