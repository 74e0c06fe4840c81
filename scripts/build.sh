#!/usr/bin/env bash
# Set up the packages, then configure and build afdsim (Release, warnings on) into build/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j "$(nproc)"
