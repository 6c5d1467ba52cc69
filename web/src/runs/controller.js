// The run controller: the page's own network in the page's worker. Creates,
// configures, trains, pauses, steps and resets it, loads the default model or
// a learner's weights, and answers drawings, writing what happens into the
// store (runs and their curves, counters, the phase, diagnostics). Its
// dataset comes from the shared loader (loader.js); panels call these
// functions, and none of them talks to the worker.
import { formatCount, formatPercent } from '../i18n/format.js';
import { EVT, REQ } from '../worker/protocol.js';
import { checkBudget, refuseLarge } from './budget.js';
import { addEpoch, addProgress, newCurves, newRunId, PALETTE } from './curves.js';
import { withAlert } from './loader.js';
import { specOf } from './spec.js';

const MAX_RUNS = 8; // runs kept on the charts

/** A run's label for the charts' legends: activation, parameters, depth, width, optimizer. */
function runLabel(spec, table, optimizer) {
  const h = spec.hidden[0];
  const name = table.find((a) => a.id === h?.activation)?.name ?? '?';
  const params = Object.entries(h?.params ?? {}).map(([k, v]) => `${k}=${v}`).join(' ');
  const depth = spec.hidden.length > 1 ? `${spec.hidden.length}×` : '';
  return `${name}${params ? ` ${params}` : ''} · ${depth}${h?.units} · ${optimizer} ${spec.learningRate}`;
}

/** Writes the worker's events about the current run into the store. */
function listen(store, client) {
  const set = (patch) => store.set(patch);
  const current = (m) => {
    const s = store.get();
    return m.run === s.currentRun ? s.runs.find((r) => r.id === s.currentRun) : null;
  };
  client.on(EVT.progress, (m) => {
    const run = current(m);
    if (!run) return;
    addProgress(run, m);
    const c = store.get().counters ?? {};
    set({ runs: [...store.get().runs], counters: { ...c, epoch: m.epoch, step: m.step, loss: m.loss, samplesPerSecond: m.samplesPerSecond || c.samplesPerSecond } });
  });
  client.on(EVT.epoch, (m) => {
    const run = current(m);
    if (!run) return;
    addEpoch(run, m);
    set({
      runs: [...store.get().runs],
      counters: { ...store.get().counters, epoch: m.epoch, valAccuracy: m.valAccuracy, secondsPerEpoch: m.seconds },
      epochReport: { run: m.run, confusion: m.confusion, misclassified: m.misclassified.slice(0, 32), predicted: m.predicted.slice(0, 32) },
    });
  });
  client.on(EVT.diag, (m) => m.run === store.get().currentRun && set({ diag: { run: m.run, step: m.step, layers: m.layers } }));
  client.on(EVT.profile, (m) => m.run === store.get().currentRun && set({ profile: m }));
  client.on(EVT.done, (m) => m.run === store.get().currentRun && set({ phase: 'done', status: { key: 'done', vars: { epochs: m.epoch } } }));
  client.on(EVT.allDone, () => store.get().phase === 'training' && set({ phase: 'done' }));
  client.on(EVT.paused, () => store.get().phase === 'training' && set({ phase: 'paused', status: { key: 'paused' } }));
  client.on(EVT.diverged, (m) => {
    const lr = Math.max(1e-6, store.get().settings.lr / 10);
    set({ phase: 'diverged', status: null, alert: { key: 'diverged', vars: { step: m.step, lr: Number(lr.toPrecision(2)) } } });
  });
  client.on(EVT.error, (m) => {
    if (store.get().phase === 'training') set({ phase: 'paused' });
    set({ alert: { key: 'errorWith', vars: { message: m.message } } });
  });
}

