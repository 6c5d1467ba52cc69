// The one message protocol between the page and a training worker. Both sides
// import these names; this file is the contract.
//
// Requests: the page sends {type: REQ.x, id, ...fields}; the worker answers each
// with exactly one {type: REPLY, id, result} or {type: REPLY, id, error}
// (worker-client.js matches them by id, so requests of one type may overlap).
// Events: the worker streams {type: EVT.x, ...fields} at any time; they answer
// no request and go to subscribers.

/** Requests and their results. */
export const REQ = Object.freeze({
  /** {simd?: bool} -> {simd, activations, limits}: loads the engine (the SIMD build where it validates). */
  init: 'init',
  /** {run, spec, epochs, keep?} -> {run, info}: a new network; keep adds it to the worker's runs, else replaces them. */
  configure: 'configure',
  /** {run, bytes, keep?} -> {run, info}: a network from a weights file (changes nothing on a bad file). */
  loadWeights: 'loadWeights',
  /**
   * {source: {kind: 'site' | 'files', name, files: [{name, bytes}]}} -> {name, train, test}: the four IDX
   * files (gzip allowed) the page's loader downloaded once or the learner chose (runs/loader.js).
   */
  loadData: 'loadData',
  /** {specs: [spec]} -> {bytes: [n]}: memory each spec needs to train (throws for an impossible one). */
  estimate: 'estimate',
  /**
   * {epochs?, sideBySide?} -> {}: starts (or resumes) training every run; events follow until paused
   * or allDone. sideBySide: at each epoch's end the runs' steps are also timed in turn, without
   * training (the profile's gemmMin and activationMin), so their costs compare.
   */
  train: 'train',
  /** {} -> {}: answered once training has stopped (event: paused). */
  pause: 'pause',
  /** {} -> {}: one batch of every run (events: progress, and epoch/diag/done when it ends an epoch). */
  step: 'step',
  /** {pixels: Float32Array(784)} -> {results: [{run, probabilities}]} for every run. */
  predict: 'predict',
  /** {activation, params, xs} -> {y, dy}: f and f' over xs. */
  curve: 'curve',
  /** {text} -> {ok, derivative} | {ok: false, message, position}: the engine's parser on a custom formula. */
  checkFormula: 'checkFormula',
  /** {activation, params} -> {forwardNs, backwardNs, relativeToRelu, ...}: per-element cost, measured now against ReLU. */
  cost: 'cost',
  /** {run?} -> {run, rows, cols, grid: {rgba, width, height}, deadUnits}: first-layer weights as an image. */
  firstLayerWeights: 'firstLayerWeights',
  /** {run?} -> {run, bytes}: the weights file of a run. */
  saveWeights: 'saveWeights',
  /** {spec, framework: 'pytorch' | 'keras', epochs} -> {text}: the setup as a runnable Python script. */
  exportCode: 'exportCode',
  /** {run?, epochs} -> {run, bytes}: a run's weights as NumPy .npz (PyTorch's layout, with the setup). */
  exportNpz: 'exportNpz',
  /** {bytes} -> {manifest}: the setup an .npz carries (null if none); throws for a bad file. */
  npzManifest: 'npzManifest',
  /** {run, spec, bytes, keep?} -> {run, info}: a network of `spec` with an .npz's weights (nothing changes on a bad file). */
  loadNpz: 'loadNpz',
  /** {} -> {bytes}: the loaded data as a zip of the four MNIST IDX files (what the exported scripts read with --idx). */
  dataZip: 'dataZip',
  /** {indices} -> {images, labels}: test-set digits. */
  samples: 'samples',
  /** {} -> {}: frees every run. */
  dispose: 'dispose',

  // The 2-D view's network (one per worker, beside the runs): worker/plane.js.
  /** {spec: {inputs, hidden, regression, regularization, regularizationRate, optimizer, learningRate, batchSize, seed, biasInit}} -> {neurons}. */
  planeConfigure: 'planeConfigure',
  /** {features: Float32Array(count × inputs), targets: Float32Array(count), train} -> {}: the first `train` points train. */
  planePoints: 'planePoints',
  /** {features: Float32Array(count × inputs), count} -> {}: the grid the heatmaps show. */
  planeGrid: 'planeGrid',
  /**
   * {steps, buffer?} -> {step, epoch, diverged, train, test, dead: Uint8Array, weights: [{rows, cols, kernel, bias}],
   * grid: Float32Array((neurons + 2) × count)}: trains `steps` batches, then every hidden unit over the grid, the
   * output and its logit. `buffer`: the last answer's grid, handed back to be filled again.
   */
  planeStep: 'planeStep',
  /** {} -> {}: frees the 2-D network. */
  planeDispose: 'planeDispose',
});

/** The answer to a request: {type: REPLY, id, result} or {type: REPLY, id, error}. */
export const REPLY = 'reply';

/** Events, streamed by the worker. */
export const EVT = Object.freeze({
  /** {run, loss, accuracy, step, epoch, epochFraction, stepsRun, samplesRun, samplesPerSecond}: a chunk of steps. */
  progress: 'progress',
  /** {run, epoch, step, valLoss, valAccuracy, confusion, misclassified, predicted, seconds, samplesPerSecond}. */
  epoch: 'epoch',
  /** {run, step, layers}: per-layer diagnostics (after each epoch and about once a second). */
  diag: 'diag',
  /**
   * {run, gemm, activation, loss, optimizer, other, measured, gemmMin, activationMin}: ms per step,
   * medians over the epoch's chunks; gemmMin and activationMin: in the fastest step (timed side by side if asked).
   */
  profile: 'profile',
  /** {run, epoch}: that run has trained its epochs. */
  done: 'done',
  /** {run, step, epoch}: that run's loss became NaN or infinite; it stopped, the others go on. */
  diverged: 'diverged',
  /** {}: training stopped at a pause. */
  paused: 'paused',
  /** {}: every run has finished. */
  allDone: 'allDone',
  /** {message}: something failed outside any request (the training loop); nothing else changed. */
  error: 'error',
});

export const DATA_FILES = Object.freeze([
  'train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte',
]);
