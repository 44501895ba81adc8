/** The resident's own data: who they are to the API, and the export of what is stored about them. */
import * as z from 'zod/mini';
import { Time } from '#shared/schema.ts';

export const Me = z.object({
  sub: z.string().check(z.maxLength(128)),
  name: z.string().check(z.maxLength(2048)),
  /** Cognito's limits: names up to 128 characters, at most 100 groups per user. */
  groups: z.array(z.string().check(z.maxLength(128))).check(z.maxLength(100)),
  /** Strongly identified (e.g. Suomi.fi). */
  strong: z.boolean(),
}).register(z.globalRegistry, { id: 'Me' });

const Records = z.array(z.record(z.string().check(z.maxLength(255)), z.unknown()));

export const MyData = z.catchall(z.extend(Me, {
  exportedAt: Time,
  comments: Records,
  votes: Records,
  flags: Records,
  subscriptions: Records,
  /** Your own ballots: your choice is yours to see. */
  ballots: Records,
}), Records).register(z.globalRegistry, { id: 'MyDataExport' });
