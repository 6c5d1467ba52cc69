#!/usr/bin/env bash
# Runs every test, installing what it needs on a fresh Debian machine:
#   1. C++ GoogleTest suites, native (with accuracy on real MNIST and Fashion-MNIST)
#   2. the same C++ suite compiled to WebAssembly (SIMD and scalar), run under node
#   3. node --test: the JavaScript API over the engine and the page's pure modules
#   4. end-to-end tests of the built page in headless Chromium (screenshots in build/screenshots)
set -euo pipefail
cd "$(dirname "$0")/.."
bash build-scripts/setup.sh
bash build-scripts/build-web.sh   # native build, wasm builds, data, default model, site

echo "== C++ tests (native)"
ctest --test-dir build/native --output-on-failure
echo "== C++ tests (WebAssembly under node: SIMD, then scalar)"
ctest --test-dir build/wasm-simd --output-on-failure
ctest --test-dir build/wasm-scalar --output-on-failure
echo "== JavaScript tests (node --test)"
node --test tests/js/
echo "== Page tests in headless Chromium (node --test)"
node --test --test-concurrency=1 tests/e2e/
