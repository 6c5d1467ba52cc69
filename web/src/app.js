// The app shell: creates the store, the page's worker client, the dataset
// loader, the run controller, the engine gateway and compare mode, mounts one
// module per panel, and boots. Nothing else lives here.
//
// This module and what it imports are the first view: the drawing pad, its
// answer and the status line. Every other panel is a module (a chunk) of its
// own, fetched once the engine is up and evaluated and mounted one per task,
// so no task of the page's loading grows long.
import { addStrings, applyTranslations, language, pickLanguage, setLanguage } from './i18n/index.js';
import { NOTEBOOK_STRINGS } from './i18n/notebook.js';
import * as draw from './panels/draw.js';
import * as status from './panels/status.js';
import { createCompare } from './runs/compare.js';
import { createController } from './runs/controller.js';
import { createGateway } from './runs/gateway.js';
import { createLoader } from './runs/loader.js';
import { bindUrl, createStore, initialState, setSettings } from './state/store.js';
import { WIDGETS } from './state/widgets.js';
import { installTestApi } from './testapi.js';

addStrings(NOTEBOOK_STRINGS);
import { reportHeight } from './ui/embed-size.js';
import { WorkerClient } from './worker/client.js';

const $ = (id) => document.getElementById(id);
/** The panels after the first view, in the order they are mounted (panel-<name> in index.html). */
const LATER = {
  settings: () => import('./panels/controls.js'),
  activation: () => import('./panels/activation.js'),
  training: () => import('./panels/training.js'),
  compare: () => import('./panels/compare.js'),
  diagnostics: () => import('./panels/diagnostics.js'),
  exercises: () => import('./panels/lessons.js'),
  share: () => import('./panels/share.js'),
};
const PANELS = ['draw', ...Object.keys(LATER)];
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

const store = createStore(initialState());
const loader = createLoader(store);
const controller = createController(store, WorkerClient.spawn(), { loader });
const gateway = createGateway(controller.client, controller.firstView);
const compare = createCompare(store, { controller, loader });
const probes = {};
const ctx = { store, controller, gateway, compare, loader, card: $('lesson-card'), expose: (name, fn) => (probes[name] = fn) };

/** The widget the page is (embed=1&widget=NAME), or null for the whole page. */
const widgetOf = (hash) => {
  const p = new URLSearchParams(hash.slice(1));
  return p.get('embed') === '1' || p.get('embed') === 'true' || p.get('embed') === '' ? WIDGETS[p.get('widget')] ?? null : null;
};
const WIDGET = widgetOf(location.hash);

/** embed=1, widget=, show= and hide= choose the layout. */
function applyLayout(s) {
  document.body.classList.toggle('embed', !!s.embed);
  document.body.dataset.widget = s.embed ? s.widget : '';
  const widget = s.embed ? WIDGETS[s.widget] : null;
  for (const name of PANELS) {
    $(`panel-${name}`).hidden = widget ? !widget.panels.includes(name) : s.show.length ? !s.show.includes(name) : s.hide.includes(name);
  }
}

/** The later panels this page mounts: a widget's own, else all of them. */
const laterPanels = () => Object.entries(LATER).filter(([name]) => !WIDGET || WIDGET.panels.includes(name) || WIDGET.load?.includes(name));

/** The language follows the setting (or the browser); every panel re-renders on store.lang. */
function applyLanguage(requested) {
  setLanguage(pickLanguage(requested, navigator.languages ?? [navigator.language]));
  applyTranslations();
  store.set({ lang: language() });
}

/** Caches the site for offline use (a static host needs nothing for this). */
function registerOffline(engine) {
  if (!('serviceWorker' in navigator) || location.protocol === 'file:') return;
  const url = new URL('sw.js', document.baseURI);
  if (engine !== 'auto') url.searchParams.set('engine', engine); // the build this page runs
  navigator.serviceWorker
    .register(url, { scope: './' })
    .then(() => navigator.serviceWorker.ready)
    .then(() => (document.body.dataset.offline = '1'))
    .catch(() => {}); // offline support is a bonus: never an error for the visitor
}

