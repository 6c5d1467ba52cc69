// The JavaScript API over the WebAssembly engine, under Node 20.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';

import { loadEngine, simdSupported } from '../../web/src/engine/engine.js';
import fs from 'node:fs';
import path from 'node:path';

import { dataDir, loadEmbedded, root, trainExe } from './helpers.mjs';

const engine = await loadEngine();
const scalar = await loadEngine({ simd: false });
const data = loadEmbedded(engine);

test('the SIMD build loads by default where SIMD validates, the scalar one on request', () => {
  assert.equal(simdSupported(), true);
  assert.equal(engine.simd, true);
  assert.equal(scalar.simd, false);
});

test('activations() is the C++ table', () => {
  const table = engine.activations();
  // The table is read, not listed: every row complete, ids unique, the note's seven and the controls there.
  const ids = table.map((a) => a.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const id of ['linear', 'sigmoid', 'tanh', 'relu', 'leaky_relu', 'prelu', 'elu', 'maxout', 'custom']) assert.ok(ids.includes(id), id);
  for (const a of table) {
    for (const k of ['name', 'formula', 'derivative', 'summary', 'summaryKo']) assert.ok(a[k]?.length > 0, `${a.id}.${k}`);
    for (const p of a.params) {
      assert.ok(p.min <= p.default && p.default <= p.max, `${a.id}.${p.id}`);
      for (const k of ['name', 'help', 'nameKo', 'helpKo']) assert.ok(p[k]?.length > 0, `${a.id}.${p.id}.${k}`);
    }
  }
  assert.deepEqual(table.find((a) => a.id === 'gelu').params.map((p) => [p.id, p.default, p.min, p.max, p.integer]), [['approximate', 0, 0, 1, true]]);
  assert.deepEqual(table.find((a) => a.id === 'silu').params.map((p) => [p.id, p.default]), [['beta', 1]]);
  const leaky = table.find((a) => a.id === 'leaky_relu');
  assert.equal(leaky.name, 'Leaky ReLU');
  assert.deepEqual(
    leaky.params.map((p) => [p.id, p.default, p.min, p.max]),
    [['slope', 0.01, 0, 1]],
  );
  assert.match(table.find((a) => a.id === 'sigmoid').formula, /\\frac\{1\}\{1 \+ e\^\{-x\}\}/);
  assert.equal(table.find((a) => a.id === 'elu').params[0].default, 1);
  assert.equal(table.find((a) => a.id === 'prelu').params[0].default, 0);
  assert.equal(table.find((a) => a.id === 'maxout').params[0].default, 2);
});

test('activationCurve matches reference values (both builds)', () => {
  const xs = new Float32Array([-2, -1, 0, 0.5, 1, 5]);
  for (const e of [engine, scalar]) {
    const sig = e.activationCurve('sigmoid', {}, xs);
    const ref = [0.11920292202211755, 0.2689414213699951, 0.5, 0.6224593312018546, 0.7310585786300049, 0.9933071490757153];
    ref.forEach((v, i) => assert.ok(Math.abs(sig.y[i] - v) < 1e-6, `sigmoid(${xs[i]})`));
    assert.ok(Math.abs(sig.dy[2] - 0.25) < 1e-7);
    const elu = e.activationCurve('elu', { alpha: 1 }, xs);
    assert.ok(Math.abs(elu.y[1] - -0.6321205588285577) < 1e-6);
    assert.ok(Math.abs(elu.dy[1] - 0.36787944117144233) < 1e-6);
    const leaky = e.activationCurve('leaky_relu', { slope: 0.2 }, xs);
    assert.ok(Math.abs(leaky.y[0] - -0.4) < 1e-7);
    assert.equal(leaky.dy[0], Math.fround(0.2));
    const relu = e.activationCurve('relu', {}, xs);
    assert.deepEqual([...relu.y], [0, 0, 0, 0.5, 1, 5]);
    assert.deepEqual([...relu.dy], [0, 0, 0, 1, 1, 1]);
    const tanh = e.activationCurve('tanh', {}, xs);
    assert.ok(Math.abs(tanh.y[3] - 0.46211715726000974) < 1e-6);
  }
});

