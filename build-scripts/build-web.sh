#!/usr/bin/env bash
# Builds the static site into build/site: the engine (WASM), the embedded MNIST
# split, Fashion-MNIST (if Debian's dataset-fashion-mnist is installed), the
# default model trained natively at build time (fixed seed), and the page.
# Each step is skipped when its output is already there.
set -euo pipefail
cd "$(dirname "$0")/.."
bash build-scripts/setup.sh
bash build-scripts/build-native.sh >/dev/null
bash build-scripts/build-wasm.sh

pub=build/public
mkdir -p "$pub/data/mnist" "$pub/models"
for f in train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte; do
  cp -u "build/data/mnist/$f.gz" "$pub/data/mnist/"
done
fashion=/usr/share/datasets/fashion-mnist
if [ -f "$fashion/train-images-idx3-ubyte.gz" ]; then
  mkdir -p "$pub/data/fashion"
  cp -u "$fashion"/*-ubyte.gz "$pub/data/fashion/"
fi

# The shipped default model: the note's network, 5 epochs, seed 1, trained natively.
# The site gets int8 kernels (a quarter of the size); the float32 twin stays in
# build/models for the test that compares their accuracy. Pixels that are 0 in
# every training image get zero weights (their random start never trains, and
# is incompressible: about 30 KB of the first view).
mkdir -p build/models
if [ ! -f "$pub/models/default.apw" ] || [ build/native/train -nt "$pub/models/default.apw" ]; then
  echo "build-web: training the default model (784-512-10 relu, 5 epochs, seed 1)"
  build/native/train --data build/data/mnist --epochs 5 --seed 1 --zero-unlit --save build/models/default-f32.apw \
    --save-int8 "$pub/models/default.apw" | tail -n 1 > "$pub/models/default.json"
fi

node build-scripts/write-manifest.mjs "$pub"
node build-scripts/render-formulas.mjs "$pub"
node_modules/.bin/vite build --logLevel warn
node_modules/.bin/vite build --logLevel warn --mode plane
node_modules/.bin/vite build --logLevel warn --mode class
cp web/sw.js build/site/sw.js
cp web/embed.js build/site/embed.js  # for blog posts: sizes each playground iframe to its content
rm -rf build/site/examples && cp -r web/examples build/site/examples  # an example post with four widgets, and the Jekyll include
node build-scripts/write-precache.mjs build/site
node build-scripts/compress.mjs build/site
echo "build-web: site in build/site"
