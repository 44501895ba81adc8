/**
 * The HTTP headers a route's properties imply, as zod schemas: `If-Match` on staff edits,
 * `Idempotency-Key` on creating POSTs, and what responses carry (ETag, Location, Retry-After…).
 * Keyed by the header's own name, which is also its name under `components`.
 */
import * as z from 'zod';

export interface HeaderSpec {
  description: string;
  schema: z.core.$ZodType;
  /** A request must send it; a response always carries it. */
  required?: boolean;
}

export type RequestHeader = 'If-Match' | 'Idempotency-Key';
export type ResponseHeader = 'ETag' | 'Location' | 'Idempotent-Replayed' | 'Retry-After' | 'WWW-Authenticate';

export const requestHeaders: Record<RequestHeader, HeaderSpec> = {
  'If-Match': {
    required: true,
    description: 'The version being edited, as its ETag (`"3"`). Without it: 428; if the resource has moved on since: 412.',
    schema: z.string().max(24).regex(/^\s*(?:W\/)?"?\d{1,9}"?\s*$/).meta({ example: '"3"' }),
  },
  'Idempotency-Key': {
    description: 'Any unique key (e.g. a UUID). A repeat with the same key and body within 24 h returns the first response '
      + 'and creates nothing; the same key with another body is 422, and 409 while the first is still running.',
    schema: z.string().min(1).max(255).regex(/^[\x21-\x7e]+$/).meta({ example: '5f1c7a52-1d2e-4b8a-9c53-0f6a1e2d3b4c' }),
  },
};

export const responseHeaders: Record<ResponseHeader, HeaderSpec> = {
  ETag: {
    required: true,
    description: 'On a resource staff edit: its version (`"3"`), to send back as `If-Match` when editing. On a public read that may be cached: a validator of the body (`W/"…"`), to send back as `If-None-Match` (304 when unchanged).',
    schema: z.string().max(64).regex(/^(?:"\d{1,9}"|W\/"[A-Za-z0-9_-]{1,40}")$/).meta({ example: '"1"' }),
  },
  Location: {
    required: true,
    description: 'Where the created resource can be read (a preview link: the draft with its `preview` token).',
    schema: z.string().max(300).regex(/^\/[\w\-./]*(?:\?[\w\-.=&]*)?$/).meta({ example: '/v1/drafts/01JD3Z6Q4T8W9X2Y5A7B9C1D3E' }),
  },
  'Idempotent-Replayed': {
    description: 'Present (`true`) when this is the stored response to an earlier request with the same `Idempotency-Key`.',
    schema: z.literal('true'),
  },
  'Retry-After': {
    description: 'Seconds to wait before trying again. Sent with the API\'s own limits (`rate-limited`); '
      + 'API Gateway\'s stage throttling answers without it.',
    schema: z.number().int().min(0).max(86_400),
  },
  'WWW-Authenticate': {
    description: 'How to authenticate: a bearer token.',
    schema: z.string().max(500).regex(/^Bearer\b/).meta({ example: 'Bearer' }),
  },
};
