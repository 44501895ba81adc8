/**
 * Generated clients compile as they come: types generated from the served `/openapi.json` with
 * openapi-typescript's default options, plus openapi-fetch, pass strict TypeScript, and the
 * client's scenario (create, publish and comment on a draft) runs against the local runtime, its
 * every response checked against the document.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useLocalApi } from '../support/local.ts';
import { writeClientTypes } from '../client/types.ts';

const api = useLocalApi();
const root = resolve(import.meta.dirname, '../..');
// Not a literal: the scenario's types exist only once generated, so the project's own type check leaves it out.
const scenarioModule = '../client/scenario.ts';
type Scenario = (baseUrl: string, fetch: (request: Request) => Promise<Response>) => Promise<{
  draft: { id: string; status: string; commenting: string; tags: string[] };
  comments: { id: string; body: string }[];
}>;

describe('a client generated from the document', () => {
  it('compiles under strict TypeScript with openapi-typescript\'s default options', async () => {
    // Prepare
    await writeClientTypes(new URL('/openapi.json', api.url));

    // Act
    const tsc = promisify(execFile)(resolve(root, 'node_modules/.bin/tsc'), ['-p', 'test/client/tsconfig.json'], { cwd: root });

    // Assess
    await expect(tsc.catch((e: { stdout: string }) => Promise.reject(new Error(e.stdout)))).resolves.toBeDefined();
  });

  it('creates, publishes and comments on a draft, every response as documented', async () => {
    // Prepare
    const { scenario } = await import(scenarioModule) as { scenario: Scenario };
    const checkedFetch = async (request: Request) => {
      const url = new URL(request.url);
      const body = request.body ? await request.text() : undefined;
      return api.fetch(`${url.pathname}${url.search}`, { method: request.method, headers: request.headers, body });
    };

    // Act
    const result = await scenario(api.url, checkedFetch);

    // Assess
    expect(result.draft).toMatchObject({ status: 'open', commenting: 'registered', tags: [] });
    expect(result.comments).toEqual([{ id: expect.any(String), body: 'Hyvä suunnitelma!' }]);
  });
});
