// The training worker: owns the engine and the current network, trains in time
// slices so it can answer predictions and pauses between them. See protocol.js.
import { loadEngine } from './engine.js';
import { DATA_FILES } from './protocol.js';

let engine = null;
let net = null;
let run = 0;
let data = null; // {name, trainImages, trainLabels, testImages, testLabels}
let netHasData = false;
let training = false;
let pauseRequested = false;
let targetEpochs = 5;
let stepsInEpoch = 0;
let epochStartTime = 0;
let epochSamples = 0;
let epochTrainSeconds = 0;

const post = (msg, transfer) => self.postMessage(msg, transfer ?? []);
const fail = (context, e) => post({ type: 'error', context, message: e?.message ?? String(e) });

async function gunzipIfNeeded(bytes) {
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
      return new Uint8Array(await new Response(stream).arrayBuffer());
    } catch {
      throw new Error('corrupt or truncated gzip data');
    }
  }
  return bytes;
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
  netHasData = false;
  post({ type: 'dataReady', name: source.name, train: train.count, test: test.count });
}

function ensureData() {
  if (!data) throw new Error('no dataset loaded yet');
  if (!netHasData) {
    net.setData(data);
    netHasData = true;
    stepsInEpoch = 0;
  }
}

function replaceNetwork(next) {
  if (net) net.dispose();
  net = next;
  run += 1;
  netHasData = false;
  training = false;
  stepsInEpoch = 0;
  epochSamples = 0;
  epochTrainSeconds = 0;
}

function progressMessage(s, seconds) {
  return {
    type: 'progress', run, loss: s.loss, accuracy: s.accuracy, step: s.step, epoch: s.epoch,
    epochFraction: s.epochFraction, stepsRun: s.stepsRun, samplesRun: s.samplesRun,
    samplesPerSecond: seconds > 0 ? s.samplesRun / seconds : 0,
  };
}

/** Runs up to n steps without crossing an epoch boundary; handles epoch end and divergence. */
function trainChunk(n) {
  const info = net.info();
  const left = info.stepsPerEpoch - stepsInEpoch;
  const steps = Math.max(1, Math.min(n, left));
  const t0 = performance.now();
  const s = net.trainSteps(steps);
  const seconds = (performance.now() - t0) / 1000;
  stepsInEpoch += s.stepsRun;
  epochSamples += s.samplesRun;
  epochTrainSeconds += seconds;
  if (s.diverged) {
    training = false;
    post({ type: 'diverged', run, step: s.step + 1, epoch: s.epoch });
    return { s, seconds, diverged: true };
  }
  post(progressMessage(s, seconds));
  if (stepsInEpoch >= info.stepsPerEpoch) {
    const ev = net.evaluate();
    post({
      type: 'epoch', run, epoch: s.epoch, step: s.step, valLoss: ev.loss, valAccuracy: ev.accuracy,
      confusion: ev.confusion, seconds: epochTrainSeconds, samplesPerSecond: epochSamples / epochTrainSeconds,
    });
    stepsInEpoch = 0;
    epochSamples = 0;
    epochTrainSeconds = 0;
  }
  return { s, seconds, diverged: false };
}

const yieldToMessages = () => new Promise((r) => setTimeout(r, 0));

async function trainLoop() {
  training = true;
  pauseRequested = false;
  let chunk = 2;
  const myRun = run;
  while (training && run === myRun) {
    if (pauseRequested) {
      training = false;
      post({ type: 'paused', run });
      return;
    }
    if (net.info().epoch >= targetEpochs) {
      training = false;
      post({ type: 'done', run, epoch: net.info().epoch });
      return;
    }
    const { seconds, diverged } = trainChunk(chunk);
    if (diverged) return;
    // Keep each slice near 40 ms so predictions and pauses are answered quickly.
    const perStep = seconds / chunk;
    if (perStep > 0) chunk = Math.max(1, Math.min(64, Math.round(0.04 / perStep)));
    await yieldToMessages();
  }
}

self.onmessage = async (ev) => {
  const msg = ev.data;
  try {
    switch (msg.type) {
      case 'init': {
        engine = await loadEngine(msg.simd === undefined ? {} : { simd: msg.simd });
        post({ type: 'ready', simd: engine.simd, activations: engine.activations() });
        break;
      }
      case 'configure': {
        const next = engine.createNetwork(msg.spec); // throws before anything changes
        replaceNetwork(next);
        post({ type: 'configured', run, info: net.info(), spec: msg.spec, pretrained: false });
        break;
      }
      case 'loadWeights': {
        const next = engine.createNetwork({});
        try {
          const info = next.loadWeights(new Uint8Array(msg.bytes));
          replaceNetwork(next);
          post({ type: 'configured', run, info, pretrained: true, label: msg.label });
        } catch (e) {
          next.dispose();
          throw e;
        }
        break;
      }
      case 'loadData': {
        const wasTraining = training;
        training = false;
        await loadData(msg.source);
        if (wasTraining) post({ type: 'paused', run });
        break;
      }
      case 'train': {
        if (training) break;
        targetEpochs = msg.epochs ?? targetEpochs;
        ensureData();
        await trainLoop();
        break;
      }
      case 'pause': {
        if (training) pauseRequested = true;
        else post({ type: 'paused', run });
        break;
      }
      case 'step': {
        if (training) break;
        ensureData();
        trainChunk(1);
        break;
      }
      case 'predict': {
        if (!net) break;
        const probabilities = net.predict(msg.pixels);
        post({ type: 'prediction', id: msg.id, run, probabilities });
        break;
      }
      case 'curve': {
        const c = engine.activationCurve(msg.activation, msg.params, msg.xs);
        post({ type: 'curve', id: msg.id, activation: msg.activation, y: c.y, dy: c.dy });
        break;
      }
      case 'diagnostics': {
        ensureData();
        post({ type: 'diagnostics', id: msg.id, run, ...net.diagnostics() });
        break;
      }
      case 'saveWeights': {
        const bytes = net.saveWeights();
        post({ type: 'weights', id: msg.id, bytes }, [bytes.buffer]);
        break;
      }
      default:
        throw new Error(`unknown message type '${msg.type}'`);
    }
  } catch (e) {
    training = false;
    fail(msg.type, e);
  }
};
