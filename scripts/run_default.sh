#!/usr/bin/env bash
# Set up, build, and run the default job: the AFD scenario of the README.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
exec build/afdsim estimate --hardware h20-3e --model qwen3-32b --part full --batch 32 --context 2048
