/**
 * Every route the bench can exercise, by operationId. A capability adds its routes by
 * writing `scenarios/<capability>.ts` and spreading it in here; a route without a scenario
 * is listed as "no scenario", never skipped silently.
 */
import type { Scenario } from './scenario.ts';
import { platformScenarios } from './scenarios/platform.ts';
import { draftScenarios } from './scenarios/drafts.ts';
import { commentScenarios } from './scenarios/comments.ts';
import { participationScenarios } from './scenarios/participation.ts';
import { resultScenarios } from './scenarios/results.ts';
import { followingScenarios } from './scenarios/following.ts';
import { meetingScenarios } from './scenarios/meetings.ts';

import { caseScenarios } from './scenarios/cases.ts';
import { consultationScenarios } from './scenarios/consultation.ts';
import { mailScenarios } from './scenarios/mail.ts';
import { mapScenarios } from './scenarios/maps.ts';

export const scenarios: Record<string, Scenario> = {
  ...platformScenarios,
  ...draftScenarios,
  ...commentScenarios,
  ...participationScenarios,
  ...resultScenarios,
  ...followingScenarios,
  ...meetingScenarios,
  ...caseScenarios,
  ...consultationScenarios,
  ...mailScenarios,
  ...mapScenarios,
};