/**
 * After the first prediction is possible: once a digit has been predicted (or
 * after a few seconds), download the training data in the background and
 * register the service worker, so neither competes with the first view.
 */
function afterFirstView() {
  let started = false;
  const go = () => {
    if (started) return;
    started = true;
    if (!WIDGET || WIDGET.data) loader.prefetch();
    if (!WIDGET) registerOffline(store.get().settings.engine); // a widget caches nothing it does not show
  };
  // Once the first answer is on screen (painted: the next frame), not in the same moment.
  const off = store.subscribe((s) => s.prediction && (off(), requestAnimationFrame(() => setTimeout(go, 0))));
  if (store.get().prediction) off(), requestAnimationFrame(() => setTimeout(go, 0)); // it came while the panels loaded
  setTimeout(() => (off(), go()), 3000);
}

async function boot() {
  const early = new URLSearchParams(location.hash.slice(1));
  applyLanguage(early.get('lang'));
  status.mount(document.body, ctx);
  draw.mount($('panel-draw'), ctx); // the pad works at once; its first answer comes with the model
  // Everything the first view needs, at once: the engine (one build), the model, the formulas.
  const model = !WIDGET || WIDGET.model ? fetch(new URL('models/default.apw', document.baseURI)) : false;
  const formulas = fetch(new URL('formulas.json', document.baseURI)).then((r) => (r.ok ? r.json() : {})).catch(() => ({}));
  // engine=scalar|simd forces a build (auto: WASM SIMD when the browser validates it).
  const [ready, manifest] = await Promise.all([
    controller.init({ simd: true, scalar: false }[early.get('engine')]),
    fetch(new URL('manifest.json', document.baseURI)).then((r) => (r.ok ? r.json() : null)).catch(() => null),
  ]);
  store.set({ manifest });
  document.body.dataset.simd = ready.simd ? '1' : '0';
  $('engine-kind').dataset.i18n = ready.simd ? 'engineSimd' : 'scalarNote';
  applyTranslations();
  const errors = bindUrl(store, ready.activations);
  const first = store.get().settings;
  if (first.lesson && !first.exercise) setSettings(store, { exercise: first.lesson }); // the lesson widget's lesson=N
  applyLayout(store.get().settings); // a widget hides the other panels at once
  store.set({
    status: { key: ready.simd ? 'engineReadySimd' : 'engineReadyScalar' },
    alert: errors.length ? { key: 'settingsError', vars: { message: errors.join('; ') } } : ready.simd ? null : { key: 'engineReadyScalar' },
  });
  // The model goes to the worker first (the first answer needs nothing else);
  // meanwhile the other panels arrive, each evaluated and mounted in a task of its own.
  const modelLoaded = controller.loadDefaultModel(model);
  const modules = laterPanels().map(([name, load]) => [name, load()]);
  for (const [name, module] of modules) {
    const panel = await module; // evaluated (with what it imports, such as the charts) in this task
    await nextTask();
    panel.mount($(`panel-${name}`), ctx); // and mounted in the next
    await nextTask();
  }
  applyLayout(store.get().settings);
  store.subscribe((s, prev) => {
    if (s.settings === prev.settings) return;
    if (s.settings.lang && s.settings.lang !== language()) applyLanguage(s.settings.lang);
    if (['embed', 'widget', 'show', 'hide'].some((k) => s.settings[k] !== prev.settings?.[k])) applyLayout(s.settings);
  });
  installTestApi(store, probes);
  formulas.then((f) => store.set({ formulas: f }));
  if (store.get().settings.embed) reportHeight();
  await modelLoaded;
  store.set({ phase: 'idle' });
  document.body.dataset.ready = '1';
  performance.mark('ready'); // every panel is up (read by the load benchmark)
  afterFirstView();
}

// In a task of its own: evaluating this module stays short.
setTimeout(() => boot().catch((e) => store.set({ alert: { key: 'errorWith', vars: { message: e.message } }, phase: 'idle' })), 0);
