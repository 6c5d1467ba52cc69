// A training worker: owns an engine and one or more networks ("runs"), trains
// them round-robin in time slices (step for step) so it can answer predictions and pauses in
// between. The page uses one worker for its main run; compare mode spreads its
// runs over several. See protocol.js for the messages.
import { loadEngine } from './engine.js';
import { DATA_FILES, EVT, REPLY, REQ } from './protocol.js';
import { gunzipIdx, isGzip } from './gunzip.js';
import { weightGridImage } from './weightgrid.js';

let engine = null;
let data = null; // {name, trainImages, trainLabels, testImages, testLabels}
const runs = new Map(); // id -> Run
let training = false;
let pauseRequested = false;
let loopToken = 0;

const post = (msg, transfer) => self.postMessage(msg, transfer ?? []);
const reply = (id, result = {}, transfer) => post({ type: REPLY, id, result }, transfer);

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
    this.profiles = []; // stepProfile of each chunk of the current epoch
    this.fastest = null; // {gemm, activation}: the side-by-side timing at the end of the epoch
    this.endedEpoch = null; // the epoch just ended, until its end is reported (endEpochs)
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

let dataToken = 0; // the newest loadData wins: an older one that ends later changes nothing

async function loadData(source) {
  const token = ++dataToken;
  const raw = {};
  if (source.kind === 'url') {
    const total = source.sizes ? Object.values(source.sizes).reduce((a, b) => a + b, 0) : 0;
    let loaded = 0;
    await Promise.all(
      DATA_FILES.map(async (f) => {
        raw[f] = await fetchWithProgress(`${source.base}${f}.gz`, (n) => {
          loaded += n;
          post({ type: EVT.dataProgress, loaded, total });
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
  if (token !== dataToken) throw new Error(`${source.name}: another dataset was chosen meanwhile`);
  const train = engine.parseIdx(plain[DATA_FILES[0]], plain[DATA_FILES[1]], label('train'));
  const test = engine.parseIdx(plain[DATA_FILES[2]], plain[DATA_FILES[3]], label('t10k'));
  data = { name: source.name, trainImages: train.images, trainLabels: train.labels, testImages: test.images, testLabels: test.labels };
  for (const r of runs.values()) r.hasData = false;
  return { name: source.name, train: train.count, test: test.count };
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

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * The epoch's step breakdown: the median of its chunks, stage by stage (ms per
 * step); and the matrix products and activations of the fastest step, what
 * comparisons of cost between runs read (time taken by another thread only
 * adds): from the side-by-side timing if there was one, else from the chunks.
 */
function postProfile(r) {
  if (!r.profiles.length) return;
  const stage = (k) => median(r.profiles.map((p) => p[k]));
  const fastest = (k) => Math.min(...r.profiles.map((p) => p[k]));
  post({
    type: EVT.profile, run: r.id, gemm: stage('gemm'), activation: stage('activation'), loss: stage('loss'), optimizer: stage('optimizer'), other: stage('other'), measured: stage('measured'),
    gemmMin: r.fastest?.gemm ?? fastest('gemmMin'), activationMin: r.fastest?.activation ?? fastest('activationMin'),
  });
  r.profiles = [];
  r.fastest = null;
}

// Compare mode's runs that must be timed side by side (a lesson on cost) ask for it.
let sideBySide = false;
const SIDE_BY_SIDE_ROUNDS = 6;

/**
 * Times the runs' steps side by side, without training: single steps, the
 * runs in turn (the order flipped every round), nothing posted in between, so
 * whatever else the machine does falls on them alike. Keeps each run's fastest.
 */
function timeSideBySide(list) {
  for (const r of list) r.fastest = { gemm: Infinity, activation: Infinity };
  for (let i = 0; i < SIDE_BY_SIDE_ROUNDS; i++) {
    for (const r of i % 2 ? [...list].reverse() : list) {
      const p = r.net.timeStep();
      r.fastest.gemm = Math.min(r.fastest.gemm, p.gemm);
      r.fastest.activation = Math.min(r.fastest.activation, p.activation);
    }
  }
}

/**
 * Reports the end of the epochs that ended in the last round of steps: the step
 * breakdown (after a side-by-side timing when asked for), the diagnostics, and
 * done after the last epoch.
 */
function endEpochs() {
  const ended = [...runs.values()].filter((r) => r.endedEpoch !== null);
  if (!ended.length) return;
  const healthy = ended.filter((r) => !r.diverged);
  if (sideBySide && runs.size > 1 && healthy.length) timeSideBySide(healthy);
  for (const r of ended) {
    const epoch = r.endedEpoch;
    r.endedEpoch = null;
    postProfile(r);
    postDiagnostics(r);
    if (epoch >= r.epochs) {
      r.finished = true;
      post({ type: EVT.done, run: r.id, epoch });
    }
  }
}

function postDiagnostics(r) {
  r.lastDiag = performance.now();
  const d = r.net.diagnostics();
  r.deadUnits = d.layers[0]?.deadUnits ?? null;
  post({ type: EVT.diag, run: r.id, step: r.step, ...d });
}

/** Up to n steps of run r without crossing an epoch boundary; posts progress and epoch results. Returns seconds per step. */
function trainChunk(r, n) {
  ensureData(r);
  const steps = Math.max(1, Math.min(n, r.stepsPerEpoch - r.stepsInEpoch));
  const t0 = performance.now();
  // Every chunk is timed stage by stage (they train as usual; the clock costs
  // nothing next to a step). The epoch's medians are posted at its end: robust
  // to a moment when another process had the core.
  const p = r.net.stepProfile(steps);
  const s = p.stats;
  if (!s.diverged && s.stepsRun > 0) r.profiles.push(p);
  const seconds = (performance.now() - t0) / 1000;
  r.step = s.step;
  r.stepsInEpoch += s.stepsRun;
  r.epochSamples += s.samplesRun;
  r.epochSeconds += seconds;
  if (s.diverged) {
    r.diverged = r.finished = true;
    post({ type: EVT.diverged, run: r.id, step: s.step + 1, epoch: s.epoch });
    return seconds / Math.max(1, s.stepsRun);
  }
  post({
    type: EVT.progress, run: r.id, loss: s.loss, accuracy: s.accuracy, step: s.step, epoch: s.epoch,
    epochFraction: s.epochFraction, stepsRun: s.stepsRun, samplesRun: s.samplesRun,
    samplesPerSecond: seconds > 0 ? s.samplesRun / seconds : 0,
  });
  if (r.stepsInEpoch >= r.stepsPerEpoch) {
    const ev = r.net.evaluate();
    post({
      type: EVT.epoch, run: r.id, epoch: s.epoch, step: s.step, valLoss: ev.loss, valAccuracy: ev.accuracy,
      confusion: ev.confusion, misclassified: ev.misclassified, predicted: ev.predicted,
      seconds: r.epochSeconds, samplesPerSecond: r.epochSamples / r.epochSeconds,
    });
    r.stepsInEpoch = r.epochSamples = r.epochSeconds = 0;
    r.endedEpoch = s.epoch; // reported after the round (endEpochs)
  } else if (performance.now() - r.lastDiag > 1000) {
    postDiagnostics(r);
  }
  return seconds / Math.max(1, s.stepsRun);
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
      post({ type: EVT.paused });
      settlePause();
      return;
    }
    const active = [...runs.values()].filter((r) => !r.finished);
    if (!active.length) {
      training = false;
      post({ type: EVT.allDone });
      settlePause();
      return;
    }
    // The runs of one worker advance step for step (the slowest one's slice sets
    // the count): their steps share the same moments, so a busy spell of the
    // machine slows them alike and their timings stay comparable.
    const n = Math.min(...active.map((r) => chunk.get(r.id) ?? 2));
    for (const r of active) {
      if (!training || token !== loopToken || !runs.has(r.id)) break;
      let perStep;
      try {
        perStep = trainChunk(r, n);
      } catch (e) {
        training = false;
        post({ type: EVT.error, message: e?.message ?? String(e) });
        settlePause();
        return;
      }
      // Keep each slice near 40 ms so predictions and pauses are answered quickly.
      if (perStep > 0) chunk.set(r.id, Math.max(1, Math.min(64, Math.round(0.04 / perStep))));
      await yieldToMessages();
    }
    endEpochs();
  }
}

// Pause requests are answered once the loop has actually stopped.
let pauseWaiters = [];
function settlePause() {
  for (const id of pauseWaiters) reply(id);
  pauseWaiters = [];
}

function newRun(msg, net) {
  const r = new Run(msg.run, net, msg.epochs ?? 5);
  runs.set(r.id, r);
  return r;
}

/** Request handlers: each returns its result (or [result, transfer]); a throw becomes the error reply. */
const handlers = {
  async [REQ.init](msg) {
    engine = await loadEngine(msg.simd === undefined ? {} : { simd: msg.simd });
    return { simd: engine.simd, activations: engine.activations(), limits: engine.limits() };
  },
  [REQ.configure](msg) {
    const net = engine.createNetwork(msg.spec); // throws before anything changes
    if (!msg.keep) clearRuns();
    const r = newRun(msg, net);
    return { run: r.id, info: net.info() };
  },
  [REQ.loadWeights](msg) {
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
    return { run: r.id, info };
  },
  async [REQ.loadData](msg) {
    const wasTraining = training;
    training = false;
    loopToken++;
    const result = await loadData(msg.source);
    if (wasTraining) post({ type: EVT.paused });
    return result;
  },
  [REQ.estimate](msg) {
    return { bytes: msg.specs.map((spec) => engine.memoryEstimate(spec).bytes) };
  },
  [REQ.train](msg) {
    if (msg.sideBySide !== undefined) sideBySide = !!msg.sideBySide;
    if (training) return {};
    for (const r of runs.values()) {
      if (msg.epochs) r.epochs = msg.epochs;
      if (!r.diverged) r.finished = r.net.info().epoch >= r.epochs;
      ensureData(r);
    }
    trainLoop(); // runs on; its news are events
    return {};
  },
  [REQ.pause](msg) {
    if (!training) {
      post({ type: EVT.paused });
      return {};
    }
    pauseRequested = true;
    pauseWaiters.push(msg.id);
    return undefined; // answered by settlePause()
  },
  [REQ.step]() {
    if (!training) {
      for (const r of runs.values()) if (!r.diverged) trainChunk(r, 1);
      endEpochs();
    }
    return {};
  },
  [REQ.predict](msg) {
    return { results: [...runs.values()].map((r) => ({ run: r.id, probabilities: r.net.predict(msg.pixels) })) };
  },
  [REQ.checkFormula](msg) {
    return engine.checkFormula(msg.text);
  },
  [REQ.cost](msg) {
    return engine.activationCost(msg.activation, msg.params);
  },
  [REQ.curve](msg) {
    const c = engine.activationCurve(msg.activation, msg.params, msg.xs);
    return { y: c.y, dy: c.dy };
  },
  [REQ.firstLayerWeights](msg) {
    const r = runs.get(msg.run) ?? [...runs.values()].pop();
    if (!r) throw new Error('no network yet');
    const w = r.net.firstLayerWeights();
    // The image is built here, off the page's main thread.
    const grid = weightGridImage(w.weights, w.rows, w.cols, r.deadUnits);
    return [{ run: r.id, rows: w.rows, cols: w.cols, grid, deadUnits: r.deadUnits }, [grid.rgba.buffer]];
  },
  [REQ.saveWeights](msg) {
    const r = runs.get(msg.run) ?? [...runs.values()].pop();
    if (!r) throw new Error('no network yet');
    const bytes = r.net.saveWeights();
    return [{ run: r.id, bytes }, [bytes.buffer]];
  },
  [REQ.samples](msg) {
    if (!data) throw new Error('no dataset loaded yet');
    const idx = msg.indices.filter((i) => i >= 0 && i < data.testLabels.length);
    const images = new Uint8Array(idx.length * 784);
    idx.forEach((k, n) => images.set(data.testImages.subarray(k * 784, (k + 1) * 784), n * 784));
    return [{ images, labels: idx.map((k) => data.testLabels[k]) }, [images.buffer]];
  },
  [REQ.dispose]() {
    clearRuns();
    return {};
  },
};

self.onmessage = async (ev) => {
  const msg = ev.data;
  const handler = handlers[msg?.type];
  try {
    if (!handler) throw new Error(`unknown request '${msg?.type}'`);
    const out = await handler(msg);
    if (out === undefined) return;
    const [result, transfer] = Array.isArray(out) ? out : [out, []];
    reply(msg.id, result, transfer);
  } catch (e) {
    if (msg?.type === REQ.train || msg?.type === REQ.step) training = false;
    post({ type: REPLY, id: msg?.id, error: e?.message ?? String(e) });
  }
};
