/**
 * Which partitions a function may write. In AWS each function's role allows item writes only
 * where the partition key starts with one of its prefixes (IAM's `dynamodb:LeadingKeys`);
 * locally the gateway runs each handler in the same scope and the data layer refuses a write
 * outside it, so every HTTP test also proves the deployed grants suffice. Condition checks are
 * reads here as in IAM (`dynamodb:ConditionCheckItem`), so they are not scoped.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

interface Scope {
  fn: string;
  prefixes: ReadonlySet<string>;
}

const current = new AsyncLocalStorage<Scope>();

/** The partition a key belongs to, as IAM conditions name it: the key up to its first `#`. */
export const partitionOf = (pk: string): string => pk.split('#', 1)[0]!;

/** A write the function's grant does not allow: in AWS, AccessDeniedException. */
export class WriteOutsideScope extends Error {
  override name = 'AccessDeniedException';
}

/** Runs `work` as function `fn`, which may write only partitions named by `prefixes`. */
export const inWriteScope = <T>(fn: string, prefixes: readonly string[], work: () => Promise<T>): Promise<T> =>
  current.run({ fn, prefixes: new Set(prefixes) }, work);

const keyOf = (value: unknown): string | undefined => {
  const pk = (value as { pk?: unknown } | undefined)?.pk;
  if (typeof pk === 'string') return pk;
  const s = (pk as { S?: unknown } | undefined)?.S; // marshalled
  return typeof s === 'string' ? s : undefined;
};

/** The partition keys a write command changes (puts, updates and deletes; not condition checks). */
export function writtenKeys(command: string, input: Record<string, any>): string[] {
  switch (command) {
    case 'PutItemCommand':
    case 'PutCommand':
      return [keyOf(input.Item)].filter((k): k is string => k !== undefined);
    case 'UpdateItemCommand':
    case 'UpdateCommand':
    case 'DeleteItemCommand':
    case 'DeleteCommand':
      return [keyOf(input.Key)].filter((k): k is string => k !== undefined);
    case 'TransactWriteItemsCommand':
    case 'TransactWriteCommand':
      return (input.TransactItems as Record<string, any>[] ?? [])
        .map((t) => keyOf(t.Put?.Item) ?? keyOf(t.Update?.Key) ?? keyOf(t.Delete?.Key))
        .filter((k): k is string => k !== undefined);
    case 'BatchWriteItemCommand':
    case 'BatchWriteCommand':
      return Object.values(input.RequestItems as Record<string, Record<string, any>[]> ?? {}).flat()
        .map((r) => keyOf(r.PutRequest?.Item) ?? keyOf(r.DeleteRequest?.Key))
        .filter((k): k is string => k !== undefined);
    default:
      return [];
  }
}

/** Runs `work` outside any function's scope (the local job runner, started from a handler, is a function of its own). */
export const outsideWriteScope = <T>(work: () => T): T => current.exit(work);

/** Throws when the running function may not write every key `command` changes. */
export function checkWriteScope(command: string, input: Record<string, any>): void {
  const scope = current.getStore();
  if (!scope) return;
  for (const pk of writtenKeys(command, input)) {
    const partition = partitionOf(pk);
    if (!scope.prefixes.has(partition)) {
      throw new WriteOutsideScope(`${scope.fn} may not write partition ${partition}# (${command}); add it to tableWrites in functions/writes.ts if it should`);
    }
  }
}
