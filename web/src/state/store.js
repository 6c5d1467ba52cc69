// The one owner of the page's state: settings (the URL state), status and
// alerts, the runs and their curves, the comparison and the lesson. Panels read
// it and ask it for changes through set(); nothing else keeps page state. It
// alone writes the URL hash, from the schema table (state.js).
import { parseState, SCHEMA, serializeState } from './schema.js';

/**
 * A small store: get() the current state, set(patch | state => patch) to
 * change it (a shallow merge), subscribe(fn) to hear of every change as
 * fn(state, previous); subscribe returns its unsubscribe function.
 */
export function createStore(initial) {
  let state = initial;
  const subscribers = new Set();
  return {
    get: () => state,
    set(patch) {
      const previous = state;
      const change = typeof patch === 'function' ? patch(state) : patch;
      if (!change) return;
      state = { ...state, ...change };
      for (const fn of [...subscribers]) fn(state, previous);
    },
    subscribe(fn) {
      subscribers.add(fn);
      return () => subscribers.delete(fn);
    },
  };
}

/** The initial state of the page, before the engine has answered. */
export function initialState() {
  return {
    table: [], // the engine's activation table
    limits: null, // the engine's stated limits
    manifest: null, // what the site ships (datasets, default model)
    formulas: null, // {activation: {formula, derivative}} rendered to MathML at build time; null while loading
    simd: null,
    settings: null, // the URL state (state.js); null until the table is known
    phase: 'loading', // the single run: loading | idle | training | paused | done | diverged
    status: { key: 'loadingEngine' }, // the status line: an i18n key and its values
    alert: null, // {key, vars} or null
    dataProgress: null, // {loaded, total} while a dataset downloads
    dataSource: null, // 'files' when the learner chose their own IDX files
    runs: [], // single-run history: [{id, label, color, activation, ...curves}]
    currentRun: null, // id of the run the page is training
    pretrained: false, // the current network came from a weights file
    network: 0, // counts the session's networks: a new one (trained, loaded) answers the drawing anew
    counters: null, // {epoch, step, loss, valAccuracy, samplesPerSecond, secondsPerEpoch}
    diag: null, // {run, step, layers} of the current run
    profile: null, // {run, gemm, activation, loss, optimizer, other, measured}: ms per step of the current run
    epochReport: null, // {run, confusion, misclassified, predicted}
    pixels: null, // the drawn digit, 784 floats, or null
    testDigit: null, // {index, label} when the pad shows a digit of the test split
    prediction: null, // probabilities of the current network for it
    compare: null, // {status, workerCount, records: {activation: record}, lesson: the lesson it runs, if any}
    compareSelected: null, // the compare row whose diagnostics are shown
    formulaCheck: null, // the engine's word on the custom formula: {ok, derivative} or {ok: false, message, position}
  };
}

/**
 * Keeps store.settings and location.hash in step: parses the hash on start and
 * on back/forward, and writes it (replaceState) whenever the settings change.
 * Returns the errors of the first parse.
 */
export function bindUrl(store, table, win = window, schema = SCHEMA) {
  const read = () => parseState(win.location.hash, table, schema);
  const { state, errors } = read();
  store.set({ settings: state, settingsErrors: errors });
  let written = serializeState(state, table, schema);
  store.subscribe((s, prev) => {
    if (s.settings === prev.settings || !s.settings) return;
    const hash = serializeState(s.settings, table, schema);
    if (hash === written) return;
    written = hash;
    win.history.replaceState(null, '', hash || win.location.pathname + win.location.search);
  });
  win.addEventListener('hashchange', () => {
    const next = read();
    written = serializeState(next.state, table, schema);
    store.set({ settings: next.state, settingsErrors: next.errors, alert: next.errors.length ? { key: 'settingsError', vars: { message: next.errors.join('; ') } } : store.get().alert });
  });
  return errors;
}

/** Changes some settings (the URL follows). */
export function setSettings(store, patch) {
  store.set((s) => ({ settings: { ...s.settings, ...patch } }));
}
