/**
 * What a domain event is: a detail-type, the zod schema of its `detail` and a sample.
 * Every detail carries ids and public fields only: never a ballot's voter, never a
 * resident's id, name or address. Strict schemas make that checkable: a field that is not
 * declared here cannot slip into a published detail.
 */
import * as z from 'zod/mini';
import { Time } from '#shared/schema.ts';

/**
 * Fields every detail carries. `eventId` is derived from the stream record that produced
 * the event, so a record delivered twice yields the same id: consumers deduplicate on it.
 */
export const eventBase = {
  eventId: z.string().check(z.minLength(1), z.maxLength(200)),
  occurredAt: Time,
};

/** Localized text as it travels in events (already validated when it was stored). */
export const EventText = z.record(z.string(), z.string());

/** A detail schema: the common fields plus the event's own, nothing else. */
export const detail = <S extends z.core.$ZodShape>(shape: S) => z.strictObject({ ...eventBase, ...shape });

export interface EventDefinition<T extends string = string, S extends z.ZodMiniType = z.ZodMiniType> {
  detailType: T;
  /** What happened, for the catalogue and the OpenAPI/AsyncAPI-style docs. */
  description: string;
  detail: S;
  sample: z.output<S>;
}

/** Declares an event, keeping its detail type for consumers. */
export const defineEvent = <T extends string, S extends z.ZodMiniType>(definition: EventDefinition<T, S>) => definition;
