// The 2-D view's run controller: its points (a seeded dataset, or the
// learner's own), the network in the worker (worker/plane.js), and the
// animation: while playing, every frame trains one epoch and brings back every
// neuron over the grid, the losses and the weights, into store.plane.
import { isRegression, layerActivation } from '../state/plane-schema.js';
import { paramValues } from '../state/schema.js';
import { REQ } from '../worker/protocol.js';
import { withAlert } from './loader.js';
import { featureRows, gridPoints, makePoints, splitPoints } from './points.js';

/** Points of a generated dataset, as TensorFlow Playground draws them. */
export const PLANE_POINTS = 500;
/** The heatmaps' grid: GRID × GRID cells over [−6, 6]². */
export const GRID = 100;
const HISTORY = 2000; // loss points kept for the chart

/** One hidden layer's spec: its activation with that activation's parameters (and formula). */
function layerSpec(state, table, units, activation) {
  const formula = activation === 'custom' ? { formula: state.formula } : {};
  return { units, activation, params: paramValues(state, table, activation), ...formula };
}

/** The 2-D view's engine spec (engine.createPlane) for its settings (state/plane-schema.js). */
export function planeSpecOf(state, table) {
  return {
    inputs: state.features.length,
    hidden: state.neurons.map((units, i) => layerSpec(state, table, units, layerActivation(state, i))),
    regression: isRegression(state.dataset),
    regularization: state.reg,
    regularizationRate: state.regRate,
    optimizer: state.optimizer === 'momentum' ? 'sgd' : state.optimizer,
    momentum: state.optimizer === 'momentum' ? 0.9 : 0,
    learningRate: state.lr,
    batchSize: state.batch,
    seed: state.seed,
    biasInit: state.bias,
  };
}
/** Settings that change the points or the network (the others only change the picture). */
const NETWORK_KEYS = ['dataset', 'noise', 'ratio', 'seed', 'features', 'neurons', 'acts', 'lr', 'batch', 'optimizer', 'reg', 'regRate', 'bias', 'formula', 'params'];

/** The points the settings ask for: the learner's own, or the dataset's, split into train and test. */
export function planePoints(settings, own) {
  const all = own ?? makePoints(settings.dataset, PLANE_POINTS, settings.noise / 100, settings.seed);
  return splitPoints(all, settings.ratio / 100, settings.seed);
}

/**
 * The share of the grid's inner cells where the logit (size × size,
 * row-major) has second differences of 0 along both axes, within float error
 * (1e-5 of its largest magnitude): a piecewise-linear network's flat pieces.
 */
export function linearShare(logits, size, tolerance = 1e-5) {
  let most = 0;
  for (const v of logits) most = Math.max(most, Math.abs(v));
  const tol = tolerance * (most + 1);
  let flat = 0;
  for (let r = 1; r < size - 1; r++) {
    for (let c = 1; c < size - 1; c++) {
      const i = r * size + c;
      const dx = logits[i - 1] - 2 * logits[i] + logits[i + 1], dy = logits[i - size] - 2 * logits[i] + logits[i + size];
      if (Math.abs(dx) <= tol && Math.abs(dy) <= tol) flat++;
    }
  }
  return flat / ((size - 2) * (size - 2));
}

/** Features and targets of train then test points, for the worker. */
function pointArrays(split, features) {
  const all = [...split.train, ...split.test];
  return { features: featureRows(all, features), targets: Float32Array.from(all, (p) => p.label), train: split.train.length };
}

/**
 * The controller. `raf`: the frame scheduler (requestAnimationFrame by default);
 * `buildSpec`: settings to an engine spec.
 */
