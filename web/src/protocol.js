// The one message protocol between the page and the training worker.
// Every message is {type, ...}; requests that expect an answer carry an `id`
// that the answer repeats. Listed here so both sides agree.
//
// page -> worker
//   {type:'init'}                                   -> ready {simd, activations, limits}
//   {type:'configure', run, spec, epochs, keep}     -> configured {run, info}   (keep: add to the worker's runs;
//                                                      otherwise replace them)
//   {type:'loadWeights', run, bytes, label, keep}   -> configured {run, info, pretrained: true}
//   {type:'loadData', source:{kind:'url', name, base, sizes} | {kind:'files', name, files:[{name, bytes}]}}
//                                                   -> dataProgress {loaded, total}*, dataReady {name, train, test}
//   {type:'train', epochs}                          -> progress*, epoch*, diag* (per epoch and about once a
//                                                      second), done* (per run), allDone | paused
//   {type:'pause'}                                  -> paused
//   {type:'step'}                                   -> progress (one batch of every run)
//   {type:'predict', id, pixels}                    -> prediction {id, results: [{run, probabilities}]}
//   {type:'curve', id, activation, params, xs}      -> curve {id, y, dy}
//   {type:'estimate', id, specs}                    -> estimated {id, bytes: [per spec]} (memory to train each)
//   {type:'firstLayerWeights', id, run}             -> firstLayerWeights {id, run, weights, rows, cols}
//   {type:'saveWeights', id, run}                   -> weights {id, run, bytes}
//   {type:'samples', id, indices}                   -> samples {id, images, labels} (test-set digits)
//   {type:'dispose'}                                -> disposed
// worker -> page, any time
//   {type:'diverged', run, step}                    that run's loss became NaN/Inf; it stopped, the others go on
//   {type:'error', context, message}                a request failed; nothing else changed
export const MESSAGE_TYPES = Object.freeze([
  'init', 'ready', 'configure', 'configured', 'loadWeights', 'loadData', 'dataProgress', 'dataReady',
  'train', 'pause', 'step', 'progress', 'epoch', 'done', 'paused', 'diverged',
  'predict', 'prediction', 'curve', 'estimate', 'estimated', 'diag', 'firstLayerWeights', 'saveWeights', 'weights',
  'allDone', 'samples', 'dispose', 'disposed', 'error',
]);

export const DATA_FILES = Object.freeze([
  'train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte',
]);
