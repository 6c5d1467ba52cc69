#!/usr/bin/env bash
# Builds everything that is missing and serves the playground as static files:
#   build-scripts/run.sh              -> http://127.0.0.1:8080/
#   PORT=9000 build-scripts/run.sh    -> http://127.0.0.1:9000/
# Serves until stopped (Ctrl-C), as a static host does: compressed responses
# (brotli or gzip) with the right content types. build/site is plain static
# files: copy it to any static host (GitHub Pages, a blog's assets folder) as it is.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-8080}"
bash build-scripts/build-web.sh
echo "Serving build/site at http://127.0.0.1:$PORT/ (Ctrl-C to stop)"
exec python3 -u build-scripts/serve.py "$PORT" build/site
