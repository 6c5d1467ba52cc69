// The 2-D view's setup in the URL hash: its own schema table, read by the same
// parse and serialize (schema.js). Layers are lists: `neurons=4,2` and
// `acts=tanh,relu` (an activation per layer: a shorter list repeats its last).
// The activations' parameters are the page's (params[activation][name]).
import { SCHEMA } from './schema.js';

/** The input features, in the order the network takes them. */
export const PLANE_FEATURES = ['x1', 'x2', 'x1sq', 'x2sq', 'x1x2', 'sinx1', 'sinx2'];
/** The datasets: four to classify, two to regress. */
export const PLANE_DATASETS = ['circle', 'xor', 'gauss', 'spiral', 'plane', 'multigauss'];
export const PLANE_MAX_LAYERS = 6;
export const PLANE_MAX_NEURONS = 8;

const shared = (name) => SCHEMA.find((f) => f.name === name);

export const PLANE_SCHEMA = [
  { name: 'dataset', type: 'enum', default: 'circle', values: PLANE_DATASETS },
  { name: 'noise', type: 'int', default: 0, min: 0, max: 50 },
  { name: 'ratio', type: 'int', default: 50, min: 10, max: 90 },
  { name: 'seed', type: 'int', default: 1, min: 0, max: 1000000 },
  { name: 'features', type: 'list', default: ['x1', 'x2'], values: PLANE_FEATURES, maxLength: PLANE_FEATURES.length },
  { name: 'neurons', type: 'list', default: [4, 2], items: { type: 'int', min: 1, max: PLANE_MAX_NEURONS }, maxLength: PLANE_MAX_LAYERS },
  { name: 'acts', type: 'list', default: ['tanh'], values: (table) => table.map((a) => a.id), maxLength: PLANE_MAX_LAYERS },
  { name: 'lr', type: 'number', default: 0.03, min: 1e-5, max: 10 },
  { name: 'batch', type: 'int', default: 10, min: 1, max: 30 },
  { name: 'optimizer', type: 'enum', default: 'sgd', values: ['sgd', 'momentum', 'rmsprop', 'adam'] },
  { name: 'reg', type: 'enum', default: 'none', values: ['none', 'l1', 'l2'] },
  { name: 'regRate', type: 'number', default: 0, min: 0, max: 10 },
  { name: 'bias', type: 'number', default: 0.1, min: -10, max: 10 },
  { name: 'discretize', type: 'bool', default: false },
  { name: 'showTest', type: 'bool', default: false },
  shared('formula'),
  shared('lang'),
  shared('exercise'),
  shared('autorun'),
  shared('embed'),
  shared('widget'),
];

/** The activation of hidden layer `i` (the list's last repeats). */
export const layerActivation = (settings, i) => settings.acts[Math.min(i, settings.acts.length - 1)] ?? 'tanh';

/** Whether a dataset is one to regress. */
export const isRegression = (dataset) => dataset === 'plane' || dataset === 'multigauss';
