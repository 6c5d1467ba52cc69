// A training worker: owns an engine and one or more networks ("runs"), trains
// them round-robin in time slices so it can answer predictions and pauses in
// between. The page uses one worker for its main run; compare mode spreads its
// runs over several. See protocol.js for the messages.
import { loadEngine } from './engine.js';
import { DATA_FILES } from './protocol.js';
import { gunzipIdx, isGzip } from './gunzip.js';
import { weightGridImage } from './weightgrid.js';

let engine = null;
let data = null; // {name, trainImages, trainLabels, testImages, testLabels}
const runs = new Map(); // id -> Run
let training = false;
let pauseRequested = false;
let loopToken = 0;

const post = (msg, transfer) => self.postMessage(msg, transfer ?? []);

class Run {
  constructor(id, net, epochs) {
    this.id = id;
    this.net = net;
    this.epochs = epochs;
    this.hasData = false;
    this.stepsInEpoch = 0;
    this.epochSamples = 0;
    this.epochSeconds = 0;
    this.finished = false;
    this.diverged = false;
    this.lastDiag = 0;
    this.step = net.info().step;
    this.stepsPerEpoch = 0;
  }
  dispose() {
    this.net.dispose();
  }
}

async function gunzipIfNeeded(bytes) {
  return isGzip(bytes) ? gunzipIdx(bytes, (header) => engine.idxFileSize(header)) : bytes;
}

async function fetchWithProgress(url, onBytes) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`could not download ${url.split('/').pop()} (HTTP ${res.status})`);
  const reader = res.body.getReader();
  const parts = [];
  let n = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    n += value.length;
    onBytes(value.length);
  }
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) out.set(p, at), (at += p.length);
  return out;
}

async function loadData(source) {
  const raw = {};
  if (source.kind === 'url') {
    const total = source.sizes ? Object.values(source.sizes).reduce((a, b) => a + b, 0) : 0;
    let loaded = 0;
    await Promise.all(
      DATA_FILES.map(async (f) => {
        raw[f] = await fetchWithProgress(`${source.base}${f}.gz`, (n) => {
          loaded += n;
          post({ type: 'dataProgress', loaded, total });
        });
      }),
    );
  } else {
    for (const file of source.files) {
      const base = file.name.replace(/\.gz$/, '');
      const match = DATA_FILES.find((f) => base === f || base.replace(/[.-]/g, '') === f.replace(/-/g, ''));
      if (!match) throw new Error(`${file.name}: expected one of ${DATA_FILES.join(', ')} (optionally .gz)`);
      raw[match] = file.bytes;
    }
    const missing = DATA_FILES.filter((f) => !raw[f]);
    if (missing.length) throw new Error(`missing ${missing.join(', ')}`);
  }
  const plain = {};
  for (const f of DATA_FILES) {
    try {
      plain[f] = await gunzipIfNeeded(raw[f]);
    } catch (e) {
      throw new Error(`${f}: ${e.message}`);
    }
  }
  const label = (prefix) => (source.kind === 'files' ? `${prefix}-*-ubyte` : `${source.name} ${prefix === 'train' ? 'training' : 'test'} set`);
  const train = engine.parseIdx(plain[DATA_FILES[0]], plain[DATA_FILES[1]], label('train'));
  const test = engine.parseIdx(plain[DATA_FILES[2]], plain[DATA_FILES[3]], label('t10k'));
  data = { name: source.name, trainImages: train.images, trainLabels: train.labels, testImages: test.images, testLabels: test.labels };
  for (const r of runs.values()) r.hasData = false;
  post({ type: 'dataReady', name: source.name, train: train.count, test: test.count });
}

function ensureData(r) {
  if (!data) throw new Error('no dataset loaded yet');
  if (!r.hasData) {
    r.net.setData(data);
    r.hasData = true;
    r.stepsInEpoch = 0;
    r.stepsPerEpoch = r.net.info().stepsPerEpoch; // fixed for a dataset: not asked for again per chunk
  }
}

function clearRuns() {
  for (const r of runs.values()) r.dispose();
  runs.clear();
  training = false;
  loopToken++;
}

function postDiagnostics(r) {
  r.lastDiag = performance.now();
  const d = r.net.diagnostics();
  r.deadUnits = d.layers[0]?.deadUnits ?? null;
  post({ type: 'diag', run: r.id, step: r.step, ...d });
}

/** Up to n steps of run r without crossing an epoch boundary; posts progress and epoch results. */
function trainChunk(r, n) {
  ensureData(r);
  const steps = Math.max(1, Math.min(n, r.stepsPerEpoch - r.stepsInEpoch));
  const t0 = performance.now();
  const s = r.net.trainSteps(steps);
  const seconds = (performance.now() - t0) / 1000;
  r.step = s.step;
  r.stepsInEpoch += s.stepsRun;
  r.epochSamples += s.samplesRun;
  r.epochSeconds += seconds;
  if (s.diverged) {
    r.diverged = r.finished = true;
    post({ type: 'diverged', run: r.id, step: s.step + 1, epoch: s.epoch });
    return seconds;
  }
  post({
    type: 'progress', run: r.id, loss: s.loss, accuracy: s.accuracy, step: s.step, epoch: s.epoch,
    epochFraction: s.epochFraction, stepsRun: s.stepsRun, samplesRun: s.samplesRun,
    samplesPerSecond: seconds > 0 ? s.samplesRun / seconds : 0,
  });
  if (r.stepsInEpoch >= r.stepsPerEpoch) {
    const ev = r.net.evaluate();
    post({
      type: 'epoch', run: r.id, epoch: s.epoch, step: s.step, valLoss: ev.loss, valAccuracy: ev.accuracy,
      confusion: ev.confusion, misclassified: ev.misclassified, predicted: ev.predicted,
      seconds: r.epochSeconds, samplesPerSecond: r.epochSamples / r.epochSeconds,
    });
    r.stepsInEpoch = r.epochSamples = r.epochSeconds = 0;
    postDiagnostics(r);
    if (s.epoch >= r.epochs) {
      r.finished = true;
      post({ type: 'done', run: r.id, epoch: s.epoch });
    }
  } else if (performance.now() - r.lastDiag > 1000) {
    postDiagnostics(r);
  }
  return seconds;
}

