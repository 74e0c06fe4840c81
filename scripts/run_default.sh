#!/usr/bin/env bash
# Set up, build, and run the default job: the README's AFD scenario (7 attention GPUs, 1 FFN GPU).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
exec build/afdsim run scenarios/qwen3-32b-h20-3e-afd-7a1f.yaml "$@"
