/** Routes of the platform itself: health, and the local runtime's token minting. */
import * as z from 'zod';
import { route } from '#shared/http/route.ts';

const tag = 'Platform';

export const health = route({
  operationId: 'health', method: 'GET', path: '/v1/health', fn: 'platform/health', access: 'public', tag,
  summary: 'Liveness',
  responses: { 200: { description: 'Up', schema: z.object({ status: z.literal('ok') }).meta({ id: 'Health' }) } },
});

export const LocalTokenBody = z.strictObject({
  sub: z.string().trim().min(1).max(128),
  name: z.string().trim().min(1).max(120).optional(),
  groups: z.array(z.enum(['staff', 'moderator', 'admin'])).max(3).default([]),
  strong: z.boolean().default(false),
  /** Lifetime in seconds. */
  expiresIn: z.number().int().min(1).max(7 * 24 * 3600).default(8 * 3600),
}).meta({ id: 'LocalTokenRequest' });

export const localToken = route({
  operationId: 'localToken', method: 'POST', path: '/local/token', fn: 'local', access: 'public', tag, localOnly: true,
  summary: 'Local runtime only: mint a signed JWT for any user and groups',
  body: LocalTokenBody,
  responses: { 200: { description: 'A bearer token', schema: z.object({ token: z.string(), expiresAt: z.string() }).meta({ id: 'LocalToken' }) } },
});

export const platformRoutes = [health, localToken];
