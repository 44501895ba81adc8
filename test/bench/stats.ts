/** Percentiles of timing samples (nearest rank, so p99 of 200 samples is the 198th). */

export const percentile = (samples: number[], p: number): number => {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
};

export const median = (samples: number[]): number => percentile(samples, 50);

export const mean = (samples: number[]): number =>
  samples.length === 0 ? Number.NaN : samples.reduce((a, b) => a + b, 0) / samples.length;

/** `a / b`, or NaN when either is missing. */
export const ratio = (a: number | undefined, b: number | undefined): number =>
  a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || b === 0 ? Number.NaN : a / b;

export const round = (n: number, digits = 2): number | null => (Number.isFinite(n) ? Number(n.toFixed(digits)) : null);
