// Panel "compare": pick activations, train them side by side (lab.js), and see
// the results table, the overlaid curves and every model's prediction. When a
// lesson is open, the columns and series that answer its question are
// highlighted. A row click shows that run's diagnostics.
import { RunChart } from '../charts.js';
import { PALETTE } from '../curves.js';
import { exercise } from '../exercises.js';
import { formatCount, t } from '../i18n.js';
import { METRICS } from '../metrics.js';
import { inSlices } from '../slices.js';
import { setSettings } from '../store.js';
import { checkMetrics, checkRuns } from '../verdict.js';

const pct = (v) => (v == null ? '–' : `${(100 * v).toFixed(2)}%`);
const num = (v) => (v == null ? '–' : Math.abs(v) >= 1e-3 || v === 0 ? v.toFixed(3) : v.toExponential(2));

export function mount(root, { store, lab, expose }) {
  const $ = (id) => root.querySelector(`#${id}`);
  const charts = {
    val: new RunChart($('chart-compare-val'), { xLabel: 'epoch', yLabel: 'accuracy', height: 220, wholeX: true }),
    loss: new RunChart($('chart-compare-loss'), { xLabel: 'epoch', yLabel: 'loss', height: 220 }),
  };
  const colors = {};
  const name = (id) => store.get().table.find((a) => a.id === id)?.name ?? id;

  /** What the open lesson points at: {columns: Set, runs: Set, charts: Set} (empty without one). */
  function focus(s) {
    const ex = exercise(s.settings?.exercise);
    if (!ex) return { columns: new Set(), runs: new Set(), charts: new Set() };
    const metrics = checkMetrics(ex);
    return {
      columns: new Set(metrics.map((m) => METRICS[m].column).filter(Boolean)),
      runs: new Set(checkRuns(ex)),
      charts: new Set(metrics.map((m) => METRICS[m].chart).filter(Boolean)),
    };
  }

  function picks(s) {
    const box = $('compare-picks');
    box.querySelectorAll('label').forEach((l) => l.remove());
    s.table.forEach((a, i) => {
      colors[a.id] = PALETTE[i % PALETTE.length];
      const cb = Object.assign(document.createElement('input'), { type: 'checkbox', value: a.id, name: 'compare' });
      cb.checked = s.settings.compare.length ? s.settings.compare.includes(a.id) : a.inNote; // the note's seven by default
      cb.addEventListener('change', () => setSettings(store, { compare: [...box.querySelectorAll('input:checked')].map((c) => c.value) }));
      const label = document.createElement('label');
      label.append(cb, document.createTextNode(a.name));
      box.append(label);
    });
  }

  function table(s, f) {
    const records = Object.values(s.compare.records);
    const cell = (metric, value, text) =>
      `<td data-metric="${metric}"${value == null ? '' : ` data-value="${value}"`}${f.columns.has(metric) ? ' class="highlight"' : ''}>${text}</td>`;
    $('compare-results').tBodies[0].innerHTML = records.map((r) => {
      const pred = r.probabilities ? r.probabilities.indexOf(Math.max(...r.probabilities)) : null;
      return `<tr data-activation="${r.activation}" data-run="${r.run}" data-done="${r.done ? 1 : 0}" data-epoch="${r.epoch}" tabindex="0"
        ${r.activation === s.compareSelected ? 'aria-selected="true"' : ''}${f.runs.has(r.activation) ? ' class="focus"' : ''}>
        <td><span class="swatch" style="background:${colors[r.activation]}"></span>${name(r.activation)}${r.diverged ? ' ⚠' : ''}</td>
        ${cell('val-accuracy', r.valAccuracy, pct(r.valAccuracy))}
        ${cell('best-accuracy', r.bestValAccuracy, pct(r.bestValAccuracy))}
        ${cell('epochs-to-90', r.epochsTo90, r.epochsTo90 ?? '–')}
        ${cell('epochs-to-95', r.epochsTo95, r.epochsTo95 ?? '–')}
        ${cell('dead-fraction', r.deadFraction, pct(r.deadFraction))}
        ${cell('inactive-fraction', r.inactiveFraction, pct(r.inactiveFraction))}
        ${cell('grad-norm-first', r.gradNormFirst, num(r.gradNormFirst))}
        ${cell('mean-output', r.meanOutput, num(r.meanOutput))}
        ${cell('alpha', r.alpha ? `${r.alpha.min},${r.alpha.mean},${r.alpha.max}` : null, r.alpha ? `${r.alpha.min.toFixed(3)} / ${r.alpha.mean.toFixed(3)} / ${r.alpha.max.toFixed(3)}` : '–')}
        ${cell('seconds-per-epoch', r.secondsPerEpoch, r.secondsPerEpoch == null ? '–' : r.secondsPerEpoch.toFixed(2))}
        ${cell('activation-cost', r.activationCost, r.activationCost == null ? '–' : `${r.activationCost.toFixed(1)}×`)}
        ${cell('parameters', r.parameters, r.parameters == null ? '–' : formatCount(r.parameters))}
        ${cell('prediction', pred, pred ?? '–')}
      </tr>`;
    }).join('');
    for (const th of $('compare-results').tHead.rows[0].cells) th.classList.toggle('highlight', f.columns.has(th.dataset.metric));
  }

  function render(s) {
    if (!s.compare) return;
    const f = focus(s);
    const recs = Object.values(s.compare.records);
    // Runs the lesson reads in full colour, the others faded.
    const current = (r) => !f.runs.size || f.runs.has(r.activation);
    inSlices(
      () => table(s, f),
      () => charts.val.update(recs.filter((r) => r.epochs.length).map((r) => ({
        label: name(r.activation), color: colors[r.activation], current: current(r),
        lines: [{ name: '', points: r.epochs.map((e) => [e.epoch, e.valAccuracy]) }],
      }))),
      () => charts.loss.update(recs.filter((r) => r.smooth.length).map((r) => ({
        label: name(r.activation), color: colors[r.activation], current: current(r),
        lines: [{ name: '', points: r.smooth }],
      }))),
    );
    $('chart-compare-val').closest('figure').classList.toggle('highlight', f.charts.has('compare-val'));
    document.body.dataset.compare = s.compare.status;
    $('compare-run').disabled = s.compare.status === 'loading' || badFormula(s);
    $('compare-pause').disabled = s.compare.status !== 'training';
  }

  /** A custom run whose formula the engine refused never starts. */
  const badFormula = (s) => s.settings.compare.includes('custom') && s.formulaCheck && !s.formulaCheck.ok;

  const pick = (e) => {
    const tr = e.target.closest('tr[data-activation]');
    if (tr && (e.type === 'click' || e.key === 'Enter')) store.set({ compareSelected: tr.dataset.activation });
  };
  const run = () => (lab.status() === 'paused' ? lab.resume() : lab.start(store.get().settings.compare.length ? store.get().settings.compare : [...$('compare-picks').querySelectorAll('input:checked')].map((c) => c.value)));
  const pause = () => lab.pause();
  $('compare-results').tBodies[0].addEventListener('click', pick);
  $('compare-results').tBodies[0].addEventListener('keydown', pick);
  $('compare-run').addEventListener('click', run);
  $('compare-pause').addEventListener('click', pause);
  expose('compareSeries', () => ({ val: charts.val.seriesCount(), loss: charts.loss.seriesCount() }));

  picks(store.get());
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.table !== prev.table) picks(s);
    else if (s.settings?.compare !== prev.settings?.compare) {
      for (const cb of $('compare-picks').querySelectorAll('input')) cb.checked = s.settings.compare.length ? s.settings.compare.includes(cb.value) : !!s.table.find((a) => a.id === cb.value)?.inNote;
    }
    if (s.compare !== prev.compare || s.compareSelected !== prev.compareSelected || s.settings?.exercise !== prev.settings?.exercise || s.lang !== prev.lang) render(s);
    if (s.lang !== prev.lang) for (const tr of $('compare-results').tBodies[0].rows) tr.title = t('diagnosticsTitle');
    if (s.formulaCheck !== prev.formulaCheck || s.settings?.compare !== prev.settings?.compare) $('compare-run').disabled = badFormula(s) || s.compare?.status === 'loading';
  });
  return () => {
    unsubscribe();
    $('compare-run').removeEventListener('click', run);
    $('compare-pause').removeEventListener('click', pause);
  };
}
