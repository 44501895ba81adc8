/**
 * Items for the raw side of write comparisons: as big as the app's drafts and comments and
 * carrying the same index attributes (DynamoDB maintains every index a write touches), but
 * on bench keys and in bench index partitions, so no route ever reads them.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '#shared/data/table.ts';
import { benchKey } from '../raw.ts';
import { draftBody, inDays, resident } from '../fixtures.ts';

/** A draft; `published` adds the listing indexes (gsi1, gsi2) of a published one. */
export const draftLike = (name: string, key: string, published = false) => {
  const at = new Date().toISOString();
  return {
    ...benchKey(name, key), type: 'bench', id: key, version: 1, commentCount: 0, commenting: 'registered', createdAt: at, updatedAt: at,
    ...draftBody(),
    ...(published
      ? { publishedAt: at, opensAt: at, closesAt: inDays(14), gsi1pk: `BENCH#${name}`, gsi1sk: `${at}#${key}`, gsi2pk: `BENCH#${name}`, gsi2sk: `${at}#${key}` }
      : {}),
  };
};

/** A root comment on a section: in gsi1, gsi2, byVotes and byUser, as the app's are. */
export const commentLike = (name: string, key: string) => {
  const at = new Date().toISOString();
  return {
    ...benchKey(name, key), type: 'bench', id: key, body: `Kommentti ${key}: hyvä suunnitelma, mutta pyörätiet puuttuvat.`,
    authorSub: resident.sub, authorName: resident.name, draftVersion: 1, votes: 0, replyCount: 0, flagCount: 0, status: 'visible', edited: false,
    createdAt: at, updatedAt: at,
    gsi1pk: `BENCH#${name}#roots`, gsi1sk: key, gsi2pk: `BENCH#${name}#section`, gsi2sk: key, votePk: `BENCH#${name}#roots`,
    userPk: `USER#bench`, userSk: `COMMENT#${name}#${key}`,
  };
};

/** A vote: in byUser, as the app's are. */
export const voteLike = (name: string, key: string) => ({
  ...benchKey(name, key), type: 'bench', createdAt: new Date().toISOString(), userPk: 'USER#bench', userSk: `VOTE#${name}#${key}`,
});

export const put = (item: Record<string, unknown>) => new PutCommand({ TableName: tableName(), Item: item });
