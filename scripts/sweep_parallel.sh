#!/bin/bash
# A sweep in N shards with GNU parallel (local job slots, or other machines with --sshloginfile),
# then `afdsim merge` (docs/sweep.md). Remote machines must see the repository and OUT at the same
# paths (a shared filesystem). Without GNU parallel installed (Debian package `parallel`) the
# shards run here with xargs -P.
#
#   scripts/sweep_parallel.sh SPEC OUT N [--sshloginfile FILE] [-- afdsim sweep options...]
#   scripts/sweep_parallel.sh scenarios/studies/links.yaml out/links 4 --sshloginfile hosts.txt
#
# Each shard runs `afdsim sweep SPEC --out OUT/shard-i --shard i/N -j 1` (one simulation per job
# slot); OUT/results.csv is then byte for byte what one unsharded run writes. AFDSIM overrides the
# binary (default build/afdsim).
set -euo pipefail

if [ $# -lt 3 ]; then
  echo "usage: $0 SPEC OUT N [--sshloginfile FILE] [-- afdsim sweep options...]" >&2
  exit 2
fi
SPEC=$1 OUT=$2 SHARDS=$3
shift 3
LOGINS=()
if [ "${1:-}" = "--sshloginfile" ]; then
  LOGINS=(--sshloginfile "$2")
  shift 2
fi
[ "${1:-}" = "--" ] && shift
AFDSIM=${AFDSIM:-$(cd "$(dirname "$0")/.." && pwd)/build/afdsim}

mkdir -p "$OUT"
shard_command() { printf '%q ' "$AFDSIM" sweep "$SPEC" --out "$OUT/shard-$1" --shard "$1/$SHARDS" -j 1 "${@:2}"; }
commands=$(for i in $(seq 0 $((SHARDS - 1))); do shard_command "$i" "$@"; echo; done)
if command -v parallel > /dev/null; then
  printf '%s\n' "$commands" | parallel --halt soon,fail=1 "${LOGINS[@]}"
else
  [ ${#LOGINS[@]} -eq 0 ] || { echo "$0: --sshloginfile needs GNU parallel" >&2; exit 2; }
  printf '%s\n' "$commands" | xargs -d '\n' -P "$(nproc)" -I{} bash -c '{}'
fi
shards=()
for i in $(seq 0 $((SHARDS - 1))); do shards+=("$OUT/shard-$i"); done
"$AFDSIM" merge "${shards[@]}" --out "$OUT"
