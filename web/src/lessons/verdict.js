// A lesson's expected observation is data: a list of comparisons between the
// figures of its runs (metrics.js). This module evaluates them against the
// compare records and says, in English or Korean, which held. The lesson card
// and the end-to-end tests use the same function, so there is one statement of
// each expectation.
//
// A comparison: {run, metric, op, value} compares with a number;
// {run, metric, op, other, factor?, plus?} with another run's figure
// (other × factor + plus); abs: true compares magnitudes. op: > < >= <= =.
import { metricLabel, VERDICT_WORDS } from '../i18n/metrics.js';
import { formatMetric, METRICS, metricValue } from './metrics.js';

const OPS = {
  '>': (a, b) => a > b,
  '<': (a, b) => a < b,
  '>=': (a, b) => a >= b,
  '<=': (a, b) => a <= b,
  '=': (a, b) => a === b,
};
const OP_TEXT = { '>': '>', '<': '<', '>=': '≥', '<=': '≤', '=': '=' };

const magnitude = (s) => `|${s}|`;

/** The metrics a check reads, then its extra `show` metrics, each once, in order. */
export function checkMetrics(lesson) {
  return [...new Set([...lesson.check.map((c) => c.metric), ...(lesson.show ?? [])])];
}

/** The runs a check reads. */
export function checkRuns(lesson) {
  return [...new Set(lesson.check.flatMap((c) => (c.other ? [c.run, c.other] : [c.run])))];
}

function side(id, record) {
  const v = metricValue(id, record);
  return v == null ? (METRICS[id].nullAs ?? null) : v;
}

/**
 * Evaluates a lesson's check. records: {activationId: record}; names:
 * {activationId: display name}. Returns {ready, holds, parts: [{holds, text}], sentence}.
 * `ready` is false until every run the check reads has finished.
 */
export function evaluate(lesson, records, { lang = 'en', names = {} } = {}) {
  const w = VERDICT_WORDS[lang] ?? VERDICT_WORDS.en;
  const name = (id) => names[id] ?? id;
  const ready = checkRuns(lesson).every((id) => records[id]?.done);
  const parts = lesson.check.map((c) => {
    const label = metricLabel(c.metric, lang);
    let left = side(c.metric, records[c.run]);
    let right = c.other ? side(c.metric, records[c.other]) : c.value;
    if (c.other && right != null && right !== Infinity) right = right * (c.factor ?? 1) + (c.plus ?? 0);
    if (c.abs) {
      left = left == null ? null : Math.abs(left);
      right = right == null ? null : Math.abs(right);
    }
    const holds = left != null && right != null && OPS[c.op](left, right);
    const wrap = (s) => (c.abs ? magnitude(s) : s);
    const lhs = `${name(c.run)} ${label} ${wrap(formatMetric(c.metric, left))}`;
    let rhs;
    if (c.other) {
      const otherValue = side(c.metric, records[c.other]);
      const scaled = c.factor && c.factor !== 1 ? `${c.factor}${w.times} ` : '';
      const plus = c.plus ? ` ${c.plus < 0 ? '−' : '+'} ${formatMetric(c.metric, Math.abs(c.plus))}` : '';
      rhs = `${scaled}${name(c.other)} ${wrap(formatMetric(c.metric, otherValue))}${plus}`;
    } else {
      rhs = wrap(formatMetric(c.metric, c.value));
    }
    return { holds, text: `${lhs} ${OP_TEXT[c.op]} ${rhs} ${holds ? '✓' : '✗'}` };
  });
  const holds = ready && parts.every((p) => p.holds);
  const head = !ready ? w.pending : holds ? w.holds : w.fails;
  return { ready, holds, parts, sentence: `${head}: ${parts.map((p) => p.text).join('; ')}.` };
}

/**
 * The observation as numbers: one line per metric the lesson reads, with every
 * run's value, e.g. "dead units — ReLU 100.0%, Leaky ReLU 0.0%".
 */
export function observation(lesson, records, runs, { lang = 'en', names = {} } = {}) {
  return checkMetrics(lesson).map((id) => {
    const values = runs.map((run) => `${names[run] ?? run} ${formatMetric(id, metricValue(id, records[run]))}`);
    return { metric: id, column: METRICS[id].column, text: `${metricLabel(id, lang)} — ${values.join(', ')}` };
  });
}
