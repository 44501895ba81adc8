/**
 * The local stand-in for IAM's dynamodb:LeadingKeys: inside a function's scope a write to a
 * partition it does not name is refused before it is sent, in every write shape; condition
 * checks and reads pass, and outside any scope nothing is checked.
 */
import { describe, expect, it } from 'vitest';
import { checkWriteScope, inWriteScope, outsideWriteScope, partitionOf, writtenKeys } from '#shared/data/write-scope.ts';

const put = (pk: string) => ({ Item: { pk, sk: 'X' } });

describe('the write scope', () => {
  it('names partitions by the key up to its first #', () => {
    expect(partitionOf('DRAFT#01J#x')).toBe('DRAFT');
    expect(partitionOf('ERASED')).toBe('ERASED');
  });

  it('finds the written keys of puts, updates, deletes, transactions and batches, plain or marshalled', () => {
    expect(writtenKeys('PutCommand', put('A#1'))).toEqual(['A#1']);
    expect(writtenKeys('PutItemCommand', { Item: { pk: { S: 'A#1' } } })).toEqual(['A#1']);
    expect(writtenKeys('UpdateCommand', { Key: { pk: 'B#1', sk: 'x' } })).toEqual(['B#1']);
    expect(writtenKeys('TransactWriteCommand', { TransactItems: [{ Put: put('A#1') }, { ConditionCheck: { Key: { pk: 'C#1' } } }, { Delete: { Key: { pk: 'D#1' } } }] })).toEqual(['A#1', 'D#1']);
    expect(writtenKeys('BatchWriteCommand', { RequestItems: { t: [{ PutRequest: put('E#1') }, { DeleteRequest: { Key: { pk: 'F#1' } } }] } })).toEqual(['E#1', 'F#1']);
    expect(writtenKeys('QueryCommand', { KeyConditionExpression: 'pk = :pk' })).toEqual([]);
  });

  it('refuses a write outside the function\'s partitions and allows those inside', async () => {
    await inWriteScope('comments/write', ['DRAFT', 'RATE'], async () => {
      expect(() => checkWriteScope('PutCommand', put('DRAFT#1'))).not.toThrow();
      expect(() => checkWriteScope('TransactWriteCommand', { TransactItems: [{ Put: put('DRAFT#1') }, { Update: { Key: { pk: 'USER#1' } } }] }))
        .toThrow(/comments\/write may not write partition USER#/);
      expect(() => checkWriteScope('PutCommand', put('DRAFTS#1'))).toThrow(/DRAFTS#/); // a prefix of a name is another partition
      // Work the function hands to a runner of its own is outside its scope
      outsideWriteScope(() => expect(() => checkWriteScope('PutCommand', put('USER#1'))).not.toThrow());
    });
    expect(() => checkWriteScope('PutCommand', put('ANY#1'))).not.toThrow();
  });
});
