#!/usr/bin/env node
// Benchmark (not a test): run with `node tests/bench/bench.mjs` after
// build-scripts/build-wasm.sh. Everything is measured in this one Node process,
// alternating the things compared, and medians of the rounds are reported:
//   1. SGEMM GFLOP/s on the three training shapes, and the fraction of the WASM
//      SIMD peak measured here by an independent multiply-add loop
//   2. training samples/second for each activation, SIMD vs scalar build
//   3. the same network trained by TensorFlow.js (tfjs-layers + tfjs-backend-wasm,
//      SIMD, one thread, RMSprop, batch 128) and the ratio ours / TF.js
//   4. latency of one prediction
// Options: --rounds N (default 5), --quick (fewer steps, for a smoke run).
import path from 'node:path';

import { loadEngine } from '../../web/src/engine/engine.js';
import { loadEmbedded, root } from '../js/helpers.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const rounds = Number(args[args.indexOf('--rounds') + 1]) || (quick ? 3 : 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const now = () => performance.now() / 1000;
const fmt = (x, d = 1) => x.toFixed(d);

const simd = await loadEngine({ simd: true });
const scalar = await loadEngine({ simd: false });
const data = loadEmbedded(simd);

console.log(`# Activation Playground benchmark — Node ${process.version}, ${rounds} rounds, medians\n`);

// 1. SGEMM vs peak ------------------------------------------------------------------
const shapes = [
  { name: 'X·W (forward)', ta: false, tb: false, M: 128, N: 512, K: 784 },
  { name: 'Xᵀ·dY (weight gradient)', ta: true, tb: false, M: 784, N: 512, K: 128 },
  { name: 'dY·Wᵀ (input gradient)', ta: false, tb: true, M: 128, N: 784, K: 512 },
  { name: 'X·W (head)', ta: false, tb: false, M: 128, N: 10, K: 512 },
];
simd.module.benchPeak(5e7); // let V8 tier up the loops
for (const s of shapes) simd.module.benchSgemm(s.ta, s.tb, s.M, s.N, s.K, 5);
// The machine is shared and noisy: each GEMM timing is paired with peak
// measurements taken just before and after it, and the ratio is per pair.
const peaks = [];
const gflops = shapes.map(() => []);
const fractions = shapes.map(() => []);
const sgemmRounds = Math.max(rounds, 7);
for (let r = 0; r < sgemmRounds; r++) {
  shapes.forEach((s, i) => {
    const before = simd.module.benchPeak(1e7);
    const t = simd.module.benchSgemm(s.ta, s.tb, s.M, s.N, s.K, quick ? 10 : 20);
    const after = simd.module.benchPeak(1e7);
    const g = (2 * s.M * s.N * s.K) / t / 1e9;
    peaks.push(before, after);
    gflops[i].push(g);
    fractions[i].push(g / ((before + after) / 2));
  });
}
const peak = median(peaks);
console.log(`## 1. SGEMM (WASM SIMD, one core)\n\nmeasured f32x4 multiply+add peak: ${fmt(peak)} GFLOP/s (median of ${peaks.length})\n`);
console.log('| product | M×N×K | GFLOP/s | fraction of peak (median of paired ratios) |\n|---|---|---|---|');
shapes.forEach((s, i) => {
  console.log(`| ${s.name} | ${s.M}×${s.N}×${s.K} | ${fmt(median(gflops[i]))} | ${fmt(100 * median(fractions[i]), 0)}% |`);
});

// 2. training throughput per activation, SIMD vs scalar ------------------------------
function samplesPerSecond(engine, activation, steps) {
  const formula = activation === 'custom' ? { formula: 'x * sigmoid(x)' } : {};
  const net = engine.createNetwork({ hidden: [{ units: 512, activation, ...formula }], seed: 1 });
  net.setData(data);
  net.trainSteps(2); // warm-up
  const t0 = now();
  const s = net.trainSteps(steps);
  const t = now() - t0;
  net.dispose();
  return s.samplesRun / t;
}
const activations = simd.activations().filter((a) => a.id !== 'linear');
const steps = quick ? 8 : 30;
const speed = Object.fromEntries(activations.map((a) => [a.id, { simd: [], scalar: [] }]));
for (let r = 0; r < rounds; r++) {
  for (const a of activations) {
    speed[a.id].simd.push(samplesPerSecond(simd, a.id, steps));
    speed[a.id].scalar.push(samplesPerSecond(scalar, a.id, steps));
  }
}
console.log('\n## 2. Training throughput, 784-512-10, batch 128 (samples/s)\n');
console.log('| activation | SIMD | scalar | SIMD / scalar |\n|---|---|---|---|');
for (const a of activations) {
  const v = median(speed[a.id].simd);
  const s = median(speed[a.id].scalar);
  const ratio = median(speed[a.id].simd.map((x, i) => x / speed[a.id].scalar[i]));
  console.log(`| ${a.name} | ${fmt(v, 0)} | ${fmt(s, 0)} | ${fmt(ratio, 2)}× |`);
}

