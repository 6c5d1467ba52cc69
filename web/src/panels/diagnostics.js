// Panel "diagnostics": per-layer figures of the page's run (or of the compare
// row the learner picked), the pre-activation histogram over f and f', PReLU's
// alpha over time, the first layer's weights, the confusion matrix and a
// gallery of misclassified digits. All figures come from the engine.
import { RunChart } from '../ui/charts.js';
import { PALETTE } from '../runs/curves.js';
import { drawHistogram, drawWeightGrid, renderConfusion, renderGallery, renderLayerTable } from '../ui/diagnostics-render.js';
import { inSlices } from '../ui/slices.js';
import { formatFixed, formatPercent } from '../i18n/format.js';
import { t } from '../i18n/index.js';
import { curveParams } from '../runs/spec.js';

const HIST_XS = Float32Array.from({ length: 121 }, (_, i) => -6 + i * 0.1);

/** What the panel shows: the chosen compare row if it has figures, else the page's run. */
function source(s) {
  const rec = s.compareSelected && s.compare?.records[s.compareSelected];
  if (rec?.layers) return { run: rec.run, activation: rec.activation, layers: rec.layers };
  if (s.diag) return { run: s.diag.run, activation: s.runs.find((r) => r.id === s.diag.run)?.activation ?? s.settings.activation, layers: s.diag.layers };
  return null;
}

/** One stacked bar: the share of a step's time per stage, with its ms. */
function steps($, p) {
  $('step-figure').hidden = !p;
  if (!p) return;
  const parts = [['gemm', p.gemm], ['activation', p.activation], ['loss', p.loss], ['optimizer', p.optimizer], ['other', p.other]];
  const total = parts.reduce((a, [, v]) => a + v, 0) || 1;
  $('step-breakdown').innerHTML = `<div class="bar">${parts.map(([k, v]) => `<span class="seg ${k}" style="width:${((100 * v) / total).toFixed(2)}%" title="${t(`stage_${k}`)}"></span>`).join('')}</div>
    <ul class="stages">${parts.map(([k, v]) => `<li data-stage="${k}" data-value="${v}"><span class="seg ${k}"></span>${t(`stage_${k}`)} ${formatFixed(v, 2, ' ms')} (${formatPercent(v / total, 0)})</li>`).join('')}</ul>`;
}

export function mount(root, { store, gateway }) {
  const $ = (id) => root.querySelector(`#${id}`);
  const alphaChart = new RunChart($('chart-alpha'), { xLabel: 'step', yLabel: 'α', height: 180 });
  let alphaHistory = [];
  let shown = null; // {run, activation, layers}
  let curveRequest = 0;

  async function histogram(s) {
    const id = ++curveRequest;
    const params = curveParams(s.settings, s.table, shown.activation);
    try {
      const c = await gateway.curve(shown.activation, params, HIST_XS);
      if (id === curveRequest && shown) drawHistogram($('diag-hist'), shown.layers[0].histogram, { xs: HIST_XS, y: c.y, dy: c.dy });
    } catch {
      drawHistogram($('diag-hist'), shown.layers[0].histogram, null);
    }
  }

  function alpha(step, first) {
    if (!first.alpha) return;
    alphaHistory.push([step, first.alpha]);
    $('alpha-figure').hidden = false;
    const line = (name, pick, dash, width) => ({ name, points: alphaHistory.map(([x, a]) => [x, pick(a)]), dash, width });
    alphaChart.update([{
      label: 'α', color: PALETTE[4], current: true,
      // The distribution of the per-unit slopes over time: extremes, 10/90th percentiles, median.
      lines: [
        line('min', (a) => a.min, [2, 3], 1), line('p10', (a) => a.quantiles[0], [5, 3]), line('median', (a) => a.quantiles[2]),
        line('p90', (a) => a.quantiles[4], [5, 3]), line('max', (a) => a.max, [2, 3], 1),
      ],
    }]);
  }

  async function epochFigures(report) {
    renderConfusion($('confusion'), report.confusion);
    try {
      const w = await gateway.firstLayerWeights(report.run);
      drawWeightGrid($('weight-grid'), w.grid, w.deadUnits);
      const { images, labels } = await gateway.samples(report.misclassified);
      const samples = labels.map((_, i) => images.subarray(i * 784, (i + 1) * 784));
      renderGallery($('gallery'), samples, report.predicted, labels);
    } catch {
      // the run was replaced meanwhile
    }
  }

  function render(s) {
    shown = source(s);
    if (!shown) return;
    inSlices(() => renderLayerTable($('diag-layers'), shown.layers), () => histogram(s));
  }

  const unsubscribe = store.subscribe((s, prev) => {
    if (s.currentRun !== prev.currentRun) {
      alphaHistory = [];
      $('alpha-figure').hidden = true;
    }
    if (s.diag !== prev.diag && s.diag) alpha(s.diag.step, s.diag.layers[0]);
    const picked = s.compareSelected && s.compare?.records[s.compareSelected];
    const prevPicked = prev.compareSelected && prev.compare?.records[prev.compareSelected];
    const profile = picked ? picked.profile : s.profile;
    if (profile !== (prevPicked ? prevPicked.profile : prev.profile) || s.lang !== prev.lang) steps($, profile);
    if (s.diag !== prev.diag || picked?.layers !== prevPicked?.layers || s.compareSelected !== prev.compareSelected || s.lang !== prev.lang) render(s);
    if (s.epochReport !== prev.epochReport && s.epochReport) setTimeout(() => epochFigures(s.epochReport), 0);
    else if (s.lang !== prev.lang && s.epochReport) renderConfusion($('confusion'), s.epochReport.confusion);
  });
  return unsubscribe;
}
