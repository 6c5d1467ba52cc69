// Compare mode: trains several activations side by side, with the same data
// order, seed and (wherever shapes agree) the same initial weights, spread over
// as many workers as the machine has cores (at most one per run). Each worker
// is driven through a WorkerClient and gets its data from the page's one
// loader; the records go to the store as store.compare = {status, workerCount,
// records: {activation: record}}, whose status is the comparison's only one.
import { EVT, REQ } from '../worker/protocol.js';
import { WorkerClient } from '../worker/client.js';
import { checkBudget } from './budget.js';
import { addEpoch, addProgress, newCurves, newRunId } from './curves.js';
import { withAlert } from './loader.js';
import { specOf } from './spec.js';

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

/** The activation's parameters as the cost measurement takes them (custom: with its formula). */
const costParams = (h) => (h.formula ? { ...h.params, formula: h.formula } : h.params ?? {});

/**
 * The comparison service. start(ids) trains those activations with the page's
 * settings; pause/resume/stop; predict(pixels) asks every model. `controller`:
 * the page's run (paused while the comparison trains, and its worker gives the
 * memory estimate); `loader`: the shared dataset loader; `spawn()`: a new
 * worker client; `cores`: how many workers at most.
 */
export function createCompare(store, { controller, loader, spawn = WorkerClient.spawn, buildSpec = specOf, cores = (typeof navigator !== 'undefined' && navigator.hardwareConcurrency) || 2 }) {
  let clients = [];
  let records = {};
  let byRun = new Map();
  let pending = null;
  let predictId = 0;
  let pixels = null;
  let finished = new Set();
  let lesson = null; // the lesson this comparison runs, if any

  const status = () => store.get().compare?.status ?? 'idle';
  const publish = (next = status()) => store.set({ compare: { status: next, workerCount: clients.length, records: { ...records }, lesson } });
  const changed = () => {
    if (pending) return;
    pending = setTimeout(() => {
      pending = null;
      publish();
    }, 150);
  };
  const alert = (e) => store.set({ alert: e.alert ?? { key: 'errorWith', vars: { message: e.message } } });

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
        if (finished.size === clients.length && status() === 'training') {
          publish('done');
          store.set({ status: { key: 'compareDone' } });
        }
        return changed();
      }
      if (msg.type === EVT.error) return alert(new Error(msg.message));
      const rec = byRun.get(msg.run);
      if (rec && apply(rec, msg)) {
        if (msg.type === EVT.epoch && pixels) predict(pixels);
        changed();
      }
    });
  }

  /** Each run's network in its worker, with its parameter count and its activation's cost there. */
  async function configure(specs, epochs) {
    const all = Object.values(records);
    for (let i = 0; i < all.length; i++) {
      const client = clients[i % clients.length];
      const r = await client.request(REQ.configure, { run: all[i].run, spec: specs[i], epochs, keep: true });
      all[i].parameters = r.info.parameters;
      const cost = await client.request(REQ.cost, { activation: all[i].activation, params: costParams(specs[i].hidden[0] ?? {}) });
      all[i].activationCost = cost.relativeToRelu;
    }
  }

  /** The plan's specs (built once), checked against the memory budget; throws with the page's alert. */
  async function plan(ids, workerCount) {
    const s = store.get();
    if (!ids.length) throw withAlert(new Error('choose at least one activation'), 'settingsError');
    const specs = ids.map((id) => buildSpec(s.settings, s.table, id));
    const datasetBytes = s.manifest?.datasets?.find((d) => d.id === s.settings.dataset)?.bytes ?? 0;
    // Before anything stops or starts: the comparison's networks, the page's own, and their workers.
    await checkBudget(controller.client, [...specs, buildSpec(s.settings, s.table)], { workers: workerCount + 1, datasetBytes });
    return specs;
  }

  return {
    /**
     * Trains `ids` side by side (refused with an alert if they would not fit the
     * memory budget). `sameWorker`: all in one worker, advancing step for step,
     * and at each epoch's end their steps are timed side by side (without
     * training), so their timings are comparable. `lesson`: the lesson it runs.
     */
    async start(ids, { sameWorker = false, lesson: forLesson = null } = {}) {
      const s = store.get();
      const workerCount = sameWorker ? 1 : Math.max(1, Math.min(cores, ids.length));
      // Loading from the press on (a second press waits); a refused plan puts the comparison back as it was.
      const before = s.compare;
      store.set({ compare: { records: {}, workerCount: 0, ...before, status: 'loading', lesson: forLesson } });
      let specs;
      try {
        specs = await plan(ids, workerCount);
      } catch (e) {
        store.set({ compare: before });
        return alert(e);
      }
      stop();
      controller.pause();
      store.set({ alert: null });
      records = Object.fromEntries(ids.map((id) => [id, emptyRecord(id, newRunId())]));
      byRun = new Map(Object.values(records).map((r) => [r.run, r]));
      finished = new Set();
      lesson = forLesson;
      clients = Array.from({ length: workerCount }, () => spawn());
      clients.forEach(listen);
      publish('loading');
      store.set({ status: { key: 'comparing', vars: { n: ids.length, w: workerCount } } });
      const mine = clients;
      try {
        const simd = { simd: true, scalar: false }[s.settings.engine];
        await Promise.all(clients.map((c) => c.request(REQ.init, { simd })));
        const source = await loader.source(s.settings.dataset);
        await Promise.all(clients.map((c) => c.request(REQ.loadData, { source })));
        await configure(specs, s.settings.epochs);
        publish('training');
        await Promise.all(clients.map((c) => c.request(REQ.train, { epochs: s.settings.epochs, sideBySide: sameWorker })));
        if (pixels) predict(pixels);
      } catch (e) {
        if (clients === mine && clients.length) alert(e);
      }
    },
    pause() {
      if (status() !== 'training') return;
      for (const c of clients) c.request(REQ.pause).catch(() => {});
      publish('paused');
    },
    resume() {
      if (status() !== 'paused') return;
      finished = new Set();
      publish('training');
      for (const c of clients) c.request(REQ.train, {}).catch(() => {});
    },
    /** Stops and frees every worker; the records stay on screen. */
    stop() {
      stop();
      const now = status();
      publish(now !== 'done' && now !== 'idle' ? 'stopped' : now);
    },
    predict,
    status,
  };
}
