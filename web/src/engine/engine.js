// The JavaScript API over the WebAssembly engine.
//
//   import { loadEngine } from '../web/src/engine.js';
//   const engine = await loadEngine();            // picks the SIMD build when the runtime supports it
//   const net = engine.createNetwork({ hidden: [{ units: 512, activation: 'relu' }] });
//   net.setData({ trainImages, trainLabels, testImages, testLabels });
//   net.trainSteps(10);  net.evaluate();  net.predict(pixels);  net.dispose();
//
// Works in a page, in a module Web Worker and in Node 20. Every Embind object is
// owned here: users call dispose() on a Network and nothing else.

// The smallest module that uses a SIMD instruction (i8x16.popcnt of v128.const would
// do; this one is the usual i32x4.splat + drop probe).
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11,
]);

/** True when this runtime validates WebAssembly SIMD. */
export function simdSupported() {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}

const isNode = typeof process !== 'undefined' && !!process.versions?.node && typeof window === 'undefined';

async function instantiate(simd) {
  const glue = simd ? await import('./wasm/engine-simd.js') : await import('./wasm/engine-scalar.js');
  const wasmUrl = simd ? new URL('./wasm/engine-simd.wasm', import.meta.url) : new URL('./wasm/engine-scalar.wasm', import.meta.url);
  const options = {};
  if (isNode) {
    // Emscripten 3.1.6's web glue cannot fetch a file: URL under Node: hand it the bytes.
    const fsName = 'node:fs';
    const fs = await import(/* @vite-ignore */ fsName);
    options.wasmBinary = fs.readFileSync(wasmUrl);
  } else {
    options.locateFile = () => wasmUrl.href;
  }
  return glue.default(options);
}

/** Unwraps a {error} result from the bindings into a thrown Error (with `position` for a refused formula). */
function check(result) {
  if (result && typeof result.error === 'string') {
    throw Object.assign(new Error(result.error), typeof result.position === 'number' ? { position: result.position } : {});
  }
  return result;
}

function requireTyped(value, Type, name) {
  if (!(value instanceof Type)) throw new TypeError(`${name} must be a ${Type.name}`);
}

/**
 * Loads the engine. `simd`: true forces the SIMD build, false the scalar build,
 * undefined picks SIMD when the runtime validates it.
 */
export async function loadEngine({ simd } = {}) {
  const supported = simdSupported();
  if (simd === true && !supported) throw new Error('WebAssembly SIMD is not supported by this runtime');
  const useSimd = simd === undefined ? supported : !!simd;
  const module = await instantiate(useSimd);
  return new Engine(module, useSimd);
}

class Engine {
  constructor(module, simd) {
    this.module = module;
    /** Which build loaded: true for WASM SIMD, false for scalar. */
    this.simd = simd;
    this._table = null;
  }

  /** The activation table, generated from the C++ table. */
  activations() {
    if (!this._table) this._table = this.module.activations();
    return structuredClone(this._table);
  }

  /**
   * The engine's parser on a formula for the `custom` activation: {ok: true,
   * derivative} or {ok: false, message, position}.
   */
  checkFormula(text) {
    return this.module.checkFormula(String(text));
  }

  /** f and f' of an activation over xs: {y, dy} Float32Arrays (custom: params {formula}). */
  activationCurve(id, params = {}, xs) {
    requireTyped(xs, Float32Array, 'xs');
    return check(this.module.activationCurve(String(id), params ?? {}, xs));
  }

  /**
   * What f and f' of an activation cost per element, measured now against ReLU
   * (interleaved rounds, medians): {forwardNs, backwardNs, reluForwardNs,
   * reluBackwardNs, forwardRelative, backwardRelative, relativeToRelu}.
   */
  activationCost(id, params = {}) {
    return check(this.module.activationCost(String(id), params ?? {}));
  }

  /**
   * The setup of `spec` (as createNetwork takes it) as a runnable Python file:
   * framework 'pytorch' or 'keras', training `epochs` epochs. Returns the text.
   */
  exportCode(spec, framework = 'pytorch', epochs = 5) {
    return check(this.module.exportCode(spec ?? {}, String(framework), Number(epochs))).text;
  }

  /** The setup an .npz file carries (its manifest, parsed), or null when it has none; throws for a bad file. */
  npzManifest(bytes) {
    requireTyped(bytes, Uint8Array, '.npz file');
    const { manifest } = check(this.module.npzManifest(bytes));
    return manifest ? JSON.parse(manifest) : null;
  }

  /** Files as one (stored) zip archive: {name: Uint8Array} -> Uint8Array. */
  zipFiles(files) {
    const names = Object.keys(files);
    return check(this.module.zipFiles(names, names.map((n) => files[n]))).bytes;
  }

  /** Benchmark only (tests/bench/cost.mjs): true times the scalar libm loops the engine had before its vector math. */
  useReferenceKernels(on) {
    this.module.useReferenceKernels(Boolean(on));
  }

