#!/usr/bin/env bash
# Builds the C++ library, the `train` program and the GoogleTest suites natively
# into build/native (the trainer is build/native/train).
set -euo pipefail
cd "$(dirname "$0")/.."
bash build-scripts/setup.sh
[ -f build/data/mnist/t10k-labels-idx1-ubyte ] || node build-scripts/build-data.mjs
cmake -S . -B build/native -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/native
