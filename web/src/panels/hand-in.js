// Handing a lesson in: the student's name and answer on the lesson card (kept
// in this browser's storage between visits, nowhere else), and Hand in, which
// saves the run as a small result file (lessons/result-file.js) for the
// teacher's class view.
import { t } from '../i18n/index.js';
import { lessonRuns } from '../lessons/exercises.js';
import { metricValue } from '../lessons/metrics.js';
import { fileSafe, makeResult } from '../lessons/result-file.js';
import { checkMetrics, evaluate } from '../lessons/verdict.js';
import { download } from '../ui/download.js';

const NAME_KEY = 'activation-playground:name';
const answerKey = (n) => `activation-playground:answer:${n}`;
/** This browser's storage, or nothing (a private window, a blocked frame). */
const stored = {
  get: (k) => {
    try {
      return localStorage.getItem(k) ?? '';
    } catch {
      return '';
    }
  },
  set: (k, v) => {
    try {
      localStorage.setItem(k, v);
    } catch {
      // not kept: the hand-in still works
    }
  },
};

const escape = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/** The answer box (under the question) and the name with Hand in, as the card's HTML. */
export function answerHtml(ex) {
  return `<label class="answer"><span>${t('yourAnswer')}</span><textarea data-testid="answer" rows="3">${escape(stored.get(answerKey(ex.n)))}</textarea></label>
    <div class="hand-in buttons">
      <label class="inline"><span>${t('studentName')}</span><input type="text" data-testid="student-name" autocomplete="name" maxlength="200" value="${escape(stored.get(NAME_KEY))}" /></label>
      <button type="button" data-testid="hand-in" data-action="hand-in" disabled>${t('handIn')}</button>
    </div>`;
}

/** Keeps what the student types. */
export function bindAnswer(card, ex) {
  card.querySelector('[data-testid=answer]').addEventListener('input', (e) => stored.set(answerKey(ex.n), e.target.value));
  card.querySelector('[data-testid=student-name]').addEventListener('input', (e) => stored.set(NAME_KEY, e.target.value));
}

/** Saves the finished run of `ex` as a result file. */
export function handIn(card, ex, run, { lang, names }) {
  const records = run.records ?? {};
  const runs = lessonRuns(ex);
  const figures = Object.fromEntries(runs.map((id) => [id, Object.fromEntries(checkMetrics(ex).map((m) => [m, metricValue(m, records[id])]))]));
  const curves = Object.fromEntries(runs.map((id) => [id, (records[id]?.epochs ?? []).map((e) => [e.epoch, e.valAccuracy ?? null, e.valLoss ?? null, e.trainLoss ?? null])]));
  const name = card.querySelector('[data-testid=student-name]').value.trim();
  const text = makeResult({
    lesson: ex.n, name, answer: card.querySelector('[data-testid=answer]').value, link: location.href,
    figures, curves, verdict: evaluate(ex, records, { lang, names }), build: __AP_BUILD__,
  });
  download(`${ex.n}-${fileSafe(name)}.apresult.json`, new Blob([text], { type: 'application/json' }));
}
