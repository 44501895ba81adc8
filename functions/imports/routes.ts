/** Routes of imports from municipal case-management systems (Helsinki's Ahjo). */
import * as z from 'zod/mini';
import { route } from '#shared/http/route.ts';
import { Meeting } from '#shared/meetings/schema.ts';
import { AhjoMeeting } from '#shared/ahjo/schema.ts';

const tag = 'Imports';

export const ImportReport = z.object({
  outcome: z.enum(['created', 'updated', 'unchanged']),
  meeting: Meeting,
  /** What was imported with a fallback, field by field (`path` is in Ahjo's shape). */
  warnings: z.array(z.object({ path: z.string().check(z.maxLength(1000)), message: z.string().check(z.maxLength(1000)) })).check(z.maxLength(5000)),
}).register(z.globalRegistry, { id: 'AhjoImportReport' });

export const importAhjoMeeting = route({
  operationId: 'importAhjoMeeting', method: 'POST', path: '/v1/imports/ahjo/meetings', fn: 'imports/ahjo', access: 'staff', tag,
  summary: 'Import one meeting as Ahjo\'s REST API returns it: creates or updates its body, meeting and agenda',
  description: 'Importing the same MeetingID again updates the meeting in place, and changes nothing when nothing changed. '
    + 'The agenda is published when Ahjo shows it as public (AgendaPublished or MinutesPublished, or issued documents). '
    + 'A meeting that cannot be mapped is refused whole (422 `ahjo-unmappable`, with `errors`); nothing of it is stored.',
  body: AhjoMeeting, maxBodyBytes: 5 * 1024 * 1024,
  responses: {
    200: { description: 'Updated in place, or unchanged', schema: ImportReport },
    201: { description: 'Created', schema: ImportReport },
  },
});

export const importRoutes = [importAhjoMeeting];
