/** The resident's own data: who they are to the API, and the export of what is stored about them. */
import * as z from 'zod';
import { Time } from '#shared/schema.ts';

export const Me = z.object({
  sub: z.string().max(128),
  name: z.string().max(2048),
  /** Cognito's limits: names up to 128 characters, at most 100 groups per user. */
  groups: z.array(z.string().max(128)).max(100),
  /** Strongly identified (e.g. Suomi.fi). */
  strong: z.boolean(),
}).meta({ id: 'Me' });

const Records = z.array(z.record(z.string().max(255), z.unknown()));

export const MyData = Me.extend({
  exportedAt: Time,
  comments: Records,
  votes: Records,
  flags: Records,
  subscriptions: Records,
  /** Your own ballots: your choice is yours to see. */
  ballots: Records,
}).catchall(Records).meta({ id: 'MyDataExport' });
