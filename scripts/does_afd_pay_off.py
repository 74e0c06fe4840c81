#!/usr/bin/env python3
"""The README's "Does AFD pay off?" table: `afdsim compare` of the default scenario (AFD 7A1F on
one 8x H20-3e node) against colocated DP and TP on the same 8 GPUs, at a few prompt lengths,
first at the scenario's batch (32 requests per attention GPU / per replica), then each
configuration at its largest batch with TPOT p50 within a bound. Prints markdown on stdout.
Usage:
    scripts/does_afd_pay_off.py [--prompts 512 2048 8192] [--tpot-ms 50] [--binary build/afdsim]
Takes several minutes (the TPOT search runs about 80 short simulations per context).
"""
import argparse
import json
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SCENARIO = "scenarios/qwen3-32b-h20-3e-afd-7a1f.yaml"


def compare(binary, prompt, tpot_ms):
    cmd = [str(binary), "compare", SCENARIO, "--json", "--set", f"workload.prompt_tokens={prompt}"]
    if tpot_ms is not None:
        cmd += ["--tpot-ms", str(tpot_ms)]
    print(f"prompt {prompt}: {' '.join(cmd[1:])}", file=sys.stderr)
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        sys.exit(f"afdsim compare failed (exit {done.returncode}):\n{done.stderr}")
    return json.loads(done.stdout)


def cells(row):
    if row["status"] != "ran":
        return ["-", "does not fit" if row["status"] == "does_not_fit" else "no batch within bound", "-"]
    return [str(row["batch_per_worker"]), f"{row['tokens_per_s_per_gpu']:.0f}", f"{row['tpot_ms']['p50']:.1f}"]


def speedup(table):
    s = table["afd_speedup_per_gpu"]
    return "n/a" if s is None else f"**{s:.2f}x** (over {table['best_baseline']})"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--prompts", type=int, nargs="+", default=[512, 2048, 8192])
    ap.add_argument("--tpot-ms", type=float, default=50.0)
    ap.add_argument("--binary", default=ROOT / "build/afdsim")
    args = ap.parse_args()

    print("| prompt | configuration | batch | tokens/s per GPU | TPOT p50 (ms) | bubble (%) "
          f"| batch at TPOT <= {args.tpot_ms:g} ms | tokens/s per GPU | TPOT p50 (ms) |")
    print("|---|---|---|---|---|---|---|---|---|")
    verdicts = []
    simulations, wall_s = 0, 0.0
    for prompt in args.prompts:
        same = compare(args.binary, prompt, None)
        bound = compare(args.binary, prompt, args.tpot_ms)
        for a, b in zip(same["configurations"], bound["configurations"]):
            bubble = "-" if a["mean_bubble_fraction"] is None else f"{100 * a['mean_bubble_fraction']:.0f}"
            first = cells(a)
            print(f"| {prompt} | {a['name']} | {first[0]} | {first[1]} | {first[2]} | {bubble} | "
                  + " | ".join(cells(b)) + " |")
        verdicts.append((prompt, speedup(same), speedup(bound)))
        for t in (same, bound):
            simulations += t["simulations"]
            wall_s += t["wall_s"]
    print()
    print(f"AFD's tokens/s per GPU over the best baseline (same batch; at TPOT p50 <= {args.tpot_ms:g} ms):")
    print()
    for prompt, s, b in verdicts:
        print(f"- prompt {prompt}: {s}; {b}")
    print(f"\n({simulations} simulations, {wall_s:.0f} s of simulation wall time)", file=sys.stderr)


if __name__ == "__main__":
    main()
