/** Matching a request path to a route template, as API Gateway does: 404 unknown, 405 wrong method. */
import type { Route } from '#shared/http/route.ts';

const compile = (path: string): RegExp =>
  new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, '(?<$1>[^/]+)')}$`);

/** A malformed percent-encoding (`%zz`) stays raw: it names nothing, and the params schema answers 404. */
const decoded = (segment: string): string => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

export interface Match {
  route?: Route;
  params: Record<string, string>;
  /** Methods the path allows, when the method did not match (405). */
  allow: string[];
}

export function matcher(routes: Route[]) {
  const compiled = routes.map((route) => ({ route, pattern: compile(route.path) }));
  return (method: string, path: string): Match => {
    const allow: string[] = [];
    for (const { route, pattern } of compiled) {
      const m = pattern.exec(path);
      if (!m) continue;
      if (route.method === method) {
        const params = Object.fromEntries(Object.entries(m.groups ?? {}).map(([k, v]) => [k, decoded(v)]));
        return { route, params, allow: [] };
      }
      allow.push(route.method);
    }
    return { params: {}, allow };
  };
}
