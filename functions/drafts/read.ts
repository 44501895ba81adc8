/** Lambda: reading drafts (public; staff also see unpublished ones). */
import { lambda, implement } from '#shared/http/lambda.ts';
import { isStaff } from '#shared/http/actor.ts';
import { forbidden, notFound, unauthorized } from '#shared/http/problem.ts';
import { ok, versioned } from '#shared/http/reply.ts';
import { personal } from '#shared/http/cache.ts';
import { previewOpens } from '#shared/drafts/preview.ts';
import {
  draftView, getDraft as loadDraft, listDraftVersions as loadVersions, listDrafts as loadDrafts, listDraftsInBox,
} from '#shared/drafts/repository.ts';
import { getDraft, listDraftVersions, listDrafts } from '#functions/drafts/routes.ts';

export const handler = lambda([
  implement(getDraft, async ({ params, query, actor }) => {
    const now = new Date();
    const draft = await loadDraft(params.id);
    if (!draft) throw notFound('Draft');
    if (draft.publishedAt || isStaff(actor)) return versioned(draftView(draft, now));
    // Only a valid preview token opens an unpublished draft; any other token is as good as none.
    if (!query.preview || !(await previewOpens(query.preview, params.id, now))) throw notFound('Draft');
    const reply = versioned(draftView(draft, now));
    return { ...reply, headers: { ...reply.headers, 'Cache-Control': personal } };
  }),

  implement(listDrafts, async ({ query, actor }) => {
    if (query.status === 'unpublished' && !actor) throw unauthorized();
    if (query.status === 'unpublished' && !isStaff(actor)) throw forbidden('Unpublished drafts are for staff.');
    const now = new Date();
    return ok(query.bbox ? await listDraftsInBox(query.status, query.bbox, query, now) : await loadDrafts(query.status, query, now));
  }),

  implement(listDraftVersions, async ({ params, query, actor }) => {
    const draft = await loadDraft(params.id);
    if (!draft || (!draft.publishedAt && !isStaff(actor))) throw notFound('Draft');
    return ok(await loadVersions(params.id, query));
  }),
]);
