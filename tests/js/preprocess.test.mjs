// MNIST-style preprocessing of drawings.
import test from 'node:test';
import assert from 'node:assert/strict';

import { areaResample, centreOfMass, preprocess } from '../../web/src/ui/preprocess.js';

function canvas(w, h, paint) {
  const a = new Uint8ClampedArray(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) a[y * w + x] = paint(x, y) ? 255 : 0;
  return a;
}

test('an empty canvas gives no image', () => {
  assert.equal(preprocess(new Uint8ClampedArray(280 * 280), 280, 280), null);
});

test('the longer side of the ink becomes 20 px, centred by mass', () => {
  // A tall bar 40 wide, 200 high, far in the top-left corner of a 280×280 pad.
  const img = preprocess(canvas(280, 280, (x, y) => x >= 10 && x < 50 && y >= 5 && y < 205), 280, 280);
  let rows = new Set(), cols = new Set();
  for (let y = 0; y < 28; y++) for (let x = 0; x < 28; x++) if (img[y * 28 + x] > 0.5) rows.add(y), cols.add(x);
  assert.equal(rows.size, 20);
  assert.equal(cols.size, 4);
  const c = centreOfMass(img);
  assert.ok(Math.abs(c.x - 14) <= 0.5 && Math.abs(c.y - 14) <= 0.5, JSON.stringify(c));
  for (const v of img) assert.ok(v >= 0 && v <= 1);
});

test('area averaging keeps the mean intensity', () => {
  // A checkerboard of 1-px squares averages to one half.
  const src = canvas(40, 40, (x, y) => (x + y) % 2 === 0);
  const out = areaResample(src, 40, 0, 0, 40, 40, 20, 20);
  for (const v of out) assert.ok(Math.abs(v - 0.5) < 1e-6);
  // A 3→2 downscale with fractional coverage: [255, 0, 255] -> [(1 + 0.5·0)/1.5, (0.5·0 + 1)/1.5]
  const row = areaResample(new Uint8ClampedArray([255, 0, 255]), 3, 0, 0, 3, 1, 2, 1);
  assert.ok(Math.abs(row[0] - 2 / 3) < 1e-6 && Math.abs(row[1] - 2 / 3) < 1e-6, `${row}`);
});

test('a wide stroke is scaled by its width and keeps its aspect ratio', () => {
  const img = preprocess(canvas(280, 280, (x, y) => x >= 20 && x < 260 && y >= 100 && y < 124), 280, 280);
  let cols = new Set(), rows = new Set();
  for (let y = 0; y < 28; y++) for (let x = 0; x < 28; x++) if (img[y * 28 + x] > 0.5) rows.add(y), cols.add(x);
  assert.equal(cols.size, 20);
  assert.equal(rows.size, 2);
});