const yieldToMessages = () => new Promise((resolve) => setTimeout(resolve, 0));

async function trainLoop() {
  training = true;
  pauseRequested = false;
  const token = ++loopToken;
  const chunk = new Map();
  while (training && token === loopToken) {
    if (pauseRequested) {
      training = false;
      post({ type: 'paused' });
      return;
    }
    const active = [...runs.values()].filter((r) => !r.finished);
    if (!active.length) {
      training = false;
      post({ type: 'allDone' });
      return;
    }
    for (const r of active) {
      if (!training || token !== loopToken || !runs.has(r.id)) break;
      const n = chunk.get(r.id) ?? 2;
      const seconds = trainChunk(r, n);
      // Keep each slice near 40 ms so predictions and pauses are answered quickly.
      const perStep = seconds / n;
      if (perStep > 0) chunk.set(r.id, Math.max(1, Math.min(64, Math.round(0.04 / perStep))));
      await yieldToMessages();
    }
  }
}

function newRun(msg, net) {
  const r = new Run(msg.run, net, msg.epochs ?? 5);
  runs.set(r.id, r);
  return r;
}

self.onmessage = async (ev) => {
  const msg = ev.data;
  try {
    switch (msg.type) {
      case 'init': {
        engine = await loadEngine(msg.simd === undefined ? {} : { simd: msg.simd });
        post({ type: 'ready', simd: engine.simd, activations: engine.activations(), limits: engine.limits() });
        break;
      }
      case 'configure': {
        const net = engine.createNetwork(msg.spec); // throws before anything changes
        if (!msg.keep) clearRuns();
        const r = newRun(msg, net);
        post({ type: 'configured', run: r.id, info: net.info(), pretrained: false });
        break;
      }
      case 'loadWeights': {
        const net = engine.createNetwork({});
        let info;
        try {
          info = net.loadWeights(new Uint8Array(msg.bytes));
        } catch (e) {
          net.dispose();
          throw e;
        }
        if (!msg.keep) clearRuns();
        const r = newRun(msg, net);
        post({ type: 'configured', run: r.id, info, pretrained: true, label: msg.label });
        break;
      }
      case 'loadData': {
        const wasTraining = training;
        training = false;
        loopToken++;
        await loadData(msg.source);
        if (wasTraining) post({ type: 'paused' });
        break;
      }
      case 'train': {
        if (training) break;
        for (const r of runs.values()) {
          if (msg.epochs) r.epochs = msg.epochs;
          if (!r.diverged) r.finished = r.net.info().epoch >= r.epochs;
          ensureData(r);
        }
        await trainLoop();
        break;
      }
      case 'pause': {
        if (training) pauseRequested = true;
        else post({ type: 'paused' });
        break;
      }
      case 'step': {
        if (training) break;
        for (const r of runs.values()) if (!r.diverged) trainChunk(r, 1);
        break;
      }
      case 'predict': {
        const results = [...runs.values()].map((r) => ({ run: r.id, probabilities: r.net.predict(msg.pixels) }));
        post({ type: 'prediction', id: msg.id, results });
        break;
      }
      case 'estimate': {
        // Memory each spec needs to train (throws for an impossible one).
        const bytes = msg.specs.map((spec) => engine.memoryEstimate(spec).bytes);
        post({ type: 'estimated', id: msg.id, bytes });
        break;
      }
      case 'curve': {
        const c = engine.activationCurve(msg.activation, msg.params, msg.xs);
        post({ type: 'curve', id: msg.id, activation: msg.activation, y: c.y, dy: c.dy });
        break;
      }
      case 'firstLayerWeights': {
        const r = runs.get(msg.run) ?? [...runs.values()].pop();
        const w = r.net.firstLayerWeights();
        // The image is built here, off the page's main thread.
        const grid = weightGridImage(w.weights, w.rows, w.cols, r.deadUnits);
        post({ type: 'firstLayerWeights', id: msg.id, run: r.id, rows: w.rows, cols: w.cols, grid, deadUnits: r.deadUnits }, [grid.rgba.buffer]);
        break;
      }
      case 'saveWeights': {
        const r = runs.get(msg.run) ?? [...runs.values()].pop();
        const bytes = r.net.saveWeights();
        post({ type: 'weights', id: msg.id, run: r.id, bytes }, [bytes.buffer]);
        break;
      }
      case 'samples': {
        if (!data) throw new Error('no dataset loaded yet');
        const idx = msg.indices.filter((i) => i >= 0 && i < data.testLabels.length);
        const images = new Uint8Array(idx.length * 784);
        idx.forEach((k, n) => images.set(data.testImages.subarray(k * 784, (k + 1) * 784), n * 784));
        post({ type: 'samples', id: msg.id, images, labels: idx.map((k) => data.testLabels[k]) }, [images.buffer]);
        break;
      }
      case 'dispose': {
        clearRuns();
        post({ type: 'disposed' });
        break;
      }
      default:
        throw new Error(`unknown message type '${msg.type}'`);
    }
  } catch (e) {
    if (msg.type === 'train' || msg.type === 'step') training = false;
    post({ type: 'error', context: msg.type, message: e?.message ?? String(e) });
  }
};
