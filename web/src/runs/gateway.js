// The engine gateway: what panels ask the page's engine that is not a run's
// lifecycle (f and f' of an activation, its cost, a formula check, test
// digits, a run's first-layer weights and weights file, the notebook exports). Panels call these;
// none of them holds the worker client.
import { REQ } from '../worker/protocol.js';

/**
 * `client`: the page's worker client; `firstView`: a promise settled once the
 * default model is in (a cost measurement keeps the worker busy for a while,
 * so it waits until the first answer has come).
 */
export function createGateway(client, firstView) {
  return {
    /** {y, dy}: f and f' over xs (Float32Array). */
    curve: (activation, params, xs) => client.request(REQ.curve, { activation, params, xs }),
    /** Per-element cost against ReLU, measured now: {forwardNs, backwardNs, relativeToRelu, ...}. */
    cost: (activation, params) => firstView.then(() => client.request(REQ.cost, { activation, params })),
    /** {ok, derivative} | {ok: false, message, position}. */
    checkFormula: (text) => client.request(REQ.checkFormula, { text }),
    /** {images, labels}: test digits of the loaded data. */
    samples: (indices) => client.request(REQ.samples, { indices }),
    /** The run's first-layer weights as an image: {run, rows, cols, grid, deadUnits}. */
    firstLayerWeights: (run) => client.request(REQ.firstLayerWeights, { run }),
    /** {run, bytes}: the run's weights file. */
    saveWeights: (run) => client.request(REQ.saveWeights, { run }),
    /** {text}: the setup of `spec` as a PyTorch or Keras script training `epochs` epochs. */
    exportCode: (spec, framework, epochs) => client.request(REQ.exportCode, { spec, framework, epochs }),
    /** {run, bytes}: the run's weights as .npz (PyTorch's layout, with the setup). */
    exportNpz: (run, epochs) => client.request(REQ.exportNpz, { run, epochs }),
    /** {bytes}: the loaded data as a zip of the four IDX files. */
    dataZip: () => client.request(REQ.dataZip, {}),
  };
}
