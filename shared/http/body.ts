/** Reading a request body (JSON, or a form): media type, size and syntax, before any schema sees it. */
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

const formMediaType = /^application\/x-www-form-urlencoded\s*(;.*)?$/i;

/**
 * A form body (`application/x-www-form-urlencoded`) as an object of its fields; an empty body
 * is an empty form. A field sent twice keeps its first value. 413, 415 or 400 when not acceptable.
 */
export function formBody(event: APIGatewayProxyEventV2, maxBytes: number): Record<string, string> {
  const raw = rawBody(event);
  if (raw === undefined) return {};
  if (raw.length > maxBytes) throw payloadTooLarge(maxBytes);
  const type = header(event, 'content-type');
  if (!type || !formMediaType.test(type)) throw unsupportedMediaType();
  const text = raw.toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(raw)) throw badRequest('The body is not valid UTF-8.');
  const fields: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(text)) if (!(name in fields)) fields[name] = value;
  return fields;
}
