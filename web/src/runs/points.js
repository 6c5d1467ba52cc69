// The 2-D view's points: seeded datasets (four to classify, two to regress),
// the train/test split, the input features, and the learner's own points from
// a CSV file. Points are {x, y, label}: label ±1 for the two classes, a number
// in [−1, 1] for regression. Coordinates live in [−6, 6] (the plane's view).
import { isRegression, PLANE_DATASETS, PLANE_FEATURES } from '../state/plane-schema.js';

/** A seeded random generator (mulberry32): the same seed gives the same points. */
export function seededRandom(seed) {
  let a = (seed >>> 0) || 0x9e3779b9;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const uniform = (rand, lo, hi) => lo + (hi - lo) * rand();
/** A standard normal draw (Box–Muller). */
const normal = (rand) => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());

/** Two rings: the inner disc is one class, the outer ring the other (half each). */
function circle(n, noise, rand) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const inner = i < n / 2;
    const r = inner ? uniform(rand, 0, 2.5) : uniform(rand, 3.5, 5);
    const angle = uniform(rand, 0, 2 * Math.PI);
    out.push({ x: r * Math.sin(angle) + uniform(rand, -5, 5) * noise, y: r * Math.cos(angle) + uniform(rand, -5, 5) * noise, label: inner ? 1 : -1 });
  }
  return out;
}

/** The four quadrants: the sign of x·y is the class. */
function xor(n, noise, rand) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const pad = (v) => v + (v > 0 ? 0.3 : -0.3);
    const x = pad(uniform(rand, -5, 5)), y = pad(uniform(rand, -5, 5));
    out.push({ x: x + uniform(rand, -5, 5) * noise, y: y + uniform(rand, -5, 5) * noise, label: x * y >= 0 ? 1 : -1 });
  }
  return out;
}

/** Two Gaussian clouds around (2, 2) and (−2, −2); noise widens them. */
function gauss(n, noise, rand) {
  const sd = Math.sqrt(0.5 + noise * 7);
  const out = [];
  for (let i = 0; i < n; i++) {
    const label = i < n / 2 ? 1 : -1;
    out.push({ x: 2 * label + sd * normal(rand), y: 2 * label + sd * normal(rand), label });
  }
  return out;
}

/** Two interleaved spirals, one per class. */
function spiral(n, noise, rand) {
  const out = [];
  const half = Math.ceil(n / 2);
  for (let i = 0; i < n; i++) {
    const label = i < half ? 1 : -1;
    const k = i < half ? i : i - half;
    const r = (5 * k) / half;
    const t = (1.75 * k * 2 * Math.PI) / half + (label === 1 ? 0 : Math.PI);
    out.push({ x: r * Math.sin(t) + uniform(rand, -1, 1) * noise * 5, y: r * Math.cos(t) + uniform(rand, -1, 1) * noise * 5, label });
  }
  return out;
}

/** Regression: a tilted plane, (x + y) / 10. */
function plane(n, noise, rand) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const x = uniform(rand, -5, 5), y = uniform(rand, -5, 5);
    out.push({ x: x + uniform(rand, -5, 5) * noise, y: y + uniform(rand, -5, 5) * noise, label: (x + y) / 10 });
  }
  return out;
}

const BUMPS = [[-4, 2.5, 1], [0, 2.5, -1], [4, 2.5, 1], [-4, -2.5, -1], [0, -2.5, 1], [4, -2.5, -1]];

/** Regression: six Gaussian bumps of alternating sign. */
function multiGauss(n, noise, rand) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const x = uniform(rand, -5, 5), y = uniform(rand, -5, 5);
    const value = BUMPS.reduce((sum, [cx, cy, sign]) => sum + sign * Math.exp(-((x - cx) ** 2 + (y - cy) ** 2) / 2), 0);
    out.push({ x: x + uniform(rand, -5, 5) * noise, y: y + uniform(rand, -5, 5) * noise, label: Math.max(-1, Math.min(1, value)) });
  }
  return out;
}

const MAKERS = { circle, xor, gauss, spiral, plane, multigauss: multiGauss };

/** The datasets, by id (the schema's list): `regression` says which head the network takes. */
export const DATASETS = Object.fromEntries(PLANE_DATASETS.map((id) => [id, { make: MAKERS[id], regression: isRegression(id) }]));

/** n points of a dataset with noise in [0, 0.5], drawn from `seed`. */
export function makePoints(dataset, n, noise, seed) {
  const d = DATASETS[dataset];
  if (!d) throw new Error(`unknown dataset '${dataset}'`);
  return d.make(n, noise, seededRandom(seed));
}

/** Shuffles (seeded) and splits: the first `ratio` (0..1) of the points train, the rest test. */
export function splitPoints(points, ratio, seed) {
  const rand = seededRandom(seed ^ 0x5bd1e995);
  const order = points.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const cut = Math.round(points.length * ratio);
  return { train: order.slice(0, cut).map((i) => points[i]), test: order.slice(cut).map((i) => points[i]) };
}

const FEATURE_FNS = {
  x1: (x) => x,
  x2: (x, y) => y,
  x1sq: (x) => x * x,
  x2sq: (x, y) => y * y,
  x1x2: (x, y) => x * y,
  sinx1: (x) => Math.sin(x),
  sinx2: (x, y) => Math.sin(y),
};

/** The input features, in the schema's order: id -> f(x, y). */
export const FEATURES = Object.fromEntries(PLANE_FEATURES.map((id) => [id, FEATURE_FNS[id]]));

/** Row-major features (Float32Array, points × features) of {x, y} points. */
export function featureRows(points, features) {
  const fns = features.map((id) => FEATURES[id]);
  const out = new Float32Array(points.length * fns.length);
  points.forEach((p, i) => fns.forEach((f, k) => (out[i * fns.length + k] = f(p.x, p.y))));
  return out;
}

/** The plane's grid: n × n points over [−6, 6]², row by row from the top (y = 6) down. */
export function gridPoints(n) {
  const out = [];
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) out.push({ x: -6 + (12 * (c + 0.5)) / n, y: 6 - (12 * (r + 0.5)) / n });
  return out;
}
