// A training worker's entry: owns an engine and answers the page's requests
// (protocol.js) with the scheduler's runs (scheduler.js) and the data the page
// hands it (data.js). The page uses one worker for its own run; compare mode
// spreads its runs over several.
import { loadEngine } from '../engine/engine.js';
import { parseSource } from './data.js';
import { REPLY, REQ, EVT } from './protocol.js';
import * as plane from './plane.js';
import * as scheduler from './scheduler.js';
import { weightGridImage } from './weightgrid.js';

let engine = null;
let dataToken = 0; // the newest loadData wins: an older one that ends later changes nothing

const reply = (id, result = {}, transfer) => scheduler.post({ type: REPLY, id, result }, transfer);

/** A network from a weights file; nothing changes on a bad file. */
function fromWeights(bytes) {
  const net = engine.createNetwork({});
  try {
    return [net, net.loadWeights(new Uint8Array(bytes))];
  } catch (e) {
    net.dispose();
    throw e;
  }
}

/** The data as the four MNIST IDX files (big-endian headers: images 28 × 28, labels). */
function idxFiles(d) {
  const file = (magic, dims, bytes) => {
    const out = new Uint8Array(4 + 4 * dims.length + bytes.length);
    const view = new DataView(out.buffer);
    view.setUint32(0, magic);
    dims.forEach((v, i) => view.setUint32(4 + 4 * i, v));
    out.set(bytes, 4 + 4 * dims.length);
    return out;
  };
  const images = (x) => file(0x803, [x.length / 784, 28, 28], x);
  const labels = (y) => file(0x801, [y.length], y);
  return {
    'mnist/train-images-idx3-ubyte': images(d.trainImages),
    'mnist/train-labels-idx1-ubyte': labels(d.trainLabels),
    'mnist/t10k-images-idx3-ubyte': images(d.testImages),
    'mnist/t10k-labels-idx1-ubyte': labels(d.testLabels),
  };
}

/** Request handlers: each returns its result (or [result, transfer]); a throw becomes the error reply. */
const handlers = {
  async [REQ.init](msg) {
    engine = await loadEngine(msg.simd === undefined ? {} : { simd: msg.simd });
    return { simd: engine.simd, activations: engine.activations(), limits: engine.limits() };
  },
  [REQ.configure](msg) {
    const net = engine.createNetwork(msg.spec); // throws before anything changes
    const r = scheduler.addRun(msg.run, net, msg.epochs, msg.keep);
    return { run: r.id, info: net.info() };
  },
  [REQ.loadWeights](msg) {
    const [net, info] = fromWeights(msg.bytes);
    const r = scheduler.addRun(msg.run, net, msg.epochs, msg.keep);
    return { run: r.id, info };
  },
  async [REQ.loadData](msg) {
    const wasTraining = scheduler.interrupt();
    const token = ++dataToken;
    const parsed = await parseSource(engine, msg.source, () => token !== dataToken);
    scheduler.setData(parsed.data);
    if (wasTraining) scheduler.post({ type: EVT.paused });
    return { name: msg.source.name, train: parsed.train, test: parsed.test };
  },
  [REQ.estimate](msg) {
    return { bytes: msg.specs.map((spec) => engine.memoryEstimate(spec).bytes) };
  },
  [REQ.train](msg) {
    scheduler.train({ epochs: msg.epochs, sideBySide: msg.sideBySide });
    return {};
  },
  [REQ.pause](msg) {
    scheduler.pause(() => reply(msg.id));
    return undefined; // answered once the loop has stopped
  },
  [REQ.step]() {
    scheduler.step();
    return {};
  },
  [REQ.predict](msg) {
    return { results: [...scheduler.runs.values()].map((r) => ({ run: r.id, probabilities: r.net.predict(msg.pixels) })) };
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
    const r = scheduler.runOrLast(msg.run);
    const w = r.net.firstLayerWeights();
    // The image is built here, off the page's main thread.
    const grid = weightGridImage(w.weights, w.rows, w.cols, r.deadUnits);
    return [{ run: r.id, rows: w.rows, cols: w.cols, grid, deadUnits: r.deadUnits }, [grid.rgba.buffer]];
  },
  [REQ.exportCode](msg) {
    return { text: engine.exportCode(msg.spec, msg.framework, msg.epochs) };
  },
  [REQ.exportNpz](msg) {
    const r = scheduler.runOrLast(msg.run);
    const bytes = r.net.exportNpz(msg.epochs);
    return [{ run: r.id, bytes }, [bytes.buffer]];
  },
  [REQ.npzManifest](msg) {
    return { manifest: engine.npzManifest(new Uint8Array(msg.bytes)) };
  },
  [REQ.loadNpz](msg) {
    const net = engine.createNetwork(msg.spec);
    let info;
    try {
      info = net.importNpz(new Uint8Array(msg.bytes));
    } catch (e) {
      net.dispose();
      throw e;
    }
    const r = scheduler.addRun(msg.run, net, msg.epochs, msg.keep);
    return { run: r.id, info };
  },
  [REQ.dataZip]() {
    const d = scheduler.currentData();
    if (!d) throw new Error('no dataset loaded yet');
    const bytes = engine.zipFiles(idxFiles(d));
    return [{ bytes }, [bytes.buffer]];
  },
  [REQ.saveWeights](msg) {
    const r = scheduler.runOrLast(msg.run);
    const bytes = r.net.saveWeights();
    return [{ run: r.id, bytes }, [bytes.buffer]];
  },
  [REQ.samples](msg) {
    const data = scheduler.currentData();
    if (!data) throw new Error('no dataset loaded yet');
    const idx = msg.indices.filter((i) => i >= 0 && i < data.testLabels.length);
    const images = new Uint8Array(idx.length * 784);
    idx.forEach((k, n) => images.set(data.testImages.subarray(k * 784, (k + 1) * 784), n * 784));
    return [{ images, labels: idx.map((k) => data.testLabels[k]) }, [images.buffer]];
  },
  [REQ.dispose]() {
    scheduler.clearRuns();
    return {};
  },
  [REQ.planeConfigure]: (msg) => plane.configure(engine, msg.spec),
  [REQ.planePoints]: (msg) => plane.setPoints(msg),
  [REQ.planeGrid]: (msg) => plane.setGrid(msg),
  [REQ.planeStep]: (msg) => plane.step(msg),
  [REQ.planeDispose]: () => plane.dispose(),
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
    if (msg?.type === REQ.train || msg?.type === REQ.step) scheduler.stopTraining();
    scheduler.post({ type: REPLY, id: msg?.id, error: e?.message ?? String(e) });
  }
};
