#!/usr/bin/env bash
# The test suite again, built with AddressSanitizer and UndefinedBehaviorSanitizer (clang 14,
# CMakePresets.json "sanitize": the first report stops the process and fails its test), plus a
# short run of each libFuzzer target. The valgrind test is left out (valgrind cannot run a
# sanitized binary). Extra arguments go to ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake --preset sanitize >/dev/null
cmake --build --preset sanitize -j "$(nproc)"
ctest --preset sanitize -j "$(nproc)" "$@"
