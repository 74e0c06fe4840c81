#!/usr/bin/env python3
"""Re-checks the seed report (../shared/seed/afd-performance-report-qwen3-32b-h20-3e.md) row by
row with afdsim and writes docs/seed-report-check.md. For each row of the seed's tables
(scenarios/seed-report/): the seed's T_attn, T_ffn and speedup; the cost model's attention and
FFN time per token at that context (`afdsim estimate`); the seed's own formula fed with those
times (the report's analytic.seed_formula); and the simulated AFD throughput per GPU and its
speedup over colocated data parallel on the same GPUs and workload (`afdsim compare`).
Usage:
    scripts/seed_report_check.py [--binary build/afdsim] [--out docs/seed-report-check.md]
Takes about a minute (twelve short simulations).
"""
import argparse
import json
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEED = "../shared/seed/afd-performance-report-qwen3-32b-h20-3e.md"

# The seed's "Realistic Speedup Analysis" table (speedups of its "Key Findings" table where it
# prints more digits): context -> (r, T_attn ms, T_ffn ms, speedup).
SEED_ROWS = {
    128: (8, 0.05, 26, "8x"),
    512: (8, 0.19, 103, "8.01x"),
    1024: (8, 0.37, 206, "8x"),
    2048: (8, 0.746, 412, "8.01x"),
    4096: (16, 1.49, 825, "16.00x"),
    8192: (32, 2.98, 1649, "31.96x"),
}

# Qwen3-32B (brief §3) and the H20-3e datasheet, to reconstruct the seed's inputs.
LAYERS, HIDDEN, KV_HEADS, HEAD_DIM, INTERMEDIATE = 64, 5120, 8, 128, 25600
FFN_PARAMS = 3 * HIDDEN * INTERMEDIATE * LAYERS  # 25.17 G
HBM_BYTES_PER_S = 4.8e12


def afdsim(binary, *args):
    # From the repository root with relative paths, so that messages quoted in the page are portable.
    done = subprocess.run([str(binary), *map(str, args)], capture_output=True, text=True, cwd=ROOT)
    return done.returncode, done.stdout, done.stderr


def estimate_ms(binary, part, batch, context):
    code, out, err = afdsim(binary, "estimate", "--hardware", "h20-3e", "--model", "qwen3-32b", "--part", part,
                            "--batch", batch, "--context", context, "--json")
    if code != 0:
        sys.exit(f"afdsim estimate failed (exit {code}):\n{err}")
    return json.loads(out)["time_ms"]


def seed_t_attn_ms(context):
    """K and V of all 64 query heads (no GQA), BF16, read at 75% of 4.8 TB/s."""
    return 2 * LAYERS * HIDDEN * context * 2 / (0.75 * HBM_BYTES_PER_S) * 1e3


def seed_t_ffn_ms(context):
    """2 FLOP per FFN weight per token of the WHOLE sequence (a prefill), at 250 TFLOP/s."""
    return 2 * FFN_PARAMS * context / 250e12 * 1e3


def check_row(binary, context):
    r, seed_attn, seed_ffn, seed_speedup = SEED_ROWS[context]
    scenario = f"scenarios/seed-report/seed-ctx{context:04d}-r{r}.yaml"
    row = {"context": context, "r": r, "gpus": r + 1, "scenario": scenario,
           "seed_attn_ms": seed_attn, "seed_ffn_ms": seed_ffn, "seed_speedup": seed_speedup,
           "attn_ms": estimate_ms(binary, "attn", 1, context), "ffn_ms": estimate_ms(binary, "ffn", 1, context),
           "ffn_r_tokens_ms": estimate_ms(binary, "ffn", r, context)}
    print(f"context {context}, r = {r}: simulating ...", file=sys.stderr)
    code, out, err = afdsim(binary, "run", scenario, "--json")
    if code != 0:
        row["error"] = err.strip().splitlines()[-1].removeprefix("afdsim: error: ")
        row["exit_code"] = code
        return row
    report = json.loads(out)
    row["afd_tpot_ms"] = report["tpot_ms"]["p50"]
    attention = [w for w in report["workers"] if w["role"] == "attention"]
    row["attention_busy"] = sum(w["busy_fraction"] for w in attention) / len(attention)
    row["ffn_busy"] = [w for w in report["workers"] if w["role"] == "ffn"][0]["busy_fraction"]
    row["seed_formula_speedup"] = report["analytic"]["seed_formula"]["speedup"]["analytic"]
    code, out, err = afdsim(binary, "compare", scenario, "--json")
    if code != 0:
        sys.exit(f"afdsim compare {scenario} failed (exit {code}):\n{err}")
    table = json.loads(out)
    afd, dp = table["configurations"][0], table["configurations"][1]
    assert dp["name"] == "colocated DP", dp["name"]
    row["platform"] = report["scenario"]["platform"]["file"]
    row["afd_per_gpu"] = afd["tokens_per_s_per_gpu"]
    row["dp_per_gpu"] = dp["tokens_per_s_per_gpu"]
    row["dp_tpot_ms"] = dp["tpot_ms"]["p50"]
    row["speedup"] = afd["tokens_per_s_per_gpu"] / dp["tokens_per_s_per_gpu"]
    return row


