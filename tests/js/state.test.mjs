// URL state: one schema drives parse and serialize.
import test from 'node:test';
import assert from 'node:assert/strict';

import { checkNumber, defaultState, paramValues, parseState, serializeState, withParam } from '../../web/src/state/schema.js';
import { specOf } from '../../web/src/runs/spec.js';
import { loadEngine } from '../../web/src/engine/engine.js';

const table = (await loadEngine()).activations();

test('defaults serialize to an empty hash and give the note\'s network', () => {
  const s = defaultState(table);
  assert.equal(serializeState(s, table), '');
  assert.deepEqual(specOf(s, table), {
    hidden: [{ units: 512, activation: 'relu', params: {} }],
    optimizer: 'rmsprop', momentum: 0, learningRate: 0.001, batchSize: 128, seed: 1, init: 'glorot_uniform', biasInit: 0,
  });
});

test('round trip of a full setup', () => {
  const { state, errors } = parseState('#activation=elu&layers=3&units=128&optimizer=momentum&lr=0.05&seed=7&alpha=0.5&lang=ko&embed=1&show=draw,training', table);
  assert.deepEqual(errors, []);
  assert.equal(state.activation, 'elu');
  assert.equal(state.params.elu.alpha, 0.5);
  assert.deepEqual(state.show, ['draw', 'training']);
  const hash = serializeState(state, table);
  assert.equal(hash, '#activation=elu&layers=3&units=128&optimizer=momentum&lr=0.05&seed=7&lang=ko&embed=1&show=draw,training&alpha=0.5');
  assert.deepEqual(parseState(hash, table).state, state);
  const spec = specOf(state, table);
  assert.equal(spec.hidden.length, 3);
  assert.deepEqual(spec.hidden[0], { units: 128, activation: 'elu', params: { alpha: 0.5 } });
  assert.equal(spec.optimizer, 'sgd');
  assert.equal(spec.momentum, 0.9);
});

test('bad values fall back to defaults with a message each', () => {
  const { state, errors } = parseState('#activation=swish&units=0&lr=abc&k=2.5&bogus=1&layers=2', table);
  assert.equal(state.activation, 'relu');
  assert.equal(state.units, 512);
  assert.equal(state.lr, 0.001);
  assert.equal(state.params.maxout.k, 2);
  assert.equal(state.layers, 2);
  assert.equal(errors.length, 5);
  assert.match(errors.join('\n'), /activation: 'swish' is not one of/);
  assert.match(errors.join('\n'), /unknown setting 'bogus'/);
});

test('parameters belong to their activation: two may share a name', () => {
  // A table where two activations both take `alpha` (as ELU and SELU-like ones would).
  const shared = [
    { id: 'relu', params: [] },
    { id: 'elu', params: [{ id: 'alpha', name: 'Alpha', default: 1, min: 0, max: 10, integer: false }] },
    { id: 'celu', params: [{ id: 'alpha', name: 'Alpha', default: 1, min: 0.1, max: 5, integer: false }] },
  ];
  const { state, errors } = parseState('#activation=elu&alpha=0.5&celu.alpha=2', shared);
  assert.deepEqual(errors, []);
  assert.deepEqual(state.params, { relu: {}, elu: { alpha: 0.5 }, celu: { alpha: 2 } });
  assert.equal(serializeState(state, shared), '#activation=elu&alpha=0.5&celu.alpha=2');
  assert.deepEqual(specOf(state, shared, 'celu').hidden[0].params, { alpha: 2 });
  assert.deepEqual(paramValues(state, shared, 'elu'), { alpha: 0.5 });
  // Each activation's own range: 7 is fine for ELU, not for the other.
  assert.equal(withParam(state, shared, 'elu', 'alpha', 7).state.params.elu.alpha, 7);
  assert.match(withParam(state, shared, 'celu', 'alpha', 7).error, /Alpha: 7 is outside \[0.1, 5\]/);
  assert.match(parseState('#activation=relu&alpha=3', shared).errors[0], /unknown setting 'alpha'/); // ambiguous owner
});

test('another activation\'s parameter travels as id.name; older plain-name links still work', () => {
  const { state, errors } = parseState('#activation=relu&leaky_relu.slope=0.2&compare=relu,leaky_relu', table);
  assert.deepEqual(errors, []);
  assert.equal(state.params.leaky_relu.slope, 0.2);
  assert.equal(serializeState(state, table), '#compare=relu,leaky_relu&leaky_relu.slope=0.2');
  assert.equal(parseState('#activation=relu&slope=0.3', table).state.params.leaky_relu.slope, 0.3);
  assert.match(parseState('#prelu.k=3', table).errors[0], /unknown setting 'prelu.k'/);
});

test('one number check for settings and parameters', () => {
  assert.deepEqual(checkNumber({ name: 'units', type: 'int', min: 1, max: 1024 }, '64'), { value: 64 });
  assert.match(checkNumber({ name: 'units', type: 'int', min: 1, max: 1024 }, '6.5').error, /not a whole number/);
  assert.match(checkNumber({ id: 'k', integer: true, min: 2, max: 8 }, 9, 'Pieces k').error, /Pieces k: 9 is outside \[2, 8\]/);
  assert.match(checkNumber({ name: 'lr', type: 'number', min: 1e-6, max: 10 }, '').error, /not a number/);
  assert.match(checkNumber({ name: 'lr', type: 'number', min: 1e-6, max: 10 }, 'Infinity').error, /not a number/);
});
