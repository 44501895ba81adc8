/**
 * Geohash cells, the keys of the place indexes: a cell is a prefix, so every smaller cell
 * inside it shares its prefix and one `begins_with` reads them all.
 */
export type Box = readonly [minLon: number, minLat: number, maxLon: number, maxLat: number];

const alphabet = '0123456789bcdefghjkmnpqrstuvwxyz';

/** The cell of length `precision` holding the point (edges belong to the upper cell, 180 and 90 to the last). */
export function encode(lon: number, lat: number, precision: number): string {
  let [lonMin, lonMax, latMin, latMax] = [-180, 180, -90, 90];
  let hash = '';
  let bits = 0;
  let value = 0;
  let even = true;
  while (hash.length < precision) {
    if (even) {
      const mid = (lonMin + lonMax) / 2;
      if (lon >= mid) { value = value * 2 + 1; lonMin = mid; } else { value *= 2; lonMax = mid; }
    } else {
      const mid = (latMin + latMax) / 2;
      if (lat >= mid) { value = value * 2 + 1; latMin = mid; } else { value *= 2; latMax = mid; }
    }
    even = !even;
    if (++bits === 5) {
      hash += alphabet[value];
      bits = 0;
      value = 0;
    }
  }
  return hash;
}

/** Width and height of a cell of length `precision`, in degrees. */
const cellSize = (precision: number) => {
  const lonBits = Math.ceil((5 * precision) / 2);
  const latBits = Math.floor((5 * precision) / 2);
  return { lon: 360 / 2 ** lonBits, lat: 180 / 2 ** latBits };
};

/** The smallest cell (at most `maxPrecision` long) holding the whole box: '' when it straddles the first split. */
export function enclosingCell(box: Box, maxPrecision: number): string {
  const a = encode(box[0], box[1], maxPrecision);
  const b = encode(box[2], box[3], maxPrecision);
  let n = 0;
  while (n < a.length && a[n] === b[n]) n++;
  return a.slice(0, n);
}

/** The cells of length `precision` the box touches, or undefined when there are more than `max`. */
export function coveringCells(box: Box, precision: number, max: number): string[] | undefined {
  if (precision === 0) return [''];
  const size = cellSize(precision);
  const column = (lon: number) => Math.min(Math.floor((lon + 180) / size.lon), 2 ** Math.ceil((5 * precision) / 2) - 1);
  const row = (lat: number) => Math.min(Math.floor((lat + 90) / size.lat), 2 ** Math.floor((5 * precision) / 2) - 1);
  const [x0, x1, y0, y1] = [column(box[0]), column(box[2]), row(box[1]), row(box[3])];
  if ((x1 - x0 + 1) * (y1 - y0 + 1) > max) return undefined;
  const cells: string[] = [];
  for (let x = x0; x <= x1; x++) {
    for (let y = y0; y <= y1; y++) cells.push(encode(-180 + (x + 0.5) * size.lon, -90 + (y + 0.5) * size.lat, precision));
  }
  return cells;
}

/**
 * The key conditions that find every place stored under its enclosing cell (`cell#id`)
 * which may touch `box`: the box's finest cover of at most `maxCells` cells, each read with
 * `begins_with(cell)` (places inside it), plus each shorter prefix of those cells read
 * exactly (`prefix#`: larger places around it). No place matches two conditions, and there
 * are at most maxCells × (precision + 1) of them, whatever the data.
 */
export function searchPlan(box: Box, maxPrecision: number, maxCells = 4): { prefix: string }[] {
  let cells = [''];
  for (let p = maxPrecision; p >= 1; p--) {
    const cover = coveringCells(box, p, maxCells);
    if (cover) {
      cells = cover;
      break;
    }
  }
  const exact = new Set<string>();
  for (const cell of cells) for (let n = 0; n < cell.length; n++) exact.add(`${cell.slice(0, n)}#`);
  return [...cells.map((prefix) => ({ prefix })), ...[...exact].sort().map((prefix) => ({ prefix }))];
}
