// The charts' axes (web/src/ui/charts.js): tick values and ranges, checked
// without a browser (the drawing itself is checked by the page tests).
import test from 'node:test';
import assert from 'node:assert/strict';

import { axisRange, niceTicks } from '../../web/src/ui/charts.js';

test('niceTicks: steps of 1, 2 or 5 times a power of ten, inside the range', () => {
  assert.deepEqual(niceTicks(0, 1, 5), [0, 0.2, 0.4, 0.6, 0.8, 1]);
  assert.deepEqual(niceTicks(-5, 5, 4), [-5, 0, 5]); // 2.5 a step wanted: 5
  assert.deepEqual(niceTicks(0.9, 0.98, 4), [0.9, 0.92, 0.94, 0.96, 0.98]);
  assert.deepEqual(niceTicks(0.1, 2.3, 5), [0.5, 1, 1.5, 2]);
  for (const [lo, hi, n] of [[0, 1e-5, 5], [3, 3000, 6], [-1.25, 0.01, 3], [0.0123, 0.0456, 8]]) {
    const t = niceTicks(lo, hi, n);
    assert.ok(t.length >= 2 && t.length <= 2 * n + 1, `${lo}..${hi}: ${t}`);
    for (const v of t) assert.ok(v >= lo - 1e-12 && v <= hi + 1e-12, `${v} in ${lo}..${hi}`);
    const step = t[1] - t[0];
    const mantissa = step / 10 ** Math.floor(Math.log10(step) + 1e-9);
    assert.ok([1, 2, 5].some((m) => Math.abs(mantissa - m) < 1e-6), `step ${step}`);
  }
});

test('niceTicks on a whole-number axis: integers only (no 0.5 or 1.05 epoch)', () => {
  assert.deepEqual(niceTicks(1, 2, 5, true), [1, 2]);
  assert.deepEqual(niceTicks(0, 1, 8, true), [0, 1]);
  assert.deepEqual(niceTicks(1, 20, 4, true), [5, 10, 15, 20]);
  for (let hi = 2; hi <= 300; hi += 7) for (const v of niceTicks(1, hi, 5, true)) assert.ok(Number.isInteger(v), `${v} of 1..${hi}`);
});

test('niceTicks and axisRange never fail on empty, flat or non-finite data', () => {
  assert.deepEqual(niceTicks(1, 1), []);
  assert.deepEqual(niceTicks(NaN, 1), []);
  assert.deepEqual(axisRange([]), [0, 1]);
  assert.deepEqual(axisRange([NaN, Infinity]), [0, 1]);
  assert.deepEqual(axisRange([2, 2]), [1, 3]);
  assert.deepEqual(axisRange([1], { whole: true }), [0, 2]);
  assert.deepEqual(axisRange([0, NaN, 10], { pad: 0.1 }), [-1, 11]);
  assert.deepEqual(axisRange([1, 5], { whole: true }), [1, 5]);
});