// 3. TensorFlow.js WASM backend --------------------------------------------------------
const tf = await import('@tensorflow/tfjs-core');
const tfl = await import('@tensorflow/tfjs-layers');
const tfwasm = await import('@tensorflow/tfjs-backend-wasm');
tfwasm.setWasmPaths(path.join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist') + '/');
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false); // one thread, as ours
await tf.setBackend('wasm');
await tf.ready();
const tfSimd = tf.env().getBool('WASM_HAS_SIMD_SUPPORT');
const model = tfl.sequential({
  layers: [
    tfl.layers.dense({ units: 512, activation: 'relu', inputShape: [784], kernelInitializer: 'glorotUniform' }),
    tfl.layers.dense({ units: 10, activation: 'softmax' }),
  ],
});
model.compile({ optimizer: tf.train.rmsprop(0.001, 0.9, 0, 1e-7), loss: 'categoricalCrossentropy' });
const batch = 128;
const xs = tf.tensor2d(Float32Array.from(data.trainImages.subarray(0, batch * 784), (v) => v / 255), [batch, 784]);
const ys = tf.oneHot(tf.tensor1d(Int32Array.from(data.trainLabels.subarray(0, batch)), 'int32'), 10).cast('float32');
async function tfjsSamplesPerSecond(n) {
  const t0 = now();
  for (let i = 0; i < n; i++) await model.trainOnBatch(xs, ys);
  return (n * batch) / (now() - t0);
}
await tfjsSamplesPerSecond(3); // warm-up
const ours = [];
const theirs = [];
const tfSteps = quick ? 4 : 10;
for (let r = 0; r < rounds; r++) {
  ours.push(samplesPerSecond(simd, 'relu', steps));
  theirs.push(await tfjsSamplesPerSecond(tfSteps));
}
const ratios = ours.map((o, i) => o / theirs[i]);
console.log(`\n## 3. Against TensorFlow.js ${tf.version_core} (WASM backend, SIMD ${tfSimd ? 'on' : 'off'}, 1 thread)\n`);
console.log('| trainer | samples/s |\n|---|---|');
console.log(`| Activation Playground (WASM SIMD) | ${fmt(median(ours), 0)} |`);
console.log(`| TensorFlow.js tfjs-backend-wasm | ${fmt(median(theirs), 0)} |`);
console.log(`\nratio ours / TF.js (median of ${rounds} alternating rounds): **${fmt(median(ratios), 1)}×**`);

// 4. predict latency ---------------------------------------------------------------------
// One digit, from JavaScript: pixels in, probabilities back (what the page does
// on every stroke). Alternated with TF.js predicting the same digit with its model.
const net = simd.createNetwork({});
const px = Float32Array.from(data.testImages.subarray(0, 784), (v) => v / 255);
const tfPredict = () => tf.tidy(() => model.predict(tf.tensor2d(px, [1, 784])).dataSync());
for (let i = 0; i < 200; i++) net.predict(px), tfPredict();
const lat = [];
const tfLat = [];
const reps = 500;
for (let r = 0; r < rounds; r++) {
  let t0 = now();
  for (let i = 0; i < reps; i++) net.predict(px);
  lat.push(((now() - t0) / reps) * 1000);
  t0 = now();
  for (let i = 0; i < reps; i++) tfPredict();
  tfLat.push(((now() - t0) / reps) * 1000);
}
net.dispose();
console.log('\n## 4. One prediction (784-512-10, one digit from JS: pixels in, probabilities out)\n');
console.log('| engine | ms per prediction |\n|---|---|');
console.log(`| Activation Playground (WASM SIMD) | ${fmt(median(lat), 4)} |`);
console.log(`| TensorFlow.js tfjs-backend-wasm | ${fmt(median(tfLat), 4)} |`);
console.log(`\nratio TF.js / ours (median of ${rounds} alternating rounds): **${fmt(median(tfLat.map((t, i) => t / lat[i])), 1)}×**`);
