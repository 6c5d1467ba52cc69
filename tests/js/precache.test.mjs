// The service worker's list (build-scripts/write-precache.mjs): what a visit
// needs offline and nothing more.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { root } from './helpers.mjs';

const site = path.join(root, 'build/site');
const { files, engines, version } = JSON.parse(fs.readFileSync(path.join(site, 'precache.json'), 'utf8'));

test('precache: woff2 only, no Fashion-MNIST, no compressed copies; every file exists', () => {
  assert.match(version, /^[0-9a-f]{16}$/);
  assert.ok(files.includes('./index.html') && files.includes('./models/default.apw'));
  assert.ok(files.includes('./data/mnist/train-images-idx3-ubyte.gz'), 'the embedded data, for training offline');
  for (const f of [...files, ...engines.simd, ...engines.scalar]) {
    assert.doesNotMatch(f, /data\/fashion|\.br$|\.woff$|\.ttf$/, f);
    if (f !== './') assert.ok(fs.existsSync(path.join(site, f)), f);
  }
  for (const f of files) assert.doesNotMatch(f, /engine-(simd|scalar)/, 'engine builds are listed per build');
});

test('precache: one list per engine build, each its glue and its wasm', () => {
  for (const kind of ['simd', 'scalar']) {
    assert.equal(engines[kind].length, 2, kind);
    assert.ok(engines[kind].every((f) => f.includes(`engine-${kind}-`)));
    assert.ok(engines[kind].some((f) => f.endsWith('.wasm')) && engines[kind].some((f) => f.endsWith('.js')));
  }
});
