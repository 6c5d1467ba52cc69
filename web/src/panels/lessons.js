// Panel "exercises" and the lesson card. The list links to each lesson
// (#exercise=N sets everything up); the card at the top of the page walks the
// class through it: steps, Run / Stop in the card, live progress, the
// observation as numbers from the runs, and when they end a verdict against
// the lesson's declared expectation (verdict.js). &autorun=1 starts it on open.
import { EXERCISES, exercise, lessonRuns } from '../exercises.js';
import { language, t } from '../i18n.js';
import { parseState } from '../state.js';
import { evaluate, observation } from '../verdict.js';

const escape = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

export function mount(root, { store, lab, card }) {
  const $ = (id) => root.querySelector(`#${id}`);
  const names = () => Object.fromEntries(store.get().table.map((a) => [a.id, a.name]));
  const linkTo = (ex) => ex.hash + (store.get().settings.lang ? `&lang=${store.get().settings.lang}` : '');

  function list(s) {
    $('exercise-list').replaceChildren(
      ...EXERCISES.map((ex) => {
        const a = Object.assign(document.createElement('a'), { href: linkTo(ex), textContent: (ex[language()] ?? ex.en).title });
        a.setAttribute('data-testid', `exercise-${ex.n}`);
        if (s.settings.exercise === ex.n) a.setAttribute('aria-current', 'true');
        const li = document.createElement('li');
        li.append(a);
        return li;
      }),
    );
  }

  /** The card's fixed part: title, steps, buttons, question; rebuilt on a new lesson or language. */
  function frame(ex) {
    const tx = ex[language()] ?? ex.en;
    const i = EXERCISES.indexOf(ex);
    const prev = EXERCISES[i - 1], next = EXERCISES[i + 1];
    card.innerHTML = `
      <p class="lesson-of">${t('lessonOf', { n: ex.n, total: EXERCISES.length })}</p>
      <h2 id="lesson-title">${ex.n}. ${escape(tx.title)}</h2>
      <ol class="steps"><li>${escape(tx.explain)}</li><li>${t('lessonStepRun')}</li><li>${escape(tx.look)}</li></ol>
      <div class="buttons">
        <button type="button" class="primary" data-testid="lesson-run" data-action="run">${t('lessonRun')}</button>
        <button type="button" data-testid="lesson-stop" data-action="stop" disabled>${t('lessonStop')}</button>
        <progress data-testid="lesson-progress" max="1" value="0" hidden></progress>
        <span class="lesson-progress-text" aria-live="polite"></span>
      </div>
      <ul class="observation" data-testid="lesson-observation"></ul>
      <p class="verdict" data-testid="lesson-verdict" hidden></p>
      <dl><dt>${t('exerciseQuestion')}</dt><dd>${escape(tx.question)}</dd></dl>
      <details><summary>${t('exerciseExpect')}</summary><p data-testid="exercise-expect">${escape(tx.expect)}</p></details>
      <nav class="lesson-nav">
        ${prev ? `<a href="${linkTo(prev)}" data-testid="lesson-previous">← ${t('lessonPrevious')}</a>` : '<span></span>'}
        ${next ? `<a href="${linkTo(next)}" data-testid="lesson-next">${t('lessonNext')} →</a>` : '<span></span>'}
      </nav>`;
  }

  /** The live part: buttons, progress, observation and verdict. */
  function live(s, ex) {
    const run = s.lessonRun?.n === ex.n ? s.lessonRun : null;
    const records = run ? s.compare?.records ?? {} : {};
    const runs = lessonRuns(ex);
    const running = run?.status === 'running';
    card.querySelector('[data-action=run]').disabled = running;
    card.querySelector('[data-action=stop]').disabled = !running;
    const progress = card.querySelector('progress');
    const epochs = s.settings.epochs;
    const done = runs.reduce((a, id) => a + (records[id]?.diverged ? epochs : Math.min(epochs, records[id]?.epoch ?? 0)), 0);
    progress.hidden = !run;
    progress.value = run ? done / (runs.length * epochs) : 0;
    card.querySelector('.lesson-progress-text').textContent = run
      ? t(run.status === 'running' ? 'lessonProgress' : run.status === 'done' ? 'lessonFinished' : 'lessonStopped', { done, total: runs.length * epochs })
      : '';
    const opts = { lang: language(), names: names() };
    card.querySelector('.observation').innerHTML = run
      ? observation(ex, records, runs, opts).map((o) => `<li data-metric="${o.metric}">${escape(o.text)}</li>`).join('')
      : '';
    const verdict = card.querySelector('.verdict');
    const v = evaluate(ex, records, opts);
    verdict.hidden = !run || !v.ready;
    if (run && v.ready && run.status !== 'stopped') {
      verdict.dataset.holds = String(v.holds);
      verdict.textContent = v.sentence;
      verdict.classList.toggle('holds', v.holds);
    } else {
      delete verdict.dataset.holds;
    }
  }

  /** The lesson's own setup (its link's settings over the defaults), keeping how the page is shown. */
  function setUp(ex) {
    const s = store.get();
    const lesson = parseState(ex.hash, s.table).state;
    for (const k of ['lang', 'embed', 'show', 'hide', 'engine']) lesson[k] = s.settings[k];
    if (JSON.stringify(lesson) !== JSON.stringify(s.settings)) store.set({ settings: lesson });
  }

  function start() {
    const ex = exercise(store.get().settings.exercise);
    if (!ex) return;
    setUp(ex);
    store.set({ lessonRun: { n: ex.n, status: 'running' } });
    lab.start(lessonRuns(ex), { sameWorker: !!ex.sameWorker });
  }

  const onCard = (e) => {
    const action = e.target.closest('[data-action]')?.dataset.action;
    if (action === 'run') start();
    if (action === 'stop') {
      lab.stop();
      store.set((s) => ({ lessonRun: { ...s.lessonRun, status: 'stopped' } }));
    }
  };
  card.addEventListener('click', onCard);

  function show(s) {
    const ex = exercise(s.settings.exercise);
    card.hidden = !ex;
    document.body.classList.toggle('has-lesson', !!ex);
    if (!ex) return;
    frame(ex);
    live(s, ex);
  }

  const s0 = store.get();
  if (exercise(s0.settings.exercise)) setUp(exercise(s0.settings.exercise));
  list(store.get());
  show(store.get());
  if (s0.settings.autorun && exercise(s0.settings.exercise)) start();
  const unsubscribe = store.subscribe((s, prev) => {
    const ex = exercise(s.settings.exercise);
    if (s.settings.exercise !== prev.settings?.exercise || s.lang !== prev.lang || s.settings.lang !== prev.settings?.lang) {
      if (ex && s.settings.exercise !== prev.settings?.exercise) {
        const autorun = s.settings.autorun;
        setUp(ex); // a link to #exercise=N alone sets the lesson up
        if (autorun) start();
      }
      list(store.get());
      show(store.get());
      return;
    }
    // The lesson's runs finished (or failed): settle it.
    if (ex && s.lessonRun?.status === 'running' && s.compare?.status === 'done') {
      store.set({ lessonRun: { ...s.lessonRun, status: 'done' } });
      return;
    }
    if (ex && (s.compare !== prev.compare || s.lessonRun !== prev.lessonRun || s.table !== prev.table)) live(s, ex);
  });
  return () => {
    unsubscribe();
    card.removeEventListener('click', onCard);
  };
}