test('bad arguments throw catchable Errors and the module stays usable', () => {
  assert.throws(() => engine.activationCurve('swish', {}, new Float32Array(3)), /unknown activation 'swish'/);
  assert.throws(() => engine.activationCurve('elu', { alpha: -1 }, new Float32Array(3)), /alpha must be/);
  assert.throws(() => engine.createNetwork({ hidden: [{ units: 64, activation: 'nope' }] }), /unknown activation 'nope'/);
  assert.throws(() => engine.createNetwork({ learningRate: NaN }), /learning rate/);
  assert.throws(() => engine.createNetwork({ batchSize: 0 }), /batchSize must be a whole number in \[1, 8192\], got 0/);
  assert.throws(() => engine.createNetwork({ hidden: [{ units: 0, activation: 'relu' }] }), /units must be/);
  assert.throws(() => engine.createNetwork({ optimizer: 'adagrad' }), /unknown optimizer/);
  const net = engine.createNetwork({ hidden: [{ units: 16, activation: 'relu' }] });
  assert.throws(() => net.trainSteps(1), /no training data/);
  assert.throws(() => net.predict(new Float32Array(100)), /784 pixels/);
  assert.throws(() => net.predict([1, 2, 3]), /Float32Array/);
  assert.throws(() => net.setData({ trainImages: new Uint8Array(785), trainLabels: new Uint8Array(1), testImages: new Uint8Array(784), testLabels: new Uint8Array(1) }), /multiple of 784/);
  assert.throws(() => net.loadWeights(new Uint8Array([1, 2, 3])), /not an Activation Playground weights file/);
  assert.throws(() => engine.parseIdx(new Uint8Array([0, 0, 8, 1, 0, 0, 0, 1, 0]), new Uint8Array(9)), /expected images/);
  // Still usable.
  net.setData(data);
  const s = net.trainSteps(2);
  assert.equal(s.step, 2);
  assert.ok(Number.isFinite(s.loss));
  net.dispose();
  net.dispose();
  assert.throws(() => net.info(), /disposed/);
});

test('same seed gives the same loss trajectory as the native build (1e-4 relative)', () => {
  const native = execFileSync(trainExe, ['--data', dataDir, '--hidden', '64:elu', '--seed', '3', '--trace-steps', '20'], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l).loss);
  for (const e of [engine, scalar]) {
    const net = e.createNetwork({ hidden: [{ units: 64, activation: 'elu' }], seed: 3 });
    net.setData(data);
    const ours = Array.from({ length: 20 }, () => net.trainSteps(1).loss);
    net.dispose();
    ours.forEach((l, i) => assert.ok(Math.abs(l - native[i]) <= 1e-4 * Math.abs(native[i]), `step ${i + 1}: wasm ${l} native ${native[i]} (simd=${e.simd})`));
  }
});

test('the default network reaches 93% on the embedded test split in 5 epochs', () => {
  const net = engine.createNetwork({});
  assert.equal(net.info().description, '784-512(relu)-10');
  assert.equal(net.info().parameters, 407050);
  net.setData(data);
  const steps = net.info().stepsPerEpoch;
  assert.equal(steps, 63);
  for (let e = 1; e <= 5; e++) {
    const s = net.trainSteps(steps);
    assert.equal(s.epoch, e);
  }
  const ev = net.evaluate();
  assert.equal(ev.count, 2000);
  assert.ok(ev.accuracy >= 0.93, `accuracy ${ev.accuracy}`);
  assert.equal(ev.confusion.reduce((a, b) => a + b, 0), 2000);
  // predict on a test digit agrees with evaluate's view of it
  const px = Float32Array.from(data.testImages.subarray(0, 784), (v) => v / 255);
  const p = net.predict(px);
  assert.equal(p.length, 10);
  assert.ok(Math.abs(p.reduce((a, b) => a + b, 0) - 1) < 1e-5);
  net.dispose();
});

test('weights round-trip and corrupt files change nothing', () => {
  const a = engine.createNetwork({ hidden: [{ units: 32, activation: 'prelu', params: { alpha_init: 0.25 } }], seed: 5 });
  a.setData(data);
  a.trainSteps(10);
  const bytes = a.saveWeights();
  const b = engine.createNetwork({ hidden: [{ units: 8, activation: 'tanh' }] });
  const px = Float32Array.from(data.testImages.subarray(784, 1568), (v) => v / 255);
  const before = b.predict(px);
  const bad = bytes.slice();
  bad[100] ^= 1;
  assert.throws(() => b.loadWeights(bad), /checksum/);
  assert.throws(() => b.loadWeights(bytes.subarray(0, bytes.length - 3)), /truncated/);
  assert.deepEqual(b.predict(px), before);
  const info = b.loadWeights(bytes);
  assert.equal(info.description, a.info().description);
  assert.deepEqual(b.predict(px), a.predict(px));
  a.dispose();
  b.dispose();
});

