#!/bin/bash
# A sweep across a Slurm cluster: an array job of N tasks, task i running shard i/N of the spec,
# then a job that merges the shards' folders (docs/sweep.md). Every node must see the repository
# and OUT at the same paths (a shared filesystem).
#
#   scripts/sweep_slurm.sh SPEC OUT N [afdsim sweep options...]
#   scripts/sweep_slurm.sh scenarios/studies/ratio-microbatches.yaml out/ratio 16 --set workload.steps=100
#
# submits `afdsim sweep SPEC --out OUT/shard-i --shard i/N -j CPUS` as tasks 0..N-1 (CPUS: the
# task's --cpus-per-task, default 4; set SBATCH_* variables or edit the #SBATCH lines for your
# site), then `afdsim merge OUT/shard-* --out OUT` once they all succeed. OUT/results.csv is then
# byte for byte what one machine would have written. AFDSIM overrides the binary (default
# build/afdsim). A task that is resubmitted reuses the points its shard already finished.
#SBATCH --job-name=afdsim-sweep
#SBATCH --cpus-per-task=4
#SBATCH --output=afdsim-sweep-%A_%a.log
set -euo pipefail

if [ $# -lt 3 ]; then
  echo "usage: $0 SPEC OUT N [afdsim sweep options...]" >&2
  exit 2
fi
SPEC=$1 OUT=$2 SHARDS=$3
shift 3
AFDSIM=${AFDSIM:-$(cd "$(dirname "$0")/.." && pwd)/build/afdsim}

if [ -n "${SLURM_ARRAY_TASK_ID:-}" ]; then  # inside one task of the array
  exec "$AFDSIM" sweep "$SPEC" --out "$OUT/shard-$SLURM_ARRAY_TASK_ID" --shard "$SLURM_ARRAY_TASK_ID/$SHARDS" \
    -j "${SLURM_CPUS_PER_TASK:-1}" "$@"
fi

mkdir -p "$OUT"
shards=$(seq -s ' ' -f "$OUT/shard-%g" 0 $((SHARDS - 1)))
array=$(sbatch --parsable --array="0-$((SHARDS - 1))" --export=ALL,AFDSIM="$AFDSIM" "$0" "$SPEC" "$OUT" "$SHARDS" "$@")
merge=$(sbatch --parsable --dependency="afterok:$array" --job-name=afdsim-merge --output="$OUT/merge-%j.log" \
  --wrap="'$AFDSIM' merge $shards --out '$OUT'")
echo "submitted array job $array ($SHARDS shards) and merge job $merge; results: $OUT/results.csv"
