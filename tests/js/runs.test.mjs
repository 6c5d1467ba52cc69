// The runs layer (web/src/runs/) with fake workers and a fake network: the one
// dataset loader serves the page's run and compare mode with one download; a
// Train press builds its spec once; the engine gateway waits for the first
// view before it measures; a comparison and its lesson have one status field.
import test from 'node:test';
import assert from 'node:assert/strict';

import { createCompare } from '../../web/src/runs/compare.js';
import { createController } from '../../web/src/runs/controller.js';
import { createGateway } from '../../web/src/runs/gateway.js';
import { createLoader } from '../../web/src/runs/loader.js';
import { specOf } from '../../web/src/runs/spec.js';
import { defaultState } from '../../web/src/state/schema.js';
import { createStore, initialState, setSettings } from '../../web/src/state/store.js';
import { DATA_FILES, EVT, REQ } from '../../web/src/worker/protocol.js';

const TABLE = [
  { id: 'relu', name: 'ReLU', params: [] },
  { id: 'elu', name: 'ELU', params: [{ id: 'alpha', name: 'Alpha', default: 1, min: 0, max: 10 }] },
];
const MANIFEST = { datasets: [{ id: 'mnist', base: 'data/mnist/', sizes: { a: 6 }, bytes: 1000 }] };

/** A worker client that answers every request at once and records them; emit() sends an event. */
class FakeClient {
  constructor() {
    this.requests = [];
    this.listeners = new Map();
  }
  async request(type, fields = {}) {
    this.requests.push({ type, ...fields });
    switch (type) {
      case REQ.estimate: return { bytes: fields.specs.map(() => 1000) };
      case REQ.configure: return { run: fields.run, info: { parameters: 10, description: 'fake' } };
      case REQ.loadData: return { name: fields.source.name, train: 8000, test: 2000 };
      case REQ.cost: return { relativeToRelu: 1.5 };
      case REQ.init: return { simd: true, activations: TABLE, limits: { maxIdxFileBytes: 1 << 20, maxWeightsFileBytes: 1 << 20 } };
      default: return {};
    }
  }
  on(type, fn) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type).add(fn);
    return () => this.listeners.get(type).delete(fn);
  }
  emit(msg) {
    for (const fn of [...(this.listeners.get(msg.type) ?? []), ...(this.listeners.get('*') ?? [])]) fn(msg);
  }
  terminate() {
    this.terminated = true;
  }
  sent(type) {
    return this.requests.filter((r) => r.type === type);
  }
}

/** The page's services over fakes: `fetches` counts the network's requests. */
function setUp({ buildSpec = specOf } = {}) {
  const store = createStore(initialState());
  store.set({ table: TABLE, settings: defaultState(TABLE), manifest: MANIFEST, limits: { maxIdxFileBytes: 1 << 20, maxWeightsFileBytes: 1 << 20 } });
  const fetches = [];
  const fetch = async (url) => {
    fetches.push(url);
    return new Response(new Uint8Array([1, 2, 3]));
  };
  const loader = createLoader(store, { fetch, baseURI: () => 'http://localhost/' });
  const pageClient = new FakeClient();
  const controller = createController(store, pageClient, { loader, buildSpec });
  const spawned = [];
  const compare = createCompare(store, { controller, loader, cores: 2, spawn: () => (spawned.push(new FakeClient()), spawned.at(-1)) });
  return { store, loader, pageClient, controller, compare, spawned, fetches };
}

test('the page run and compare mode share one download of the dataset', async () => {
  const { controller, compare, pageClient, spawned, fetches } = setUp();
  await controller.train();
  assert.equal(fetches.length, DATA_FILES.length, 'the four files, once');
  assert.deepEqual(fetches.map((u) => u.split('/').pop()).sort(), DATA_FILES.map((f) => `${f}.gz`).sort());
  await compare.start(['relu', 'elu']);
  assert.equal(fetches.length, DATA_FILES.length, 'compare mode downloads nothing more');
  // Every worker got the very same source object, with the four files' bytes.
  const sources = [pageClient, ...spawned].map((c) => c.sent(REQ.loadData)[0]?.source);
  assert.equal(spawned.length, 2);
  assert.ok(sources.every((s) => s === sources[0]));
  assert.equal(sources[0].files.length, 4);
  assert.deepEqual([...sources[0].files[0].bytes], [1, 2, 3]);
});

