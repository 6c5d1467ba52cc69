// The figures of a compare run that the page shows and the lessons check: two
// tables. COLUMNS are the compare table's columns, in order (its header and
// its cells are made from them); METRICS are the figures the lessons'
// observations and verdicts read, each shown in one of those columns. Their
// names in both languages are i18n (metric labels, column headers).
import { formatCount, formatFixed, formatNumber, formatPercent } from '../i18n/format.js';

const pct1 = (v) => formatPercent(v, 1);
const pct2 = (v) => formatPercent(v, 2);
const ms = (v) => formatFixed(v, 2, ' ms');

/**
 * The compare table's columns: data-metric id, i18n key of the header,
 * value(record) for data-value, and text(value) for the cell.
 */
export const COLUMNS = [
  { id: 'val-accuracy', header: 'colValAccuracy', value: (r) => r.valAccuracy, text: pct2 },
  { id: 'best-accuracy', header: 'colBest', value: (r) => r.bestValAccuracy, text: pct2 },
  { id: 'epochs-to-90', header: 'colEpochs90', value: (r) => r.epochsTo90, text: (v) => String(v ?? '–') },
  { id: 'epochs-to-95', header: 'colEpochs95', value: (r) => r.epochsTo95, text: (v) => String(v ?? '–') },
  { id: 'dead-fraction', header: 'colDead', value: (r) => r.deadFraction, text: pct2 },
  { id: 'inactive-fraction', header: 'colInactive', value: (r) => r.inactiveFraction, text: pct2 },
  { id: 'grad-norm-first', header: 'colGradFirst', value: (r) => r.gradNormFirst, text: formatNumber },
  { id: 'mean-output', header: 'colMean', value: (r) => r.meanOutput, text: formatNumber },
  {
    id: 'alpha', header: 'colAlpha',
    value: (r) => (r.alpha ? `${r.alpha.min},${r.alpha.mean},${r.alpha.max}` : null),
    text: (v) => (v == null ? '–' : v.split(',').map((x) => Number(x).toFixed(3)).join(' / ')),
  },
  { id: 'seconds-per-epoch', header: 'colSeconds', value: (r) => r.secondsPerEpoch, text: (v) => formatFixed(v, 2) },
  { id: 'activation-cost', header: 'colCost', value: (r) => r.activationCost, text: (v) => formatFixed(v, 1, '×') },
  { id: 'parameters', header: 'colParams', value: (r) => r.parameters, text: formatCount },
  {
    id: 'prediction', header: 'colPrediction',
    value: (r) => (r.probabilities ? r.probabilities.indexOf(Math.max(...r.probabilities)) : null),
    text: (v) => String(v ?? '–'),
  },
];

/**
 * id -> {get(record), column (the COLUMNS id it shows in), chart (compare
 * chart it shows on, if any), format(v), nullAs (value for comparisons when the
 * run has none yet, e.g. "never reached 90%")}.
 */
export const METRICS = {
  valAccuracy: { get: (r) => r.valAccuracy, column: 'val-accuracy', chart: 'compare-val', format: pct1 },
  firstEpochValAccuracy: { get: (r) => r.firstEpochValAccuracy, column: 'val-accuracy', chart: 'compare-val', format: pct1 },
  epochsTo90: { get: (r) => r.epochsTo90, column: 'epochs-to-90', chart: 'compare-val', format: String, nullAs: Infinity },
  deadFraction: { get: (r) => r.deadFraction, column: 'dead-fraction', format: pct1 },
  inactiveFraction: { get: (r) => r.inactiveFraction, column: 'inactive-fraction', format: pct1 },
  gradNormFirst: { get: (r) => r.gradNormFirst, column: 'grad-norm-first', format: formatNumber },
  meanOutput: { get: (r) => r.meanOutput, column: 'mean-output', format: formatNumber },
  alphaMin: { get: (r) => r.alpha?.min, column: 'alpha', format: formatNumber },
  alphaMax: { get: (r) => r.alpha?.max, column: 'alpha', format: formatNumber },
  alphaSpread: { get: (r) => (r.alpha ? r.alpha.max - r.alpha.min : null), column: 'alpha', format: formatNumber },
  activationCost: { get: (r) => r.activationCost, column: 'activation-cost', format: (v) => formatFixed(v, 1, '× ReLU') },
  // In the fastest step of the epoch: another program taking the core only adds time.
  gemmMs: { get: (r) => r.profile?.gemmMin, column: 'seconds-per-epoch', format: ms },
  activationMs: { get: (r) => r.profile?.activationMin, column: 'seconds-per-epoch', format: ms },
  lastLayerMean: { get: (r) => r.layers?.[r.layers.length - 1]?.meanOutput, column: null, format: (v) => v.toFixed(2) },
  lastLayerStd: { get: (r) => r.layers?.[r.layers.length - 1]?.stdOutput, column: null, format: (v) => v.toFixed(2) },
  secondsPerEpoch: { get: (r) => r.secondsPerEpoch, column: 'seconds-per-epoch', format: (v) => formatFixed(v, 2, ' s') },
  parameters: { get: (r) => r.parameters, column: 'parameters', format: formatCount },
  // The 2-D view's runs (runs/plane-lessons.js).
  planeTestLoss: { get: (r) => r.testLoss, column: null, format: (v) => formatFixed(v, 3) },
  linearShare: { get: (r) => r.linearShare, column: null, format: pct1 },
  planeDeadFraction: { get: (r) => r.deadFraction, column: null, format: pct1 },
};

/** A metric's value for a record: its number, or null when there is none yet. */
export function metricValue(id, record) {
  const v = record ? METRICS[id].get(record) : null;
  return v == null || Number.isNaN(v) ? null : v;
}

/** The value formatted for people ('–' when missing). */
export function formatMetric(id, value) {
  return value == null ? '–' : value === Infinity ? '∞' : METRICS[id].format(value);
}
