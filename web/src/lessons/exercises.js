// Ready-made experiments (lessons), one per claim of the study note. Each is a
// link (URL state) that sets everything up; its text (title, explanation, what
// to look at, a question for the student and what one should observe) lives in
// i18n/lessons.js in both languages. `check` states that observation as data
// (comparisons of the runs' figures, see verdict.js): the lesson card shows its
// verdict and the end-to-end tests assert it, from this one statement. `show`
// lists figures shown beside it but not compared.

export const EXERCISES = [
  {
    n: 1,
    hash: '#exercise=1&compare=sigmoid,tanh&epochs=2',
    check: [
      { run: 'sigmoid', metric: 'meanOutput', op: '>', value: 0.3 },
      { run: 'tanh', metric: 'meanOutput', op: '<', value: 0.1, abs: true },
      { run: 'tanh', metric: 'firstEpochValAccuracy', op: '>', other: 'sigmoid' },
    ],
  },
  {
    n: 2,
    hash: '#exercise=2&compare=sigmoid,relu&layers=6&units=128&epochs=1',
    check: [
      { run: 'sigmoid', metric: 'gradNormFirst', op: '<', other: 'relu', factor: 0.01 },
      { run: 'relu', metric: 'valAccuracy', op: '>', other: 'sigmoid', plus: 0.3 },
    ],
  },
  {
    n: 3,
    hash: '#exercise=3&compare=sigmoid,tanh,relu&epochs=3',
    check: [
      { run: 'relu', metric: 'firstEpochValAccuracy', op: '>', other: 'tanh' },
      { run: 'relu', metric: 'firstEpochValAccuracy', op: '>', other: 'sigmoid' },
      { run: 'relu', metric: 'epochsTo90', op: '<=', value: 3 },
      { run: 'relu', metric: 'epochsTo90', op: '<', other: 'sigmoid' },
      { run: 'relu', metric: 'epochsTo90', op: '<=', other: 'tanh' },
    ],
  },
  {
    n: 4,
    hash: '#exercise=4&compare=relu,leaky_relu,elu,prelu&bias=-2&epochs=2',
    check: [
      { run: 'relu', metric: 'deadFraction', op: '>', value: 0.5 },
      { run: 'leaky_relu', metric: 'deadFraction', op: '=', value: 0 },
      { run: 'prelu', metric: 'deadFraction', op: '=', value: 0 },
      { run: 'elu', metric: 'deadFraction', op: '=', value: 0 },
      { run: 'leaky_relu', metric: 'valAccuracy', op: '>', other: 'relu', plus: 0.3 },
      { run: 'prelu', metric: 'valAccuracy', op: '>', other: 'relu', plus: 0.3 },
      { run: 'elu', metric: 'valAccuracy', op: '>', other: 'relu', plus: 0.3 },
    ],
    show: ['inactiveFraction'],
  },
  {
    n: 5,
    hash: '#exercise=5&compare=prelu,relu&epochs=2',
    check: [
      { run: 'prelu', metric: 'alphaMin', op: '<', value: 0 },
      { run: 'prelu', metric: 'alphaMax', op: '>', value: 0 },
      { run: 'prelu', metric: 'alphaSpread', op: '>', value: 0.03 },
    ],
  },
  {
    n: 6,
    hash: '#exercise=6&compare=elu,relu&epochs=2',
    check: [
      { run: 'elu', metric: 'meanOutput', op: '<', other: 'relu', factor: 0.5, abs: true },
      { run: 'elu', metric: 'activationCost', op: '>', other: 'relu', factor: 2 },
    ],
    show: ['activationMs', 'gemmMs', 'secondsPerEpoch'],
    sameWorker: true, // times measured side by side in one worker are comparable
  },
  {
    n: 7,
    hash: '#exercise=7&compare=maxout,relu&epochs=1',
    check: [
      { run: 'maxout', metric: 'deadFraction', op: '=', value: 0 },
      { run: 'maxout', metric: 'parameters', op: '>', other: 'relu', factor: 1.9 },
      { run: 'maxout', metric: 'gemmMs', op: '>', other: 'relu', factor: 1.4 },
    ],
    show: ['secondsPerEpoch'],
    sameWorker: true, // times measured side by side in one worker are comparable
  },
  {
    n: 8,
    hash: '#exercise=8&compare=relu,gelu,silu&epochs=2',
    check: [
      { run: 'gelu', metric: 'valAccuracy', op: '>', other: 'relu', plus: -0.02 },
      { run: 'silu', metric: 'valAccuracy', op: '>', other: 'relu', plus: -0.02 },
    ],
  },
  {
    n: 9,
    hash: '#exercise=9&compare=selu,sigmoid&layers=8&units=128&init=lecun_normal&epochs=1',
    check: [
      { run: 'selu', metric: 'lastLayerMean', op: '<', value: 0.3, abs: true },
      { run: 'selu', metric: 'lastLayerStd', op: '>', value: 0.5 },
      { run: 'selu', metric: 'lastLayerStd', op: '<', value: 2 },
      { run: 'sigmoid', metric: 'lastLayerStd', op: '<', value: 0.3 },
      { run: 'selu', metric: 'valAccuracy', op: '>', other: 'sigmoid', plus: 0.3 },
    ],
  },
  {
    n: 10,
    hash: '#exercise=10&compare=silu,custom&activation=custom&epochs=1',
    check: [
      { run: 'custom', metric: 'valAccuracy', op: '>', other: 'silu', plus: -0.002 },
      { run: 'custom', metric: 'valAccuracy', op: '<', other: 'silu', plus: 0.002 },
    ],
    show: ['activationCost'],
  },
  // The 2-D view's lessons (plane.html): each run is the lesson's setup with
  // its own `runs` entry over it, trained `epochs` epochs one after another.
  {
    n: 11,
    view: 'plane',
    hash: '#exercise=11&dataset=circle&neurons=8,8',
    runs: { relu: 'acts=relu', tanh: 'acts=tanh' },
    epochs: 100,
    check: [
      { run: 'relu', metric: 'linearShare', op: '>', value: 0.5 },
      { run: 'tanh', metric: 'linearShare', op: '<', value: 0.1 },
    ],
    show: ['planeTestLoss'],
  },
  {
    n: 12,
    view: 'plane',
    hash: '#exercise=12&dataset=circle&neurons=6&bias=-5',
    runs: { relu: 'acts=relu', leaky_relu: 'acts=leaky_relu' },
    epochs: 30,
    check: [
      { run: 'relu', metric: 'planeDeadFraction', op: '>=', value: 0.5 },
      { run: 'leaky_relu', metric: 'planeDeadFraction', op: '=', value: 0 },
    ],
    show: ['planeTestLoss'],
  },
  {
    n: 13,
    view: 'plane',
    hash: '#exercise=13&dataset=spiral&neurons=8,8,8,8,8,8',
    runs: { sigmoid: 'acts=sigmoid', tanh: 'acts=tanh', relu: 'acts=relu' },
    epochs: 300,
    check: [
      { run: 'sigmoid', metric: 'planeTestLoss', op: '>', value: 0.4 },
      { run: 'tanh', metric: 'planeTestLoss', op: '<', value: 0.2 },
      { run: 'relu', metric: 'planeTestLoss', op: '<', value: 0.2 },
    ],
  },
];

/** The runs a lesson trains: its link's compare list, or (2-D view) its `runs`. */
export function lessonRuns(ex) {
  return ex.runs ? Object.keys(ex.runs) : new URLSearchParams(ex.hash.slice(1)).get('compare').split(',');
}

/** The page a lesson runs on, relative to either page. */
export const lessonPage = (ex) => (ex.view === 'plane' ? 'plane.html' : 'index.html');

export function exercise(n) {
  return EXERCISES.find((e) => e.n === n) ?? null;
}
