// Lesson checks are data: verdict.js evaluates them and words them in English and Korean.
import test from 'node:test';
import assert from 'node:assert/strict';

import { EXERCISES, lessonRuns } from '../../web/src/lessons/exercises.js';
import { METRICS } from '../../web/src/lessons/metrics.js';
import { checkMetrics, checkRuns, evaluate, observation } from '../../web/src/lessons/verdict.js';

const ex4 = EXERCISES.find((e) => e.n === 4);
const rec = (fields) => ({ done: true, ...fields });
const dying = {
  relu: rec({ deadFraction: 1, inactiveFraction: 1, valAccuracy: 0.112 }),
  leaky_relu: rec({ deadFraction: 0, inactiveFraction: 0.93, valAccuracy: 0.817 }),
  prelu: rec({ deadFraction: 0, inactiveFraction: 0.77, valAccuracy: 0.855 }),
  elu: rec({ deadFraction: 0, inactiveFraction: 0.11, valAccuracy: 0.903 }),
};
const names = { relu: 'ReLU', leaky_relu: 'Leaky ReLU', prelu: 'PReLU', elu: 'ELU' };

test('every lesson check reads known metrics of its own runs', () => {
  for (const ex of EXERCISES) {
    for (const m of checkMetrics(ex)) assert.ok(METRICS[m], `${ex.n}: ${m}`);
    for (const r of checkRuns(ex)) assert.ok(lessonRuns(ex).includes(r), `${ex.n}: ${r}`);
    for (const c of ex.check) assert.ok(['>', '<', '>=', '<=', '='].includes(c.op));
  }
});

test('lesson 4 holds for the dying-ReLU figures and says which comparisons held', () => {
  const v = evaluate(ex4, dying, { names });
  assert.equal(v.ready, true);
  assert.equal(v.holds, true);
  assert.match(v.sentence, /^The observation holds: ReLU dead units 100\.0% > 50\.0% ✓; Leaky ReLU dead units 0\.0% = 0\.0% ✓/);
  assert.match(v.sentence, /ELU validation accuracy 90\.3% > ReLU 11\.2% \+ 30\.0% ✓\.$/);
  const ko = evaluate(ex4, dying, { names, lang: 'ko' });
  assert.match(ko.sentence, /^예상한 관찰이 맞습니다: ReLU 죽은 유닛 100\.0% > 50\.0% ✓/);
});

test('it fails when one comparison fails, and waits until every run is done', () => {
  const leakyDead = { ...dying, leaky_relu: rec({ ...dying.leaky_relu, deadFraction: 0.2 }) };
  const v = evaluate(ex4, leakyDead, { names });
  assert.equal(v.holds, false);
  assert.match(v.sentence, /^The observation does not hold: .*Leaky ReLU dead units 20\.0% = 0\.0% ✗/);
  const running = { ...dying, elu: { ...dying.elu, done: false } };
  assert.deepEqual([evaluate(ex4, running).ready, evaluate(ex4, running).holds], [false, false]);
  assert.equal(evaluate(ex4, {}).holds, false);
});

test('factors, offsets, magnitudes and "never" (null as infinity) compare as stated', () => {
  const ex2 = EXERCISES.find((e) => e.n === 2);
  const r = { sigmoid: rec({ gradNormFirst: 0.0009, valAccuracy: 0.2 }), relu: rec({ gradNormFirst: 0.1, valAccuracy: 0.9 }) };
  assert.equal(evaluate(ex2, r).holds, true);
  assert.equal(evaluate(ex2, { ...r, sigmoid: rec({ gradNormFirst: 0.0011, valAccuracy: 0.2 }) }).holds, false);
  const ex3 = EXERCISES.find((e) => e.n === 3);
  const fast = { relu: rec({ firstEpochValAccuracy: 0.9, epochsTo90: 1 }), tanh: rec({ firstEpochValAccuracy: 0.85, epochsTo90: null }), sigmoid: rec({ firstEpochValAccuracy: 0.8, epochsTo90: null }) };
  assert.equal(evaluate(ex3, fast).holds, true, evaluate(ex3, fast).sentence);
  assert.equal(evaluate(ex3, { ...fast, relu: rec({ firstEpochValAccuracy: 0.9, epochsTo90: null }) }).holds, false);
  const ex6 = EXERCISES.find((e) => e.n === 6);
  const cheap = { activationCost: 1 };
  assert.equal(evaluate(ex6, { elu: rec({ meanOutput: -0.1, activationCost: 6 }), relu: rec({ meanOutput: 0.3, ...cheap }) }).holds, true);
  assert.equal(evaluate(ex6, { elu: rec({ meanOutput: -0.2, activationCost: 6 }), relu: rec({ meanOutput: 0.3, ...cheap }) }).holds, false);
  // The cost verdict rides on the measured per-element ratio, not on epoch times.
  const v = evaluate(ex6, { elu: rec({ meanOutput: -0.1, activationCost: 1.5, secondsPerEpoch: 9 }), relu: rec({ meanOutput: 0.3, ...cheap, secondsPerEpoch: 1 }) });
  assert.equal(v.holds, false);
  assert.match(v.sentence, /elu activation cost per element \(f and f′\) 1\.5× ReLU > 2× relu 1\.0× ReLU ✗/);
});

test('the observation lists every run for every metric the lesson reads', () => {
  const lines = observation(ex4, dying, lessonRuns(ex4), { names });
  assert.deepEqual(lines.map((l) => l.metric), ['deadFraction', 'valAccuracy', 'inactiveFraction']);
  assert.equal(lines[0].text, 'dead units — ReLU 100.0%, Leaky ReLU 0.0%, ELU 0.0%, PReLU 0.0%');
  assert.equal(lines[2].column, 'inactive-fraction');
});
