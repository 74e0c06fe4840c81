#!/usr/bin/env bash
# Prints the calibration error tables of docs/cost-model.md, regenerated from the code as it is:
# the calibration tests print them while they check the bounds.
set -euo pipefail
cd "$(dirname "$0")/.."
test -x build/tests/afdsim_tests || scripts/build.sh >/dev/null
build/tests/afdsim_tests --gtest_filter='Calibration*' |
  awk '/^\[ RUN/ { sub(/.*\] /, ""); print "\n#### " $0 "\n" } /^\|/ || /^median|^worst/ { print }'
