#!/usr/bin/env bash
# The speed benchmark (docs/performance.md): builds afdsim, the raw SimGrid program of the same
# pattern (bench/raw_pattern.cpp) and the driver (Release, into build/), then prints afdsim's
# activity rate against SimGrid's own for the default scenario, r = 1 m = 1 and r = 7 m = 4, with
# the ratio. Arguments go to the driver: --runs N (default 5), --steps S (default: the scenario's
# 200), --commands (print the command lines, run nothing).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j "$(nproc)" --target afdsim_bench >/dev/null
exec build/bench/afdsim_bench "$@"
