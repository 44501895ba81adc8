/** Lambda: export jobs, started (a draft's by staff, one's own data by anyone) and read back by whoever started them. */
import { settings } from '#shared/config.ts';
import { lambda, implement, type Request } from '#shared/http/lambda.ts';
import { notFound } from '#shared/http/problem.ts';
import { ok, type Reply } from '#shared/http/reply.ts';
import { getDraft } from '#shared/drafts/repository.ts';
import { exportJobOf, exportJobView, startExport } from '#shared/exports/jobs.ts';
import { getExportJob, startDraftExport, startMyExport } from '#functions/exports/routes.ts';

/** 202 with the job as it is now, or undefined when the caller has none with this id. */
const current = async ({ actor }: Pick<Request, 'actor'>, id: string): Promise<Reply | undefined> => {
  const job = await exportJobOf(id, actor!.sub);
  return job && { status: 202, body: await exportJobView(job, new Date()), headers: { Location: `/v1/exports/${id}` } };
};

export const handler = lambda([
  implement(startDraftExport, async (request) => {
    const { params, body, actor, newId } = request;
    if (!(await getDraft(params.id))) throw notFound('Draft');
    const lang = body.lang ?? settings().requiredLanguages[0] ?? 'fi';
    await startExport({ id: newId, kind: 'draft-export', owner: actor!.sub, format: body.format, details: { draftId: params.id, lang } }, new Date());
    return (await current(request, newId))!;
  }, current),

  implement(startMyExport, async (request) => {
    const me = request.actor!;
    const identity = { name: me.name, groups: me.groups, strong: me.strong };
    await startExport({ id: request.newId, kind: 'me-export', owner: me.sub, format: 'json', details: { identity } }, new Date());
    return (await current(request, request.newId))!;
  }, current),

  implement(getExportJob, async ({ params, actor }) => {
    const job = await exportJobOf(params.id, actor!.sub);
    if (!job) throw notFound('Export job');
    return ok(await exportJobView(job, new Date()));
  }),
]);
