/** Lambda: staff create, edit, publish and close drafts. */
import { settings } from '#shared/config.ts';
import { lambda, implement } from '#shared/http/lambda.ts';
import { conflict, invalidGeometry, missingLanguages, notFound, unprocessable } from '#shared/http/problem.ts';
import { created, versioned } from '#shared/http/reply.ts';
import { nextVersion } from '#shared/drafts/edit.ts';
import { defaultPreviewHours, previewToken } from '#shared/drafts/preview.ts';
import { extensionRefusal, missingForPublication, publicationWindow } from '#shared/drafts/rules.ts';
import { placeErrors } from '#shared/drafts/place.ts';
import { attachmentsMissingAlt } from '#shared/attachments/rules.ts';
import * as drafts from '#shared/drafts/repository.ts';
import { closeDraft, createDraft, createPreviewLink, patchDraft, publishDraft, withdrawDraft } from '#functions/drafts/routes.ts';

const draftCreated = (draft: drafts.DraftItem, now: Date) => {
  const view = drafts.draftView(draft, now);
  return created(view, `/v1/drafts/${view.id}`, view.version);
};

export const handler = lambda([
  implement(createDraft, async ({ body, newId }) => {
    const now = new Date();
    const wrong = placeErrors(body);
    if (wrong.length > 0) throw invalidGeometry(wrong);
    return draftCreated(await drafts.createDraft(body, now, newId), now);
  }, async (_request, id) => {
    const draft = await drafts.getDraft(id, true);
    return draft && draftCreated(draft, new Date());
  }),

  implement(patchDraft, async ({ params, body, ifMatch }) => {
    const now = new Date();
    const wrong = placeErrors(body);
    if (wrong.length > 0) throw invalidGeometry(wrong);
    const current = await drafts.getDraft(params.id, true);
    if (!current) throw notFound('Draft');
    if (current.version !== ifMatch) throw drafts.staleVersion(current.version);
    if (body.closesAt) {
      const refusal = extensionRefusal(current, body.closesAt, now);
      if (refusal?.status === 409) throw conflict('already-closed', 'Already closed', refusal.detail);
      if (refusal) throw unprocessable(refusal.detail, [{ path: 'body.closesAt', message: refusal.detail }]);
    }
    const next = nextVersion(current, body, now, settings().requiredLanguages);
    await drafts.saveDraftVersion(next, ifMatch, { extendedAt: body.closesAt ? now : undefined, placeChanged: body.geometry !== undefined || body.sections !== undefined });
    return versioned(drafts.draftView(next, now));
  }),

  implement(publishDraft, async ({ params, body }) => {
    const now = new Date();
    const current = await drafts.getDraft(params.id, true);
    if (!current) throw notFound('Draft');
    const required = settings().requiredLanguages;
    const missing = [...missingForPublication(current, required), ...attachmentsMissingAlt(current.attachments ?? [], required)];
    if (missing.length > 0) throw missingLanguages(missing);
    const window = publicationWindow(body, now);
    if ('error' in window) throw unprocessable(window.error, [{ path: 'body.closesAt', message: window.error }]);
    return versioned(drafts.draftView(await drafts.publishDraft(params.id, window, now), now));
  }),

  implement(closeDraft, async ({ params }) => {
    const now = new Date();
    return versioned(drafts.draftView(await drafts.closeDraft(params.id, now), now));
  }),

  implement(withdrawDraft, async ({ params, body }) => {
    const now = new Date();
    return versioned(drafts.draftView(await drafts.withdrawDraft(params.id, body.reason, now), now));
  }),

  implement(createPreviewLink, async ({ params, body }) => {
    if (!(await drafts.getDraftListing(params.id))) throw notFound('Draft');
    const expiresAt = new Date(Date.now() + (body.expiresInHours ?? defaultPreviewHours) * 3_600_000);
    const token = await previewToken(params.id, expiresAt);
    const path = `/v1/drafts/${params.id}?preview=${token}`;
    return created({ url: `${settings().publicBaseUrl}${path}`, token, expiresAt: new Date(Math.floor(expiresAt.getTime() / 1000) * 1000).toISOString() }, path);
  }),
]);
