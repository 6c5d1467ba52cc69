// Panel "compare": pick activations, train them side by side (runs/compare.js), and see
// the results table, the overlaid curves and every model's prediction. When a
// lesson is open, the columns and series that answer its question are
// highlighted. A row click shows that run's diagnostics.
import { RunChart, themed } from '../ui/charts.js';
import { PALETTE } from '../runs/curves.js';
import { exercise } from '../lessons/exercises.js';
import { t } from '../i18n/index.js';
import { COLUMNS, METRICS } from '../lessons/metrics.js';
import { downloadScript, reportErrors } from './exports.js';
import { inSlices } from '../ui/slices.js';
import { setSettings } from '../state/store.js';
import { checkMetrics, checkRuns } from '../lessons/verdict.js';

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

/** A checkbox per activation of the table (the note's seven by default). */
function picks(ui, s) {
  const { $, store, colors } = ui;
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

/** The header, from the columns table (rebuilt on a language switch). */
function header({ $ }) {
  const row = $('compare-results').tHead.rows[0];
  const first = Object.assign(document.createElement('th'), { scope: 'col', textContent: t('colActivation') });
  const exportTh = Object.assign(document.createElement('th'), { scope: 'col', textContent: t('colExport') });
  row.replaceChildren(first, ...COLUMNS.map((c) => {
    const th = Object.assign(document.createElement('th'), { scope: 'col', textContent: t(c.header) });
    th.dataset.metric = c.id;
    return th;
  }), exportTh);
}

/** The results, a row per run, its cells from the columns table. */
function table(ui, s, f) {
  const { $, colors, name } = ui;
  const records = Object.values(s.compare.records);
  const cell = (c, r) => {
    const value = c.value(r);
    return `<td data-metric="${c.id}"${value == null ? '' : ` data-value="${value}"`}${f.columns.has(c.id) ? ' class="highlight"' : ''}>${c.text(value)}</td>`;
  };
  $('compare-results').tBodies[0].innerHTML = records.map((r) => `<tr data-activation="${r.activation}" data-run="${r.run}" data-done="${r.done ? 1 : 0}" data-epoch="${r.epoch}" tabindex="0"
      ${r.activation === s.compareSelected ? 'aria-selected="true"' : ''}${f.runs.has(r.activation) ? ' class="focus"' : ''}>
      <td><span class="swatch" style="background:${themed(colors[r.activation])}"></span>${name(r.activation)}${r.diverged ? ' ⚠' : ''}</td>
      ${COLUMNS.map((c) => cell(c, r)).join('')}
      <td><button type="button" class="small" data-export="${r.activation}" aria-label="${t('exportRunPytorch', { name: name(r.activation) })}">PyTorch</button></td>
    </tr>`).join('');
  for (const th of $('compare-results').tHead.rows[0].cells) th.classList.toggle('highlight', f.columns.has(th.dataset.metric));
}

/** The table, the curves (runs the lesson reads in full colour) and the buttons. */
function render(ui, s) {
  const { $, charts, colors, name } = ui;
  if (!s.compare) {
    // None (again: a refused one was put back): nothing started.
    delete document.body.dataset.compare;
    $('compare-run').disabled = badFormula(s);
    $('compare-pause').disabled = true;
    return;
  }
  const f = focus(s);
  const recs = Object.values(s.compare.records);
  // Runs the lesson reads in full colour, the others faded.
  const current = (r) => !f.runs.size || f.runs.has(r.activation);
  inSlices(
    () => table(ui, s, f),
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

export function mount(root, { store, compare, expose, controller, gateway }) {
  const $ = (id) => root.querySelector(`#${id}`);
  const charts = {
    val: new RunChart($('chart-compare-val'), { xLabel: 'epoch', yLabel: 'accuracy', height: 220, wholeX: true }),
    loss: new RunChart($('chart-compare-loss'), { xLabel: 'epoch', yLabel: 'loss', height: 220 }),
  };
  const ui = { $, store, charts, colors: {}, name: (id) => store.get().table.find((a) => a.id === id)?.name ?? id };

  /** A run's row button: that run's setup as a PyTorch script. */
  const exportRun = reportErrors(store, (activation) =>
    downloadScript({ store, gateway }, controller.spec(activation), 'pytorch', `activation-playground-${activation}.py`));
  const pick = (e) => {
    const button = e.target.closest('button[data-export]');
    if (button) return e.type === 'click' && exportRun(button.dataset.export);
    const tr = e.target.closest('tr[data-activation]');
    if (tr && (e.type === 'click' || e.key === 'Enter')) store.set({ compareSelected: tr.dataset.activation });
  };
  const run = () => (compare.status() === 'paused' ? compare.resume() : compare.start(store.get().settings.compare.length ? store.get().settings.compare : [...$('compare-picks').querySelectorAll('input:checked')].map((c) => c.value)));
  const pause = () => compare.pause();
  $('compare-results').tBodies[0].addEventListener('click', pick);
  $('compare-results').tBodies[0].addEventListener('keydown', pick);
  $('compare-run').addEventListener('click', run);
  $('compare-pause').addEventListener('click', pause);
  expose('compareSeries', () => ({ val: charts.val.seriesCount(), loss: charts.loss.seriesCount() }));

  header(ui);
  picks(ui, store.get());
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.table !== prev.table) picks(ui, s);
    else if (s.settings?.compare !== prev.settings?.compare) {
      for (const cb of $('compare-picks').querySelectorAll('input')) cb.checked = s.settings.compare.length ? s.settings.compare.includes(cb.value) : !!s.table.find((a) => a.id === cb.value)?.inNote;
    }
    if (s.compare !== prev.compare || s.compareSelected !== prev.compareSelected || s.settings?.exercise !== prev.settings?.exercise || s.lang !== prev.lang) render(ui, s);
    if (s.lang !== prev.lang) {
      header(ui);
      for (const tr of $('compare-results').tBodies[0].rows) tr.title = t('diagnosticsTitle');
    }
    if (s.formulaCheck !== prev.formulaCheck || s.settings?.compare !== prev.settings?.compare) $('compare-run').disabled = badFormula(s) || s.compare?.status === 'loading';
  });
  return () => {
    unsubscribe();
    $('compare-run').removeEventListener('click', run);
    $('compare-pause').removeEventListener('click', pause);
  };
}
