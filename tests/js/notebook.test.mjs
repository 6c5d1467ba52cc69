// The notebook bridge through the JS API (the engine the page runs): exported
// scripts, .npz weights out and back in, and weights trained in real PyTorch
// (left in build/notebook by tests/python/test_notebook.py, which runs first)
// predicting the same classes here as in PyTorch on all 2,000 test digits.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { loadEngine } from '../../web/src/engine/engine.js';
import { loadEmbedded, root } from './helpers.mjs';

const engine = await loadEngine({ simd: true });
const data = loadEmbedded(engine);

/** Classes of the 2,000 test digits. */
function classes(net) {
  const n = data.testLabels.length;
  const out = [];
  for (let i = 0; i < n; i++) {
    const p = net.predict(Float32Array.from(data.testImages.subarray(i * 784, (i + 1) * 784), (v) => v / 255));
    out.push(p.indexOf(Math.max(...p)));
  }
  return out;
}

test('exportCode: a PyTorch and a Keras script naming the layers, parameters and optimizer', () => {
  const spec = { hidden: [{ units: 64, activation: 'elu', params: { alpha: 0.5 } }, { units: 32, activation: 'custom', formula: 'x * sigmoid(x)' }], optimizer: 'adam', learningRate: 0.002, batchSize: 64 };
  const py = engine.exportCode(spec, 'pytorch', 3);
  assert.match(py, /nn\.Linear\(784, 64\), nn\.ELU\(alpha=0\.5\),/);
  assert.match(py, /nn\.Linear\(64, 32\), Custom2\(\),/);
  assert.match(py, /return \(x \* torch\.sigmoid\(x\)\)/);
  assert.match(py, /\\"kind\\": \\"adam\\", \\"lr\\": 0\.002, \\"rho\\": 0\.9, \\"epsilon\\": 1e-07/);
  assert.match(py, /EPOCHS = 3\nBATCH = 64/);
  const keras = engine.exportCode(spec, 'keras', 3);
  assert.match(keras, /layers\.Dense\(64, kernel_initializer="glorot_uniform"/);
  assert.match(keras, /layers\.ELU\(alpha=0\.5\)/);
  assert.match(keras, /return \(x \* ops\.sigmoid\(x\)\)/);
  assert.throws(() => engine.exportCode(spec, 'jax'), /unknown framework 'jax'/);
  assert.throws(() => engine.exportCode({ hidden: [{ units: 0, activation: 'relu' }] }, 'pytorch'), /units/);
});

test('exportNpz then importNpz into a fresh network of the same spec: the same predictions', () => {
  const spec = { hidden: [{ units: 48, activation: 'prelu', params: { alpha_init: 0.25 } }], seed: 3 };
  const a = engine.createNetwork(spec);
  a.setData(data);
  a.trainSteps(20);
  const bytes = a.exportNpz(2);
  const manifest = engine.npzManifest(bytes);
  assert.equal(manifest.hidden[0].activation, 'prelu');
  assert.equal(manifest.epochs, 2);
  const b = engine.createNetwork({ ...spec, seed: 99 });
  b.importNpz(bytes);
  assert.deepEqual(classes(b).slice(0, 300), classes(a).slice(0, 300));
  // A refused file changes nothing: a transposed kernel names the array and both shapes.
  const c = engine.createNetwork({ hidden: [{ units: 10, activation: 'relu' }] });
  const before = classes(c).slice(0, 50);
  assert.throws(() => c.importNpz(bytes), /array '0\.weight': expected shape \(10, 784\), found \(48, 784\)/);
  assert.deepEqual(classes(c).slice(0, 50), before);
  assert.throws(() => c.importNpz(new Uint8Array([80, 75, 3, 4, 1, 2])), /not a usable \.npz file/);
  for (const n of [a, b, c]) n.dispose();
});

test('weights trained in PyTorch predict the same classes in the engine as in PyTorch, on all 2,000 digits', () => {
  const dir = path.join(root, 'build/notebook');
  const fixture = path.join(dir, 'torch-32-elu.json');
  assert.ok(fs.existsSync(fixture), 'build/notebook is made by tests/python/test_notebook.py (build-scripts/test.sh runs it first)');
  const { hidden, classes: torchClasses } = JSON.parse(fs.readFileSync(fixture, 'utf8'));
  const net = engine.createNetwork({ hidden });
  net.importNpz(new Uint8Array(fs.readFileSync(path.join(dir, 'torch-32-elu.npz'))));
  const ours = classes(net);
  assert.equal(ours.length, 2000);
  assert.equal(ours.filter((c, i) => c !== torchClasses[i]).length, 0);
  net.dispose();
});

test('zipFiles: a stored archive the .npz reader and unzip tools read', () => {
  const bytes = engine.zipFiles({ 'a.npy': new Uint8Array([1, 2, 3]), 'b/c.txt': new TextEncoder().encode('hi') });
  assert.deepEqual([...bytes.subarray(0, 4)], [0x50, 0x4b, 3, 4]);
  const s = Buffer.from(bytes).toString('latin1');
  assert.ok(s.includes('a.npy') && s.includes('b/c.txt') && s.includes('hi'));
});