  /**
   * Parses IDX image and label files (plain bytes, not gzip) into
   * {images: Uint8Array, labels: Uint8Array, count}. Throws on a bad file.
   */
  parseIdx(imageBytes, labelBytes, name = 'dataset') {
    requireTyped(imageBytes, Uint8Array, 'image file');
    requireTyped(labelBytes, Uint8Array, 'label file');
    return check(this.module.parseIdx(imageBytes, labelBytes, String(name)));
  }

  /**
   * Memory one network of this spec needs to train: {bytes, parameters}, from
   * the C++ estimate (values, gradients, optimizer slots, the largest batch's
   * activations). Throws for an impossible spec, as createNetwork would.
   */
  memoryEstimate(spec = {}) {
    if (spec === null || typeof spec !== 'object') throw new TypeError('spec must be an object');
    return check(this.module.memoryEstimate(spec));
  }

  /**
   * The exact size of the IDX file that starts with `header` (16 bytes are
   * enough), from the C++ reader's own header check; throws for a bad header
   * or one beyond the limits.
   */
  idxFileSize(header) {
    requireTyped(header, Uint8Array, 'header');
    return check(this.module.idxFileSize(header.subarray(0, 16))).bytes;
  }

  /** The engine's stated limits: {maxParameters, maxTrainingBytes, maxIdxFileBytes, maxIdxImageBytes, maxIdxCount, maxWeightsFileBytes}. */
  limits() {
    return this.module.limits();
  }

  /**
   * A new network. spec: {hidden:[{units, activation, params}], optimizer,
   * learningRate, batchSize, seed, init, momentum, nesterov}; anything left out
   * takes the study note's value (512 relu, rmsprop 0.001, batch 128, seed 1).
   */
  createNetwork(spec = {}) {
    return this._create(this.module.Network, Network, spec);
  }

  /**
   * The 2-D view's network. spec: {inputs, hidden: [{units, activation, params,
   * formula}], regression, regularization: 'none'|'l1'|'l2', regularizationRate,
   * optimizer, learningRate, batchSize, seed, init, biasInit}.
   */
  createPlane(spec = {}) {
    return this._create(this.module.Plane, PlaneNetwork, spec);
  }

  /** A bound class's new object from `spec`, owned by a `Wrapper`; a refusal throws (with a formula's position). */
  _create(Bound, Wrapper, spec) {
    if (spec === null || typeof spec !== 'object') throw new TypeError('spec must be an object');
    const err = {};
    const handle = Bound.create(spec, err);
    if (!handle) check({ error: err.error ?? 'could not create the network', position: err.position });
    return new Wrapper(handle, this.module);
  }

  /** Bytes of wasm memory (grows, never shrinks): for leak checks. */
  memoryBytes() {
    return this.module.HEAPU8.buffer.byteLength;
  }
}

/** Owns one Embind object: `_handle` throws once disposed; dispose() frees it (safe twice). */
class Owned {
  constructor(handle, module) {
    this._h = handle;
    this._module = module;
  }

  get _handle() {
    if (!this._h) throw new Error('this network has been disposed');
    return this._h;
  }

  /** Frees the wasm memory of this network. Safe to call twice. */
  dispose() {
    if (this._h) {
      this._h.delete();
      this._h = null;
    }
  }
}

/** A network and its trainer. Call dispose() when done. */
class Network extends Owned {
  constructor(handle, module) {
    super(handle, module);
    this._io = null; // float offsets of the fast predict path's buffers in the wasm heap
  }

  /** {hidden, init, description, parameters, step, epoch, stepsPerEpoch, hasData, diverged} */
  info() {
    return this._handle.info();
  }

  /** Training and validation data: Uint8Array pixels 0..255 (784 per image), Uint8Array labels. */
  setData({ trainImages, trainLabels, testImages, testLabels } = {}) {
    requireTyped(trainImages, Uint8Array, 'trainImages');
    requireTyped(trainLabels, Uint8Array, 'trainLabels');
    requireTyped(testImages, Uint8Array, 'testImages');
    requireTyped(testLabels, Uint8Array, 'testLabels');
    check(this._handle.setData({ trainImages, trainLabels, testImages, testLabels }));
  }

  /** Runs n mini-batches: {loss, accuracy, step, epoch, epochFraction, stepsRun, samplesRun, diverged}. */
  trainSteps(n = 1) {
    if (!Number.isInteger(n) || n < 0) throw new Error(`trainSteps expects a whole number >= 0, got ${n}`);
    return check(this._handle.trainSteps(n));
  }

