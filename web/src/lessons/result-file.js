// A lesson's result as a class hands it in: a small JSON file
// (`<lesson>-<name>.apresult.json`, at most 64 KB) with the format's name and
// version, the lesson, the settings as a link, the observations as numbers,
// the verdict, each run's curves per epoch, the student's answer, the build
// and a timestamp. The class view reads many of them and trusts none: sizes
// first, then every field's type and range; text stays text.

export const RESULT_FORMAT = 'activation-playground-result';
export const RESULT_VERSION = 1;
export const RESULT_MAX_BYTES = 64 * 1024;
/** The class view reads a file of at most this many bytes (a hand-in is at most 64 KB). */
export const RESULT_READ_MAX_BYTES = 1024 * 1024;
const MAX_TEXT = 4000;
const MAX_RUNS = 16;
const MAX_EPOCHS = 100;

/** A refusal naming what is wrong. */
const refuse = (message) => Object.assign(new Error(message), { result: true });

/** A safe file name part: letters and digits of any script, others as '-'. */
export const fileSafe = (s) => String(s).normalize('NFC').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 40) || 'student';

/**
 * The result of a lesson run: `figures` {run: {metric: number}}, `curves`
 * {run: [[epoch, valAccuracy, valLoss, trainLoss]]}, `verdict` {holds, sentence}.
 */
export function makeResult({ lesson, name, answer, link, figures, curves, verdict, build, now = new Date() }) {
  const result = {
    format: RESULT_FORMAT, version: RESULT_VERSION, lesson, name: String(name).slice(0, 200), answer: String(answer).slice(0, MAX_TEXT), link,
    observations: figures, verdict: { holds: !!verdict.holds, sentence: String(verdict.sentence).slice(0, MAX_TEXT) }, curves, build, timestamp: now.toISOString(),
  };
  const text = JSON.stringify(result);
  if (text.length > RESULT_MAX_BYTES) throw refuse(`the result is ${text.length} bytes; at most ${RESULT_MAX_BYTES}`);
  return text;
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const text = (v, what, max = MAX_TEXT) => {
  if (typeof v !== 'string' || v.length > max) throw refuse(`${what} is not a text of at most ${max} characters`);
  return v;
};
const finite = (v) => typeof v === 'number' && Number.isFinite(v);
const RUN_ID = /^[a-z_]{1,24}$/;

/** {run: {metric: number | null}} with known-shaped names and finite numbers. */
function observations(v) {
  if (!isObject(v) || Object.keys(v).length > MAX_RUNS) throw refuse('observations are not a list of runs');
  const out = {};
  for (const [run, figs] of Object.entries(v)) {
    if (!RUN_ID.test(run) || !isObject(figs) || Object.keys(figs).length > 32) throw refuse(`observations of '${run.slice(0, 24)}' are malformed`);
    out[run] = {};
    for (const [k, x] of Object.entries(figs)) {
      if (!/^[A-Za-z0-9]{1,32}$/.test(k) || !(x === null || finite(x))) throw refuse(`observation '${k.slice(0, 32)}' of ${run} is not a number`);
      out[run][k] = x;
    }
  }
  return out;
}

/** {run: [[epoch, valAccuracy, valLoss, trainLoss]]}, finite numbers (or null for a missing one). */
function curves(v) {
  if (!isObject(v) || Object.keys(v).length > MAX_RUNS) throw refuse('curves are not a list of runs');
  const out = {};
  for (const [run, points] of Object.entries(v)) {
    if (!RUN_ID.test(run) || !Array.isArray(points) || points.length > MAX_EPOCHS) throw refuse(`curves of '${run.slice(0, 24)}' are malformed`);
    out[run] = points.map((p) => {
      if (!Array.isArray(p) || p.length !== 4 || !p.every((x) => x === null || finite(x))) throw refuse(`a curve point of ${run} is malformed`);
      return p;
    });
  }
  return out;
}

/**
 * Reads a hand-in: `bytes` its size (checked before anything is parsed), `raw`
 * its text. Returns the checked record, or throws an Error (err.result) saying
 * what is wrong. `lessons`: the lesson numbers there are.
 */
export function readResult(raw, bytes, lessons) {
  if (!(bytes <= RESULT_READ_MAX_BYTES)) throw refuse(`the file is ${bytes} bytes; a result is at most ${RESULT_READ_MAX_BYTES}`);
  let v;
  try {
    v = JSON.parse(raw);
  } catch {
    throw refuse('the file is not JSON');
  }
  if (!isObject(v) || v.format !== RESULT_FORMAT) throw refuse(`the file is not a result (format is not '${RESULT_FORMAT}')`);
  if (v.version !== RESULT_VERSION) throw refuse(`result version ${String(v.version).slice(0, 12)} is not ${RESULT_VERSION}`);
  if (!Number.isInteger(v.lesson) || !lessons.includes(v.lesson)) throw refuse(`lesson ${String(v.lesson).slice(0, 12)} does not exist`);
  if (!isObject(v.verdict) || typeof v.verdict.holds !== 'boolean') throw refuse('the verdict is malformed');
  if (typeof v.timestamp !== 'string' || Number.isNaN(Date.parse(v.timestamp))) throw refuse('the timestamp is malformed');
  const link = text(v.link, 'the link', 2000);
  if (!/^https?:\/\//.test(link)) throw refuse('the link is not a web address');
  return {
    lesson: v.lesson, name: text(v.name, 'the name', 200), answer: text(v.answer, 'the answer'), link,
    holds: v.verdict.holds, sentence: text(v.verdict.sentence, 'the verdict'), observations: observations(v.observations), curves: curves(v.curves),
    build: text(v.build ?? '', 'the build', 100), timestamp: v.timestamp,
  };
}
