/**
 * CommentPosted: someone commented on a draft. The detail names the comment, not its
 * author: a consumer that needs the author (auto-follow) reads the comment itself.
 */
import * as z from 'zod/mini';
import { Id, Time } from '#shared/schema.ts';
import { defineEvent, detail } from '#events/event.ts';

export const commentPosted = defineEvent({
  detailType: 'CommentPosted',
  description: 'A comment or reply was posted on a draft.',
  detail: detail({
    draftId: Id,
    commentId: Id,
    sectionId: z.nullable(Id),
    parentId: z.nullable(Id),
    draftVersion: z.number().check(z.int(), z.minimum(1)),
    createdAt: Time,
  }),
  sample: {
    eventId: '0d7c7f0e-6f2c-4c38-9a5b-0b6a1d8f3e21:CommentPosted',
    occurredAt: '2026-11-23T08:15:00.000Z',
    draftId: '01KAP3Z6X5N7V2J8Q4R9T0W1YB',
    commentId: '01KAP4A0B1C2D3E4F5G6H7J8K9',
    sectionId: '01KAP3Z6X5N7V2J8Q4R9T0W1YC',
    parentId: null,
    draftVersion: 1,
    createdAt: '2026-11-23T08:15:00.000Z',
  },
});
