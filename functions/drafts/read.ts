/** Lambda: reading drafts (public; staff also see unpublished ones). */
import { lambda, implement } from '#shared/http/lambda.ts';
import { isStaff } from '#shared/http/actor.ts';
import { notFound } from '#shared/http/problem.ts';
import { ok, versioned } from '#shared/http/reply.ts';
import {
  draftView, getDraft as loadDraft, listDraftVersions as loadVersions, listDrafts as loadDrafts, listDraftsInBox,
} from '#shared/drafts/repository.ts';
import { getDraft, listDraftVersions, listDrafts } from '#functions/drafts/routes.ts';

export const handler = lambda([
  implement(getDraft, async ({ params, actor }) => {
    const draft = await loadDraft(params.id);
    if (!draft || (!draft.publishedAt && !isStaff(actor))) throw notFound('Draft');
    return versioned(draftView(draft, new Date()));
  }),

  implement(listDrafts, async ({ query }) =>
    ok(query.bbox ? await listDraftsInBox(query.status, query.bbox, query, new Date()) : await loadDrafts(query.status, query, new Date()))),

  implement(listDraftVersions, async ({ params, query, actor }) => {
    const draft = await loadDraft(params.id);
    if (!draft || (!draft.publishedAt && !isStaff(actor))) throw notFound('Draft');
    return ok(await loadVersions(params.id, query));
  }),
]);
