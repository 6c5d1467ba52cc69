// The 2-D view's points (web/src/runs/points.js, points-csv.js): seeded
// datasets with balanced classes and noise that widens them, the split, the
// features, and the CSV reader against 10,000 mutated files.
import test from 'node:test';
import assert from 'node:assert/strict';

import { DATASETS, FEATURES, featureRows, gridPoints, makePoints, seededRandom, splitPoints } from '../../web/src/runs/points.js';
import { checkCsvSize, CSV_MAX_POINTS, parseCsv } from '../../web/src/runs/points-csv.js';

test('a seed gives the same points, another seed other points', () => {
  for (const id of Object.keys(DATASETS)) {
    assert.deepEqual(makePoints(id, 200, 0.2, 7), makePoints(id, 200, 0.2, 7), id);
    assert.notDeepEqual(makePoints(id, 200, 0.2, 7), makePoints(id, 200, 0.2, 8), id);
    for (const p of makePoints(id, 200, 0.5, 3)) assert.ok(Number.isFinite(p.x) && Number.isFinite(p.y) && Number.isFinite(p.label), id);
  }
});

test('classes are balanced and labelled ±1; regression values lie in [-1, 1]', () => {
  for (const [id, d] of Object.entries(DATASETS)) {
    const points = makePoints(id, 400, 0.1, 1);
    if (d.regression) {
      assert.ok(points.every((p) => p.label >= -1 && p.label <= 1), id);
      assert.ok(new Set(points.map((p) => p.label.toFixed(3))).size > 100, `${id}: values, not classes`);
      continue;
    }
    assert.ok(points.every((p) => p.label === 1 || p.label === -1), id);
    const ones = points.filter((p) => p.label === 1).length;
    if (id === 'xor') assert.ok(ones > 160 && ones < 240, `${id}: ${ones}`); // the quadrants, drawn at random
    else assert.equal(ones, 200, id);
  }
});

test('noise widens the classes: without it the circle\'s rings and the spiral\'s arms stay apart', () => {
  const radius = (p) => Math.hypot(p.x, p.y);
  const clean = makePoints('circle', 400, 0, 5);
  assert.ok(clean.filter((p) => p.label === 1).every((p) => radius(p) <= 2.5));
  assert.ok(clean.filter((p) => p.label === -1).every((p) => radius(p) >= 3.5 && radius(p) <= 5));
  const noisy = makePoints('circle', 400, 0.5, 5);
  assert.ok(noisy.filter((p) => p.label === 1).some((p) => radius(p) > 3.5), 'noise moves inner points out');
  const spread = (pts) => Math.sqrt(pts.reduce((a, p) => a + (p.x - 2) ** 2 + (p.y - 2) ** 2, 0) / pts.length);
  const g0 = makePoints('gauss', 400, 0, 5).filter((p) => p.label === 1), g5 = makePoints('gauss', 400, 0.5, 5).filter((p) => p.label === 1);
  assert.ok(spread(g5) > 2 * spread(g0), `${spread(g5)} vs ${spread(g0)}`);
});

test('the split keeps every point once, in the ratio', () => {
  const points = makePoints('spiral', 500, 0, 1);
  const { train, test: held } = splitPoints(points, 0.7, 3);
  assert.equal(train.length, 350);
  assert.equal(held.length, 150);
  assert.deepEqual(new Set([...train, ...held]), new Set(points));
  assert.deepEqual(splitPoints(points, 0.7, 3), { train, test: held });
});

test('features and the grid', () => {
  const rows = featureRows([{ x: 2, y: -3 }], Object.keys(FEATURES));
  assert.deepEqual([...rows], [2, -3, 4, 9, -6, Math.sin(2), Math.sin(-3)].map(Math.fround));
  const grid = gridPoints(100);
  assert.equal(grid.length, 10000);
  assert.deepEqual(grid[0], { x: -5.94, y: 5.94 });
  assert.ok(Math.abs(grid[9999].x - 5.94) < 1e-12 && Math.abs(grid[9999].y + 5.94) < 1e-12);
  const r = seededRandom(1);
  assert.ok(Array.from({ length: 1000 }, r).every((v) => v >= 0 && v < 1));
});

