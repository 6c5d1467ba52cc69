// The text behind what is seen: the live region's throttle, the charts' summary
// sentences and data tables, the histogram's and the 2-D neurons' spoken values.
import test from 'node:test';
import assert from 'node:assert/strict';

import { Announcer } from '../../web/src/ui/announcer.js';
import { chartRows, chartSummary } from '../../web/src/ui/charts.js';
import { curveSentence } from '../../web/src/ui/chart-text.js';
import { histogramSummary } from '../../web/src/ui/diagnostics-render.js';
import { neuronLabel } from '../../web/src/panels/plane-network.js';
import { addStrings, setLanguage } from '../../web/src/i18n/index.js';
import { PLANE_STRINGS } from '../../web/src/i18n/plane.js';

/** An announcer over a fake region and a clock the test moves. */
function fake(gap = 1000) {
  let now = 0;
  const timers = [];
  const region = { textContent: '' };
  const a = new Announcer(region, {
    gap,
    now: () => now,
    timer: (fn, ms) => {
      const h = { at: now + ms, fn };
      timers.push(h);
      return h;
    },
    cancel: (h) => timers.splice(timers.indexOf(h), 1),
  });
  const advance = (ms) => {
    const end = now + ms;
    for (;;) {
      timers.sort((x, y) => x.at - y.at);
      const next = timers[0];
      if (!next || next.at > end) break;
      timers.shift();
      now = next.at;
      next.fn();
    }
    now = end;
  };
  return { a, region, advance };
}

test('announcer: a burst of one key is spoken once, the last; other keys wait their turn', () => {
  const { a, region, advance } = fake(1000);
  a.say('Epoch 1', { key: 'training' });
  assert.equal(region.textContent, 'Epoch 1', 'the first message is spoken at once');
  for (let i = 0; i < 20; i++) {
    a.say(`Prediction ${i}`, { key: 'prediction', settle: 300 });
    advance(50); // drawing: a new answer every 50 ms
  }
  assert.deepEqual(a.spoken, ['Epoch 1'], 'nothing spoken while the drawing goes on');
  advance(300);
  assert.deepEqual(a.spoken, ['Epoch 1', 'Prediction 19'], 'the last answer, once it settled');
  a.say('Epoch 2', { key: 'training' });
  a.say('Verdict', { key: 'verdict' });
  assert.equal(a.spoken.length, 2, 'within the gap nothing more is written');
  advance(900); // t = 2200: the last message went out at 1250
  assert.equal(a.spoken.length, 2);
  advance(50);
  assert.deepEqual(a.spoken.slice(2), ['Epoch 2']);
  advance(1000);
  assert.deepEqual(a.spoken.slice(2), ['Epoch 2', 'Verdict']);
  assert.equal(region.textContent, 'Verdict');
  // forget: a queued message dropped before it is spoken
  a.say('Epoch 3', { key: 'training' });
  a.say('Epoch 4', { key: 'other' });
  a.forget('training');
  advance(5000);
  assert.deepEqual(a.spoken.slice(4), ['Epoch 4']);
  // the same sentence twice is still a change of the region's text
  a.say('Epoch 4', { key: 'other' });
  advance(5000);
  assert.notEqual(region.textContent, 'Epoch 4');
  assert.equal(region.textContent.trim(), 'Epoch 4');
});

test('chart summary: the title, the axes, each series\' last value and the best one', () => {
  setLanguage('en');
  const series = [
    { label: 'ReLU · val', points: [[1, 0.91], [2, 0.95]] },
    { label: 'Sigmoid · val', points: [[1, 0.8], [2, 0.88], [3, NaN]] },
  ];
  const text = chartSummary('Accuracy per epoch', series, { xLabel: 'epoch', yLabel: 'accuracy', better: 'higher' });
  assert.equal(text, 'Accuracy per epoch: accuracy by epoch. ReLU · val ends at 0.95 (epoch 2); Sigmoid · val ends at 0.88 (epoch 2). Highest at the end: ReLU · val, 0.95.');
  const lower = chartSummary('Loss', series, { xLabel: 'epoch', yLabel: 'loss', better: 'lower' });
  assert.match(lower, /Lowest at the end: Sigmoid · val, 0\.88\.$/);
  assert.equal(chartSummary('Loss', [{ label: 'a', points: [] }], {}), 'Loss: no data yet.');
  setLanguage('ko');
  assert.match(chartSummary('정확도', series, { xLabel: 'epoch', yLabel: 'accuracy', better: 'higher' }), /^정확도: 에포크에 따른 정확도\. .*가장 높은 것: ReLU · val, 0\.95\.$/);
  setLanguage('en');
});

test('chart data table: one row per x over the union of the series, thinned evenly to the limit with the last kept', () => {
  const { rows, every, total } = chartRows([
    { label: 'a', points: [[1, 0.5], [2, 0.25]] },
    { label: 'b', points: [[2, 1], [3, 2]] },
  ]);
  assert.equal(every, 1);
  assert.equal(total, 3);
  assert.deepEqual(rows, [['1', '0.5', '–'], ['2', '0.25', '1'], ['3', '–', '2']]);
  const long = chartRows([{ label: 'loss', points: Array.from({ length: 1000 }, (_, i) => [i / 100, 1 / (i + 1)]) }], 60);
  assert.equal(long.every, 17);
  assert.ok(long.rows.length <= 60 + 1, `${long.rows.length} rows`);
  assert.deepEqual(long.rows.at(-1), ['9.99', '0.001']);
});

test('histogram sentence: the count, the range, the share below 0 and the fullest bin', () => {
  setLanguage('en');
  // 4 bins over [-2, 2]: 10 in [-2,-1), 30 in [-1,0), 50 in [0,1), 10 in [1,2]
  const text = histogramSummary({ counts: Float64Array.from([10, 30, 50, 10]), min: -2, max: 2 });
  assert.equal(text, '100 pre-activations of the first layer, from -2 to 2: 40 % below 0; the most between 0 and 1.');
  // a bin straddling 0 is shared by its width
  assert.match(histogramSummary({ counts: [100, 0], min: -1, max: 3 }), /: 50 % below 0;/);
});

test('a 2-D neuron spoken: its output range over the plane, the share above 0, dead or not', () => {
  addStrings(PLANE_STRINGS);
  setLanguage('en');
  const grid = Float32Array.from([9, 9, 9, 9, -0.5, 0.25, 0.75, -0.125]); // neuron 2 is the second four
  assert.equal(neuronLabel(grid, 4, 4, { layer: 1, unit: 2, dead: false }), 'Layer 1, neuron 2: output from -0.5 to 0.75 over the plane, above 0 on 50 % of it.');
  assert.match(neuronLabel(new Float32Array(4), 0, 4, { layer: 2, unit: 1, dead: true }), /from 0 to 0 .* 0 % of it\. dead: f′ = 0/);
});

test('the f/f\u2032 plot in a sentence: its activation, and f and f\u2032 at x = -2..2', () => {
  setLanguage('en');
  const xs = Float32Array.from({ length: 201 }, (_, i) => -5 + i * 0.05);
  const relu = xs.map((x) => Math.max(0, x)), step = xs.map((x) => (x > 0 ? 1 : 0));
  assert.equal(curveSentence(xs, relu, step, 'ReLU'),
    'f(x) and f\u2032(x) of ReLU, x from \u22125 to 5. x = -2: f = 0, f\u2032 = 0; x = -1: f = 0, f\u2032 = 0; x = 0: f = 0, f\u2032 = 0; x = 1: f = 1, f\u2032 = 1; x = 2: f = 2, f\u2032 = 1.');
});
