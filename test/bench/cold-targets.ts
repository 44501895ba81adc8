/**
 * What each bundle's cold start serves first: the baseline one GetItem; an HTTP function a
 * request of one of its routes (a GET when it has one) built by that route's scenario; the
 * authorizer a bearer token to verify; the fallback an unknown path; the digest job its schedule's event.
 */
import { draftKey } from '#shared/drafts/repository.ts';
import type { Route } from '#shared/http/route.ts';
import { routes } from '#functions/routes.ts';
import type { BundleSizes } from './bundles.ts';
import { measureCold, statusIs, type ColdTarget } from './cold.ts';
import { authorizerEvent, routeEvent, unknownRouteEvent } from './event.ts';
import { openDraft, resident } from './fixtures.ts';
import { startIssuer, type Issuer } from './issuer.ts';
import type { ColdRow } from './report.ts';
import type { Bench } from './scenario.ts';
import { scenarios } from './scenarios.ts';
import { ratio, round } from './stats.ts';
import { takeIndex } from './warm.ts';

/** The route a function's cold start serves: a GET when it has one, else its first route with a scenario. */
const coldRoute = (fn: string): Route | undefined => {
  const candidates = routes.filter((r) => r.fn === fn && !r.localOnly && scenarios[r.operationId]);
  return candidates.find((r) => r.method === 'GET') ?? candidates[0];
};

const platformTargets = (issuer: Issuer): Record<string, { invokes: string; event(): Promise<unknown>; check: ColdTarget['check'] }> => ({
  'platform/authorizer': {
    invokes: 'authorizer: verify a bearer token (JWKS over HTTP)',
    event: async () => authorizerEvent(await issuer.token(resident.sub), '/v1/drafts'),
    check: (r) => (r.isAuthorized === true && (r.context as { sub?: string })?.sub === resident.sub ? undefined : `not authorized: ${JSON.stringify(r)}`),
  },
  'platform/fallback': { invokes: '$default: GET /v1/no-such-thing', event: async () => unknownRouteEvent(), check: statusIs(404) },
  // The schedule's event; after the first run the week's run is finished and answers at once (the median's case).
  'mail/digest': {
    invokes: 'Scheduler: {"frequency":"weekly"} (the digest job)',
    event: async () => ({ frequency: 'weekly' }),
    check: (r) => ((r as { frequency?: string }).frequency === 'weekly' ? undefined : `not a digest run: ${JSON.stringify(r)}`),
  },
});

/** A target for the function, or why it has none. */
async function targetOf(bench: Bench, name: string, bundle: string, states: Map<string, unknown>, issuer: Issuer): Promise<ColdTarget | string> {
  const platform = platformTargets(issuer)[name];
  if (platform) return { name, bundle, ...platform };
  const route = coldRoute(name);
  if (!route) return 'no scenario';
  const scenario = scenarios[route.operationId]!;
  if (!states.has(route.operationId)) states.set(route.operationId, await scenario.prepare(bench));
  const state = states.get(route.operationId);
  return {
    name, bundle, invokes: `${route.method} ${route.path}`,
    event: async () => routeEvent(bench, route, await scenario.request(bench, state, takeIndex(scenario))),
    check: statusIs(scenario.expect),
  };
}

/** Cold starts of every bundle and of the baseline, as ratios to the baseline. */
export async function coldStarts(bench: Bench, sizes: BundleSizes, states: Map<string, unknown>, runs: number) {
  const issuer = await startIssuer();
  try {
    const probe = await openDraft(bench);
    const targets: ColdTarget[] = [{
      name: 'baseline', bundle: sizes.baseline.file, invokes: 'GetItem (one draft)', event: async () => draftKey(probe.id), check: statusIs(200),
    }];
    const rows: ColdRow[] = [];
    for (const { name, bundle } of sizes.rows) {
      const row: ColdRow = { name };
      rows.push(row);
      if (!bundle) {
        row.error = 'not bundled';
        continue;
      }
      const target = await targetOf(bench, name, bundle.file, states, issuer).catch((error: Error) => ({ error: error.message }));
      if (typeof target === 'string') row.note = target;
      else if ('error' in target) row.error = target.error;
      else {
        row.invokes = target.invokes;
        targets.push(target);
      }
    }
    const env: NodeJS.ProcessEnv = { ...process.env, DB_METER_HEADERS: '1', TOKEN_ISSUER: issuer.issuer, TOKEN_AUDIENCE: issuer.audience };
    delete env.NODE_OPTIONS;
    const results = await measureCold(targets, runs, env);
    const fill = (row: ColdRow) => {
      const result = results.get(row.name);
      if (result && 'error' in result) row.error = result.error;
      else if (result) row.cold = result;
    };
    const baseline: ColdRow = { name: 'baseline', invokes: targets[0]!.invokes };
    fill(baseline);
    for (const row of rows) {
      fill(row);
      row.ratio = round(ratio(row.cold?.totalMs ?? undefined, baseline.cold?.totalMs ?? undefined));
    }
    return { baseline, rows };
  } finally {
    await issuer.stop();
  }
}
