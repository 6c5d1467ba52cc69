// URL state: one schema drives parse and serialize.
import test from 'node:test';
import assert from 'node:assert/strict';

import { defaultState, parseState, serializeState, specOf } from '../../web/src/state.js';
import { loadEngine } from '../../web/src/engine.js';

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
  assert.equal(state.params.alpha, 0.5);
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
  assert.equal(state.params.k, 2);
  assert.equal(state.layers, 2);
  assert.equal(errors.length, 5);
  assert.match(errors.join('\n'), /activation: 'swish' is not one of/);
  assert.match(errors.join('\n'), /unknown setting 'bogus'/);
});
