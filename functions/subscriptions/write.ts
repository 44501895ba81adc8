/** Lambda: residents follow and unfollow drafts and decisions. */
import { lambda, implement } from '#shared/http/lambda.ts';
import { notFound } from '#shared/http/problem.ts';
import { noContent, ok } from '#shared/http/reply.ts';
import * as subscriptions from '#shared/subscriptions/repository.ts';
import { subjectExists } from '#shared/subscriptions/subjects.ts';
import type { Subject } from '#shared/subscriptions/schema.ts';
import { followDecision, followDraft, unfollowDecision, unfollowDraft } from '#functions/subscriptions/routes.ts';

async function existing(subject: Subject): Promise<Subject> {
  if (!(await subjectExists(subject))) throw notFound(subject.kind === 'draft' ? 'Draft' : 'Decision');
  return subject;
}

const follow = async (subject: Subject, sub: string) =>
  ok(subscriptions.subscriptionView(subject, await subscriptions.follow(await existing(subject), sub, new Date())));

const unfollow = async (subject: Subject, sub: string) => {
  await subscriptions.unfollow(await existing(subject), sub, new Date());
  return noContent();
};

export const handler = lambda([
  implement(followDraft, ({ params, actor }) => follow({ kind: 'draft', id: params.id }, actor!.sub)),
  implement(unfollowDraft, ({ params, actor }) => unfollow({ kind: 'draft', id: params.id }, actor!.sub)),
  implement(followDecision, ({ params, actor }) => follow({ kind: 'decision', id: params.id }, actor!.sub)),
  implement(unfollowDecision, ({ params, actor }) => unfollow({ kind: 'decision', id: params.id }, actor!.sub)),
]);
