/**
 * Where domain events go: an EventBridge bus in AWS. The local runtime swaps in its own
 * in-process bus (`useBus`), as it swaps DynamoDB for DynamoDB Local, so the publisher
 * runs the same code in both.
 */
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { tracer } from '#shared/observability.ts';

export interface BusEntry {
  source: string;
  detailType: string;
  detail: unknown;
}

export interface Bus {
  /** Puts the entries in order; answers, per entry, whether the bus accepted it. */
  put(entries: BusEntry[]): Promise<boolean[]>;
}

// PutEvents takes at most 10 entries and 256 KiB per call; stay below the size with room.
const maxEntries = 10;
const maxBytes = 200 * 1024;

const chunks = (entries: PutEventsRequestEntry[]): PutEventsRequestEntry[][] => {
  const out: PutEventsRequestEntry[][] = [];
  let current: PutEventsRequestEntry[] = [];
  let bytes = 0;
  for (const entry of entries) {
    const size = Buffer.byteLength(entry.Detail ?? '') + Buffer.byteLength(entry.DetailType ?? '') + Buffer.byteLength(entry.Source ?? '');
    if (current.length > 0 && (current.length === maxEntries || bytes + size > maxBytes)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(entry);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
};

export const eventBridgeBus = (busName: string, client = tracer.captureAWSv3Client(new EventBridgeClient({}))): Bus => ({
  async put(entries) {
    const requests = entries.map((e): PutEventsRequestEntry => ({
      EventBusName: busName,
      Source: e.source,
      DetailType: e.detailType,
      Detail: JSON.stringify(e.detail),
    }));
    const accepted: boolean[] = [];
    for (const chunk of chunks(requests)) {
      try {
        const out = await client.send(new PutEventsCommand({ Entries: chunk }));
        for (const [i] of chunk.entries()) accepted.push(!out.Entries?.[i]?.ErrorCode);
      } catch {
        // The whole call failed (throttled, network): none of this chunk is on the bus.
        for (const _ of chunk) accepted.push(false);
      }
    }
    return accepted;
  },
});

let override: Bus | undefined;

/** The local runtime's in-process bus replaces EventBridge (undefined restores it). */
export const useBus = (bus: Bus | undefined): void => {
  override = bus;
};

let deployed: Bus | undefined;

export const bus = (): Bus => {
  if (override) return override;
  const name = process.env.EVENT_BUS_NAME;
  if (!name) throw new Error('EVENT_BUS_NAME is not set');
  return (deployed ??= eventBridgeBus(name));
};
