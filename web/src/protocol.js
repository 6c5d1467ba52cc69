// The one message protocol between the page and the training worker.
// Every message is {type, ...}; requests that expect an answer carry an `id`
// that the answer repeats. Listed here so both sides agree.
//
// page -> worker
//   {type:'init'}                                     -> ready {simd, activations}
//   {type:'configure', spec}                          -> configured {run, info}      (new network, fresh weights)
//   {type:'loadWeights', bytes, label}                -> configured {run, info, pretrained:true}
//   {type:'loadData', source:{kind:'url', name, base} | {kind:'files', name, files:[{name, bytes}]}}
//                                                     -> dataProgress {loaded, total}*, dataReady {name, train, test}
//   {type:'train', epochs}                            -> progress*, epoch*, done | paused | diverged
//   {type:'pause'}                                    -> paused
//   {type:'step'}                                     -> progress (one batch)
//   {type:'predict', id, pixels}                      -> prediction {id, probabilities}
//   {type:'curve', id, activation, params, xs}        -> curve {id, y, dy}
//   {type:'diagnostics', id}                          -> diagnostics {id, layers}
//   {type:'saveWeights', id}                          -> weights {id, bytes}
// worker -> page, any time
//   {type:'error', message, context}                  a request failed; nothing else changed
export const MESSAGE_TYPES = Object.freeze([
  'init', 'ready', 'configure', 'configured', 'loadWeights', 'loadData', 'dataProgress', 'dataReady',
  'train', 'pause', 'step', 'progress', 'epoch', 'done', 'paused', 'diverged',
  'predict', 'prediction', 'curve', 'diagnostics', 'saveWeights', 'weights', 'error',
]);

export const DATA_FILES = Object.freeze([
  'train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte',
]);
