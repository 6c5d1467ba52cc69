// Bookkeeping of a run's curves, shared by the page and compare mode.
import test from 'node:test';
import assert from 'node:assert/strict';

import { addEpoch, addProgress, newCurves } from '../../web/src/runs/curves.js';

test('smoothing weighs a message by its number of steps; epoch means weigh by samples', () => {
  const c = newCurves();
  addProgress(c, { epoch: 0, epochFraction: 0.25, loss: 2, accuracy: 0.5, stepsRun: 1, samplesRun: 100 });
  assert.equal(c.ema, 2);
  addProgress(c, { epoch: 0, epochFraction: 0.75, loss: 1, accuracy: 1, stepsRun: 2, samplesRun: 300 });
  // two steps at factor 0.9 each: keep 0.81 of the old value
  assert.ok(Math.abs(c.ema - (0.81 * 2 + 0.19 * 1)) < 1e-12);
  assert.deepEqual(c.loss, [[0.25, 2], [0.75, 1]]);
  const e = addEpoch(c, { epoch: 1, valLoss: 0.9, valAccuracy: 0.8, seconds: 1.5 });
  assert.deepEqual(e, { epoch: 1, valLoss: 0.9, valAccuracy: 0.8, trainLoss: (200 + 300) / 400, trainAccuracy: (50 + 300) / 400, seconds: 1.5 });
  assert.deepEqual(c.acc, { loss: 0, correct: 0, samples: 0 });
  assert.equal(addEpoch(c, { epoch: 2, valLoss: 1, valAccuracy: 1, seconds: 1 }).trainLoss, null);
});
