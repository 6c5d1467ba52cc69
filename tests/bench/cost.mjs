#!/usr/bin/env node
// Benchmark (not a test): what each activation costs per element (f and f′,
// against ReLU interleaved in the same run, medians), before and after the
// vector math (the scalar libm loops are still in the engine, switched by
// useReferenceKernels, so both are timed side by side in one process), in the
// SIMD and scalar builds; and what that does to a training step of the note's
// network.
//   node tests/bench/cost.mjs
import { loadEngine } from '../../web/src/engine/engine.js';
import { loadEmbedded } from '../js/helpers.mjs';

const simd = await loadEngine({ simd: true });
const scalar = await loadEngine({ simd: false });
const fmt = (x, d = 2) => x.toFixed(d);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// The issue's bounds for f + f′ against ReLU in the SIMD build.
const TARGET = { sigmoid: 5, tanh: 5, elu: 5, selu: 5, silu: 5, softplus: 5, gelu: 8, mish: 8 };

/** Median over rounds of {ns: f + f′, rel: × ReLU}, before (reference loops) and after, alternately. */
function beforeAfter(engine, id, params, rounds = 3) {
  const before = [], after = [];
  for (let r = 0; r < rounds; r++) {
    engine.useReferenceKernels(true);
    before.push(engine.activationCost(id, params));
    engine.useReferenceKernels(false);
    after.push(engine.activationCost(id, params));
  }
  const pick = (xs) => ({
    f: median(xs.map((c) => c.forwardNs)),
    b: median(xs.map((c) => c.backwardNs)),
    rel: median(xs.map((c) => c.relativeToRelu)),
  });
  return { before: pick(before), after: pick(after) };
}

console.log('# Per-element cost of f and f′, before and after the vector math (65,536 values on [−6, 6]; each figure a median of 9 rounds interleaved with ReLU, before and after alternately, 3 times)\n');
console.log('| activation | SIMD before: f + f′ ns | before × ReLU | SIMD after: f ns | f′ ns | after × ReLU | bound | scalar before × ReLU | scalar after × ReLU |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const a of simd.activations()) {
  const params = a.id === 'custom' ? { formula: 'x * sigmoid(x)' } : {};
  const v = beforeAfter(simd, a.id, params);
  const s = beforeAfter(scalar, a.id, params, 1);
  const bound = TARGET[a.id];
  const met = bound ? (v.after.rel <= bound ? ` ≤ ${bound}× ✓` : ` ≤ ${bound}× ✗`) : '';
  const name = a.id === 'custom' ? 'Your own: x * sigmoid(x)' : a.name;
  console.log(`| ${name} | ${fmt(v.before.f + v.before.b)} | ${fmt(v.before.rel, 1)}× | ${fmt(v.after.f)} | ${fmt(v.after.b)} | ${fmt(v.after.rel, 1)}× |${met} | ${fmt(s.before.rel, 1)}× | ${fmt(s.after.rel, 1)}× |`);
}

const data = loadEmbedded(simd);
console.log('\n# One training step of the note\'s network (784-512-10, batch 128, RMSprop), SIMD build, ms per step (20 steps)\n');
console.log('| activation | matrix products | activation | softmax + loss | optimizer | batch and rest | measured step |');
console.log('|---|---|---|---|---|---|---|');
for (const id of ['relu', 'elu', 'sigmoid', 'gelu', 'mish', 'maxout']) {
  const net = simd.createNetwork({ hidden: [{ units: 512, activation: id }] });
  net.setData(data);
  net.stepProfile(5); // warm-up
  const p = net.stepProfile(20);
  net.dispose();
  const pct = (x) => `${fmt(x)} (${Math.round((100 * x) / p.measured)}%)`;
  console.log(`| ${id} | ${pct(p.gemm)} | ${pct(p.activation)} | ${pct(p.loss)} | ${pct(p.optimizer)} | ${pct(p.other)} | ${fmt(p.measured)} |`);
}

/** Training samples/s of a spec: 20 steps after 3 of warm-up. */
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
const hidden = (activation, extra = {}) => ({ hidden: [{ units: 512, activation, ...extra }] });

console.log('\n# A training step with GELU or Mish against ReLU (784-512-10, batch 128, SIMD; 5 rounds, alternately; step time relative to ReLU\'s)\n');
console.log('| activation | samples/s | step time vs ReLU | bound |');
console.log('|---|---|---|---|');
const rounds = { relu: [], gelu: [], mish: [] };
for (let r = 0; r < 5; r++) for (const id of Object.keys(rounds)) rounds[id].push(sps(hidden(id)));
for (const id of Object.keys(rounds)) {
  const slower = median(rounds.relu.map((s, i) => s / rounds[id][i])) - 1;
  const bound = id === 'relu' ? '' : slower <= 0.15 ? '≤ +15% ✓' : '≤ +15% ✗';
  console.log(`| ${id} | ${Math.round(median(rounds[id]))} | ${id === 'relu' ? '–' : `${slower >= 0 ? '+' : ''}${fmt(100 * slower, 1)}%`} | ${bound} |`);
}

// A formula compiled by the engine against the built-in it spells out: training samples/s, alternating rounds.
console.log('\n# Your own activation: `custom` = x * sigmoid(x) against the built-in silu (784-512-10, batch 128, SIMD, samples/s)\n');
const builtIn = [];
const custom = [];
for (let r = 0; r < 5; r++) {
  builtIn.push(sps(hidden('silu')));
  custom.push(sps(hidden('custom', { formula: 'x * sigmoid(x)' })));
}
console.log('| activation | samples/s |\n|---|---|');
console.log(`| silu (built-in) | ${Math.round(median(builtIn))} |`);
console.log(`| custom: x * sigmoid(x) | ${Math.round(median(custom))} |`);
const ratio = median(custom.map((c, i) => c / builtIn[i]));
console.log(`\ncustom / built-in (median of 5 paired rounds): **${fmt(ratio)}** (bound: at least 0.80 ${ratio >= 0.8 ? '✓' : '✗'})`);
