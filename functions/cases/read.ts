/** Lambda: anyone reads a case by its id. */
import { lambda, implement } from '#shared/http/lambda.ts';
import { notFound } from '#shared/http/problem.ts';
import { ok } from '#shared/http/reply.ts';
import { caseIdOf } from '#shared/cases/rules.ts';
import { caseView, getCase as loadCase } from '#shared/cases/repository.ts';
import { getCase } from '#functions/cases/routes.ts';

const decoded = (text: string): string => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

export const handler = lambda([
  implement(getCase, async ({ params }) => {
    const caseId = caseIdOf(decoded(params.caseId));
    const found = caseId ? await loadCase(caseId) : undefined;
    if (!caseId || !found) throw notFound('Case');
    return ok(caseView(caseId, found.item, found.links));
  }),
]);
