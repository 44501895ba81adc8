import { describe, expect, it } from 'vitest';
import { bundlingFor, functionEntry, lambdaBundling } from '#infra/bundling.ts';
import { routes } from '#functions/routes.ts';
import { esbuildOptions } from './bundles.ts';
import { scenarios } from './scenarios.ts';
import { median, percentile } from './stats.ts';

describe('the bench', () => {
  it('has a scenario only for routes that are in the route table', () => {
    const operations = new Set(routes.map((r) => r.operationId));
    expect(Object.keys(scenarios).filter((op) => !operations.has(op))).toEqual([]);
  });

  it('builds bundles with the deployed bundling options, minified as CDK builds them', () => {
    // Prepare / Act
    const options = esbuildOptions();
    // Assess
    expect(options).toMatchObject({
      bundle: true, minify: true, format: lambdaBundling.format, target: lambdaBundling.target,
      external: lambdaBundling.externalModules, mainFields: lambdaBundling.mainFields, banner: { js: lambdaBundling.banner },
      alias: lambdaBundling.alias,
    });
  });

  it('builds each function with its own bundling: the untraced ones without Powertools Tracer', () => {
    // Prepare / Act
    const [ahjo, read] = [esbuildOptions(functionEntry('imports/ahjo')), esbuildOptions(functionEntry('drafts/read'))];
    // Assess
    expect(ahjo.alias).toEqual(bundlingFor(functionEntry('imports/ahjo')).alias);
    expect(ahjo.alias).toHaveProperty(['@aws-lambda-powertools/tracer']);
    expect(read.alias).toEqual(lambdaBundling.alias);
  });

  it('takes percentiles by nearest rank: p99 of 200 samples is the 198th smallest', () => {
    const samples = Array.from({ length: 200 }, (_, i) => 200 - i);
    expect(percentile(samples, 99)).toBe(198);
    expect(percentile(samples, 50)).toBe(100);
    expect(median([5, 1, 3, 2, 4])).toBe(3);
    expect(Number.isNaN(percentile([], 50))).toBe(true);
  });
});
