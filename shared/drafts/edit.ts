/** Editing a draft: the pure step from the stored draft and a PATCH body to the next version. */
import { newId } from '#shared/ids.ts';
import { missingLanguages as missingLanguagesProblem, unprocessable } from '#shared/http/problem.ts';
import { missingForPublication } from '#shared/drafts/rules.ts';
import { placed, type DraftItem } from '#shared/drafts/repository.ts';
import { storedGeometry } from '#shared/drafts/place.ts';
import type { Geometry } from '#shared/maps/geometry.ts';
import type { PatchDraftBody } from '#shared/drafts/schema.ts';

export function nextVersion(current: DraftItem, patch: PatchDraftBody, now: Date, requiredLanguages: string[]): DraftItem {
  const published = current.publishedAt !== undefined;
  const onlyDeadline = Object.keys(patch).every((k) => k === 'closesAt' || k === 'changelog');
  if (published && !patch.changelog && !onlyDeadline) {
    throw unprocessable('A published draft keeps its history: say what changed in `changelog`.', [
      { path: 'body.changelog', message: 'required when editing a published draft' },
    ]);
  }
  const known = new Set(current.sections.map((s) => s.id));
  const unknown = (patch.sections ?? []).map((s, i) => ({ s, i })).filter(({ s }) => s.id !== undefined && !known.has(s.id));
  if (unknown.length > 0) {
    throw unprocessable('Sections can keep only ids this draft has.', unknown.map(({ i }) => ({ path: `body.sections.${i}.id`, message: 'unknown section id' })));
  }
  const ids = (patch.sections ?? []).map((s) => s.id).filter(Boolean);
  if (new Set(ids).size !== ids.length) throw unprocessable('A section id appears twice.');
  // Sections sent replace the sections, each with the geometry it is sent with (or none).
  const sections = patch.sections?.map((s) => ({ id: s.id ?? newId(), title: s.title, body: s.body, geometry: storedGeometry(s.geometry) }));
  const sectionGeometries = sections
    ? Object.fromEntries(sections.filter((s) => s.geometry).map((s) => [s.id, s.geometry as Geometry]))
    : current.sectionGeometries;
  const next: DraftItem = placed({
    ...current,
    version: current.version + 1,
    updatedAt: now.toISOString(),
    changelog: patch.changelog,
    ...(patch.title ? { title: patch.title } : {}),
    ...(patch.summary !== undefined ? { summary: patch.summary ?? undefined } : {}),
    ...(patch.caseId !== undefined ? { caseId: patch.caseId ?? undefined } : {}),
    ...(patch.commenting ? { commenting: patch.commenting } : {}),
    ...(patch.tags ? { tags: patch.tags } : {}),
    ...(patch.closesAt ? { closesAt: new Date(patch.closesAt).toISOString() } : {}),
    ...(sections ? { sections: sections.map(({ id, title, body }) => ({ id, title, body })) } : {}),
    ...(patch.mapCommenting !== undefined ? { mapCommenting: patch.mapCommenting } : {}),
    ...(patch.geometry !== undefined ? { geometry: storedGeometry(patch.geometry) } : {}),
    sectionGeometries,
  });
  if (published) {
    const missing = missingForPublication(next, requiredLanguages);
    if (missing.length > 0) throw missingLanguagesProblem(missing.map((m) => ({ ...m, path: `body.${m.path}` })));
  }
  return next;
}
