import { describe, expect, it } from 'vitest';
import semver from '#infra/lambda-semver.ts';

describe('the semver stand-in in Lambda bundles', () => {
  it.each([
    ['24.11.0', '8.0.0', true],
    ['v20.19.4', '8.0.0', true],
    ['8.0.0', '8.0.0', true],
    ['7.10.1', '8.0.0', false],
    ['2.1349.0', '2.7.15', true],
    ['2.7.9', '2.7.15', false],
    ['10.0.0', '9.99.99', true],
  ])('%s >= %s is %s, as semver.gte answers', (a, b, expected) => {
    expect(semver.gte(a, b)).toBe(expected);
  });

  it('refuses what is not a version, as semver does', () => {
    expect(() => semver.gte('latest', '8.0.0')).toThrow(TypeError);
  });
});
