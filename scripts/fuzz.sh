#!/usr/bin/env bash
# Runs the libFuzzer targets of fuzz/ (docs/robustness.md), one after the other, each for a time.
#   scripts/fuzz.sh [--build DIR] [--seconds N] [--seed S] [--no-build] [TARGET...]
# DIR (default build-fuzz) is configured with clang and -DAFDSIM_FUZZ=ON if it has no fuzz
# targets yet, and the targets are brought up to date (not with --no-build, as CTest runs it).
# TARGET is a name such as scenario or request_trace (default: all of them).
# Each target keeps its growing corpus in DIR/fuzz/corpus/TARGET (seeded from the folders its
# fuzz/CMakeLists.txt line names), writes crashing inputs to DIR/fuzz/findings/TARGET/ and its
# log to DIR/fuzz/logs/TARGET.log; one summary line per target goes to stdout. Exits 1 if any
# target found something.
set -euo pipefail
cd "$(dirname "$0")/.."

build=build-fuzz
seconds=600
seed=""
build_targets=1
targets=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --build) build="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --no-build) build_targets=0; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done

if ! compgen -G "$build/fuzz/*_fuzz.seeds" >/dev/null; then
  scripts/setup.sh
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-14 -DAFDSIM_FUZZ=ON >/dev/null
fi
if [[ ${#targets[@]} -eq 0 ]]; then
  for seeds in "$build"/fuzz/*_fuzz.seeds; do
    name=$(basename "$seeds" _fuzz.seeds)
    targets+=("$name")
  done
fi
make_targets=()
for name in "${targets[@]}"; do
  [[ -f "$build/fuzz/${name}_fuzz.seeds" ]] || { echo "fuzz.sh: no fuzz target '$name' in $build/fuzz" >&2; exit 2; }
  make_targets+=(--target "${name}_fuzz")
done
if [[ $build_targets -eq 1 ]]; then
  cmake --build "$build" -j "$(nproc)" "${make_targets[@]}" >/dev/null
fi

status=0
for name in "${targets[@]}"; do
  corpus="$build/fuzz/corpus/$name"
  findings="$build/fuzz/findings/$name"
  log="$build/fuzz/logs/$name.log"
  mkdir -p "$corpus" "$findings" "$(dirname "$log")"
  mapfile -t seed_dirs < "$build/fuzz/${name}_fuzz.seeds"
  existing=()
  for dir in "${seed_dirs[@]}"; do
    [[ -d "$dir" ]] && existing+=("$dir")
  done
  options=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 -print_final_stats=1
           -artifact_prefix="$findings/")
  [[ -f "fuzz/$name.dict" ]] && options+=(-dict="fuzz/$name.dict")
  [[ -n "$seed" ]] && options+=(-seed="$seed")
  start=$(date +%s)
  if "$build/fuzz/${name}_fuzz" "${options[@]}" "$corpus" "${existing[@]}" >"$log" 2>&1; then
    outcome="no finding"
  else
    outcome="FINDING (see $log and $findings/)"
    status=1
  fi
  elapsed=$(( $(date +%s) - start ))
  execs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
  last=$(grep -E '^#[0-9]+' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' <<<"$last" | grep -o '[0-9]*$' || echo '?')
  features=$(grep -o 'ft: [0-9]*' <<<"$last" | grep -o '[0-9]*$' || echo '?')
  units=$(find "$corpus" -type f | wc -l)
  echo "fuzz $name: ${elapsed} s, ${execs} executions, coverage ${cov} edges, ${features} features, corpus ${units} inputs: $outcome"
  if [[ "$outcome" != "no finding" ]]; then
    grep -E 'ERROR|SUMMARY|runtime error|terminate|deadly' "$log" | head -5 >&2 || true
  fi
done
exit $status
