// Settings to engine specs: the one place that turns the page's settings (the
// URL state, state/schema.js) into what the engine takes. A Train press, a
// comparison or a lesson builds its specs once and hands the same objects to
// the memory estimate, the worker and the run's label.
import { paramValues } from '../state/schema.js';

/** What the engine's curve and cost take for an activation: its numbers, and for `custom` its formula. */
export function curveParams(state, table, activation) {
  const params = paramValues(state, table, activation);
  return activation === 'custom' ? { ...params, formula: state.formula } : params;
}

/** The engine spec for a state, with `activation` (default: the state's) in every hidden layer. */
export function specOf(state, table, activation = state.activation) {
  const params = paramValues(state, table, activation);
  const formula = activation === 'custom' ? { formula: state.formula } : {};
  const optimizer = state.optimizer === 'momentum' ? 'sgd' : state.optimizer;
  return {
    hidden: Array.from({ length: state.layers }, () => ({ units: state.units, activation, params: { ...params }, ...formula })),
    optimizer,
    momentum: state.optimizer === 'momentum' ? 0.9 : 0,
    learningRate: state.lr,
    batchSize: state.batch,
    seed: state.seed,
    init: state.init,
    biasInit: state.bias,
  };
}

