/**
 * Ahjo writes times as Helsinki wall-clock time without a zone (`2020-11-23T16:00:00.000`);
 * the API speaks UTC. Daylight saving is taken from the platform's time-zone database.
 */

const zone = 'Europe/Helsinki';

const wallClock = new Intl.DateTimeFormat('en-US', {
  timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
});

/** Minutes Helsinki is ahead of UTC at the instant `utcMs`. */
const offsetMinutes = (utcMs: number): number => {
  const parts = Object.fromEntries(wallClock.formatToParts(new Date(utcMs)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60_000);
};

const pattern = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * The UTC ISO time of an Ahjo time: Helsinki time unless it names its own offset. Undefined
 * for anything that is not a real date and time (empty, `null`, `2020-02-30`, `25:00`).
 */
export function ahjoTime(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = pattern.exec(value.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number) as number[];
  const millis = Number((m[7] ?? '0').padEnd(3, '0').slice(0, 3));
  const wall = Date.UTC(year!, month! - 1, day!, hour!, minute!, second!, millis);
  const check = new Date(wall);
  if (check.getUTCMonth() !== month! - 1 || check.getUTCDate() !== day! || hour! > 23 || minute! > 59 || second! > 59) return undefined;
  if (m[8]) {
    if (m[8] === 'Z') return check.toISOString();
    const sign = m[8].startsWith('-') ? -1 : 1;
    const digits = m[8].replace(/[+:-]/g, '');
    return new Date(wall - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000).toISOString();
  }
  // The offset at the guessed instant, checked again at the result (DST changes in between).
  const first = wall - offsetMinutes(wall) * 60_000;
  const settled = wall - offsetMinutes(first) * 60_000;
  return new Date(settled).toISOString();
}
