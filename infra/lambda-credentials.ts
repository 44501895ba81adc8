/**
 * Lambda bundles only: stands in for `@aws-sdk/credential-provider-node` (see infra/bundling.ts).
 * In Lambda the execution role's credentials are always in the environment, so the rest of
 * the default chain (SSO, INI files, process, web identity, IMDS, login) is dead weight
 * that every function would parse at cold start.
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';

export const defaultProvider = (init?: Parameters<typeof fromEnv>[0]) => fromEnv(init);
