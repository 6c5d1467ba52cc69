// The app shell: creates the store, the worker client, the session and the
// compare lab, mounts one module per panel, and boots. Nothing else lives here.
import { applyTranslations, language, pickLanguage, setLanguage } from './i18n.js';
import { createLab } from './lab.js';
import * as activation from './panels/activation.js';
import * as compare from './panels/compare.js';
import * as diagnostics from './panels/diagnostics.js';
import * as draw from './panels/draw.js';
import * as lessons from './panels/lessons.js';
import * as settings from './panels/controls.js';
import * as share from './panels/share.js';
import * as status from './panels/status.js';
import * as training from './panels/training.js';
import { createSession } from './session.js';
import { bindUrl, createStore, initialState } from './store.js';
import { installTestApi } from './testapi.js';
import { WorkerClient } from './worker-client.js';

const $ = (id) => document.getElementById(id);
const PANELS = { draw, settings, activation, training, compare, diagnostics, exercises: lessons, share };

const store = createStore(initialState());
const session = createSession(store, WorkerClient.spawn());
const lab = createLab(store, session);
const probes = {};
const ctx = { store, session, lab, card: $('lesson-card'), expose: (name, fn) => (probes[name] = fn) };

/** embed=1, show= and hide= choose the layout. */
function applyLayout(s) {
  document.body.classList.toggle('embed', !!s.embed);
  for (const name of Object.keys(PANELS)) {
    $(`panel-${name}`).hidden = s.show.length ? !s.show.includes(name) : s.hide.includes(name);
  }
}

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
    session.prefetchData();
    registerOffline(store.get().settings.engine);
  };
  const off = store.subscribe((s) => s.prediction && (off(), go()));
  setTimeout(() => (off(), go()), 3000);
}

async function boot() {
  const early = new URLSearchParams(location.hash.slice(1));
  applyLanguage(early.get('lang'));
  status.mount(document.body, ctx);
  draw.mount($('panel-draw'), ctx); // the pad works at once; its first answer comes with the model
  // Everything the first view needs, at once: the engine (one build), the model, the formulas.
  const model = fetch(new URL('models/default.apw', document.baseURI));
  const formulas = fetch(new URL('formulas.json', document.baseURI)).then((r) => (r.ok ? r.json() : {})).catch(() => ({}));
  // engine=scalar|simd forces a build (auto: WASM SIMD when the browser validates it).
  const [ready, manifest] = await Promise.all([
    session.init({ simd: true, scalar: false }[early.get('engine')]),
    fetch(new URL('manifest.json', document.baseURI)).then((r) => (r.ok ? r.json() : null)).catch(() => null),
  ]);
  store.set({ manifest });
  document.body.dataset.simd = ready.simd ? '1' : '0';
  $('engine-kind').dataset.i18n = ready.simd ? 'engineSimd' : 'scalarNote';
  applyTranslations();
  const errors = bindUrl(store, ready.activations);
  store.set({
    status: { key: ready.simd ? 'engineReadySimd' : 'engineReadyScalar' },
    alert: errors.length ? { key: 'settingsError', vars: { message: errors.join('; ') } } : ready.simd ? null : { key: 'engineReadyScalar' },
  });
  // One panel per task: no long task while the page comes up.
  for (const [name, panel] of Object.entries(PANELS)) {
    if (panel === draw) continue;
    panel.mount($(`panel-${name}`), ctx);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  applyLayout(store.get().settings);
  store.subscribe((s, prev) => {
    if (s.settings === prev.settings) return;
    if (s.settings.lang && s.settings.lang !== language()) applyLanguage(s.settings.lang);
    if (['embed', 'show', 'hide'].some((k) => s.settings[k] !== prev.settings?.[k])) applyLayout(s.settings);
  });
  installTestApi(store, probes);
  formulas.then((f) => store.set({ formulas: f }));
  await session.loadDefaultModel(model);
  store.set({ phase: 'idle' });
  document.body.dataset.ready = '1';
  afterFirstView();
}

// In a task of its own: evaluating this module stays short.
setTimeout(() => boot().catch((e) => store.set({ alert: { key: 'errorWith', vars: { message: e.message } }, phase: 'idle' })), 0);
