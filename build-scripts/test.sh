#!/usr/bin/env bash
# Runs every test, installing what it needs on a fresh Debian machine:
#   1. C++ GoogleTest suites, native (incl. accuracy on real MNIST and Fashion-MNIST)
set -euo pipefail
cd "$(dirname "$0")/.."
bash build-scripts/build-native.sh
echo "== C++ tests (native)"
ctest --test-dir build/native --output-on-failure
