/** Implementation results of a decision: what staff report and what everyone reads. */
import * as z from 'zod/mini';
import { Id, LocalizedText, Time, localized } from '#shared/schema.ts';

export const ResultStatus = z.enum(['planned', 'in_progress', 'delayed', 'completed', 'cancelled']);
export type ResultStatus = z.infer<typeof ResultStatus>;

const Progress = z.number().check(z.minimum(0), z.maximum(100));
/** A calendar date, `2027-03-01`. */
const Day = z.iso.date().check(z.maxLength(10)).register(z.globalRegistry, { description: 'Calendar date (YYYY-MM-DD)', example: '2027-03-01' });
/** How much a result counts in its parent's (or the decision's) progress; 0 leaves it out. */
const Weight = z.number().check(z.minimum(0), z.maximum(1000))
  .register(z.globalRegistry, { description: 'Share in the parent\'s weighted mean; 0 leaves the result out of it', example: 1 });

export const CreateResultBody = z.strictObject({
  title: localized(300),
  description: z.optional(localized(5_000)),
  startDate: z.optional(Day),
  endDate: z.optional(Day),
  weight: z._default(Weight, 1),
  parentId: z.optional(Id),
}).register(z.globalRegistry, { id: 'CreateResult' });
export type CreateResultBody = z.infer<typeof CreateResultBody>;

export const PatchResultBody = z.strictObject({
  status: z.optional(ResultStatus),
  /** Only for a result without children: a parent's progress is derived from theirs. */
  progress: z.optional(Progress),
  /** What happened: kept with the timeline entry. */
  note: z.optional(localized(2_000)),
  title: z.optional(localized(300)),
  description: z.optional(z.nullable(localized(5_000))),
  startDate: z.optional(z.nullable(Day)),
  endDate: z.optional(z.nullable(Day)),
  weight: z.optional(Weight),
}).check(z.refine((b) => Object.keys(b).length > 0, 'nothing to change')).register(z.globalRegistry, { id: 'PatchResult' });
export type PatchResultBody = z.infer<typeof PatchResultBody>;

/** The id a municipality's own system (e.g. Decidim's accountability) knows a result by. */
export const ExternalId = z.string().check(z.minLength(1), z.maxLength(100), z.regex(/^[\w.:~-]+$/, 'letters, digits and . : ~ _ - only'))
  .register(z.globalRegistry, { description: 'The result\'s id in the municipality\'s own system', example: 'decidim-4711' });

/** Create or update by external id: the create body's fields and the PATCH fields, none defaulted (absent means unchanged). */
export const PutResultBody = z.strictObject({
  title: localized(300),
  description: z.optional(z.nullable(localized(5_000))),
  startDate: z.optional(z.nullable(Day)),
  endDate: z.optional(z.nullable(Day)),
  weight: z.optional(Weight),
  /** Only when it is created: a result keeps its place in the tree. */
  parentId: z.optional(Id),
  status: z.optional(ResultStatus),
  progress: z.optional(Progress),
  note: z.optional(localized(2_000)),
}).register(z.globalRegistry, { id: 'PutResult' });
export type PutResultBody = z.infer<typeof PutResultBody>;

export const ExternalResultParams = z.object({ id: Id, externalId: ExternalId });

const Loc = LocalizedText;

export const Result = z.object({
  id: Id,
  decisionId: Id,
  parentId: z.nullable(Id),
  title: Loc,
  description: z.nullable(Loc),
  startDate: z.nullable(Day),
  endDate: z.nullable(Day),
  weight: z.number(),
  status: ResultStatus,
  /** 0–100; for a result with children, the weighted mean of theirs. */
  progress: z.number(),
  childCount: z.number().check(z.int()),
  externalId: z.nullable(z.string().check(z.maxLength(100))),
  version: z.number().check(z.int()),
  createdAt: Time,
  updatedAt: Time,
}).register(z.globalRegistry, { id: 'Result' });
export type Result = z.infer<typeof Result>;

export const TimelineEntry = z.object({
  id: Id,
  at: Time,
  resultId: Id,
  status: ResultStatus,
  progress: z.number(),
  note: z.nullable(Loc),
}).register(z.globalRegistry, { id: 'TimelineEntry' });
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const ResultParams = z.object({ id: Id, rid: Id });
