/**
 * How much one direct export answer may carry: past this, the job route (object storage)
 * does the work, and the direct route answers 409 `export-too-large` pointing at it.
 */
import { exportTooLargeProblem } from '#shared/http/problem.ts';

export const directLimits = { comments: 1_000, bytes: 4 * 1024 * 1024 };

/** The direct export would be too large: use `jobRoute` instead. */
export const exportTooLarge = (jobRoute: string) => exportTooLargeProblem(directLimits.comments, directLimits.bytes, jobRoute);

/** Throws 409 when `body` is over the byte limit. */
export function withinBytes(body: string, jobRoute: string): string {
  if (Buffer.byteLength(body, 'utf8') > directLimits.bytes) throw exportTooLarge(jobRoute);
  return body;
}
