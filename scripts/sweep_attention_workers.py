#!/usr/bin/env python3
"""Runs a scenario at r = 1..N attention workers and prints a markdown table of throughput,
TPOT and bubbles (the README's table). Usage:
    scripts/sweep_attention_workers.py [SCENARIO] [--max-r N] [--set KEY=VALUE ...]
"""
import argparse
import json
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def run(binary, scenario, r, sets):
    cmd = [str(binary), "run", str(scenario), "--json", "--set", f"deployment.attention_workers={r}"]
    for s in sets:
        cmd += ["--set", s]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"afdsim failed for r = {r} (exit {done.returncode}):\n{done.stderr}")
    return json.loads(done.stdout)


def mean(values):
    return sum(values) / len(values)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("scenario", nargs="?", default=ROOT / "scenarios/qwen3-32b-h20-3e-afd-7a1f.yaml")
    ap.add_argument("--max-r", type=int, default=7)
    ap.add_argument("--set", action="append", default=[], dest="sets")
    ap.add_argument("--binary", default=ROOT / "build/afdsim")
    args = ap.parse_args()

    print("| r | GPUs | tokens/s | tokens/s per GPU | TPOT p50 (ms) | attention busy (%) "
          "| FFN busy (%) | FFN barrier wait (%) |")
    print("|---|---|---|---|---|---|---|---|")
    for r in range(1, args.max_r + 1):
        rep = run(args.binary, args.scenario, r, args.sets)
        attn = [w for w in rep["workers"] if w["role"] == "attention"]
        ffn = [w for w in rep["workers"] if w["role"] == "ffn"]
        t = rep["throughput"]
        print(f"| {r} | {t['gpus']} | {t['tokens_per_s']:.0f} | {t['tokens_per_s_per_gpu']:.0f} "
              f"| {rep['tpot_ms']['p50']:.2f} | {100 * mean([w['busy_fraction'] for w in attn]):.1f} "
              f"| {100 * mean([w['busy_fraction'] for w in ffn]):.1f} "
              f"| {100 * mean([w['wait_barrier_fraction'] for w in ffn]):.1f} |")


if __name__ == "__main__":
    main()
