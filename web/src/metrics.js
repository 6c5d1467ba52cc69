// The figures of a compare run that the page shows and the lessons check: one
// table, read by the compare table (its data-metric columns), the lesson card
// (observations, verdicts, highlights) and the tests.
import { formatCount } from './i18n.js';

const pct = (v) => `${(100 * v).toFixed(1)}%`;
const num = (v) => (Math.abs(v) >= 1e-3 || v === 0 ? v.toFixed(3) : v.toExponential(2));

/**
 * id -> {get(record), column (data-metric of the compare table), chart (compare
 * chart it shows on, if any), format(v), nullAs (value for comparisons when the
 * run has none yet, e.g. "never reached 90%"), label {en, ko}}.
 */
export const METRICS = {
  valAccuracy: {
    get: (r) => r.valAccuracy, column: 'val-accuracy', chart: 'compare-val', format: pct,
    label: { en: 'validation accuracy', ko: '검증 정확도' },
  },
  firstEpochValAccuracy: {
    get: (r) => r.firstEpochValAccuracy, column: 'val-accuracy', chart: 'compare-val', format: pct,
    label: { en: 'validation accuracy after epoch 1', ko: '1 에포크 후 검증 정확도' },
  },
  epochsTo90: {
    get: (r) => r.epochsTo90, column: 'epochs-to-90', chart: 'compare-val', format: String, nullAs: Infinity,
    label: { en: 'epochs to 90%', ko: '90% 도달 에포크' },
  },
  deadFraction: {
    get: (r) => r.deadFraction, column: 'dead-fraction', format: pct,
    label: { en: 'dead units', ko: '죽은 유닛' },
  },
  inactiveFraction: {
    get: (r) => r.inactiveFraction, column: 'inactive-fraction', format: pct,
    label: { en: 'inactive units', ko: '비활성 유닛' },
  },
  gradNormFirst: {
    get: (r) => r.gradNormFirst, column: 'grad-norm-first', format: num,
    label: { en: 'first-layer gradient norm', ko: '첫 층 기울기 노름' },
  },
  meanOutput: {
    get: (r) => r.meanOutput, column: 'mean-output', format: num,
    label: { en: 'mean output', ko: '평균 출력' },
  },
  alphaMin: {
    get: (r) => r.alpha?.min, column: 'alpha', format: num,
    label: { en: 'smallest PReLU α', ko: '가장 작은 PReLU α' },
  },
  alphaMax: {
    get: (r) => r.alpha?.max, column: 'alpha', format: num,
    label: { en: 'largest PReLU α', ko: '가장 큰 PReLU α' },
  },
  alphaSpread: {
    get: (r) => (r.alpha ? r.alpha.max - r.alpha.min : null), column: 'alpha', format: num,
    label: { en: 'spread of PReLU α (max − min)', ko: 'PReLU α의 범위 (최대 − 최소)' },
  },
  activationCost: {
    get: (r) => r.activationCost, column: 'activation-cost', format: (v) => `${v.toFixed(1)}× ReLU`,
    label: { en: 'activation cost per element (f and f′)', ko: '원소당 활성화 비용 (f와 f′)' },
  },
  // In the fastest step of the epoch: another program taking the core only adds time.
  gemmMs: {
    get: (r) => r.profile?.gemmMin, column: 'seconds-per-epoch', format: (v) => `${v.toFixed(2)} ms`,
    label: { en: 'matrix products in the fastest step', ko: '가장 빠른 스텝의 행렬 곱' },
  },
  activationMs: {
    get: (r) => r.profile?.activationMin, column: 'seconds-per-epoch', format: (v) => `${v.toFixed(2)} ms`,
    label: { en: 'activation in the fastest step', ko: '가장 빠른 스텝의 활성화' },
  },
  lastLayerMean: {
    get: (r) => r.layers?.[r.layers.length - 1]?.meanOutput, column: null, format: (v) => v.toFixed(2),
    label: { en: 'mean output of the last hidden layer', ko: '마지막 은닉층 출력의 평균' },
  },
  lastLayerStd: {
    get: (r) => r.layers?.[r.layers.length - 1]?.stdOutput, column: null, format: (v) => v.toFixed(2),
    label: { en: 'std of the last hidden layer\'s outputs', ko: '마지막 은닉층 출력의 표준편차' },
  },
  secondsPerEpoch: {
    get: (r) => r.secondsPerEpoch, column: 'seconds-per-epoch', format: (v) => `${v.toFixed(2)} s`,
    label: { en: 'seconds per epoch', ko: '에포크당 초' },
  },
  parameters: {
    get: (r) => r.parameters, column: 'parameters', format: (v) => formatCount(v),
    label: { en: 'parameters', ko: '파라미터 수' },
  },
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
