// "Costs an exp", measured in the engine: ratios only, from one process, so a
// busy machine slows both sides alike. No absolute time is asserted.
import test from 'node:test';
import assert from 'node:assert/strict';

import { loadEngine } from '../../web/src/engine/engine.js';
import { loadEmbedded } from './helpers.mjs';

const engine = await loadEngine();
const data = loadEmbedded(engine);

test('ELU and sigmoid cost at least twice ReLU per element; every activation has a figure', () => {
  for (const id of ['elu', 'sigmoid']) {
    const c = engine.activationCost(id, {});
    assert.ok(c.forwardRelative >= 2, `${id}: ${c.forwardNs.toFixed(2)} ns vs ReLU ${c.reluForwardNs.toFixed(2)} ns`);
    assert.ok(c.relativeToRelu >= 2, `${id}: ${c.relativeToRelu}× ReLU`);
  }
  for (const a of engine.activations()) {
    const c = engine.activationCost(a.id, a.id === 'custom' ? { formula: 'x * sigmoid(x)' } : {});
    assert.ok(Number.isFinite(c.relativeToRelu) && c.relativeToRelu > 0, a.id);
    assert.ok(c.forwardNs > 0 && c.backwardNs > 0, a.id);
  }
  assert.throws(() => engine.activationCost('swish', {}), /unknown activation/);
});

test('a step broken down: its parts add up to the measured step within 10%', () => {
  for (const hidden of [[{ units: 512, activation: 'relu' }], [{ units: 512, activation: 'maxout' }]]) {
    const net = engine.createNetwork({ hidden });
    try {
      net.setData(data);
      const t0 = performance.now();
      const p = net.stepProfile(5);
      const wall = (performance.now() - t0) / 5;
      const parts = p.gemm + p.activation + p.loss + p.optimizer + p.other;
      assert.ok(Math.abs(parts - p.measured) <= 0.1 * p.measured, `parts ${parts} vs measured ${p.measured}`);
      assert.ok(Math.abs(p.measured - wall) <= 0.1 * wall, `engine ${p.measured} ms vs JS ${wall} ms per step`);
      assert.ok(p.gemm > p.activation && p.gemm > p.optimizer, JSON.stringify(p));
      // The fastest step's stages: positive, never above the mean of the steps.
      assert.ok(p.gemmMin > 0 && p.gemmMin <= p.gemm * (1 + 1e-9), JSON.stringify(p));
      assert.ok(p.activationMin > 0 && p.activationMin <= p.activation * (1 + 1e-9), JSON.stringify(p));
      assert.equal(p.stats.stepsRun, 5);
      assert.equal(net.info().step, 5); // real steps
    } finally {
      net.dispose();
    }
  }
});

test('timeStep times a step without training: same weights, same step, training goes on as without it', () => {
  const spec = { hidden: [{ units: 64, activation: 'maxout' }], seed: 3 };
  const a = engine.createNetwork(spec);
  const b = engine.createNetwork(spec);
  try {
    a.setData(data);
    b.setData(data);
    a.trainSteps(2);
    b.trainSteps(2);
    const p = a.timeStep();
    assert.ok(p.gemm > 0 && p.activation > 0 && p.measured >= p.gemm, JSON.stringify(p));
    assert.equal(a.info().step, 2);
    assert.deepEqual(a.saveWeights(), b.saveWeights());
    assert.equal(a.trainSteps(3).loss, b.trainSteps(3).loss);
    assert.deepEqual(a.saveWeights(), b.saveWeights());
  } finally {
    a.dispose();
    b.dispose();
  }
});
