#!/usr/bin/env bash
# Builds the libFuzzer harnesses of tests/fuzz (clang, ASan + UBSan) and runs
# each for SECONDS (default 20), starting from its committed seed corpus.
# Fails on any finding: the input is kept in build/fuzz/findings/<target>/ and
# belongs in tests/fuzz/corpus/<target>/ once the bug is fixed.
#   build-scripts/fuzz.sh           # 20 s per target (what build-scripts/test.sh runs)
#   build-scripts/fuzz.sh 600       # before a release
#   build-scripts/fuzz.sh 600 npz   # one target (or several: names after the seconds)
#   build-scripts/fuzz.sh --make-corpus   # rewrite the seed corpus (tests/fuzz/make_corpus.cpp)
set -euo pipefail
cd "$(dirname "$0")/.."
bash build-scripts/setup.sh

TARGETS=(idx_images idx_labels idx_pair gzip weights spec formula npz)
declare -A MAX_LEN=([idx_images]=8192 [idx_labels]=2048 [idx_pair]=8192 [gzip]=8192 [weights]=8192 [spec]=512 [formula]=256 [npz]=8192)

out=build/fuzz
mkdir -p "$out/obj"
CXX=clang++
FLAGS=(-std=c++17 -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined -Icpp)

# The library, instrumented for coverage (rebuilt when a source is newer than its object).
objs=()
for src in cpp/nn/*.cpp; do
  obj="$out/obj/$(basename "${src%.cpp}").o"
  if [ ! -f "$obj" ] || [ -n "$(find cpp/nn -newer "$obj" -name '*.[ch]*' -print -quit)" ]; then
    $CXX "${FLAGS[@]}" -fsanitize=fuzzer-no-link -c "$src" -o "$obj"
  fi
  objs+=("$obj")
done

if [ "${1:-}" = "--make-corpus" ]; then
  $CXX "${FLAGS[@]}" tests/fuzz/make_corpus.cpp "${objs[@]}" -lz -o "$out/make_corpus"
  for t in "${TARGETS[@]}"; do mkdir -p "tests/fuzz/corpus/$t"; done
  "$out/make_corpus" tests/fuzz/corpus
  echo "fuzz: seed corpus written to tests/fuzz/corpus"
  exit 0
fi
SECONDS_PER_TARGET="${1:-20}"
if [ $# -gt 1 ]; then
  shift
  for t in "$@"; do [[ " ${TARGETS[*]} " == *" $t "* ]] || { echo "fuzz: no target '$t' (${TARGETS[*]})" >&2; exit 2; }; done
  TARGETS=("$@")
fi

for t in "${TARGETS[@]}"; do
  bin="$out/fuzz_$t"
  if [ ! -f "$bin" ] || [ "tests/fuzz/fuzz_$t.cpp" -nt "$bin" ] || [ -n "$(find "$out/obj" -newer "$bin" -print -quit)" ]; then
    $CXX "${FLAGS[@]}" -fsanitize=fuzzer "tests/fuzz/fuzz_$t.cpp" "${objs[@]}" -lz -o "$bin"
  fi
done

status=0
report=()
for t in "${TARGETS[@]}"; do
  work="$out/work/$t"
  findings="$out/findings/$t"
  mkdir -p "$work" "$findings"
  log="$out/fuzz_$t.log"
  if "$out/fuzz_$t" "$work" "tests/fuzz/corpus/$t" -max_total_time="$SECONDS_PER_TARGET" -rss_limit_mb=2048 \
      -timeout=10 -max_len="${MAX_LEN[$t]}" -print_final_stats=1 -artifact_prefix="$findings/" >"$log" 2>&1; then
    runs=$(grep -m1 'stat::number_of_executed_units' "$log" | awk '{print $2}')
    report+=("$(printf '%-11s %12s runs in %ss: no finding' "$t" "${runs:-?}" "$SECONDS_PER_TARGET")")
  else
    status=1
    report+=("$(printf '%-11s FINDING (see %s and %s)' "$t" "$log" "$findings")")
    grep -m5 -E 'ERROR|runtime error|SUMMARY' "$log" || tail -n 20 "$log"
  fi
done
printf '%s\n' "${report[@]}"
[ $status -eq 0 ] && echo "fuzz: ${#TARGETS[@]} passed, 0 failed" || echo "fuzz: some targets found a bug"
exit $status
