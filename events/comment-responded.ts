/**
 * CommentResponded: staff gave (or revised) the municipality's official response to a
 * comment (a vastine). The detail names the comment, never its author: a consumer that
 * tells the author (feed, e-mail) reads the comment item to find whom to tell.
 */
import * as z from 'zod/mini';
import { Id, Time } from '#shared/schema.ts';
import { EventText, defineEvent, detail } from '#events/event.ts';

export const commentResponded = defineEvent({
  detailType: 'CommentResponded',
  description: "Staff gave or revised the official response to a comment; the comment's author is told.",
  detail: detail({
    draftId: Id,
    commentId: Id,
    sectionId: z.nullable(Id),
    parentId: z.nullable(Id),
    /** The response itself: public, by language tag. */
    response: EventText,
    respondedAt: Time,
    /** True when it replaced an earlier response to the same comment. */
    revised: z.boolean(),
  }),
  sample: {
    eventId: '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f:CommentResponded',
    occurredAt: '2026-12-10T09:30:00.000Z',
    draftId: '01KAP3Z6X5N7V2J8Q4R9T0W1YB',
    commentId: '01KAP4A0B1C2D3E4F5G6H7J8K9',
    sectionId: '01KAP3Z6X5N7V2J8Q4R9T0W1YC',
    parentId: null,
    response: {
      fi: 'Pyörätiet lisätään suunnitelmaan osuudelle Rantaraitti–asema.',
      sv: 'Cykelbanor läggs till i planen för sträckan Strandpromenaden–stationen.',
    },
    respondedAt: '2026-12-10T09:30:00.000Z',
    revised: false,
  },
});
