/** What the local runtime's mailbox shows of a sent message, and what a digest run reports. */
import * as z from 'zod/mini';
import { Time } from '#shared/schema.ts';

export const CapturedMail = z.object({
  to: z.string().check(z.maxLength(254)),
  subject: z.string().check(z.maxLength(1000)),
  text: z.string(),
  html: z.string(),
  /** The headers SES is given, with From, To and Subject (lower-case names): `list-unsubscribe`, `list-unsubscribe-post`, `content-language`, … */
  headers: z.record(z.string().check(z.maxLength(100)), z.string()),
  sentAt: Time,
}).register(z.globalRegistry, { id: 'CapturedMail' });
export type CapturedMail = z.infer<typeof CapturedMail>;

export const DigestRunBody = z.strictObject({ frequency: z.enum(['daily', 'weekly']) }).register(z.globalRegistry, { id: 'DigestRunRequest' });

export const DigestRun = z.object({
  frequency: z.enum(['daily', 'weekly']),
  /** The run's period (`daily:2026-11-29`, `weekly:2026-W48`): one digest per person per period. */
  run: z.string(),
  /** Recipients looked at, and messages sent, by this invocation. */
  recipients: z.number(),
  sent: z.number(),
  /** True when recipients are left for the next invocation (bounded per invocation). */
  more: z.boolean(),
}).register(z.globalRegistry, { id: 'DigestRun' });
export type DigestRun = z.infer<typeof DigestRun>;