  /**
   * Trains `steps` real steps (as trainSteps) and says where their time went,
   * in ms per step: {gemm, activation, loss, optimizer, other, measured, steps,
   * stats: what trainSteps returns}; gemmMin and activationMin are those
   * stages in the fastest of the steps (what comparisons of cost read).
   */
  stepProfile(steps = 3) {
    if (!Number.isInteger(steps) || steps < 1) throw new Error(`stepProfile expects a whole number >= 1, got ${steps}`);
    return check(this._handle.stepProfile(steps));
  }

  /**
   * Times one step's stages without training (forward, loss and backward on
   * the next batch; no update, the data position kept): stepProfile's figures
   * for that one step, in ms. For timing networks side by side.
   */
  timeStep() {
    return check(this._handle.timeStep());
  }

  /** {loss, accuracy, count, confusion: Int32Array(100), misclassified, predicted} on the validation set. */
  evaluate({ maxSamples = 0 } = {}) {
    return check(this._handle.evaluate(maxSamples));
  }

  /**
   * Class probabilities (Float32Array(10)) for a Float32Array(784) of pixels in
   * 0..1. The pixels are written straight into the wasm heap and the
   * probabilities read back from it: no conversion, no allocation per call.
   */
  predict(pixels) {
    requireTyped(pixels, Float32Array, 'pixels');
    if (pixels.length !== 784) throw new Error(`predict expects 784 pixels, got ${pixels.length}`);
    const h = this._handle;
    if (!this._io) this._io = { input: h.inputPointer() / 4, output: h.outputPointer() / 4 };
    this._module.HEAPF32.set(pixels, this._io.input);
    if (h.predictInPlace() !== 0) throw new Error(h.lastError());
    // Read HEAPF32 again: the first call may have grown the memory (a new buffer).
    return this._module.HEAPF32.slice(this._io.output, this._io.output + 10);
  }

  /** Per hidden layer figures on the fixed probe batch: {layers: [...]} */
  diagnostics() {
    return check(this._handle.diagnostics());
  }

  /** The first hidden layer's kernel: {weights: Float32Array(rows*cols), rows: 784, cols}. */
  firstLayerWeights() {
    return check(this._handle.firstLayerWeights());
  }

  /** The model (spec and weights) as a versioned, checksummed file. */
  saveWeights() {
    return check(this._handle.saveWeights()).bytes;
  }

  /** Replaces the model by a weights file's; on any error throws and changes nothing. */
  loadWeights(bytes) {
    requireTyped(bytes, Uint8Array, 'weights file');
    return check(this._handle.loadWeights(bytes));
  }

  /** The weights as NumPy .npz in PyTorch's layout (what the exported scripts load), with the setup for `epochs`. */
  exportNpz(epochs = 5) {
    return check(this._handle.exportNpz(Number(epochs))).bytes;
  }

  /**
   * Weights from an .npz (saved by the exported scripts, PyTorch or Keras) into
   * this network: every array's name and shape is checked against its spec
   * first; on any error throws (naming the array, expected and found shape)
   * and changes nothing.
   */
  importNpz(bytes) {
    requireTyped(bytes, Uint8Array, '.npz file');
    return check(this._handle.importNpz(bytes));
  }

}

/** The 2-D view's network and its trainer. Call dispose() when done. */
class PlaneNetwork extends Owned {
  constructor(handle, module) {
    super(handle, module);
    this.neurons = handle.neurons();
    this.gridCount = 0;
  }

  /** Points: features (Float32Array, count × inputs, row-major) and targets (±1, or values); the first `train` train. */
  setPoints(features, targets, train) {
    requireTyped(features, Float32Array, 'features');
    requireTyped(targets, Float32Array, 'targets');
    check(this._handle.setPoints(features, targets, train));
  }

  /** n mini-batches: {step, epoch, diverged}. */
  trainSteps(n = 1) {
    if (!Number.isInteger(n) || n < 0) throw new Error(`trainSteps expects a whole number >= 0, got ${n}`);
    return check(this._handle.trainSteps(n));
  }

  /** {train, test, dead: Uint8Array per hidden unit}: the mean squared losses and the dead units. */
  losses() {
    return check(this._handle.losses());
  }

  /** The grid evaluateGrid() runs: features (Float32Array, count × inputs). */
  setGrid(features, count) {
    requireTyped(features, Float32Array, 'features');
    check(this._handle.setGrid(features, count));
    this.gridCount = count;
  }

  /**
   * Every neuron at every grid point, into `out` (a Float32Array of
   * (neurons + 2) × gridCount, made if not given): each hidden unit in layer
   * order, then the output, then its logit. Read straight from wasm memory.
   */
  evaluateGrid(out) {
    const size = (this.neurons + 2) * this.gridCount;
    const at = this._handle.evaluateGrid() / 4;
    const target = out ?? new Float32Array(size);
    target.set(this._module.HEAPF32.subarray(at, at + size));
    return target;
  }

  /** [{rows, cols, kernel, bias}] of every Dense, input to output. */
  weights() {
    return this._handle.weights();
  }
}
