/**
 * The single table's shape: key attributes, global secondary indexes and TTL.
 * The CDK stateful stack and the local runtime both build the table from this.
 */

export const tableDefinition = {
  partitionKey: 'pk',
  sortKey: 'sk',
  timeToLiveAttribute: 'expiresAt',
  /** Overloaded indexes: each entity documents in its repository what it puts in them. */
  indexes: [
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
    /** Ranked by a number the item keeps exact: root comments by votes. */
    { name: 'byVotes', partitionKey: 'votePk', sortKey: 'votes', sortKeyType: 'number' },
    /** Root comments on one section by votes: popular-by-section is a key, not a filter. */
    { name: 'bySectionVotes', partitionKey: 'sectionVotePk', sortKey: 'votes', sortKeyType: 'number' },
    /** Ranked by a number the item keeps exact: flagged comments by flag count. */
    { name: 'byFlags', partitionKey: 'flagPk', sortKey: 'flagCount', sortKeyType: 'number' },
    /** Everything stored about one user: export and erasure. */
    { name: 'byUser', partitionKey: 'userPk', sortKey: 'userSk' },
  ],
} as const;

export type IndexName = (typeof tableDefinition.indexes)[number]['name'];

/** The table name: set per deployment, per test file, or by the local runtime. */
export const tableName = (): string => {
  const name = process.env.TABLE_NAME;
  if (!name) throw new Error('TABLE_NAME is not set');
  return name;
};