export function createPlane(store, client, { raf = (fn) => requestAnimationFrame(fn), buildSpec = planeSpecOf } = {}) {
  let spare = null; // the grid before the store's: no longer shown, handed back to the worker to fill
  let busy = false; // a frame's request is under way
  let setupToken = 0;
  let ready = null; // the current setup's promise

  const get = () => store.get().plane;
  const put = (patch) => store.set((s) => ({ plane: { ...s.plane, ...patch } }));
  const fail = (e) => {
    put({ phase: 'idle' });
    store.set({ alert: e.alert ?? { key: 'errorWith', vars: { message: e.message } } });
  };

  /** Brings one step's answer into the store (the chart's history grows by a point). */
  function take(r) {
    spare = get()?.grid ?? null;
    const history = [...(get().history ?? []), [r.epoch, r.train, r.test]].slice(-HISTORY);
    put({ step: r.step, epoch: r.epoch, train: r.train, test: r.test, dead: r.dead, weights: r.weights, grid: r.grid, history });
    if (r.diverged) {
      put({ phase: 'diverged' });
      store.set({ alert: { key: 'diverged', vars: { step: r.step + 1, lr: Number(Math.max(1e-5, store.get().settings.lr / 10).toPrecision(2)) } } });
    }
  }

  /** Sends `steps` batches to the worker and takes the answer. */
  async function advance(steps) {
    const grid = spare;
    spare = null;
    const r = await client.request(REQ.planeStep, grid ? { steps, buffer: grid } : { steps }, grid ? [grid.buffer] : []);
    take(r);
  }

  /** A new network and its points in the worker, and its first picture; nothing changes on a refusal. */
  async function setup() {
    const token = ++setupToken;
    const s = store.get();
    const split = planePoints(s.settings, s.ownPoints);
    const spec = buildSpec(s.settings, s.table);
    try {
      if (!split.train.length) throw withAlert(new Error('no training points'), 'planeNoPoints', {});
      const { neurons } = await client.request(REQ.planeConfigure, { spec });
      await client.request(REQ.planePoints, pointArrays(split, s.settings.features));
      const grid = gridPoints(GRID);
      await client.request(REQ.planeGrid, { features: featureRows(grid, s.settings.features), count: grid.length });
      if (token !== setupToken) return;
      spare = null;
      if (store.get().alert?.key === 'planeNoPoints') store.set({ alert: null }); // there are points again
      put({ grid: null, neurons, split, regression: isRegression(s.settings.dataset), history: [], phase: get()?.phase === 'playing' ? 'playing' : 'idle' });
      await advance(0);
    } catch (e) {
      if (token === setupToken) fail(e);
    }
  }

  const restart = () => (ready = setup());

  /** One frame: an epoch of training and the pictures, then the next frame while playing. */
  async function frame() {
    if (get()?.phase !== 'playing') return;
    if (!busy) {
      busy = true;
      try {
        await ready;
        await advance(stepsPerEpoch());
      } catch (e) {
        fail(e);
      } finally {
        busy = false;
      }
    }
    raf(frame);
  }

  const stepsPerEpoch = () => Math.max(1, Math.ceil((get()?.split?.train.length ?? 0) / store.get().settings.batch));

  store.subscribe((s, prev) => {
    if (!s.settings || !prev.settings || s.table.length === 0) return;
    if (s.ownPoints !== prev.ownPoints || NETWORK_KEYS.some((k) => s.settings[k] !== prev.settings[k])) restart();
  });

  return {
    /** The first network (once the engine and the settings are there). */
    start: restart,
    play() {
      if (get()?.phase === 'playing' || get()?.phase === 'lesson') return;
      store.set({ alert: null });
      put({ phase: 'playing' });
      raf(frame);
    },
    pause: () => get()?.phase === 'playing' && put({ phase: 'paused' }),
    /** One epoch. */
    async step() {
      if (get()?.phase === 'playing' || busy) return;
      await ready;
      await advance(stepsPerEpoch()).catch(fail);
    },
    /** New weights (same seed), same points; stops playing. */
    reset() {
      put({ phase: 'idle' });
      return restart();
    },
    /** New points: the next seed. */
    regenerate() {
      const s = store.get().settings;
      store.set({ ownPoints: null, settings: { ...s, seed: (s.seed + 1) % 1000001 } });
    },
    /** Settles once the current setup is done (tests, lessons). */
    settled: () => ready,
    /**
     * Trains `epochs` epochs, `chunk` at a time (each chunk's pictures shown),
     * until done, diverged or `stopped()`: a lesson's run. Returns the epochs trained.
     */
    async train(epochs, { chunk = 10, stopped = () => false, progress = () => {} } = {}) {
      put({ phase: 'lesson' });
      await ready;
      let done = 0;
      try {
        while (done < epochs && !stopped() && get()?.phase === 'lesson') {
          const n = Math.min(chunk, epochs - done);
          await advance(n * stepsPerEpoch());
          done += n;
          progress(done);
        }
      } finally {
        if (get()?.phase === 'lesson') put({ phase: 'idle' });
      }
      return done;
    },
  };
}
