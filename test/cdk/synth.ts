/**
 * Builds the deployment the way `npm run synth` does (cdk.json's context, plus overrides)
 * and hands out the stacks and their templates. Bundling every function takes a while:
 * synthesize once per file, and skip bundling where the test does not look at functions.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { deployment } from '#infra/cdk/deployment.ts';
import { projectRoot } from '#infra/cdk/function.ts';

const cdkJsonContext = (): Record<string, unknown> =>
  (JSON.parse(readFileSync(join(projectRoot, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> }).context;

export interface Synthesized {
  app: App;
  stacks: ReturnType<typeof deployment>;
  stateful: Template;
  stateless: Template;
  operations: Template;
}

export function synthesize(options: { bundle: boolean; context?: Record<string, unknown> }): Synthesized {
  const app = new App({
    context: {
      ...cdkJsonContext(),
      ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }),
      ...options.context,
    },
  });
  const stacks = deployment(app);
  // Synthesizing runs the validation plugins too: a cdk-nag finding throws here.
  return { app, stacks, stateful: Template.fromStack(stacks.stateful), stateless: Template.fromStack(stacks.stateless), operations: Template.fromStack(stacks.operations) };
}

type Resources = Record<string, { Type: string; Properties: Record<string, any>; DeletionPolicy?: string; UpdateReplacePolicy?: string }>;

/** The resources of one type, by logical id. */
export const resources = (template: Template, type: string): Resources => template.findResources(type) as Resources;
