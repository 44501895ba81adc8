/** Routes of the platform itself: health, and the local runtime's token minting. */
import * as z from 'zod/mini';
import { route } from '#shared/http/route.ts';

const tag = 'Platform';

export const health = route({
  operationId: 'health', method: 'GET', path: '/v1/health', fn: 'platform/health', access: 'public', tag,
  summary: 'Liveness',
  responses: { 200: { description: 'Up', schema: z.object({ status: z.literal('ok') }).register(z.globalRegistry, { id: 'Health' }) } },
});

export const LocalTokenBody = z.strictObject({
  sub: z.string().check(z.trim(), z.minLength(1), z.maxLength(128)),
  name: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(120))),
  groups: z._default(z.array(z.enum(['staff', 'moderator', 'admin'])).check(z.maxLength(3)), []),
  strong: z._default(z.boolean(), false),
  /** The strong identity's stable subject (e.g. a pairwise id from Suomi.fi), as the deployment's person claim. */
  person: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(128))),
  email: z.optional(z.email().check(z.maxLength(254))),
  email_verified: z.optional(z.boolean()),
  /** Lifetime in seconds. */
  expiresIn: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(7 * 24 * 3600)), 8 * 3600),
}).register(z.globalRegistry, { id: 'LocalTokenRequest' });

export const localToken = route({
  operationId: 'localToken', method: 'POST', path: '/local/token', fn: 'local', access: 'public', tag, localOnly: true,
  summary: 'Local runtime only: mint a signed JWT for any user and groups',
  body: LocalTokenBody,
  responses: { 200: { description: 'A bearer token', schema: z.object({ token: z.string(), expiresAt: z.string() })
    .register(z.globalRegistry, { id: 'LocalToken' }) } },
});

export const platformRoutes = [health, localToken];
