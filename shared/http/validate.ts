/** Validation at the edge: zod issues become the API's `errors: [{path, message}]`. */
import type * as z from 'zod/mini';
import { validationFailed, type FieldError } from '#shared/http/problem.ts';

export const fieldErrors = (where: string, error: z.core.$ZodError): FieldError[] =>
  error.issues.flatMap((issue): FieldError[] => {
    const path = [where, ...issue.path.map(String)];
    // zod reports a strict object's unknown keys once, on the object: name each field itself.
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ path: [...path, key].join('.'), message: 'unknown field' }));
    return [{ path: path.join('.'), message: issue.message }];
  }).slice(0, 50);

/** Parses `value` with `schema`, or throws a 400 naming every offending field. */
export const parseWith = <S extends z.ZodMiniType>(schema: S, value: unknown, where: string): z.output<S> => {
  const result = schema.safeParse(value);
  if (!result.success) throw validationFailed(fieldErrors(where, result.error));
  return result.data;
};
