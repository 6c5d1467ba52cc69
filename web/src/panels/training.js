// Panel "training": the counters of the page's run and its curves (loss per
// step, accuracy and loss per epoch). Earlier runs stay on the charts, faded.
import { RunChart } from '../ui/charts.js';
import { formatCount, formatFixed, formatPercent } from '../i18n/format.js';
import { inSlices } from '../ui/slices.js';
import { announce } from '../ui/announcer.js';
import { t } from '../i18n/index.js';

export function mount(root, { store, expose }) {
  const $ = (id) => root.querySelector(`#${id}`);
  const charts = {
    loss: new RunChart($('chart-loss'), { xLabel: 'epoch', yLabel: 'loss', height: 220 }),
    accuracy: new RunChart($('chart-accuracy'), { xLabel: 'epoch', yLabel: 'accuracy', height: 200, wholeX: true }),
    epochLoss: new RunChart($('chart-epoch-loss'), { xLabel: 'epoch', yLabel: 'loss', height: 200, wholeX: true }),
  };

  function counters(c) {
    $('epoch').textContent = String(c?.epoch ?? 0);
    $('step-count').textContent = String(c?.step ?? 0);
    $('train-loss').textContent = formatFixed(c?.loss, 4);
    $('val-accuracy').textContent = formatPercent(c?.valAccuracy, 2);
    $('sps').textContent = c?.samplesPerSecond ? formatCount(c.samplesPerSecond) : '–';
    $('spe').textContent = formatFixed(c?.secondsPerEpoch, 2, ' s');
  }

  /** A run's per-epoch validation (solid) and training (dashed) values of one figure. */
  const epochLines = (r, current, valKey, trainKey) => ({
    label: r.label, color: r.color, current,
    lines: [
      { name: 'val', points: r.epochs.map((e) => [e.epoch, e[valKey]]) },
      { name: 'train', points: r.epochs.map((e) => [e.epoch, e[trainKey]]), dash: [5, 4] },
    ],
  });

  function draw(s) {
    const runs = s.runs.filter((r) => r.loss.length || r.epochs.length);
    const cur = (r) => r.id === s.currentRun;
    inSlices(
      () => charts.loss.update(runs.map((r) => ({
        label: r.label, color: r.color, current: cur(r),
        lines: cur(r) ? [{ name: 'raw', points: r.loss, faint: true, width: 1 }, { name: 'smoothed', points: r.smooth }] : [{ name: '', points: r.smooth }],
      }))),
      () => charts.accuracy.update(runs.map((r) => epochLines(r, cur(r), 'valAccuracy', 'trainAccuracy'))),
      () => charts.epochLoss.update(runs.map((r) => epochLines(r, cur(r), 'valLoss', 'trainLoss'))),
    );
  }

  // Per-step news arrive often: redraw at most every 200 ms, and at once after an epoch.
  let timer = null;
  const drawSoon = () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      draw(store.get());
    }, 200);
  };
  counters(null);
  expose('trainingTicks', () => ({ accuracy: charts.accuracy.xTicks(), epochLoss: charts.epochLoss.xTicks() }));
  expose('trainingSeries', () => ({ loss: charts.loss.seriesCount(), accuracy: charts.accuracy.seriesCount(), epochLoss: charts.epochLoss.seriesCount() }));
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.counters !== prev.counters) counters(s.counters);
    // Progress spoken once per epoch, never per step.
    const epoch = s.counters?.epoch ?? 0;
    if (epoch > 0 && epoch !== (prev.counters?.epoch ?? 0) && s.currentRun === prev.currentRun) {
      announce(t('announceEpoch', { epoch, epochs: s.settings.epochs, acc: formatPercent(s.counters.valAccuracy, 2) }), { key: 'training' });
    }
    if (s.runs !== prev.runs || s.currentRun !== prev.currentRun) {
      if (s.counters?.epoch !== prev.counters?.epoch || s.currentRun !== prev.currentRun) draw(s);
      else drawSoon();
    }
  });
  return () => {
    unsubscribe();
    clearTimeout(timer);
  };
}
