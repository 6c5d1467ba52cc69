// Compare mode: trains several activations side by side, with the same data
// order, seed and (wherever shapes agree) the same initial weights, spread over
// as many Web Workers as the machine has cores (at most one per run).
import { addEpoch, addProgress, newCurves } from './curves.js';

/** Per-activation record shown in the results table and checked by exercises. */
function emptyRecord(activation, run) {
  return {
    activation, run, step: 0, epoch: 0, done: false, diverged: false,
    ...newCurves(),
    valAccuracy: null, firstEpochValAccuracy: null, bestValAccuracy: null, epochsTo90: null, epochsTo95: null,
    secondsPerEpoch: null, parameters: null, trainLoss: null,
    deadFraction: null, gradNormFirst: null, meanOutput: null, saturationFraction: null, alpha: null, layers: null,
    probabilities: null,
  };
}

export class CompareLab {
  /**
   * activations: ids; spec(id) -> engine spec for that activation; epochs;
   * source: loadData source; nextRunId(); onUpdate(lab) called (throttled) on news.
   */
  constructor({ activations, spec, epochs, source, nextRunId, onUpdate, onError, workerCount, simd }) {
    this.simd = simd;
    this.activations = activations;
    this.spec = spec;
    this.epochs = epochs;
    this.source = source;
    this.onUpdate = onUpdate;
    this.onError = onError;
    this.records = new Map();
    this.byRun = new Map();
    for (const a of activations) {
      const rec = emptyRecord(a, nextRunId());
      this.records.set(a, rec);
      this.byRun.set(rec.run, rec);
    }
    const cores = typeof navigator !== 'undefined' && navigator.hardwareConcurrency ? navigator.hardwareConcurrency : 2;
    this.workerCount = Math.max(1, Math.min(workerCount ?? cores, activations.length));
    this.workers = [];
    this.status = 'idle';
    this.pending = null;
    this.predictId = 0;
  }

  async start() {
    this.status = 'loading';
    this.workers = Array.from({ length: this.workerCount }, () => ({
      worker: new Worker(new URL('./worker.js', import.meta.url), { type: 'module' }),
      waiters: [],
      done: false,
    }));
    for (const w of this.workers) w.worker.onmessage = (ev) => this.onMessage(w, ev.data);
    await Promise.all(this.workers.map((w) => this.call(w, { type: 'init', simd: this.simd }, ['ready'])));
    await Promise.all(this.workers.map((w) => this.call(w, { type: 'loadData', source: this.source }, ['dataReady'])));
    // Round-robin the runs over the workers.
    const assignments = [...this.records.values()].map((rec, i) => ({ rec, w: this.workers[i % this.workers.length] }));
    for (const { rec, w } of assignments) {
      rec.worker = w;
      const msg = await this.call(w, { type: 'configure', run: rec.run, spec: this.spec(rec.activation), epochs: this.epochs, keep: true }, ['configured']);
      rec.parameters = msg.info.parameters;
      rec.description = msg.info.description;
    }
    this.resume();
  }

  resume() {
    this.status = 'training';
    for (const w of this.workers) {
      w.done = false;
      w.worker.postMessage({ type: 'train', epochs: this.epochs });
    }
    this.changed();
  }

  pause() {
    for (const w of this.workers) w.worker.postMessage({ type: 'pause' });
    this.status = 'paused';
    this.changed();
  }

  dispose() {
    for (const w of this.workers) w.worker.terminate();
    this.workers = [];
    this.status = 'stopped';
  }

  /** Every model's prediction for the same drawing; repeated after each epoch. */
  predict(pixels) {
    this.pixels = pixels;
    const id = ++this.predictId;
    for (const w of this.workers) w.worker.postMessage({ type: 'predict', id, pixels });
  }

  call(w, msg, okTypes) {
    return new Promise((resolve, reject) => {
      w.waiters.push({ okTypes, context: msg.type, resolve, reject });
      w.worker.postMessage(msg);
    });
  }

  onMessage(w, msg) {
    const i = w.waiters.findIndex((x) => x.okTypes.includes(msg.type) || (msg.type === 'error' && x.context === msg.context));
    if (i >= 0) {
      const [x] = w.waiters.splice(i, 1);
      if (msg.type === 'error') x.reject(new Error(msg.message));
      else x.resolve(msg);
      return;
    }
    const rec = this.byRun.get(msg.run);
    switch (msg.type) {
      case 'progress': {
        addProgress(rec, msg);
        rec.step = msg.step;
        rec.trainLoss = msg.loss;
        break;
      }
      case 'epoch': {
        rec.epoch = msg.epoch;
        addEpoch(rec, msg);
        rec.valAccuracy = msg.valAccuracy;
        if (rec.firstEpochValAccuracy == null) rec.firstEpochValAccuracy = msg.valAccuracy;
        rec.bestValAccuracy = Math.max(rec.bestValAccuracy ?? 0, msg.valAccuracy);
        if (rec.epochsTo90 == null && msg.valAccuracy >= 0.9) rec.epochsTo90 = msg.epoch;
        if (rec.epochsTo95 == null && msg.valAccuracy >= 0.95) rec.epochsTo95 = msg.epoch;
        rec.secondsPerEpoch = rec.epochs.reduce((a, e) => a + e.seconds, 0) / rec.epochs.length;
        if (this.pixels) this.predict(this.pixels);
        break;
      }
      case 'diag': {
        const first = msg.layers[0];
        rec.layers = msg.layers;
        rec.deadFraction = first.deadFraction;
        rec.gradNormFirst = first.gradNorm;
        rec.meanOutput = first.meanOutput;
        rec.saturationFraction = first.saturationFraction;
        rec.alpha = first.alpha ?? null;
        break;
      }
      case 'done':
        rec.done = true;
        break;
      case 'diverged':
        rec.diverged = rec.done = true;
        break;
      case 'allDone':
        w.done = true;
        if (this.workers.every((x) => x.done)) this.status = 'done';
        break;
      case 'prediction':
        if (msg.id !== this.predictId) return;
        for (const r of msg.results) {
          const target = this.byRun.get(r.run);
          if (target) target.probabilities = Array.from(r.probabilities);
        }
        break;
      case 'error':
        this.onError?.(msg.message);
        break;
      default:
        return;
    }
    this.changed();
  }

  changed() {
    if (this.pending) return;
    this.pending = setTimeout(() => {
      this.pending = null;
      this.onUpdate(this);
    }, 150);
  }

  /** {activationId: record} for exercise checks. */
  results() {
    return Object.fromEntries([...this.records.entries()]);
  }
}