test('a failed download is tried again the next time, and says what failed', async () => {
  const { store, loader } = setUp();
  let calls = 0;
  const failing = createLoader(store, { baseURI: () => 'http://localhost/', fetch: async () => (++calls <= 4 ? new Response('', { status: 404 }) : new Response(new Uint8Array([7]))) });
  await assert.rejects(failing.source('mnist'), (e) => /HTTP 404/.test(e.message) && e.alert.key === 'dataError');
  const source = await failing.source('mnist');
  assert.equal(source.files.length, 4);
  assert.equal(store.get().dataProgress, null, 'no progress left on the page');
  await assert.rejects(loader.source('fashion'), (e) => /not available on this site/.test(e.message));
});

test('a Train press builds its spec once, and the same object reaches the estimate and the worker', async () => {
  let builds = 0;
  const { store, controller, pageClient } = setUp({ buildSpec: (...a) => (builds++, specOf(...a)) });
  await controller.train();
  assert.equal(builds, 1);
  const [estimate] = pageClient.sent(REQ.estimate);
  const [configure] = pageClient.sent(REQ.configure);
  assert.equal(estimate.specs[0], configure.spec, 'one object for the estimate and the network');
  assert.equal(configure.spec.hidden[0].activation, 'relu');
  // Pressed again with the same settings: one build, no new network.
  pageClient.emit({ type: EVT.paused });
  await controller.train();
  assert.equal(builds, 2);
  assert.equal(pageClient.sent(REQ.configure).length, 1);
  // A change of activation in the controls reaches the worker through the one spec of the next press.
  setSettings(store, { activation: 'elu', params: { ...store.get().settings.params, elu: { alpha: 0.5 } } });
  pageClient.emit({ type: EVT.paused });
  await controller.train();
  assert.equal(builds, 3);
  const [, second] = pageClient.sent(REQ.configure);
  assert.deepEqual(second.spec.hidden[0], { units: 512, activation: 'elu', params: { alpha: 0.5 } });
  assert.equal(pageClient.sent(REQ.estimate)[1].specs[0], second.spec);
});

test('the gateway measures a cost only once the first view is in', async () => {
  const client = new FakeClient();
  let firstViewDone;
  const gateway = createGateway(client, new Promise((r) => (firstViewDone = r)));
  const cost = gateway.cost('elu', { alpha: 1 });
  await gateway.curve('elu', { alpha: 1 }, new Float32Array(3));
  await new Promise((r) => setTimeout(r, 10));
  assert.deepEqual(client.requests.map((r) => r.type), [REQ.curve], 'the curve goes at once, the cost waits');
  firstViewDone();
  assert.equal((await cost).relativeToRelu, 1.5);
  assert.deepEqual(client.sent(REQ.cost)[0], { type: REQ.cost, activation: 'elu', params: { alpha: 1 } });
});

test('a comparison has one status field; its lesson reads it', async () => {
  const { store, compare, spawned } = setUp();
  const started = compare.start(['relu', 'elu'], { lesson: 4 });
  assert.equal(store.get().compare.status, 'loading', 'loading from the press on: a second press waits');
  assert.equal(store.get().compare.lesson, 4);
  await started;
  assert.equal(store.get().compare.status, 'training');
  assert.equal(store.get().compare.lesson, 4);
  assert.equal(compare.status(), 'training');
  compare.pause();
  assert.equal(store.get().compare.status, 'paused');
  compare.resume();
  for (const c of spawned) c.emit({ type: EVT.allDone });
  assert.equal(store.get().compare.status, 'done');
  assert.equal(compare.status(), 'done');
  compare.stop();
  assert.equal(store.get().compare.status, 'done', 'stopping a finished comparison keeps it finished');
  assert.ok(spawned.every((c) => c.terminated));
});

test('a comparison that does not fit the budget changes nothing and says why', async () => {
  const { store, compare, spawned, controller } = setUp();
  controller.client.request = async (type, fields) => (type === REQ.estimate ? { bytes: fields.specs.map(() => 2 ** 30) } : {});
  await compare.start(['relu', 'elu']);
  assert.equal(store.get().alert.key, 'overBudget');
  assert.equal(spawned.length, 0);
  assert.equal(store.get().compare, null);
});
