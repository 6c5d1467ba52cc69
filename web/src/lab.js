// Compare mode: trains several activations side by side, with the same data
// order, seed and (wherever shapes agree) the same initial weights, spread over
// as many workers as the machine has cores (at most one per run). Each worker
// is driven through a WorkerClient; the records go to the store as
// store.compare = {status, workerCount, records: {activation: record}}.
import { addEpoch, addProgress, newCurves } from './curves.js';
import { EVT, REQ } from './protocol.js';
import { specOf } from './state.js';
import { WorkerClient } from './worker-client.js';

/** Per-activation record shown in the results table and read by the lessons' checks. */
function emptyRecord(activation, run) {
  return {
    activation, run, step: 0, epoch: 0, done: false, diverged: false,
    ...newCurves(),
    valAccuracy: null, firstEpochValAccuracy: null, bestValAccuracy: null, epochsTo90: null, epochsTo95: null,
    secondsPerEpoch: null, parameters: null, trainLoss: null,
    deadFraction: null, inactiveFraction: null, gradNormFirst: null, meanOutput: null, saturationFraction: null,
    alpha: null, layers: null, probabilities: null,
    activationCost: null, // f + f' per element relative to ReLU, measured by the run's worker
    profile: null, // ms per step by stage (matrix products, activation, loss, optimizer, other)
  };
}

/** Applies one worker event to its record; false if the event changes nothing shown. */
function apply(rec, msg) {
  switch (msg.type) {
    case EVT.progress:
      addProgress(rec, msg);
      rec.step = msg.step;
      rec.trainLoss = msg.loss;
      return true;
    case EVT.epoch:
      rec.epoch = msg.epoch;
      addEpoch(rec, msg);
      rec.valAccuracy = msg.valAccuracy;
      if (rec.firstEpochValAccuracy == null) rec.firstEpochValAccuracy = msg.valAccuracy;
      rec.bestValAccuracy = Math.max(rec.bestValAccuracy ?? 0, msg.valAccuracy);
      if (rec.epochsTo90 == null && msg.valAccuracy >= 0.9) rec.epochsTo90 = msg.epoch;
      if (rec.epochsTo95 == null && msg.valAccuracy >= 0.95) rec.epochsTo95 = msg.epoch;
      rec.secondsPerEpoch = rec.epochs.reduce((a, e) => a + e.seconds, 0) / rec.epochs.length;
      return true;
    case EVT.diag: {
      const first = msg.layers[0];
      Object.assign(rec, {
        layers: msg.layers, deadFraction: first.deadFraction, inactiveFraction: first.inactiveFraction, gradNormFirst: first.gradNorm,
        meanOutput: first.meanOutput, saturationFraction: first.saturationFraction, alpha: first.alpha ?? null,
      });
      return true;
    }
    case EVT.profile:
      rec.profile = { gemm: msg.gemm, activation: msg.activation, loss: msg.loss, optimizer: msg.optimizer, other: msg.other, measured: msg.measured, gemmMin: msg.gemmMin, activationMin: msg.activationMin };
      return true;
    case EVT.done:
      rec.done = true;
      return true;
    case EVT.diverged:
      rec.diverged = rec.done = true;
      return true;
    default:
      return false;
  }
}

/**
 * The comparison service. start(ids) trains those activations with the page's
 * settings; pause/resume/stop; predict(pixels) asks every model.
 */
