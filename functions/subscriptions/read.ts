/** Lambda: whether the caller follows a draft or a decision. */
import { lambda, implement } from '#shared/http/lambda.ts';
import { notFound } from '#shared/http/problem.ts';
import { ok } from '#shared/http/reply.ts';
import * as subscriptions from '#shared/subscriptions/repository.ts';
import { subjectExists } from '#shared/subscriptions/subjects.ts';
import type { Subject } from '#shared/subscriptions/schema.ts';
import { getDecisionSubscription, getDraftSubscription } from '#functions/subscriptions/routes.ts';

async function view(subject: Subject, sub: string) {
  if (!(await subjectExists(subject))) throw notFound(subject.kind === 'draft' ? 'Draft' : 'Decision');
  return ok(subscriptions.subscriptionView(subject, await subscriptions.getSubscription(subject, sub)));
}

export const handler = lambda([
  implement(getDraftSubscription, ({ params, actor }) => view({ kind: 'draft', id: params.id }, actor!.sub)),
  implement(getDecisionSubscription, ({ params, actor }) => view({ kind: 'decision', id: params.id }, actor!.sub)),
]);
