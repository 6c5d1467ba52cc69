// The single-run session: the page's own network in one worker. Configures,
// trains, pauses, steps, resets and predicts through the worker client, and
// writes what happens into the store (runs and their curves, counters, status,
// diagnostics). Panels call these functions; none of them talks to the worker.
import { overBudget, tooLarge } from './budget.js';
import { formatCount } from './i18n.js';
import { addEpoch, addProgress, newCurves, PALETTE } from './curves.js';
import { EVT, REQ } from './protocol.js';
import { specOf } from './state.js';

const MAX_RUNS = 8; // runs kept on the charts

export function createSession(store, client) {
  let specKey = '';
  let dataName = null;

  const set = (patch) => store.set(patch);
  const say = (key, vars) => set({ status: key ? { key, vars } : null });
  const alert = (key, vars) => set({ alert: key ? { key, vars } : null });
  const settings = () => store.get().settings;
  const table = () => store.get().table;

  function runLabel(spec) {
    const h = spec.hidden[0];
    const name = table().find((a) => a.id === h?.activation)?.name ?? '?';
    const params = Object.entries(h?.params ?? {}).map(([k, v]) => `${k}=${v}`).join(' ');
    const depth = spec.hidden.length > 1 ? `${spec.hidden.length}×` : '';
    return `${name}${params ? ` ${params}` : ''} · ${depth}${h?.units} · ${settings().optimizer} ${spec.learningRate}`;
  }

  function currentRun(s = store.get()) {
    return s.runs.find((r) => r.id === s.currentRun) ?? null;
  }

  /** Re-publishes the current run (its curves are appended in place) so subscribers redraw. */
  function touchRuns(extra = {}) {
    set({ runs: [...store.get().runs], ...extra });
  }

  function datasetBytes(id) {
    return store.get().manifest?.datasets?.find((d) => d.id === id)?.bytes ?? 0;
  }

  /** Throws (with the message) if these networks would not fit the per-tab memory budget. */
  async function checkBudget(specs, workers) {
    const { bytes } = await client.request(REQ.estimate, { specs });
    const over = overBudget({ networkBytes: bytes, workers, datasetBytes: datasetBytes(settings().dataset) });
    if (over) throw Object.assign(new Error('over budget'), { alert: { key: 'overBudget', vars: { ...over, networks: specs.length } } });
  }

  let nextRunId = 0;
  const newRunId = () => ++nextRunId;

  // The first answer comes first: a measurement that keeps the worker busy for
  // a while (an activation's cost) waits until the default model is in.
  let firstViewDone;
  const firstView = new Promise((resolve) => (firstViewDone = resolve));

  async function configure() {
    const spec = specOf(settings(), table());
    await checkBudget([spec], 1);
    const { run } = await client.request(REQ.configure, { run: newRunId(), spec, epochs: settings().epochs });
    specKey = JSON.stringify(spec);
    const s = store.get();
    const record = { id: run, activation: spec.hidden[0]?.activation, label: runLabel(spec), color: PALETTE[s.runs.length % PALETTE.length], ...newCurves() };
    set({
      runs: [...s.runs, record].slice(-MAX_RUNS), currentRun: run, pretrained: false, phase: 'idle', network: s.network + 1,
      counters: null, diag: null, epochReport: null, profile: null,
    });
  }

  let loading = null; // {want, promise}: a download under way, shared by the prefetch and Train

  async function ensureDataset() {
    const want = store.get().dataSource === 'files' ? 'files' : settings().dataset;
    if (want === 'files') {
      if (dataName !== 'files') throw Object.assign(new Error('no files'), { alert: { key: 'idxFiles' } });
      return;
    }
    if (dataName === want) return;
    if (loading?.want === want) {
      // Train pressed while the background download runs: show its progress now.
      if (!loading.visible) {
        loading.visible = true;
        say('loadingData', { name: want === 'mnist' ? 'MNIST' : 'Fashion-MNIST', percent: '' });
      }
      return loading.promise;
    }
    return start(want, true);
  }

  /** Downloads a site dataset; `visible` puts its progress on the status line. */
  function start(want, visible) {
    const entry = { want, visible };
    entry.promise = download(entry).finally(() => {
      if (loading === entry) loading = null;
    });
    loading = entry;
    return entry.promise;
  }

  async function download(entry) {
    const { want } = entry;
    const ds = store.get().manifest?.datasets?.find((d) => d.id === want);
    if (!ds) throw new Error(`dataset '${want}' is not available on this site`);
    const name = want === 'mnist' ? 'MNIST' : 'Fashion-MNIST';
    if (entry.visible) say('loadingData', { name, percent: '' });
    try {
      const r = await client.request(REQ.loadData, { source: { kind: 'url', name, base: new URL(ds.base, document.baseURI).href, sizes: ds.sizes } });
      if (loading !== entry) return; // superseded by another dataset
      dataName = want;
      if (entry.visible) say('dataReady', { name, train: formatCount(r.train), test: formatCount(r.test) });
    } catch (e) {
      throw Object.assign(e, { alert: { key: 'dataError', vars: { message: e.message } } });
    } finally {
      set({ dataProgress: null });
    }
  }

  function needsNewRun() {
    const s = store.get();
    return s.pretrained || JSON.stringify(specOf(s.settings, s.table)) !== specKey || s.phase === 'done' || s.phase === 'diverged';
  }

  function fail(e) {
    alert(e.alert?.key ?? 'errorWith', e.alert?.vars ?? { message: e.message });
  }

  /** Starts a new run if the settings changed (or the last one ended), loads the data, then trains or steps. */
  async function runWith(request, phaseAfter) {
    alert(null);
    const before = store.get().phase;
    try {
      set({ phase: 'loading' });
      if (needsNewRun()) await configure();
      await ensureDataset();
      set({ phase: phaseAfter });
      if (request === REQ.train) say('trainingStarted', { model: currentRun()?.label ?? '' });
      await client.request(request, request === REQ.train ? { epochs: settings().epochs } : {});
    } catch (e) {
      set({ phase: store.get().pretrained ? 'idle' : before === 'loading' ? 'idle' : 'paused' });
      fail(e);
    }
  }

  // ---- events of the session's worker ---------------------------------------------------------
  client.on(EVT.dataProgress, (m) => {
    if (!loading?.visible) return; // a quiet background download
    set({ dataProgress: { loaded: m.loaded, total: m.total } });
    if (m.total > 0) say('loadingData', { name: settings().dataset === 'fashion' ? 'Fashion-MNIST' : 'MNIST', percent: `${Math.round((100 * m.loaded) / m.total)}%` });
  });
  client.on(EVT.progress, (m) => {
    const run = currentRun();
    if (!run || m.run !== run.id) return;
    addProgress(run, m);
    const c = store.get().counters ?? {};
    touchRuns({ counters: { ...c, epoch: m.epoch, step: m.step, loss: m.loss, samplesPerSecond: m.samplesPerSecond || c.samplesPerSecond } });
  });
  client.on(EVT.epoch, (m) => {
    const run = currentRun();
    if (!run || m.run !== run.id) return;
    addEpoch(run, m);
    touchRuns({
      counters: { ...store.get().counters, epoch: m.epoch, valAccuracy: m.valAccuracy, secondsPerEpoch: m.seconds },
      epochReport: { run: m.run, confusion: m.confusion, misclassified: m.misclassified.slice(0, 32), predicted: m.predicted.slice(0, 32) },
    });
  });
  client.on(EVT.diag, (m) => {
    if (m.run === store.get().currentRun) set({ diag: { run: m.run, step: m.step, layers: m.layers } });
  });
  client.on(EVT.profile, (m) => {
    if (m.run === store.get().currentRun) set({ profile: m });
  });
  client.on(EVT.done, (m) => {
    if (m.run !== store.get().currentRun) return;
    set({ phase: 'done' });
    say('done', { epochs: m.epoch });
  });
  client.on(EVT.allDone, () => {
    if (store.get().phase === 'training') set({ phase: 'done' });
  });
  client.on(EVT.paused, () => {
    if (store.get().phase !== 'training') return;
    set({ phase: 'paused' });
    say('paused');
  });
  client.on(EVT.diverged, (m) => {
    const lr = Math.max(1e-6, settings().lr / 10);
    set({ phase: 'diverged', status: null, alert: { key: 'diverged', vars: { step: m.step, lr: Number(lr.toPrecision(2)) } } });
  });
  client.on(EVT.error, (m) => {
    if (store.get().phase === 'training') set({ phase: 'paused' });
    alert('errorWith', { message: m.message });
  });

  return {
    client,
    checkBudget,
    newRunId,

    /** Loads the engine; fills the table, limits and SIMD flag. */
    async init(simd) {
      const r = await client.request(REQ.init, { simd });
      set({ table: r.activations, limits: r.limits, simd: r.simd });
      return r;
    },

    /**
     * Loads the site's default model (trained at build time). `download`, if
     * given, is the model's fetch already under way (started with the engine).
     */
    async loadDefaultModel(download) {
      const model = store.get().manifest?.model;
      try {
        if (!model) return;
        const res = await (download ?? fetch(new URL(model.file, document.baseURI)));
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        const bytes = new Uint8Array(await res.arrayBuffer());
        const r = await client.request(REQ.loadWeights, { run: newRunId(), bytes }, [bytes.buffer]);
        set({ pretrained: true, currentRun: null, network: store.get().network + 1 });
        specKey = '';
        say('defaultModel', { model: r.info.description, accuracy: `${(100 * model.valAccuracy).toFixed(1)}%` });
      } catch (e) {
        alert('weightsError', { message: e.message });
      } finally {
        firstViewDone();
      }
    },

    /** Starts downloading the training data in the background (once the first prediction is possible). */
    prefetchData() {
      const want = settings().dataset;
      if (store.get().dataSource === 'files' || dataName === want || loading) return;
      start(want, false).catch(() => {}); // an error is reported when Train needs the data
    },

    train: () => runWith(REQ.train, 'training'),
    step: () => runWith(REQ.step, 'paused'),
    pause: () => client.request(REQ.pause).catch(fail),

    async reset() {
      alert(null);
      try {
        await client.request(REQ.pause);
        await configure();
        say(null);
      } catch (e) {
        set({ phase: 'idle' });
        fail(e);
      }
    },

    /** The learner's own IDX files (checked by size before they are read). */
    async loadFiles(files) {
      alert(null);
      try {
        const maxBytes = store.get().limits.maxIdxFileBytes * (1 + 1 / 1024); // gzip adds at most 5 bytes per 64 KiB
        for (const f of files) {
          const big = tooLarge(f, maxBytes);
          if (big) throw Object.assign(new Error('too large'), { alert: { key: 'fileTooLarge', vars: { name: f.name, ...big } } });
        }
        const payload = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
        loading = null; // a download under way no longer counts
        const r = await client.request(REQ.loadData, { source: { kind: 'files', name: 'IDX', files: payload } });
        dataName = 'files';
        say('dataReady', { name: files.map((f) => f.name).join(', '), train: formatCount(r.train), test: formatCount(r.test) });
      } catch (e) {
        if (dataName === 'files') dataName = null;
        fail(e.alert ? e : Object.assign(e, { alert: { key: 'dataError', vars: { message: e.message } } }));
      }
    },

    /** A weights file from the learner (checked by size first); a bad one changes nothing. */
    async uploadWeights(file) {
      alert(null);
      try {
        const big = tooLarge(file, store.get().limits.maxWeightsFileBytes);
        if (big) throw Object.assign(new Error('too large'), { alert: { key: 'fileTooLarge', vars: { name: file.name, ...big } } });
        const bytes = new Uint8Array(await file.arrayBuffer());
        await client.request(REQ.pause);
        const r = await client.request(REQ.loadWeights, { run: newRunId(), bytes }, [bytes.buffer]);
        specKey = '';
        set({ pretrained: true, currentRun: null, phase: 'idle', network: store.get().network + 1 });
        say('weightsLoaded', { model: r.info.description });
        return true;
      } catch (e) {
        fail(e.alert ? e : Object.assign(e, { alert: { key: 'weightsError', vars: { message: e.message } } }));
        return false;
      }
    },

    /** Probabilities of the session's network for the drawn digit (or none). */
    async predict(pixels) {
      if (!pixels) return set({ prediction: null });
      try {
        const { results } = await client.request(REQ.predict, { pixels });
        if (store.get().pixels !== pixels || !results.length) return;
        const mine = results.find((r) => r.run === store.get().currentRun) ?? results[results.length - 1];
        set({ prediction: Array.from(mine.probabilities) });
      } catch {
        // no network yet: nothing to show
      }
    },

    curve: (activation, params, xs) => client.request(REQ.curve, { activation, params, xs }),
    cost: (activation, params) => firstView.then(() => client.request(REQ.cost, { activation, params })),
    checkFormula: (text) => client.request(REQ.checkFormula, { text }),
    samples: (indices) => client.request(REQ.samples, { indices }),
    firstLayerWeights: (run) => client.request(REQ.firstLayerWeights, { run }),
    saveWeights: () => client.request(REQ.saveWeights, { run: store.get().currentRun }),
    currentRun,
  };
}
