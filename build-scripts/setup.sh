#!/usr/bin/env bash
# Installs everything the project needs on a fresh Debian (bookworm) machine:
# Debian packages (compilers, Emscripten, xtensor, GoogleTest, Chromium, Fashion-MNIST)
# and the pinned npm packages from package-lock.json. Safe to run again: it only
# installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential cmake ninja-build pkg-config zlib1g-dev
  clang libclang-rt-14-dev
  emscripten xtensor-dev xtl-dev
  googletest libgtest-dev
  chromium fonts-liberation
  dataset-fashion-mnist
  python3 nodejs npm
  python3-torch python3-numpy
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  # Node 20 may already come from elsewhere (not Debian's package): don't fight it.
  if command -v node >/dev/null 2>&1; then
    filtered=()
    for p in "${missing[@]}"; do [[ "$p" == nodejs || "$p" == npm ]] || filtered+=("$p"); done
    missing=("${filtered[@]}")
  fi
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# Vite 8 needs Node >= 20.19 (Debian bookworm's own nodejs is 18: these machines ship 20).
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; then
  echo "setup: Node $(node --version) is too old: the page build needs Node >= 20.19" >&2
  exit 1
fi

# npm packages, pinned by the committed lock file.
if [ -f package-lock.json ]; then
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "setup: npm ci"
    npm ci --no-audit --no-fund
  fi
fi
