#!/usr/bin/env bash
# Runs every test, installing what it needs on a fresh Debian machine:
#   1. C++ GoogleTest suites, native (with accuracy on real MNIST and Fashion-MNIST)
#   2. the notebook bridge against Debian's PyTorch (tests/python), then the same C++ suite
#      compiled to WebAssembly (SIMD and scalar), run under node
#   3. node --test: the JavaScript API over the engine and the page's pure modules
#   4. end-to-end tests of the built page in headless Chromium (screenshots in build/screenshots)
#   5. the native C++ suite again under AddressSanitizer + UndefinedBehaviorSanitizer (build/asan)
#   6. every libFuzzer harness of tests/fuzz for FUZZ_SECONDS (default 20) each
# No test asserts a wall-clock figure: timings live in tests/bench/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash build-scripts/setup.sh
bash build-scripts/build-web.sh   # native build, wasm builds, data, default model, site

echo "== C++ tests (native)"
# The data tests must run here, not skip: the build above made the data.
AP_REQUIRE_DATA=1 ctest --test-dir build/native --output-on-failure
echo "== The notebook bridge against PyTorch 1.13 (Debian's python3-torch)"
# Debian's own interpreter: python3-torch installs there, whatever python3 is first on PATH.
/usr/bin/python3 -m unittest -v tests/python/test_notebook.py
echo "== C++ tests (WebAssembly under node: SIMD, then scalar)"
ctest --test-dir build/wasm-simd --output-on-failure
ctest --test-dir build/wasm-scalar --output-on-failure
echo "== JavaScript tests (node --test)"
node --test tests/js/
echo "== Page tests in headless Chromium (node --test)"
node --test --test-concurrency=1 tests/e2e/
echo "== C++ tests (native, ASan + UBSan)"
[ -f build/asan/build.ninja ] || cmake -S . -B build/asan -G Ninja -DAP_SANITIZE=ON -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/asan --target nn_tests
ctest --test-dir build/asan -R '^nn_tests$' --output-on-failure
echo "== Fuzzers (libFuzzer, ASan + UBSan), ${FUZZ_SECONDS:-20} s each"
bash build-scripts/fuzz.sh "${FUZZ_SECONDS:-20}"