def placement(row):
    if row["gpus"] <= 8:
        return "one 8-GPU node"
    if "error" in row:
        return f"none: {row['gpus']} GPUs exceed every platform (the largest has 32)"
    nodes = "two" if row["gpus"] <= 16 else "four"
    return f"{nodes} 8-GPU nodes over RDMA (`{pathlib.Path(row['platform']).name}`)"


def markdown(rows):
    out = [f"""# The seed report, re-checked

The seed report (`{SEED}`) claims AFD speedups of 8x to 32x for
Qwen3-32B-FP8 decode on 8x H20-3e, from `T = max(T_attn, T_ffn / r) + T_transfer` against `T_attn + T_ffn`. This page
re-runs each of its rows in afdsim: batch 1, the context and the r the row names, Qwen3-32B with
FP8 weights and a BF16 KV cache on H20-3e, the calibrated roofline cost model
([cost-model.md](cost-model.md)), SimGrid for the network. Produced by
`scripts/seed_report_check.py` (rerun it after any change to the cost model or the engine; it
uses `build/afdsim`); the scenarios are in `scenarios/seed-report/`.

## Per row

Times are per token, all 64 layers, batch 1, one GPU. "model" is `afdsim estimate` at that
context (attention half: norms, QKV and O GEMMs, decode attention, KV write; FFN half: gate_up
and down GEMMs, activation, norm). "Seed formula, model inputs" is the seed's own formula fed with
the model's times and the platform's transfer time (the run report's
`analytic.seed_formula.speedup`). "Simulated" is `afdsim compare`: the AFD deployment (r
attention GPUs with one request each, one FFN GPU, one microbatch) against colocated data
parallel on the same r + 1 GPUs with one request per GPU, same lengths, seed and steps; the
speedup is tokens/s per GPU of AFD over DP.

| context | r | GPUs | runs on | T_attn seed / model (ms) | T_ffn seed / model (ms) | speedup: seed | seed formula, model inputs | simulated AFD tokens/s per GPU | simulated DP tokens/s per GPU | simulated speedup |
|---|---|---|---|---|---|---|---|---|---|---|
"""]
    for w in rows:
        head = (f"| {w['context']} | {w['r']} | {w['gpus']} | {placement(w)} | {w['seed_attn_ms']:g} / {w['attn_ms']:.2f} "
                f"| {w['seed_ffn_ms']:g} / {w['ffn_ms']:.2f} | {w['seed_speedup']} ")
        if "error" in w:
            out.append(head + "| cannot run | cannot run | cannot run | **cannot run** |\n")
        else:
            out.append(head + f"| {w['seed_formula_speedup']:.2f}x | {w['afd_per_gpu']:.1f} | {w['dp_per_gpu']:.1f} "
                       f"| **{w['speedup']:.2f}x** |\n")
    failed = [w for w in rows if "error" in w]
    for w in failed:
        out.append(f"\n`afdsim run {w['scenario']}` exits {w['exit_code']}:\n\n```\n{w['error']}\n```\n")

    ran = [w for w in rows if "error" not in w]
    ref = next(w for w in ran if w["context"] == 2048)  # the seed's "Standard" row
    ffn = rows[0]["ffn_ms"]
    out.append(f"""
## Why the numbers differ

**T_ffn: {rows[3]['seed_ffn_ms']:g} ms per token at batch 1 and context 2048, against {ffn:.1f} ms.**
One decode token passes once through the FFN of each layer: 2 x 25.17 G FFN weights = 50 GFLOP,
and 25.2 GB of FP8 weights to read. The H20-3e reads them in 5.2 ms at its 4.8 TB/s peak; its
FP8 GEMMs run on 64-row tiles, so the model charges 64 rows of work ({ffn:.1f} ms, compute-bound;
[cost-model.md](cost-model.md)). No reading of the hardware gives 412 ms. The seed's T_ffn
matches, to every printed digit, `2 x 25.17e9 x S / 250e12` s: the FLOPs of running the FFN over
all S tokens of the sequence (a prefill) at 250 TFLOP/s (our reconstruction, not stated by the
seed; {', '.join(f'{seed_t_ffn_ms(c):.0f}' for c in SEED_ROWS)} ms for its six contexts).

**T_ffn does not grow with the sequence length.** The FFN works on the new token only; the
context enters through attention alone. The model's FFN time is {ffn:.2f} ms at every context
(and {rows[0]['ffn_r_tokens_ms']:.2f} ms for the r = 8 tokens the FFN GPU gets per layer: the same
tile), while the seed's grows 64-fold from 128 to 8192.

**T_attn: the seed counts only the KV read, and too much of it.** Its values match
`2 x 64 layers x 5120 x S x 2 B / (0.75 x 4.8 TB/s)` ({', '.join(f'{seed_t_attn_ms(c):.2f}' for c in SEED_ROWS)} ms;
again our reconstruction): K and V for all 64 query heads, whereas Qwen3-32B has 8 KV heads (GQA),
so the real KV read is 8x smaller (256 KiB per token over 64 layers). What the seed leaves out
dominates at batch 1: the attention-side weights (QKV and O projections, 6 GB in FP8, on the same
64-row tiles: about 3.4 ms) and a few microseconds per kernel launch. The model gives
{rows[0]['attn_ms']:.2f} ms at 128 tokens and {rows[-1]['attn_ms']:.2f} ms at 8192.

**The speedup formula.** With T_ffn / T_attn around 550, `max(T_attn, T_ffn / r)` is `T_ffn / r`
and the claimed speedup is simply about r: the table's 8x, 16x, 32x are the r it picked, not a
measurement. `T_ffn / r` treats the FFN GPU as if it spent 1/r of its time on each attention
worker's token; in fact it runs the FFN of all r workers' tokens together, once per layer, and
every attention worker waits for that whole FFN before its next layer. Fed with the model's
times the formula still claims {min(w['seed_formula_speedup'] for w in ran):.1f}x to
{max(w['seed_formula_speedup'] for w in ran):.1f}x (column "seed formula, model inputs"); the
simulation gives {min(w['speedup'] for w in ran):.2f}x to {max(w['speedup'] for w in ran):.2f}x.

**What the simulation shows instead.** At batch 1 with one microbatch nothing overlaps: a decode
step is 64 x (T_attn,layer + transfer + T_ffn,layer + transfer) plus the LM head:
{ref['afd_tpot_ms']:.1f} ms at context {ref['context']} with r = {ref['r']}, against {ref['dp_tpot_ms']:.1f} ms for one GPU
doing both halves itself.
AFD serves r tokens per step on r + 1 GPUs, DP serves r + 1 tokens per step on the same GPUs, so
AFD can reach at most r / (r + 1) of DP here, minus its transfers (over RDMA, 3 us per message
and direction: the rows with r >= 8 do not fit on one 8-GPU node): {ref['r']}/{ref['r'] + 1} =
{ref['r'] / (ref['r'] + 1):.2f} against the simulated {ref['speedup']:.2f}. In that run the FFN GPU is busy
{100 * ref['ffn_busy']:.0f}% of the time and the attention GPUs {100 * ref['attention_busy']:.0f}%
(`afdsim run` reports where the rest goes). What AFD can give on this hardware at realistic batches is in
the README's "Does AFD pay off?".

**r = 16 and r = 32 on an 8-GPU box.** The seed's title says 8x H20-3e; r = 16 needs 17 GPUs and
r = 32 needs 33. afdsim runs r = 8 on two 8-GPU nodes (`platforms/h20-3e-2x8-rdma.xml`) and
r = 16 on four (`platforms/h20-3e-4x8-rdma.xml`, written by `scripts/make_rdma_platform.py` with
the same link figures), with the attention-FFN traffic over 400 Gb/s RDMA NICs; r = 32 fits no
platform here and the scenario exits 2 saying so.
""")
    return "".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", default=ROOT / "build/afdsim")
    ap.add_argument("--out", default=ROOT / "docs/seed-report-check.md")
    args = ap.parse_args()
    rows = [check_row(args.binary, c) for c in sorted(SEED_ROWS)]
    for c, w in zip(sorted(SEED_ROWS), rows):  # the reconstruction must keep matching the seed's digits
        if abs(seed_t_ffn_ms(c) - w["seed_ffn_ms"]) > 0.5 or abs(seed_t_attn_ms(c) - w["seed_attn_ms"]) > 0.005:
            sys.exit(f"the reconstruction of the seed's times no longer matches at context {c}")
    text = markdown(rows)
    pathlib.Path(args.out).write_text(text)
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
