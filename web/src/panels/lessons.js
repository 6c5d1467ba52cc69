// Panel "exercises" and the lesson card. The list links to each lesson
// (#exercise=N sets everything up); the card at the top of the page walks the
// class through it: steps, Run / Stop in the card, live progress, the
// observation as numbers from the runs, and when they end a verdict against
// the lesson's declared expectation (verdict.js). &autorun=1 starts it on open.
import { EXERCISES, exercise, lessonPage, lessonRuns } from '../lessons/exercises.js';
import { language, t } from '../i18n/index.js';
import { lessonText } from '../i18n/lessons.js';
import { parseState, SCHEMA } from '../state/schema.js';
import { metricLabel } from '../i18n/metrics.js';
import { formatMetric, metricValue } from '../lessons/metrics.js';
import { checkMetrics, evaluate, observation } from '../lessons/verdict.js';
import { PALETTE } from '../runs/curves.js';
import { RunChart } from '../ui/charts.js';
import { announce, announcer } from '../ui/announcer.js';
import { answerHtml, bindAnswer, handIn } from './hand-in.js';

/**
 * The page's lessons run as comparisons: the card reads a comparison as a
 * lesson run ({lesson, status: running | done | stopped, records}). The 2-D
 * view hands the panel its own runner (lessons/plane-lessons.js).
 */
function compareLessons(compare) {
  return {
    state: (s) => (s.compare?.lesson != null ? { lesson: s.compare.lesson, status: ({ done: 'done', stopped: 'stopped' })[s.compare.status] ?? 'running', records: s.compare.records } : null),
    start: (ex) => compare.start(lessonRuns(ex), { sameWorker: !!ex.sameWorker, lesson: ex.n }),
    stop: () => compare.stop(),
    source: (s) => s.compare, // what changes when the run does
    schema: SCHEMA,
    view: undefined,
  };
}

/** The lesson `ex` if it runs on this page ({view} of its runner). */
const here = (lessons, n) => {
  const ex = exercise(n);
  return ex && ex.view === lessons.view ? ex : null;
};

const escape = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

const names = (store) => Object.fromEntries(store.get().table.map((a) => [a.id, a.name]));
/** A lesson's link: its hash on this page, or the other page's address. */
const linkTo = ({ store, lessons }, ex) => (ex.view === lessons.view ? '' : lessonPage(ex)) + ex.hash + (store.get().settings.lang ? `&lang=${store.get().settings.lang}` : '');

/** The list of lessons, linking to each (the open one marked). */
function list(ui, s) {
  const { $ } = ui;
  $('exercise-list').replaceChildren(
    ...EXERCISES.map((ex) => {
      const a = Object.assign(document.createElement('a'), { href: linkTo(ui, ex), textContent: lessonText(ex, language()).title });
      a.setAttribute('data-testid', `exercise-${ex.n}`);
      if (s.settings.exercise === ex.n) a.setAttribute('aria-current', 'true');
      const li = document.createElement('li');
      li.append(a);
      return li;
    }),
  );
}

/** The card's fixed part: title, steps, buttons, question; rebuilt on a new lesson or language. */
function frame(ui, ex) {
  const { card } = ui;
  ui.chart = null; // the card is drawn anew: so is its chart
  const tx = lessonText(ex, language());
  const i = EXERCISES.indexOf(ex);
  const prev = EXERCISES[i - 1], next = EXERCISES[i + 1];
  card.innerHTML = `
    <p class="lesson-of">${t('lessonOf', { n: ex.n, total: EXERCISES.length })}</p>
    <h2 id="lesson-title">${ex.n}. ${escape(tx.title)}</h2>
    <ol class="steps"><li>${escape(tx.explain)}</li><li>${t(ex.view === 'plane' ? 'lessonStepRunPlane' : 'lessonStepRun')}</li><li>${escape(tx.look)}</li></ol>
    <div class="buttons">
      <button type="button" class="primary" data-testid="lesson-run" data-action="run">${t('lessonRun')}</button>
      <button type="button" data-testid="lesson-stop" data-action="stop" disabled>${t('lessonStop')}</button>
      <progress data-testid="lesson-progress" max="1" value="0" hidden></progress>
      <span class="lesson-progress-text"></span>
    </div>
    <ul class="observation" data-testid="lesson-observation"></ul>
    <div class="lesson-figures" hidden>
      <div class="table-scroll" tabindex="0" role="region" aria-label="${escape(t('lessonTableLabel'))}"><table class="results" data-testid="lesson-table"><thead><tr></tr></thead><tbody></tbody></table></div>
      <figure class="chart"><div class="lesson-chart" data-testid="lesson-chart"></div></figure>
    </div>
    <p class="verdict" data-testid="lesson-verdict" hidden></p>
    <dl><dt>${t('exerciseQuestion')}</dt><dd>${escape(tx.question)}</dd></dl>
    ${answerHtml(ex)}
    <details><summary>${t('exerciseExpect')}</summary><p data-testid="exercise-expect">${escape(tx.expect)}</p></details>
    <nav class="lesson-nav">
      ${prev ? `<a href="${linkTo(ui, prev)}" data-testid="lesson-previous">← ${t('lessonPrevious')}</a>` : '<span></span>'}
      ${next ? `<a href="${linkTo(ui, next)}" data-testid="lesson-next">${t('lessonNext')} →</a>` : '<span></span>'}
    </nav>`;
  bindAnswer(card, ex);
}

