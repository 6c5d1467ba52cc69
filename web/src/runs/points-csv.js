// The learner's own points from a CSV file: `x,y,label` (classes: 1 and −1,
// or 1 and 0) or `x,y,value` (regression: any number), one point a line, an
// optional header line. Every file is hostile: its size is checked before it
// is read, its line count before anything is kept, and the first malformed
// line is refused with its number; coordinates are scaled into the plane's view.

/** The most points a file may hold, and the most bytes (a line of three numbers is far less than 100 bytes). */
export const CSV_MAX_POINTS = 10000;
export const CSV_MAX_BYTES = CSV_MAX_POINTS * 100;

/** An Error saying what is wrong with the file, by line. */
const refuse = (message) => Object.assign(new Error(message), { csv: true });

/** Throws unless a file of `bytes` could hold at most CSV_MAX_POINTS points. */
export function checkCsvSize(bytes) {
  if (!(bytes <= CSV_MAX_BYTES)) throw refuse(`the file is ${bytes} bytes; a file of at most ${CSV_MAX_POINTS} points is at most ${CSV_MAX_BYTES} bytes`);
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** One line's three fields as numbers, or a refusal naming the line. */
function fields(line, n) {
  const parts = line.split(',').map((s) => s.trim());
  if (parts.length !== 3) throw refuse(`line ${n}: expected 3 values (x,y,label), found ${parts.length}`);
  return parts.map((s, k) => {
    if (!NUMBER.test(s)) throw refuse(`line ${n}: '${s.slice(0, 20)}' is not a number (${['x', 'y', 'label'][k]})`);
    const v = Number(s);
    if (!Number.isFinite(v)) throw refuse(`line ${n}: ${['x', 'y', 'label'][k]} is too large`);
    return v;
  });
}

/** A class label: 1, or −1 (0 counts as −1). */
function classOf(v, n) {
  if (v === 1) return 1;
  if (v === -1 || v === 0) return -1;
  throw refuse(`line ${n}: a class label is 1 or -1 (or 0), found ${v}`);
}

/** Scales the points' bounding box, centred, into [−5, 5] (aspect kept). */
function fitToView(points) {
  const xs = points.map((p) => p.x), ys = points.map((p) => p.y);
  const cx = (Math.max(...xs) + Math.min(...xs)) / 2, cy = (Math.max(...ys) + Math.min(...ys)) / 2;
  const half = Math.max(Math.max(...xs) - cx, Math.max(...ys) - cy);
  const scale = half > 0 ? 5 / half : 1;
  return points.map((p) => ({ x: (p.x - cx) * scale, y: (p.y - cy) * scale, label: p.label }));
}

/**
 * Parses CSV text into points ({x, y, label}); `regression` reads the third
 * field as a value (scaled into [−1, 1] by its largest magnitude). Throws an
 * Error (err.csv) with one line saying what is wrong and where.
 */
export function parseCsv(text, { regression = false } = {}) {
  checkCsvSize(text.length);
  const lines = text.split(/\r?\n/);
  let count = 0;
  for (const l of lines) if (l.trim()) count++;
  if (count > CSV_MAX_POINTS + 1) throw refuse(`the file has ${count} lines; at most ${CSV_MAX_POINTS} points`);
  const points = [];
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    if (!points.length && i === lines.findIndex((l) => l.trim()) && /^[a-z_"]/i.test(line)) return; // a header
    const [x, y, v] = fields(line, i + 1);
    points.push({ x, y, label: regression ? v : classOf(v, i + 1) });
  });
  if (points.length > CSV_MAX_POINTS) throw refuse(`the file has ${points.length} points; at most ${CSV_MAX_POINTS}`);
  if (points.length < 2) throw refuse('the file holds fewer than 2 points');
  if (regression) {
    const most = Math.max(...points.map((p) => Math.abs(p.label)));
    if (most > 1) for (const p of points) p.label /= most;
  }
  return fitToView(points);
}
