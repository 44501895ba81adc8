/** Implementation results of a decision: what staff report and what everyone reads. */
import * as z from 'zod';
import { Id, LocalizedText, Time, localized } from '#shared/schema.ts';

export const ResultStatus = z.enum(['planned', 'in_progress', 'delayed', 'completed', 'cancelled']);
export type ResultStatus = z.infer<typeof ResultStatus>;

const Progress = z.number().min(0).max(100);
/** A calendar date, `2027-03-01`. */
const Day = z.iso.date().max(10).meta({ description: 'Calendar date (YYYY-MM-DD)', example: '2027-03-01' });
/** How much a result counts in its parent's (or the decision's) progress; 0 leaves it out. */
const Weight = z.number().min(0).max(1000).meta({ description: 'Share in the parent\'s weighted mean; 0 leaves the result out of it', example: 1 });

export const CreateResultBody = z.strictObject({
  title: localized(300),
  description: localized(5_000).optional(),
  startDate: Day.optional(),
  endDate: Day.optional(),
  weight: Weight.default(1),
  parentId: Id.optional(),
}).meta({ id: 'CreateResult' });
export type CreateResultBody = z.infer<typeof CreateResultBody>;

export const PatchResultBody = z.strictObject({
  status: ResultStatus.optional(),
  /** Only for a result without children: a parent's progress is derived from theirs. */
  progress: Progress.optional(),
  /** What happened: kept with the timeline entry. */
  note: localized(2_000).optional(),
  title: localized(300).optional(),
  description: localized(5_000).nullable().optional(),
  startDate: Day.nullable().optional(),
  endDate: Day.nullable().optional(),
  weight: Weight.optional(),
}).refine((b) => Object.keys(b).length > 0, 'nothing to change').meta({ id: 'PatchResult' });
export type PatchResultBody = z.infer<typeof PatchResultBody>;

const Loc = LocalizedText;

export const Result = z.object({
  id: Id,
  decisionId: Id,
  parentId: Id.nullable(),
  title: Loc,
  description: Loc.nullable(),
  startDate: Day.nullable(),
  endDate: Day.nullable(),
  weight: z.number(),
  status: ResultStatus,
  /** 0–100; for a result with children, the weighted mean of theirs. */
  progress: z.number(),
  childCount: z.number().int(),
  version: z.number().int(),
  createdAt: Time,
  updatedAt: Time,
}).meta({ id: 'Result' });
export type Result = z.infer<typeof Result>;

export const TimelineEntry = z.object({
  id: Id,
  at: Time,
  resultId: Id,
  status: ResultStatus,
  progress: z.number(),
  note: Loc.nullable(),
}).meta({ id: 'TimelineEntry' });
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const ResultParams = z.object({ id: Id, rid: Id });