/**
 * The figures the lesson names, inline in its card: a table (a row per run, a
 * column per figure it reads) and the runs' validation accuracy per epoch
 * (a comparison's runs; the 2-D view's runs are in the view itself).
 */
function figures(ui, ex, run, opts) {
  const box = ui.card.querySelector('.lesson-figures');
  box.hidden = !run;
  if (!run) return;
  const records = run.records ?? {};
  const metrics = checkMetrics(ex);
  box.querySelector('thead tr').innerHTML = `<th scope="col">${escape(t('colActivation'))}</th>${metrics.map((m) => `<th scope="col" data-metric="${m}">${escape(metricLabel(m, opts.lang))}</th>`).join('')}`;
  box.querySelector('tbody').innerHTML = lessonRuns(ex).map((id) => `<tr data-run="${id}"><th scope="row">${escape(opts.names[id] ?? id)}</th>${metrics.map((m) => `<td data-metric="${m}">${escape(formatMetric(m, metricValue(m, records[id])))}</td>`).join('')}</tr>`).join('');
  const withEpochs = lessonRuns(ex).filter((id) => records[id]?.epochs?.length);
  box.querySelector('.chart').hidden = !withEpochs.length;
  if (!withEpochs.length) return;
  ui.chart ??= new RunChart(box.querySelector('.lesson-chart'), { xLabel: 'epoch', yLabel: 'accuracy', height: 200, wholeX: true, title: t('lessonChartTitle') }); // named apart from the comparison's chart
  ui.chart.update(withEpochs.map((id, i) => ({
    label: opts.names[id] ?? id, color: PALETTE[i % PALETTE.length], current: true,
    lines: [{ name: '', points: records[id].epochs.map((e) => [e.epoch, e.valAccuracy]) }],
  })));
}

/** The live part: buttons, progress, observation and verdict. */
function live(ui, s, ex) {
  const { store, card, lessons } = ui;
  const state = lessons.state(s);
  const run = state?.lesson === ex.n ? state : null;
  const records = run ? run.records ?? {} : {};
  const runs = lessonRuns(ex);
  const running = run?.status === 'running';
  card.querySelector('[data-action=run]').disabled = running;
  card.querySelector('[data-action=stop]').disabled = !running;
  const progress = card.querySelector('progress');
  const epochs = ex.epochs ?? s.settings.epochs;
  const done = runs.reduce((a, id) => a + (records[id]?.diverged ? epochs : Math.min(epochs, records[id]?.epoch ?? 0)), 0);
  progress.hidden = !run;
  progress.value = run ? done / (runs.length * epochs) : 0;
  const progressText = run
    ? t(run.status === 'running' ? 'lessonProgress' : run.status === 'done' ? 'lessonFinished' : 'lessonStopped', { done, total: runs.length * epochs })
    : '';
  const progressEl = card.querySelector('.lesson-progress-text');
  // Spoken when it changes (once per epoch of a run), through the page's throttled announcer.
  if (progressText && progressText !== progressEl.textContent) announce(progressText, { key: 'lesson-progress' });
  progressEl.textContent = progressText;
  const opts = { lang: language(), names: names(store) };
  card.querySelector('.observation').innerHTML = run
    ? observation(ex, records, runs, opts).map((o) => `<li data-metric="${o.metric}">${escape(o.text)}</li>`).join('')
    : '';
  figures(ui, ex, run, opts);
  card.querySelector('[data-action=hand-in]').disabled = run?.status !== 'done';
  const verdict = card.querySelector('.verdict');
  const v = evaluate(ex, records, opts);
  verdict.hidden = !run || !v.ready;
  if (run && v.ready && run.status !== 'stopped') {
    verdict.dataset.holds = String(v.holds);
    if (verdict.textContent !== v.sentence) {
      // The verdict is the lesson's answer: it replaces any progress not yet spoken.
      announcer().forget('lesson-progress');
      announce(v.sentence, { key: 'verdict' });
    }
    verdict.textContent = v.sentence;
    verdict.classList.toggle('holds', v.holds);
  } else {
    delete verdict.dataset.holds;
  }
}

