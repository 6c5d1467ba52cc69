// Shared by the node tests and the benchmark: paths and the embedded dataset.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const dataDir = path.join(root, 'build/data/mnist');
export const trainExe = path.join(root, 'build/native/train');

/** The embedded 8,000 / 2,000 split, parsed by the engine's own IDX reader. */
export function loadEmbedded(engine) {
  const read = (name) => new Uint8Array(fs.readFileSync(path.join(dataDir, name)));
  const train = engine.parseIdx(read('train-images-idx3-ubyte'), read('train-labels-idx1-ubyte'), 'train');
  const test = engine.parseIdx(read('t10k-images-idx3-ubyte'), read('t10k-labels-idx1-ubyte'), 't10k');
  return { trainImages: train.images, trainLabels: train.labels, testImages: test.images, testLabels: test.labels };
}
