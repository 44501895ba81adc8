/** Ids: ULIDs, URL-safe and sortable by creation time. */
import { monotonicFactory } from 'ulid';

export const newId: () => string = monotonicFactory();

/** Current time as the API writes it. */
export const nowIso = (): string => new Date().toISOString();
