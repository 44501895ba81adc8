/**
 * Counts DynamoDB calls and consumed capacity units in this process, so the bench and
 * the logs can say what each request cost.
 */

interface Capacity {
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
}

export interface Reading {
  calls: number;
  capacityUnits: number;
  byCommand: Record<string, number>;
}

const empty = (): Reading => ({ calls: 0, capacityUnits: 0, byCommand: {} });
let current = empty();

const units = (consumed: unknown): number => {
  const list = (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) as Capacity[];
  return list.reduce((sum, c) => sum + (c.CapacityUnits ?? (c.ReadCapacityUnits ?? 0) + (c.WriteCapacityUnits ?? 0)), 0);
};

export const meter = {
  record(command: string, consumed: unknown): void {
    current.calls += 1;
    current.capacityUnits += units(consumed);
    current.byCommand[command] = (current.byCommand[command] ?? 0) + 1;
  },
  /** Returns what was counted since the last reset and starts counting anew. */
  take(): Reading {
    const reading = current;
    current = empty();
    return reading;
  },
};
