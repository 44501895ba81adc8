/** Validation at the edge: zod issues become the API's `errors: [{path, message}]`. */
import type * as z from 'zod';
import { validationFailed, type FieldError } from '#shared/http/problem.ts';

export const fieldErrors = (where: string, error: z.ZodError): FieldError[] =>
  error.issues.slice(0, 50).map((issue) => ({
    path: [where, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));

/** Parses `value` with `schema`, or throws a 400 naming every offending field. */
export const parseWith = <S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> => {
  const result = schema.safeParse(value);
  if (!result.success) throw validationFailed(fieldErrors(where, result.error));
  return result.data;
};
