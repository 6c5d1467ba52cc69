// The learner's own activation through the JS API: the engine parses,
// differentiates and compiles it (no eval anywhere).
import test from 'node:test';
import assert from 'node:assert/strict';

import { loadEngine } from '../../web/src/engine/engine.js';
import { loadEmbedded } from './helpers.mjs';

const engines = [await loadEngine({ simd: true }), await loadEngine({ simd: false })];
const data = loadEmbedded(engines[0]);

test('checkFormula: ok, or a message and a position', () => {
  const e = engines[0];
  assert.equal(e.checkFormula('x * sigmoid(x)').ok, true);
  assert.deepEqual(e.checkFormula('x * sigmod(x)'), { ok: false, message: "unknown function 'sigmod' at 4 — did you mean sigmoid?", position: 4 });
  const paren = e.checkFormula('max(0, x) + (x * 2 + 1');
  assert.equal(paren.ok, false);
  assert.equal(paren.message, "')' expected at 22");
  assert.equal(paren.position, 22);
  assert.equal(e.checkFormula('alert(1)').ok, false);
});

test('activationCurve of a formula equals the built-in it spells out (both builds)', () => {
  const xs = Float32Array.from({ length: 41 }, (_, i) => -5 + i * 0.25);
  for (const e of engines) {
    for (const [id, formula] of [['silu', 'x * sigmoid(x)'], ['relu', 'max(0, x)'], ['elu', 'where(x > 0, x, exp(x) - 1)'], ['mish', 'x * tanh(log(1 + exp(x)))']]) {
      const want = e.activationCurve(id, {}, xs);
      const got = e.activationCurve('custom', { formula }, xs);
      for (let i = 0; i < xs.length; i++) {
        assert.ok(Math.abs(got.y[i] - want.y[i]) <= 2e-6 * Math.abs(want.y[i]) + 1e-6, `${formula} at ${xs[i]}`);
        assert.ok(Math.abs(got.dy[i] - want.dy[i]) <= 2e-6 * Math.abs(want.dy[i]) + 1e-6, `${formula}' at ${xs[i]}`);
      }
    }
    assert.throws(() => e.activationCurve('custom', { formula: 'x * sigmod(x)' }, xs), (err) => err.position === 4 && /did you mean sigmoid/.test(err.message));
  }
});

test('a network with custom = x * sigmoid(x) trains like silu: losses within 1e-4 over 50 steps; files keep the formula', () => {
  for (const e of engines) {
    const a = e.createNetwork({ hidden: [{ units: 128, activation: 'silu' }] });
    const b = e.createNetwork({ hidden: [{ units: 128, activation: 'custom', formula: 'x * sigmoid(x)' }] });
    try {
      a.setData(data);
      b.setData(data);
      for (let i = 0; i < 50; i++) {
        const la = a.trainSteps(1).loss, lb = b.trainSteps(1).loss;
        assert.ok(Math.abs(la - lb) <= 1e-4 * Math.abs(la), `step ${i}: ${la} vs ${lb}`);
      }
      assert.equal(b.info().hidden[0].formula, 'x * sigmoid(x)');
      const c = e.createNetwork({});
      try {
        c.loadWeights(b.saveWeights());
        assert.equal(c.info().description, '784-128(custom x * sigmoid(x))-10');
      } finally {
        c.dispose();
      }
    } finally {
      a.dispose();
      b.dispose();
    }
  }
  assert.throws(() => engines[0].createNetwork({ hidden: [{ units: 8, activation: 'custom', formula: 'x +' }] }), /ends early/);
  assert.throws(() => engines[0].createNetwork({ hidden: [{ units: 8, activation: 'custom', formula: 'x * sigmod(x)' }] }), (e) => e.position === 4 && /did you mean sigmoid/.test(e.message));
  assert.throws(() => engines[0].createNetwork({ hidden: [{ units: 8, activation: 'custom' }] }), /the formula is empty/);
});
