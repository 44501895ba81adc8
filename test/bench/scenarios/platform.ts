/** Bench scenarios of the platform routes. */
import { scenario, type Scenario } from '../scenario.ts';

export const platformScenarios: Record<string, Scenario> = {
  // Touches no table: no raw call to compare with.
  health: scenario({
    prepare: async () => undefined,
    request: () => ({ method: 'GET', path: '/v1/health' }),
    expect: 200,
  }),
};
