/**
 * An Ahjo decision record as the import route accepts it (loosely, as the meeting schema:
 * the mapping in decision.ts decides the rest). Schemas only, so the route table does not
 * bundle the HTML sanitiser.
 */
import * as z from 'zod/mini';

const text = z.optional(z.nullable(z.string().check(z.maxLength(10_000))));
const html = z.optional(z.nullable(z.string().check(z.maxLength(1_000_000))));
const id = z.optional(z.nullable(z.union([z.string().check(z.maxLength(200)), z.number()])));
const side = z.optional(z.nullable(z.looseObject({
  Voters: z.optional(z.nullable(z.array(z.unknown()).check(z.maxLength(500)))),
  NumberOfVotes: z.optional(z.nullable(z.union([z.number(), z.string().check(z.maxLength(10))]))),
})));

export const AhjoVoteResults = z.looseObject({ Ayes: side, Noes: side, Blank: side, Absent: side })
  .register(z.globalRegistry, { id: 'AhjoVoteResults', description: 'Ahjo\'s vote results: Ayes, Noes, Blank, Absent, each with Voters (Name, CouncilGroup) and NumberOfVotes' });

export const AhjoDecision = z.looseObject({
  MeetingID: id.clone().register(z.globalRegistry, { description: 'The meeting (imported before) the decision was made at (required)' }),
  AgendaPoint: id.clone().register(z.globalRegistry, { description: 'The agenda point on that meeting (required)' }),
  NativeId: text,
  Title: text,
  Type: text,
  Language: text,
  DateMeeting: text,
  Issued: text,
  FileURI: text,
  PersonalData: text.clone().register(z.globalRegistry, { description: '"Sisältää henkilötietoja" (contains personal data): metadata and link only' }),
  PublicityClass: text,
  CaseIDLabel: text,
  Content: html.clone().register(z.globalRegistry, { description: 'The decision as HTML, when Ahjo gives it (sanitised on import)' }),
  VoteResults: z.optional(z.nullable(AhjoVoteResults)),
}).register(z.globalRegistry, { id: 'AhjoDecision', description: 'One decision record in the shape of Ahjo\'s REST API, optionally with VoteResults; unknown fields are ignored.' });
export type AhjoDecision = z.infer<typeof AhjoDecision>;
export type AhjoVoteResults = z.infer<typeof AhjoVoteResults>;
