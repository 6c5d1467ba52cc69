// The worker client pairs replies by id (two requests of one type may cross);
// the store is the one writer of the URL hash.
import test from 'node:test';
import assert from 'node:assert/strict';

import { REPLY } from '../../web/src/worker/protocol.js';
import { bindUrl, createStore, initialState, setSettings } from '../../web/src/state/store.js';
import { WorkerClient } from '../../web/src/worker/client.js';

/** A fake worker: records what was posted; the test answers by hand. */
function fakeWorker() {
  return { posted: [], postMessage(m) { this.posted.push(m); }, terminate() { this.terminated = true; } };
}

test('replies settle their own request even when two of one type cross', async () => {
  const w = fakeWorker();
  const client = new WorkerClient(w);
  const a = client.request('predict', { pixels: 'A' });
  const b = client.request('predict', { pixels: 'B' });
  assert.deepEqual(w.posted.map((m) => [m.type, m.id, m.pixels]), [['predict', 1, 'A'], ['predict', 2, 'B']]);
  w.onmessage({ data: { type: REPLY, id: 2, result: 'for B' } });
  w.onmessage({ data: { type: REPLY, id: 1, result: 'for A' } });
  assert.equal(await a, 'for A');
  assert.equal(await b, 'for B');
  const c = client.request('curve');
  w.onmessage({ data: { type: REPLY, id: 3, error: 'unknown activation' } });
  await assert.rejects(c, /unknown activation/);
});

test('events go to their subscribers; a dead worker rejects what is pending', async () => {
  const w = fakeWorker();
  const client = new WorkerClient(w);
  const seen = [];
  const off = client.on('progress', (m) => seen.push(m.step));
  client.on('*', (m) => seen.push(`*${m.type}`));
  w.onmessage({ data: { type: 'progress', step: 3 } });
  off();
  w.onmessage({ data: { type: 'progress', step: 4 } });
  assert.deepEqual(seen, [3, '*progress', '*progress']);
  const pending = client.request('init');
  w.onerror({ message: 'failed to load' });
  await assert.rejects(pending, /failed to load/);
  client.terminate();
  assert.equal(w.terminated, true);
});

test('the store writes the hash from the schema and follows back/forward', () => {
  const table = [{ id: 'relu', params: [] }, { id: 'elu', params: [{ id: 'alpha', default: 1, min: 0, max: 10 }] }];
  const listeners = {};
  const win = {
    location: { hash: '#activation=elu&units=64', pathname: '/', search: '' },
    history: { replaceState: (_, __, h) => (win.location.hash = h.startsWith('#') ? h : '') },
    addEventListener: (type, fn) => (listeners[type] = fn),
  };
  const store = createStore(initialState());
  assert.deepEqual(bindUrl(store, table, win), []);
  assert.equal(store.get().settings.units, 64);
  setSettings(store, { units: 32 });
  assert.equal(win.location.hash, '#activation=elu&units=32');
  // Back/forward: the hash changes, the store follows.
  win.location.hash = '#units=8&bogus=1';
  listeners.hashchange();
  assert.equal(store.get().settings.units, 8);
  assert.equal(store.get().settings.activation, 'relu');
  assert.match(store.get().alert.vars.message, /unknown setting 'bogus'/);
  const seen = [];
  store.subscribe((s, prev) => seen.push([prev.settings.units, s.settings.units]));
  setSettings(store, { units: 9 });
  assert.deepEqual(seen, [[8, 9]]);
});
