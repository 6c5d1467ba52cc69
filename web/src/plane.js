// The 2-D view's shell (plane.html): the same store, worker client, engine
// gateway, i18n and status line as the page, the plane's run controller, and
// its panels (data, network, output, controls). State lives in the URL hash
// through its own schema table (state/plane-schema.js).
//
// window.planeTest, read-only, for the end-to-end tests:
//   outputGrid()  {values: Float32Array (GRID × GRID, row-major from the top), size: GRID}: the output
//   logitGrid()   the same for the output's logit (before tanh)
//   points()      {train, test}: how many points the network learns from and is tested on
import { addStrings, applyTranslations, language, pickLanguage, setLanguage } from './i18n/index.js';
import { PLANE_STRINGS } from './i18n/plane.js';
import { createPlaneLessons } from './lessons/plane-lessons.js';
import * as lessonsPanel from './panels/lessons.js';
import * as controls from './panels/plane-controls.js';
import * as data from './panels/plane-data.js';
import * as network from './panels/plane-network.js';
import * as output from './panels/plane-output.js';
import * as status from './panels/status.js';
import { createGateway } from './runs/gateway.js';
import { createPlane, GRID } from './runs/plane.js';
import { PLANE_SCHEMA } from './state/plane-schema.js';
import { bindUrl, createStore, initialState } from './state/store.js';
import { reportHeight } from './ui/embed-size.js';
import { WorkerClient } from './worker/client.js';
import { REQ } from './worker/protocol.js';

addStrings(PLANE_STRINGS);
const store = createStore({ ...initialState(), plane: null, planeHover: null, ownPoints: null, planeLesson: null });
const client = WorkerClient.spawn();
const gateway = createGateway(client, Promise.resolve());
const plane = createPlane(store, client);

/** The language follows the setting (or the browser); every panel re-renders on store.lang. */
function applyLanguage(requested) {
  setLanguage(pickLanguage(requested, navigator.languages ?? [navigator.language]));
  applyTranslations();
  document.title = `${document.title.split(':')[0]}: ${language() === 'ko' ? '평면' : 'the plane'}`;
  store.set({ lang: language() });
}

/** One grid of the last frame: the output (offset 0 after the neurons) or its logit (1). */
function gridOf(which) {
  const p = store.get().plane;
  if (!p?.grid) return null;
  const size = GRID * GRID;
  const at = (p.neurons + which) * size;
  return { values: p.grid.slice(at, at + size), size: GRID };
}

async function boot() {
  applyLanguage(new URLSearchParams(location.hash.slice(1)).get('lang'));
  status.mount(document.body, { store });
  const ready = await client.request(REQ.init, {});
  store.set({ table: ready.activations, limits: ready.limits, simd: ready.simd });
  const errors = bindUrl(store, ready.activations, window, PLANE_SCHEMA);
  const { embed } = store.get().settings;
  document.body.classList.toggle('embed', embed);
  if (embed) reportHeight(); // a widget in a post: the host's embed.js sizes the frame
  store.set({ status: null, alert: errors.length ? { key: 'settingsError', vars: { message: errors.join('; ') } } : null });
  const ctx = { store, plane, gateway, card: document.getElementById('lesson-card'), lessons: createPlaneLessons(store, plane) };
  for (const panel of [data, network, output, controls]) panel.mount(document.body, ctx);
  store.subscribe((s, prev) => {
    if (s.settings.lang && s.settings.lang !== prev.settings?.lang && s.settings.lang !== language()) applyLanguage(s.settings.lang);
  });
  const counts = () => ({ train: store.get().plane?.split?.train.length ?? 0, test: store.get().plane?.split?.test.length ?? 0 });
  window.planeTest = Object.freeze({ outputGrid: () => gridOf(0), logitGrid: () => gridOf(1), points: counts });
  await plane.start();
  lessonsPanel.mount(document.getElementById('panel-exercises'), ctx); // after the first network: a lesson's autorun trains it
  document.body.dataset.ready = '1';
}

setTimeout(() => boot().catch((e) => store.set({ alert: { key: 'errorWith', vars: { message: e.message } } })), 0);
