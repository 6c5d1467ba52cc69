// The worker's 2-D network (one at a time): built from a spec, given its
// points and the grid, stepped by the page once a frame. Each step answers
// with the losses, the dead units, the weights for the links, and every
// neuron over the grid, in a buffer the page hands back the next frame.
let net = null;

const need = () => {
  if (!net) throw new Error('no 2-D network yet');
  return net;
};

/** A new network (the old one is freed): {neurons}. */
export function configure(engine, spec) {
  const next = engine.createPlane(spec); // throws before anything changes
  net?.dispose();
  net = next;
  return { neurons: net.neurons };
}

/** The points: features (count × inputs) and targets; the first `train` train. */
export function setPoints({ features, targets, train }) {
  need().setPoints(features, targets, train);
  return {};
}

/** The grid the heatmaps show: features (count × inputs). */
export function setGrid({ features, count }) {
  need().setGrid(features, count);
  return {};
}

/**
 * `steps` mini-batches, then the pictures: [{step, epoch, diverged, train,
 * test, dead, weights, grid}, transfer]. `buffer`: last frame's grid, reused.
 */
export function step({ steps = 0, buffer }) {
  const n = need();
  const s = n.trainSteps(steps);
  const { train, test, dead } = n.losses();
  const size = (n.neurons + 2) * n.gridCount;
  const grid = n.evaluateGrid(buffer instanceof Float32Array && buffer.length === size ? buffer : undefined);
  return [{ ...s, train, test, dead, weights: n.weights(), grid }, [grid.buffer]];
}

/** Frees the network. */
export function dispose() {
  net?.dispose();
  net = null;
  return {};
}