/** The lesson's own setup (its link's settings over the defaults), keeping how the page is shown. */
function setUp(ui, ex) {
  const { store } = ui;
  const s = store.get();
  const lesson = parseState(ex.hash, s.table, ui.lessons.schema).state;
  for (const k of ['lang', 'embed', 'widget', 'lesson', 'show', 'hide', 'engine']) if (k in s.settings) lesson[k] = s.settings[k];
  if (JSON.stringify(lesson) !== JSON.stringify(s.settings)) store.set({ settings: lesson });
}

/** Runs the open lesson: its setup, then its comparison. */
function start(ui) {
  const { store, lessons } = ui;
  const ex = here(lessons, store.get().settings.exercise);
  if (!ex) return;
  setUp(ui, ex);
  lessons.start(ex);
}

/** Focus on the card's title (focusable from script only), scrolled into view. */
function focusTitle(card) {
  const title = card.querySelector('#lesson-title');
  if (!title) return;
  title.tabIndex = -1;
  title.focus();
}

/** The card of the open lesson (hidden without one). */
function show(ui, s) {
  const { card, lessons } = ui;
  const ex = here(lessons, s.settings.exercise);
  card.hidden = !ex;
  document.body.classList.toggle('has-lesson', !!ex);
  if (!ex) return;
  frame(ui, ex);
  live(ui, s, ex);
}

export function mount(root, { store, compare, card, lessons = compareLessons(compare) }) {
  const $ = (id) => root.querySelector(`#${id}`);
  const ui = { $, store, card, lessons };
  const onCard = (e) => {
    const action = e.target.closest('[data-action]')?.dataset.action;
    if (action === 'run') start(ui);
    if (action === 'stop') lessons.stop();
    if (action === 'hand-in') {
      const s = store.get();
      const ex = here(lessons, s.settings.exercise);
      const run = lessons.state(s);
      if (ex && run?.lesson === ex.n) handIn(card, ex, run, { lang: language(), names: names(store) });
    }
  };
  card.addEventListener('click', onCard);

  const s0 = store.get();
  const open = (s) => here(lessons, s.settings.exercise);
  if (open(s0)) setUp(ui, open(s0));
  list(ui, store.get());
  show(ui, store.get());
  if (s0.settings.autorun && open(s0)) start(ui);
  const unsubscribe = store.subscribe((s, prev) => {
    const ex = open(s);
    if (s.settings.exercise !== prev.settings?.exercise || s.lang !== prev.lang || s.settings.lang !== prev.settings?.lang) {
      if (ex && s.settings.exercise !== prev.settings?.exercise) {
        const autorun = s.settings.autorun;
        setUp(ui, ex); // a link to #exercise=N alone sets the lesson up
        if (autorun) start(ui);
      }
      const followed = document.activeElement?.closest?.('#exercise-list a, .lesson-nav a');
      list(ui, store.get());
      show(ui, store.get());
      // A lesson opened from a link: the keyboard goes to its card (its title), as a page would.
      if (ex && followed) focusTitle(card);
      return;
    }
    if (ex && (lessons.source(s) !== lessons.source(prev) || s.table !== prev.table)) live(ui, s, ex);
  });
  return () => {
    unsubscribe();
    card.removeEventListener('click', onCard);
  };
}
