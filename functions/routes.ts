/**
 * The route table: every route of the API, once. The CDK stack, the local runtime, the
 * OpenAPI document and the authorization matrix tests are all generated from it.
 */
import type { Route } from '#shared/http/route.ts';
import { platformRoutes } from '#functions/platform/routes.ts';
import { draftRoutes } from '#functions/drafts/routes.ts';
import { commentRoutes } from '#functions/comments/routes.ts';
import { pollRoutes } from '#functions/polls/routes.ts';
import { moderationRoutes } from '#functions/moderation/routes.ts';
import { meRoutes } from '#functions/me/routes.ts';
import { exportRoutes } from '#functions/exports/routes.ts';
import { subscriptionRoutes } from '#functions/subscriptions/routes.ts';
import { notificationRoutes } from '#functions/notifications/routes.ts';
import { resultRoutes } from '#functions/results/routes.ts';
import { meetingRoutes } from '#functions/meetings/routes.ts';
import { decisionRoutes } from '#functions/decisions/routes.ts';
import { importRoutes } from '#functions/imports/routes.ts';
import { caseRoutes } from '#functions/cases/routes.ts';
import { openDataRoutes } from '#functions/open-data/routes.ts';
import { mailRoutes } from '#functions/mail/routes.ts';
import { attachmentRoutes } from '#functions/attachments/routes.ts';

export const routes: Route[] = [
  ...platformRoutes,
  ...draftRoutes,
  ...commentRoutes,
  ...pollRoutes,
  ...moderationRoutes,
  ...meRoutes,
  ...exportRoutes,
  ...subscriptionRoutes,
  ...notificationRoutes,
  ...resultRoutes,
  ...meetingRoutes,
  ...decisionRoutes,
  ...importRoutes,
  ...caseRoutes,
  ...openDataRoutes,
  ...mailRoutes,
  ...attachmentRoutes,
] as unknown as Route[];

/** Routes that run in AWS (the local token route never does). */
export const deployedRoutes = routes.filter((r) => !r.localOnly);

/** The Lambda functions the routes name, each served by `functions/<fn>.ts`. */
export const httpFunctions = [...new Set(deployedRoutes.map((r) => r.fn))];

/** Functions that only read: they get read-only table access. */
export const readOnly = (fn: string): boolean => deployedRoutes.filter((r) => r.fn === fn).every((r) => r.method === 'GET');
