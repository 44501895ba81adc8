/** Routes of following drafts and decisions. */
import { route } from '#shared/http/route.ts';
import { SubjectParams, Subscription } from '#shared/subscriptions/schema.ts';

const tag = 'Following';

const routes = (kind: 'draft' | 'decision', Kind: 'Draft' | 'Decision') => {
  const path = `/v1/${kind}s/{id}/subscription` as const;
  return [
    route({
      operationId: `follow${Kind}`, method: 'PUT', path, fn: 'subscriptions/write', access: 'resident', tag,
      summary: `Follow a ${kind}: what happens to it appears in your notifications`,
      params: SubjectParams,
      responses: { 200: { description: 'You follow it', schema: Subscription } },
    }),
    route({
      operationId: `unfollow${Kind}`, method: 'DELETE', path, fn: 'subscriptions/write', access: 'resident', tag,
      summary: `Stop following a ${kind}`,
      description: 'Also undoes automatic following (by commenting, or from a draft to its decision) and keeps it undone.',
      params: SubjectParams,
      responses: { 204: { description: 'You no longer follow it' } },
    }),
    route({
      operationId: `get${Kind}Subscription`, method: 'GET', path, fn: 'subscriptions/read', access: 'resident', tag,
      summary: `Whether you follow a ${kind}`,
      params: SubjectParams,
      responses: { 200: { description: 'Your subscription', schema: Subscription } },
    }),
  ] as const;
};

export const [followDraft, unfollowDraft, getDraftSubscription] = routes('draft', 'Draft');
export const [followDecision, unfollowDecision, getDecisionSubscription] = routes('decision', 'Decision');

export const subscriptionRoutes = [
  followDraft, unfollowDraft, getDraftSubscription, followDecision, unfollowDecision, getDecisionSubscription,
];