export function createLab(store, session) {
  let clients = [];
  let records = {};
  let byRun = new Map();
  let status = 'idle';
  let pending = null;
  let predictId = 0;
  let pixels = null;
  let finished = new Set();

  const publish = () => store.set({ compare: { status, workerCount: clients.length, records: { ...records } } });
  const changed = () => {
    if (pending) return;
    pending = setTimeout(() => {
      pending = null;
      publish();
    }, 150);
  };

  function stop() {
    for (const c of clients) c.terminate();
    clients = [];
  }

  async function predict(p = pixels) {
    pixels = p;
    const id = ++predictId;
    for (const r of Object.values(records)) if (!p) r.probabilities = null;
    if (!p) return changed();
    await Promise.all(clients.map(async (c) => {
      try {
        const { results } = await c.request(REQ.predict, { pixels: p });
        if (id !== predictId) return;
        for (const r of results) if (byRun.has(r.run)) byRun.get(r.run).probabilities = Array.from(r.probabilities);
        changed();
      } catch {
        // a stopped worker: nothing to show
      }
    }));
  }

  function listen(client, index) {
    client.on('*', (msg) => {
      if (msg.type === EVT.allDone) {
        finished.add(index);
        if (finished.size === clients.length && status === 'training') {
          status = 'done';
          store.set({ status: { key: 'compareDone' } });
        }
        return changed();
      }
      if (msg.type === EVT.error) return store.set({ alert: { key: 'errorWith', vars: { message: msg.message } } });
      const rec = byRun.get(msg.run);
      if (rec && apply(rec, msg)) {
        if (msg.type === EVT.epoch && pixels) predict(pixels);
        changed();
      }
    });
  }

  return {
    /**
     * Trains `ids` side by side (refused with an alert if they would not fit the
     * memory budget). `sameWorker`: all in one worker, advancing step for step,
     * and at each epoch's end their steps are timed side by side (without
     * training), so their timings are comparable.
     */
    async start(ids, { sameWorker = false } = {}) {
      const s = store.get();
      if (!ids.length) return store.set({ alert: { key: 'settingsError', vars: { message: 'choose at least one activation' } } });
      const want = s.settings.dataset === 'fashion' ? 'fashion' : 'mnist';
      const ds = s.manifest?.datasets?.find((d) => d.id === want);
      if (!ds) return store.set({ alert: { key: 'dataError', vars: { message: `dataset '${want}' is not available on this site` } } });
      const specs = ids.map((id) => specOf(s.settings, s.table, id));
      const cores = (typeof navigator !== 'undefined' && navigator.hardwareConcurrency) || 2;
      const workerCount = sameWorker ? 1 : Math.max(1, Math.min(cores, ids.length));
      try {
        // Before anything stops or starts: the comparison's networks, the page's own, and their workers.
        await session.checkBudget([...specs, specOf(s.settings, s.table)], workerCount + 1);
      } catch (e) {
        return store.set({ alert: e.alert ?? { key: 'errorWith', vars: { message: e.message } } });
      }
      stop();
      session.pause();
      store.set({ alert: null });
      records = Object.fromEntries(ids.map((id) => [id, emptyRecord(id, session.newRunId())]));
      byRun = new Map(Object.values(records).map((r) => [r.run, r]));
      finished = new Set();
      status = 'loading';
      clients = Array.from({ length: workerCount }, () => WorkerClient.spawn());
      clients.forEach(listen);
      publish();
      store.set({ status: { key: 'comparing', vars: { n: ids.length, w: workerCount } } });
      try {
        const simd = { simd: true, scalar: false }[s.settings.engine];
        const source = { kind: 'url', name: want === 'mnist' ? 'MNIST' : 'Fashion-MNIST', base: new URL(ds.base, document.baseURI).href, sizes: ds.sizes };
        await Promise.all(clients.map((c) => c.request(REQ.init, { simd })));
        await Promise.all(clients.map((c) => c.request(REQ.loadData, { source })));
        const all = Object.values(records);
        for (let i = 0; i < all.length; i++) {
          const client = clients[i % clients.length];
          const r = await client.request(REQ.configure, { run: all[i].run, spec: specs[i], epochs: s.settings.epochs, keep: true });
          all[i].parameters = r.info.parameters;
          // What its activation costs per element, measured against ReLU by the worker that trains it.
          const h = specs[i].hidden[0] ?? {};
          const cost = await client.request(REQ.cost, { activation: all[i].activation, params: h.formula ? { ...h.params, formula: h.formula } : h.params ?? {} });
          all[i].activationCost = cost.relativeToRelu;
        }
        status = 'training';
        await Promise.all(clients.map((c) => c.request(REQ.train, { epochs: s.settings.epochs, sideBySide: sameWorker })));
        publish();
        if (pixels) predict(pixels);
      } catch (e) {
        if (clients.length) store.set({ alert: { key: 'errorWith', vars: { message: e.message } } });
      }
    },
    pause() {
      if (status !== 'training') return;
      status = 'paused';
      for (const c of clients) c.request(REQ.pause).catch(() => {});
      publish();
    },
    resume() {
      if (status !== 'paused') return;
      status = 'training';
      finished = new Set();
      for (const c of clients) c.request(REQ.train, {}).catch(() => {});
      publish();
    },
    /** Stops and frees every worker; the records stay on screen. */
    stop() {
      stop();
      if (status !== 'done' && status !== 'idle') status = 'stopped';
      publish();
    },
    predict,
    status: () => status,
  };
}
