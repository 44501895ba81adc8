/** Cases: one municipal matter, followed by its case id from the first draft to the decision. */
import * as z from 'zod/mini';
import { Id, LocalizedText, Time } from '#shared/schema.ts';
import { Source } from '#shared/meetings/schema.ts';

const Text = (max: number) => z.string().check(z.maxLength(max));

/** A case id in a path: `HEL-2025-001216`, or as Ahjo writes it, `HEL 2025-001216`. */
export const CaseParams = z.object({
  caseId: z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9][A-Za-z0-9 ._:%/-]{0,63}$/, 'not a case id'))
    .register(z.globalRegistry, { description: 'Case id; `HEL 2025-001216` and `HEL-2025-001216` name one case', example: 'HEL-2025-001216' }),
});

export const Handling = z.object({
  /** Ahjo's WorkSequenceNumber: the step's place in the case. */
  sequence: z.number().check(z.int()),
  sector: z.nullable(Text(300)),
  sectorId: z.nullable(Text(50)),
  status: z.nullable(Text(100)),
  createdAt: z.nullable(Time),
  deadline: z.nullable(Time),
}).register(z.globalRegistry, { id: 'CaseHandling', description: 'One handling step of the case, as Ahjo lists it' });
export type Handling = z.infer<typeof Handling>;

export const CaseDocument = z.object({
  title: z.nullable(Text(1000)),
  type: z.nullable(Text(100)),
  language: z.nullable(Text(16)),
  url: z.nullable(Text(2000)),
  issuedAt: z.nullable(Time),
  publicity: z.nullable(Text(100)),
  /** Ahjo marks it as containing personal data: published as metadata and link only. */
  personalData: z.boolean(),
}).register(z.globalRegistry, { id: 'CaseDocument' });
export type CaseDocument = z.infer<typeof CaseDocument>;

export const RelatedKind = z.enum(['draft', 'agendaItem', 'decision']);
export type RelatedKind = z.infer<typeof RelatedKind>;

export const Related = z.object({
  kind: RelatedKind,
  id: Id,
  /** When it happened: a draft's opening for comments, an agenda item's meeting, a decision's date. */
  at: Time,
  title: z.nullable(LocalizedText),
  meetingId: z.nullable(Id),
  self: Text(300),
}).register(z.globalRegistry, { id: 'CaseRelated', description: 'A draft, agenda item or decision carrying the case id' });
export type Related = z.infer<typeof Related>;

export const Case = z.object({
  caseId: Text(64),
  title: z.nullable(LocalizedText),
  /** The case's status in its source system, e.g. Ahjo's `Ratkaistu` (decided). */
  status: z.nullable(Text(100)),
  classification: z.nullable(z.object({ code: z.nullable(Text(50)), title: z.nullable(Text(300)) })),
  createdAt: z.nullable(Time),
  handlings: z.array(Handling).check(z.maxLength(500)),
  documents: z.array(CaseDocument).check(z.maxLength(500)),
  /** Every published draft, public agenda item and decision carrying the case id, oldest first. */
  related: z.array(Related).check(z.maxLength(1000)),
  source: z.nullable(Source),
  updatedAt: z.nullable(Time),
}).register(z.globalRegistry, { id: 'Case' });
export type Case = z.infer<typeof Case>;