test('diagnostics report the per-layer figures', () => {
  const net = engine.createNetwork({ hidden: [{ units: 64, activation: 'maxout', params: { k: 3 } }, { units: 32, activation: 'prelu' }] });
  net.setData(data);
  net.trainSteps(3);
  const d = net.diagnostics();
  assert.equal(d.layers.length, 2);
  const [m, p] = d.layers;
  assert.equal(m.activation, 'maxout');
  assert.equal(m.pieceUsage.length, 3);
  assert.ok(Math.abs(m.pieceUsage.reduce((a, b) => a + b, 0) - 1) < 1e-9);
  assert.equal(m.histogram.counts.reduce((a, b) => a + b, 0), 256 * 64 * 3);
  assert.equal(m.deadUnits.length, 64);
  assert.ok(p.alpha.min < p.alpha.max);
  assert.equal(p.alpha.quantiles.length, 5);
  for (const l of d.layers) {
    for (const k of ['deadFraction', 'saturationFraction']) assert.ok(l[k] >= 0 && l[k] <= 1);
    assert.ok(l.gradNorm > 0 && l.updateRatio > 0 && l.weightNorm > 0);
  }
  const w = net.firstLayerWeights();
  assert.equal(w.rows, 784);
  assert.equal(w.cols, 192);
  assert.equal(w.weights.length, 784 * 192);
  net.dispose();
});

test('no wasm memory growth across 1,000 create/dispose cycles', () => {
  const cycle = () => {
    const net = engine.createNetwork({ hidden: [{ units: 512, activation: 'relu' }] });
    net.info();
    net.dispose();
  };
  for (let i = 0; i < 20; i++) cycle(); // warm up the allocator
  const before = engine.memoryBytes();
  for (let i = 0; i < 1000; i++) cycle();
  assert.equal(engine.memoryBytes(), before);
});

test('the shipped default model (int8 kernels) predicts the test digits within 0.2 points of float32', () => {
  const site = path.join(root, 'build/site/models/default.apw');
  const f32 = path.join(root, 'build/models/default-f32.apw');
  const accuracy = (file) => {
    const net = engine.createNetwork({});
    try {
      net.loadWeights(new Uint8Array(fs.readFileSync(file)));
      net.setData(data);
      return net.evaluate().accuracy;
    } finally {
      net.dispose();
    }
  };
  const q8 = fs.statSync(site).size;
  assert.ok(q8 * 3.5 < fs.statSync(f32).size, `the shipped model is ${q8} bytes`);
  const a = accuracy(site), b = accuracy(f32);
  assert.ok(Math.abs(a - b) <= 0.002, `int8 ${a}, float32 ${b}`);
  assert.ok(b > 0.93);
});

test('the activations after the note, in both builds: values, the lecun_normal initialiser, training', () => {
  const xs = new Float32Array([-2, -0.5, 0, 1, 3]);
  // From Python's math module (see the C++ reference tests for 23 points each).
  const want = {
    gelu: [-0.04550026389635844, -0.15426876936299344, 0, 0.8413447460685429, 2.99595030590511],
    silu: [-0.2384058440442351, -0.18877033439907273, 0, 0.7310585786300049, 2.8577223804673],
    mish: [-0.2525014826957089, -0.22074377465173, 0, 0.8650983882673103, 2.9865350049679575],
    selu: [-1.5201664685956948, -0.6917581878028713, 0, 1.0507009873554805, 3.1521029620664414],
    softplus: [0.1269280110429725, 0.4740769841801067, 0.6931471805599453, 1.3132616875182228, 3.048587351573742],
  };
  for (const e of [engine, scalar]) {
    for (const [id, ys] of Object.entries(want)) {
      const { y } = e.activationCurve(id, {}, xs);
      ys.forEach((v, i) => assert.ok(Math.abs(y[i] - v) <= 2e-6 * Math.abs(v) + 1e-7, `${id}(${xs[i]}) = ${y[i]}, want ${v}`));
    }
  }
  const net = engine.createNetwork({ hidden: [{ units: 64, activation: 'selu' }], init: 'lecun_normal' });
  try {
    net.setData(data);
    const before = net.evaluate().accuracy;
    net.trainSteps(30);
    assert.ok(net.evaluate().accuracy > before + 0.3);
  } finally {
    net.dispose();
  }
  assert.throws(() => engine.createNetwork({ init: 'lecun_uniform' }), /expected glorot_uniform, he_uniform or lecun_normal/);
});
