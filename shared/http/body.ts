/** Reading a JSON request body: media type, size and syntax, before any schema sees it. */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { badRequest, payloadTooLarge, unsupportedMediaType } from '#shared/http/problem.ts';

export const header = (event: APIGatewayProxyEventV2, name: string): string | undefined => {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) if (key.toLowerCase() === wanted) return value;
  return undefined;
};

export const rawBody = (event: APIGatewayProxyEventV2): Buffer | undefined =>
  event.body === undefined || event.body === null || event.body === ''
    ? undefined
    : Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8');

const jsonMediaType = /^application\/([\w.+-]+\+)?json\s*(;.*)?$/i;

/** The parsed JSON body (`undefined` when none was sent); 413, 415 or 400 when it is not acceptable. */
export function jsonBody(event: APIGatewayProxyEventV2, maxBytes: number): unknown {
  const raw = rawBody(event);
  if (raw === undefined) return undefined;
  if (raw.length > maxBytes) throw payloadTooLarge(maxBytes);
  const type = header(event, 'content-type');
  if (!type || !jsonMediaType.test(type)) throw unsupportedMediaType();
  const text = raw.toString('utf8');
  if (text.includes('\uFFFD') && !Buffer.from(text, 'utf8').equals(raw)) throw badRequest('The body is not valid UTF-8.');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw badRequest('The body is not valid JSON.');
  }
}