test('a CSV of points: classes, values, a header, scaled into view', () => {
  const points = parseCsv('x,y,label\n0,0,1\n10,0,-1\n5,5,0\n');
  assert.deepEqual(points.map((p) => p.label), [1, -1, -1]);
  assert.ok(points.every((p) => Math.abs(p.x) <= 5 + 1e-9 && Math.abs(p.y) <= 5 + 1e-9));
  assert.equal(Math.max(...points.map((p) => Math.abs(p.x))), 5);
  const values = parseCsv('1,1,4\n2,2,-2\n', { regression: true });
  assert.deepEqual(values.map((p) => p.label), [1, -0.5]);
});

test('a malformed CSV is refused with the line that is wrong', () => {
  assert.throws(() => parseCsv('0,0,1\n1,1\n'), /^Error: line 2: expected 3 values/);
  assert.throws(() => parseCsv('0,0,1\n1,abc,1\n'), /^Error: line 2: 'abc' is not a number \(y\)/);
  assert.throws(() => parseCsv('0,0,1\n1,1,2\n'), /^Error: line 2: a class label is 1 or -1/);
  assert.throws(() => parseCsv('0,0,1\n1,1e400,1\n'), /line 2: y is too large/);
  assert.throws(() => parseCsv('x,y,label\n'), /fewer than 2 points/);
  assert.throws(() => parseCsv(`${'0,0,1\n'.repeat(CSV_MAX_POINTS + 2)}`), /at most 10000 points/);
  assert.throws(() => checkCsvSize(5e6), /at most 1000000 bytes/);
});

test('10,000 mutated CSV files: points or one clear refusal, never a crash or a NaN', () => {
  const rand = seededRandom(42);
  const valid = Array.from({ length: 40 }, (_, i) => `${(i * 0.37).toFixed(2)},${(-i * 0.21).toFixed(2)},${i % 2 ? 1 : -1}`).join('\n');
  const alphabet = '0123456789,.-+eE\n\r x"abc\u0000,,';
  let refused = 0;
  for (let k = 0; k < 10000; k++) {
    const chars = [...valid];
    for (let m = 1 + Math.floor(rand() * 6); m > 0; m--) {
      const at = Math.floor(rand() * chars.length);
      const op = rand();
      if (op < 0.4) chars[at] = alphabet[Math.floor(rand() * alphabet.length)];
      else if (op < 0.7) chars.splice(at, 1);
      else chars.splice(at, 0, alphabet[Math.floor(rand() * alphabet.length)]);
    }
    const regression = rand() < 0.3;
    try {
      const points = parseCsv(chars.join(''), { regression });
      for (const p of points) assert.ok(Number.isFinite(p.x) && Number.isFinite(p.y) && Number.isFinite(p.label));
      if (!regression) for (const p of points) assert.ok(p.label === 1 || p.label === -1);
    } catch (e) {
      assert.ok(e.csv, `not a refusal: ${e.stack}`);
      assert.match(e.message, /^(line \d+: |the file )/);
      refused++;
    }
  }
  assert.ok(refused > 1000 && refused < 10000, `${refused} refused`);
});

test('linearShare: a piecewise-linear logit is flat almost everywhere, a curved one nowhere', async () => {
  const { linearShare } = await import('../../web/src/runs/plane.js');
  const size = 50;
  const grid = (f) => Float32Array.from({ length: size * size }, (_, i) => f(-6 + (12 * (i % size)) / size, 6 - (12 * Math.floor(i / size)) / size));
  const relu = linearShare(grid((x, y) => Math.max(0, x + 0.5 * y) - Math.max(0, 0.3 - y)), size);
  assert.ok(relu > 0.9 && relu < 1, `${relu}`);
  assert.ok(linearShare(grid((x, y) => Math.tanh(0.5 * x) + Math.tanh(0.4 * y)), size) < 0.01);
  assert.equal(linearShare(grid((x, y) => 2 * x - y + 1), size), 1);
});
