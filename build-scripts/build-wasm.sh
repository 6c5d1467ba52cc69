#!/usr/bin/env bash
# Builds the WebAssembly engine twice (WASM SIMD and scalar) with Emscripten and
# puts engine-simd.{js,wasm} and engine-scalar.{js,wasm} in web/src/engine/wasm/, where
# web/src/engine/engine.js loads them. Also builds the C++ test suite for node.
set -euo pipefail
cd "$(dirname "$0")/.."
bash build-scripts/setup.sh
# Debian's emcc needs acorn from Debian's node modules (see shared TOOLCHAIN notes).
export NODE_PATH=/usr/share/nodejs:/usr/lib/nodejs${NODE_PATH:+:$NODE_PATH}
# Emscripten's cache lives in the package (frozen); keep config quiet.
for flavour in simd scalar; do
  simd=ON; [ "$flavour" = scalar ] && simd=OFF
  dir=build/wasm-$flavour
  if [ ! -f "$dir/build.ninja" ]; then
    emcmake cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DAP_SIMD=$simd >/dev/null
  fi
  cmake --build "$dir"
  mkdir -p web/src/engine/wasm
  cp -f "$dir/engine-$flavour.js" "$dir/engine-$flavour.wasm" web/src/engine/wasm/
done
echo "build-wasm: web/src/engine/wasm/engine-simd.{js,wasm} and engine-scalar.{js,wasm}"