/** A new network for `spec` in the worker (after the memory check), and its record on the charts. */
async function configure(c, spec) {
  const s = c.store.get();
  const datasetBytes = s.manifest?.datasets?.find((d) => d.id === s.settings.dataset)?.bytes ?? 0;
  await checkBudget(c.client, [spec], { workers: 1, datasetBytes });
  const { run } = await c.client.request(REQ.configure, { run: newRunId(), spec, epochs: s.settings.epochs });
  c.configuredKey = JSON.stringify(spec);
  const record = { id: run, activation: spec.hidden[0]?.activation, label: runLabel(spec, s.table, s.settings.optimizer), color: PALETTE[s.runs.length % PALETTE.length], ...newCurves() };
  const now = c.store.get();
  c.store.set({
    runs: [...now.runs, record].slice(-MAX_RUNS), currentRun: run, pretrained: false, phase: 'idle', network: now.network + 1,
    counters: null, diag: null, epochReport: null, profile: null,
  });
}

/** Hands the worker the wanted dataset unless it has it already. */
async function ensureData(c) {
  const source = await c.loader.source(c.loader.wanted());
  if (source === c.workerData) return;
  const r = await c.client.request(REQ.loadData, { source });
  c.workerData = source;
  c.say('dataReady', { name: source.label ?? source.name, train: formatCount(r.train), test: formatCount(r.test) });
}

/** Starts a new run if the settings changed (or the last one ended), loads the data, then trains or steps. */
async function runWith(c, request, phaseAfter) {
  const { store } = c;
  const before = store.get().phase;
  store.set({ alert: null, phase: 'loading' });
  try {
    const s = store.get();
    const spec = c.buildSpec(s.settings, s.table); // once per press: the same object goes everywhere
    if (s.pretrained || JSON.stringify(spec) !== c.configuredKey || before === 'done' || before === 'diverged') await configure(c, spec);
    await ensureData(c);
    store.set({ phase: phaseAfter });
    const run = store.get().runs.find((r) => r.id === store.get().currentRun);
    if (request === REQ.train) c.say('trainingStarted', { model: run?.label ?? '' });
    await c.client.request(request, request === REQ.train ? { epochs: store.get().settings.epochs } : {});
  } catch (e) {
    store.set({ phase: store.get().pretrained || before === 'loading' ? 'idle' : 'paused' });
    c.fail(e);
  }
}

/** A network from a weights file replaces the page's (a bad file changes nothing). */
async function loadWeights(c, bytes) {
  const r = await c.client.request(REQ.loadWeights, { run: newRunId(), bytes }, [bytes.buffer]);
  c.configuredKey = '';
  c.store.set({ pretrained: true, currentRun: null, network: c.store.get().network + 1 });
  return r;
}

/** The site's default model (trained at build time); `download`: its fetch already under way, or false for none (a widget that draws nothing). */
async function loadDefaultModel(c, download) {
  const model = c.store.get().manifest?.model;
  try {
    if (!model || download === false) return;
    const res = await (download ?? fetch(new URL(model.file, document.baseURI)));
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const r = await loadWeights(c, new Uint8Array(await res.arrayBuffer()));
    c.say('defaultModel', { model: r.info.description, accuracy: formatPercent(model.valAccuracy, 1) });
  } catch (e) {
    c.store.set({ alert: { key: 'weightsError', vars: { message: e.message } } });
  } finally {
    c.firstViewDone();
  }
}

/** A fresh network of the current settings (the old one's training stops). */
async function reset(c) {
  c.store.set({ alert: null });
  try {
    await c.client.request(REQ.pause);
    const s = c.store.get();
    await configure(c, c.buildSpec(s.settings, s.table));
    c.say(null);
  } catch (e) {
    c.store.set({ phase: 'idle' });
    c.fail(e);
  }
}

/** The learner's own IDX files (checked by size before they are read), handed to the worker. */
async function loadFiles(c, files) {
  c.store.set({ alert: null });
  try {
    await c.loader.useFiles(files);
    await ensureData(c);
  } catch (e) {
    c.loader.dropFiles();
    c.fail(withAlert(e, 'dataError'));
  }
}

/** A network spec from an .npz's manifest (the setup the exported scripts and the page write). */
export function specOfManifest(m) {
  const o = m.optimizer ?? {};
  return {
    hidden: m.hidden.map((h) => ({ units: h.units, activation: h.activation, params: h.params ?? {}, ...(h.formula ? { formula: h.formula } : {}) })),
    init: m.init,
    biasInit: m.bias_init ?? 0,
    optimizer: o.kind,
    learningRate: o.lr,
    momentum: o.momentum ?? 0,
    nesterov: Boolean(o.nesterov),
    batchSize: m.batch,
    seed: m.seed,
  };
}

