#!/usr/bin/env node
// Writes PUBLIC_DIR/manifest.json: which datasets and which default model this
// build ships, read by the page at start-up.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const pub = path.resolve(process.argv[2] ?? 'build/public');
const files = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'];
const datasets = [];
for (const [id, name] of [['mnist', 'MNIST (embedded split)'], ['fashion', 'Fashion-MNIST']]) {
  const dir = path.join(pub, 'data', id);
  if (!files.every((f) => fs.existsSync(path.join(dir, `${f}.gz`)))) continue;
  const sizes = Object.fromEntries(files.map((f) => [f, fs.statSync(path.join(dir, `${f}.gz`)).size]));
  // Bytes of the inflated files: what the set takes in memory (the page's budget counts it).
  const bytes = files.reduce((a, f) => a + zlib.gunzipSync(fs.readFileSync(path.join(dir, `${f}.gz`))).length, 0);
  datasets.push({ id, name, base: `data/${id}/`, sizes, bytes });
}
let model = null;
const stats = path.join(pub, 'models/default.json');
if (fs.existsSync(stats)) {
  const last = JSON.parse(fs.readFileSync(stats, 'utf8'));
  model = { file: 'models/default.apw', description: last.model, epochs: last.epoch, valAccuracy: last.val_accuracy };
}
fs.writeFileSync(path.join(pub, 'manifest.json'), `${JSON.stringify({ datasets, model }, null, 2)}\n`);
console.log(`manifest: ${datasets.map((d) => d.id).join(', ')}${model ? `; default model ${model.description} (${(100 * model.valAccuracy).toFixed(1)}%)` : ''}`);
