/**
 * CommentHidden: a comment stopped being visible by moderation — a moderator hid it, or
 * the deployment's flag threshold did, pending review. The reason is the public one from
 * the moderation log; neither the moderator, the flaggers nor the author travel with it.
 */
import * as z from 'zod/mini';
import { Id, Time } from '#shared/schema.ts';
import { defineEvent, detail } from '#events/event.ts';

export const commentHidden = defineEvent({
  detailType: 'CommentHidden',
  description: 'A comment was hidden by a moderator (or automatically after enough flags); the reason is public in the moderation log.',
  detail: detail({ draftId: Id, commentId: Id, reason: z.string(), hiddenAt: Time }),
  sample: {
    eventId: '1f2e3d4c-5b6a-4789-8a7b-6c5d4e3f2a1b:CommentHidden',
    occurredAt: '2026-11-24T12:00:00.000Z',
    draftId: '01KAP3Z6X5N7V2J8Q4R9T0W1YB',
    commentId: '01KAP4A0B1C2D3E4F5G6H7J8K9',
    reason: 'Loukkaava kielenkäyttö',
    hiddenAt: '2026-11-24T12:00:00.000Z',
  },
});