/**
 * Weights from an .npz (PyTorch or Keras, via the exported scripts or np.savez):
 * into the network its manifest names, else one of the page's current settings;
 * every array checked first, so a bad file changes nothing.
 */
async function loadNpz(c, bytes) {
  const { manifest } = await c.client.request(REQ.npzManifest, { bytes });
  const s = c.store.get();
  const spec = manifest ? specOfManifest(manifest) : c.buildSpec(s.settings, s.table);
  const r = await c.client.request(REQ.loadNpz, { run: newRunId(), spec, bytes }, [bytes.buffer]);
  c.configuredKey = '';
  c.store.set({ pretrained: true, currentRun: null, network: c.store.get().network + 1 });
  return r;
}

const isZip = (b) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 3 && b[3] === 4;

/** A weights file from the learner, ours or an .npz (checked by size first); a bad one changes nothing. */
async function uploadWeights(c, file) {
  c.store.set({ alert: null });
  try {
    refuseLarge(file, c.store.get().limits.maxWeightsFileBytes);
    const bytes = new Uint8Array(await file.arrayBuffer());
    await c.client.request(REQ.pause);
    const r = await (isZip(bytes) ? loadNpz(c, bytes) : loadWeights(c, bytes));
    c.store.set({ phase: 'idle' });
    c.say('weightsLoaded', { model: r.info.description });
    return true;
  } catch (e) {
    c.fail(withAlert(e, 'weightsError'));
    return false;
  }
}

/** Probabilities of the page's network for the drawn digit (or none). */
async function predict(c, pixels) {
  const { store } = c;
  if (!pixels) return store.set({ prediction: null });
  try {
    const { results } = await c.client.request(REQ.predict, { pixels });
    if (store.get().pixels !== pixels || !results.length) return;
    const mine = results.find((r) => r.run === store.get().currentRun) ?? results[results.length - 1];
    store.set({ prediction: Array.from(mine.probabilities) });
  } catch {
    // no network yet: nothing to show
  }
}

/**
 * The controller of the page's run. `loader`: the shared dataset loader;
 * `buildSpec(settings, table)`: settings to an engine spec (spec.js; tests
 * count its calls).
 */
export function createController(store, client, { loader, buildSpec = specOf }) {
  const c = {
    store, client, loader, buildSpec,
    configuredKey: '', // the spec the worker's network was built from ('' for a loaded model)
    workerData: null, // the source object the worker holds
    say: (key, vars) => store.set({ status: key ? { key, vars } : null }),
    fail: (e) => store.set({ alert: e.alert ?? { key: 'errorWith', vars: { message: e.message } } }),
  };
  /** Settled once the default model is in (or failed): the first answer comes first. */
  const firstView = new Promise((resolve) => (c.firstViewDone = resolve));
  listen(store, client);
  return {
    client,
    firstView,
    /** Loads the engine; fills the table, limits and SIMD flag. */
    async init(simd) {
      const r = await client.request(REQ.init, { simd });
      store.set({ table: r.activations, limits: r.limits, simd: r.simd });
      return r;
    },
    loadDefaultModel: (download) => loadDefaultModel(c, download),
    train: () => runWith(c, REQ.train, 'training'),
    step: () => runWith(c, REQ.step, 'paused'),
    pause: () => client.request(REQ.pause).catch(c.fail),
    reset: () => reset(c),
    loadFiles: (files) => loadFiles(c, files),
    uploadWeights: (file) => uploadWeights(c, file),
    predict: (pixels) => predict(c, pixels),
    /** Loads the chosen data into the worker if it is not there yet (one download, shared). */
    ensureData: () => ensureData(c),
    /** The engine spec of the current settings (for one activation of a comparison, if given): what an export describes. */
    spec: (activation) => {
      const s = store.get();
      return activation ? c.buildSpec(s.settings, s.table, activation) : c.buildSpec(s.settings, s.table);
    },
  };
}
