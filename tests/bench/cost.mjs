#!/usr/bin/env node
// Benchmark (not a test): what each activation costs per element (f and f′,
// against ReLU interleaved in the same run, medians), in the SIMD and scalar
// builds, and where one training step of the note's network goes.
//   node tests/bench/cost.mjs
import { loadEngine } from '../../web/src/engine/engine.js';
import { loadEmbedded } from '../js/helpers.mjs';

const simd = await loadEngine({ simd: true });
const scalar = await loadEngine({ simd: false });
const fmt = (x, d = 2) => x.toFixed(d);

console.log('# Per-element cost of f and f′ (65,536 values on [−6, 6]; medians of 9 rounds interleaved with ReLU)\n');
console.log('| activation | SIMD f ns | SIMD f′ ns | SIMD × ReLU (f + f′) | scalar f ns | scalar f′ ns | scalar × ReLU (f + f′) |');
console.log('|---|---|---|---|---|---|---|');
for (const a of simd.activations()) {
  const params = a.id === 'custom' ? { formula: 'x * sigmoid(x)' } : {};
  const v = simd.activationCost(a.id, params);
  const s = scalar.activationCost(a.id, params);
  console.log(`| ${a.id === 'custom' ? 'Your own: x * sigmoid(x)' : a.name} | ${fmt(v.forwardNs)} | ${fmt(v.backwardNs)} | ${fmt(v.relativeToRelu, 1)}× | ${fmt(s.forwardNs)} | ${fmt(s.backwardNs)} | ${fmt(s.relativeToRelu, 1)}× |`);
}

const data = loadEmbedded(simd);
console.log('\n# One training step of the note\'s network (784-512-10, batch 128, RMSprop), SIMD build, ms per step (20 steps)\n');
console.log('| activation | matrix products | activation | softmax + loss | optimizer | batch and rest | measured step |');
console.log('|---|---|---|---|---|---|---|');
for (const id of ['relu', 'elu', 'sigmoid', 'maxout']) {
  const net = simd.createNetwork({ hidden: [{ units: 512, activation: id }] });
  net.setData(data);
  net.stepProfile(5); // warm-up
  const p = net.stepProfile(20);
  net.dispose();
  const pct = (x) => `${fmt(x)} (${Math.round((100 * x) / p.measured)}%)`;
  console.log(`| ${id} | ${pct(p.gemm)} | ${pct(p.activation)} | ${pct(p.loss)} | ${pct(p.optimizer)} | ${pct(p.other)} | ${fmt(p.measured)} |`);
}

// A formula compiled by the engine against the built-in it spells out: training samples/s, alternating rounds.
console.log('\n# Your own activation: `custom` = x * sigmoid(x) against the built-in silu (784-512-10, batch 128, SIMD, samples/s)\n');
const sps = (spec) => {
  const net = simd.createNetwork(spec);
  net.setData(data);
  net.trainSteps(3);
  const t0 = performance.now();
  net.trainSteps(20);
  const s = (20 * 128) / ((performance.now() - t0) / 1000);
  net.dispose();
  return s;
};
const builtIn = [];
const custom = [];
for (let r = 0; r < 5; r++) {
  builtIn.push(sps({ hidden: [{ units: 512, activation: 'silu' }] }));
  custom.push(sps({ hidden: [{ units: 512, activation: 'custom', formula: 'x * sigmoid(x)' }] }));
}
const med = (xs) => [...xs].sort((a, b) => a - b)[2];
console.log('| activation | samples/s |\n|---|---|');
console.log(`| silu (built-in) | ${Math.round(med(builtIn))} |`);
console.log(`| custom: x * sigmoid(x) | ${Math.round(med(custom))} |`);
console.log(`\ncustom / built-in (median of 5 paired rounds): **${fmt(med(custom.map((c, i) => c / builtIn[i])))}**`);
