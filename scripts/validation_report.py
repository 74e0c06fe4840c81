#!/usr/bin/env python3
"""Regenerates docs/validation.md: every validation case afdsim is checked against (measured and
published numbers, closed forms), with its inputs, the reference value, afdsim's value and the
error, all computed by running the afdsim binary. Usage:
    scripts/validation_report.py [--binary build/afdsim] [--out docs/validation.md]
    scripts/validation_report.py --check    # exit 1 (and print a diff) if the file is not current
Takes about half a minute on 2 cores.
"""
import argparse
import difflib
import json
import pathlib
import statistics
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
DOC = ROOT / "docs/validation.md"

# H100 standalone op timings include launch latency that CUDA-graph steps hide: the value
# `afdsim calibrate` fits with the h100-sxm preset (docs/cost-model.md). H20: fitted by hand.
H100_OP_OVERHEAD_US = "8.68"
H20_OP_OVERHEAD_US = "2.4"


class Afdsim:
    def __init__(self, binary):
        self.binary = pathlib.Path(binary).resolve()

    def json(self, *args):
        cmd = [str(self.binary), *args]
        done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"validation_report: `afdsim {' '.join(args)}` exited {done.returncode}:\n{done.stderr}")
        return json.loads(done.stdout)


def shown(*args):
    """The command as a reader types it from the repository root."""
    return "`build/afdsim " + " ".join(args) + "`"


def pct(x):
    return "0.0%" if abs(x) < 5e-4 else f"{100 * x:+.1f}%"


def abs_pct(x):
    return f"{100 * abs(x):.1f}%"


def err(model, reference):
    return model / reference - 1.0


class Report:
    def __init__(self):
        self.lines = []
        self.summary = []  # (case, reference, rows, median |error|, worst |error|, verdict)

    def add(self, *lines):
        self.lines.extend(lines)

    def table(self, header, rows):
        self.add("| " + " | ".join(header) + " |", "|" + "---|" * len(header))
        for r in rows:
            self.add("| " + " | ".join(str(c) for c in r) + " |")
        self.add("")

    def summarize(self, case, reference, errors, verdict):
        a = [abs(e) for e in errors]
        self.summary.append((case, reference, len(a), abs_pct(statistics.median(a)), abs_pct(max(a)), verdict))


def calibration_rows(afdsim, report, title, args, kinds, why_wrong):
    j = afdsim.json("calibrate", *args, "--no-fit", "--json")
    report.add(f"Command: {shown('calibrate', *args, '--no-fit')}", "")
    for kind, name, unit in kinds:
        rows = [r for r in j["rows"] if r["kind"] == kind]
        scale = 1e-3 if unit == "ms" else 1.0
        report.add(f"**{name}** ({len(rows)} rows; file:line of each measurement)", "")
        report.table(["inputs", "where", f"measured ({unit})", f"afdsim ({unit})", "error"],
                     [(r["label"], r["where"], f"{r['measured_us'] * scale:.2f}", f"{r['model_us'] * scale:.2f}",
                       pct(r["error"])) for r in rows])
        s = j["summary"][kind]
        report.add(f"Median |error| {abs_pct(s['median_abs_error'])}, worst {abs_pct(s['max_abs_error'])}, "
                   f"rms {abs_pct(s['rms_error'])}.", "")
        report.summarize(f"{title}: {name}", "measured", [r["error"] for r in rows], why_wrong.get(kind, ""))
    return j


def section_h100(afdsim, report):
    report.add("## 1. H100 SXM: measured decode steps and operators", "",
               "Reference: `../shared/calibration/h100-sxm/` (copied to `profiles/h100-sxm/`): Qwen3-32B on one "
               "H100 80GB SXM, PyTorch 2.11 + CUDA 13.0, unfused kernels; whole 64-layer steps in CUDA graphs, "
               "operators timed alone after an L2 flush. afdsim: the roofline with the `h100-sxm` preset, which "
               "`afdsim calibrate` fitted to these same rows (least squares; docs/cost-model.md), so this is the "
               f"fit's residual, not a prediction. Operator rows add the harness's launch latency, {H100_OP_OVERHEAD_US} us "
               "(fitted with the preset).", "")
    calibration_rows(
        afdsim, report, "H100",
        ["--hardware", "h100-sxm", "--measurements", "profiles/h100-sxm", "--op-overhead-us", H100_OP_OVERHEAD_US],
        [("step", "whole decode steps, 64 layers", "ms"), ("gemm", "GEMMs", "us"),
         ("attention", "decode attention, one layer", "us")],
        {"step": "fit residual",
         "gemm": "fit residual; compute-bound shapes off either way (one efficiency)",
         "attention": "fit residual; split-KV scheduling at small batch and long context not modelled"})
    report.add("Where it is wrong, and why: the GEMM model has one tensor-core efficiency for FP8 and BF16 and every "
               "shape (cuBLASLt reached 0.70 of the FP8 peak and 0.80 of the BF16 peak on 8192^3 in the same "
               "session), so the compute-bound GEMMs (m >= 256) are off by up to 15% either way, shape by shape. "
               "Decode attention at batch 1 with 4K-8K tokens, and at batch 4-16 with 8K-32K tokens, depends on how "
               "the kernel splits the KV sequence over the 132 SMs, which a bandwidth efficiency with one occupancy "
               "term does not capture (errors up to 17%). Whole steps, which is what the simulation runs, stay "
               "within 8.1%.", "")


def section_h100_interpolation(afdsim, report):
    """The profiled model's interpolation, checked on measured steps left out of its table."""
    report.add("### Profiled mode: interpolation checked on held-out steps", "",
               "The profiled cost model (`cost_model.kind: profiled`) gives measured points back exactly and "
               "interpolates between them (attention bilinear in requests and KV tokens per request, FFN linear "
               "in tokens). To see how good the interpolation is, the rows at context 2048 (attention) and batch "
               "32 (FFN) are removed from `decode_step.csv` and predicted from their neighbours "
               "(`afdsim estimate --tables DIR`):", "")
    src = (ROOT / "profiles/h100-sxm/decode_step.csv").read_text().splitlines()
    header = src[0].split(",")
    held, kept = [], [src[0]]
    for line in src[1:]:
        row = dict(zip(header, line.split(",")))
        if (row["part"] == "attn" and row["context"] == "2048") or (row["part"] == "ffn" and row["batch"] == "32"):
            held.append(row)
        else:
            kept.append(line)
    rows, errors = [], []
    with tempfile.TemporaryDirectory() as tmp:
        (pathlib.Path(tmp) / "decode_step.csv").write_text("\n".join(kept) + "\n")
        for row in held:
            args = ["--part", row["part"], "--batch", row["batch"]]
            if row["part"] == "attn":
                args += ["--context", row["context"]]
            j = afdsim.json("estimate", "--hardware", "h100-sxm", "--model", "qwen3-32b", "--tables", tmp, *args,
                            "--json")
            sources = {op["source"] for op in j["ops_per_layer"]}
            measured = float(row["time_ms_median"])
            e = err(j["time_ms"], measured)
            errors.append(e)
            context = row["context"] or "-"
            rows.append((row["part"], row["batch"], context, f"{measured:.2f}", f"{j['time_ms']:.2f}",
                         "/".join(sorted(sources)), pct(e)))
    report.table(["part", "batch", "context", "measured (ms)", "profiled (ms)", "source", "error"], rows)
    report.add("Inside the table's grid the interpolation is within a few percent (attention is close to bilinear "
               "in batch and context where it is memory-bound). The batch-128 and batch-256 rows leave the grid "
               "(their neighbours at context 8192 were never measured), and with only `decode_step.csv` in the "
               "folder their ops come from the roofline (source `roofline`), as a profiled run would report "
               "them.", "")
    report.summarize("H100: profiled interpolation, held-out steps", "measured", errors, "interpolation error")


def section_h100_held_out(afdsim, report):
    """The least-squares fit predicting rows it did not see: all rows at context 8192 left out."""
    report.add("### Held out: the fit without the 8K-context rows, predicting them", "",
               "`afdsim calibrate` on `profiles/h100-sxm` without every step and attention row at context 8192, "
               "then the fitted parameters (`--set`) evaluated on the rows it did not see:", "")
    src = ROOT / "profiles/h100-sxm"
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("decode_step.csv", "decode_attention.csv", "gemm.csv", "kernels_per_layer.csv"):
            lines = (src / name).read_text().splitlines()
            header = lines[0].split(",")
            keep = [lines[0]] + [l for l in lines[1:]
                                 if "context" not in header or l.split(",")[header.index("context")] != "8192"]
            (pathlib.Path(tmp) / name).write_text("\n".join(keep) + "\n")
        fit = afdsim.json("calibrate", "--hardware", "h100-sxm", "--measurements", tmp, "--json")
    sets, overhead = [], None
    for p in fit["parameters"]:
        if p["name"] == "op_overhead_us":
            overhead = p["fitted"]
        else:
            sets += ["--set", f"{p['name']}={p['fitted']!r}"]
    j = afdsim.json("calibrate", "--hardware", "h100-sxm", "--measurements", "profiles/h100-sxm", "--no-fit",
                    "--op-overhead-us", repr(overhead), *sets, "--json")
    held = [r for r in j["rows"] if r["kind"] in ("step", "attention") and "context 8192 " in r["label"] + " "]
    report.table(["held-out row", "measured", "predicted", "error"],
                 [(f"{r['kind']} {r['label']}", f"{r['measured_us'] * (1e-3 if r['kind'] == 'step' else 1):.2f}",
                   f"{r['model_us'] * (1e-3 if r['kind'] == 'step' else 1):.2f}", pct(r["error"])) for r in held])
    a = [abs(r["error"]) for r in held]
    report.add(f"Steps in ms, attention in us. On rows it never saw the fit errs by {abs_pct(statistics.median(a))} "
               f"(median) and {abs_pct(max(a))} at worst: it extrapolates in context about as well as it fits.", "")
    report.summarize("H100: fit without 8K context, held-out rows", "measured", [r["error"] for r in held],
                     "prediction")


def section_h20(afdsim, report):
    report.add("## 2. H20: published kernel timings", "",
               "Reference: alibaba/InferSim's H20 tables as transcribed in `afd-literature.md` §6.2, in "
               "`profiles/h20-infersim/`: DeepGEMM FP8 GEMMs of the Qwen3-32B shapes and FlashInfer decode "
               "attention with 32 q / 8 KV heads (BF16 and FP8 KV), timed alone with a Python timer. afdsim: the "
               f"`h20` preset (fitted to these rows by a minimax search), + {H20_OP_OVERHEAD_US} us of launch latency.", "")
    calibration_rows(
        afdsim, report, "H20",
        ["--hardware", "h20", "--measurements", "profiles/h20-infersim", "--op-overhead-us", H20_OP_OVERHEAD_US],
        [("gemm", "DeepGEMM FP8 GEMMs", "us"), ("attention", "FlashInfer decode attention, one layer", "us")],
        {"gemm": "fit residual", "attention": "fit residual"})
    fit = afdsim.json("calibrate", "--hardware", "h20", "--measurements", "profiles/h20-infersim",
                      "--op-overhead-us", H20_OP_OVERHEAD_US, "--json")
    report.add("What a least-squares fit (`afdsim calibrate` without `--no-fit`) would change:", "")
    report.table(["parameter", "h20 preset", "least squares"],
                 [(p["name"], f"{p['start']:.3g}", f"{p['fitted']:.3g}") for p in fit["parameters"]])
    s = fit["summary"]["all"]
    report.add(f"Least squares: median |error| {abs_pct(s['median_abs_error'])}, worst {abs_pct(s['max_abs_error'])} "
               "(the preset: see above). The preset, from a search minimising the worst row, is kept: the README's "
               "results are computed with it, and the two differ little except in `attention_half_ctas`, which "
               "only the batch-16 rows determine.", "")


def section_step3(afdsim, report):
    report.add("## 3. Step-3 (arXiv 2507.19427): Qwen3-32B cost table (V1) and attention layers (Table 9)", "",
               "**Table 6 and its inputs (V1).** Step-3's per-token cost model is an ideal roofline: attention = "
               "max(core FLOPs / peak, KV bytes / bandwidth) + linear FLOPs / peak, FFN = FLOPs / peak, FP8 "
               "weights, KV and compute; H20 at $0.8/h, H800 at $2/h. afdsim's `ideal_per_token` "
               "(`sim/cost/ideal_roofline.hpp`) on the `h20` and `h800` presets' FP8 peak and HBM:", "")
    prices = {"h20": 0.8, "h800": 2.0}
    published = {
        ("kv_bytes", 8192): 1.07e9, ("kv_bytes", 32768): 4.29e9,
        ("attention_core_flops", 8192): 1.72e10, ("attention_core_flops", 32768): 6.87e10,
        ("linear_flops", 8192): 1.21e10, ("ffn_flops", 8192): 5.03e10,
    }
    dollars = {("h20", "attention", 8192): 0.069, ("h20", "attention", 32768): 0.248, ("h20", "ffn", 8192): 0.038,
               ("h800", "attention", 8192): 0.181, ("h800", "attention", 32768): 0.716, ("h800", "ffn", 8192): 0.014}
    ideal = {}
    for hw in ("h20", "h800"):
        for ctx in (8192, 32768):
            ideal[hw, ctx] = afdsim.json("estimate", "--hardware", hw, "--model", "qwen3-32b", "--part", "full",
                                         "--batch", "1", "--context", str(ctx), "--kv", "fp8", "--json")["ideal_per_token"]
    rows, errors = [], []
    for (key, ctx), want in published.items():
        got = ideal["h20", ctx][key]
        errors.append(err(got, want))
        rows.append((f"{key} per token", f"{ctx // 1024}K", f"{want:.3g}", f"{got:.4g}", pct(errors[-1])))
    for (hw, part, ctx), want in dollars.items():
        got = ideal[hw, ctx][f"{part}_us"] * 1e-6 * prices[hw] / 3600 * 1e6
        errors.append(err(got, want))
        rows.append((f"$ per 1M tokens, {part} on {hw.upper()}", f"{ctx // 1024}K", f"{want:.3f}", f"{got:.4f}",
                     pct(errors[-1])))
    report.add(f"Command: {shown('estimate', '--hardware', 'h20', '--model', 'qwen3-32b', '--part', 'full', '--batch', '1', '--context', '8192', '--kv', 'fp8', '--json')} (key `ideal_per_token`)", "")
    report.table(["quantity", "context", "Step-3", "afdsim", "error"], rows)
    report.add("Exact to the paper's rounding (the H800 preset's 1979 TFLOP/s against the paper's 1.98e15).", "")
    report.summarize("Step-3 Table 6 cost model (V1)", "published", errors, "exact (ideal roofline)")

    report.add("**Table 9: one attention layer of a GQA model (V4).** Qwen3-235B's attention (64 q heads, 4 KV heads, "
               "head_dim 128, hidden 4096) with tensor-parallel attention over 4 GPUs, total batch 256, BF16 KV, FP8 "
               "GEMMs, including the QKV and O projections. afdsim has no Qwen3-235B preset (it is an MoE model); "
               "its attention layer on one GPU of the 4 is the qwen3-32b preset with one GPU's shapes set "
               "(16 q heads, 1 KV head, hidden 4096), the roofline cost model, and no all-reduce:", "")
    sets = ["--set", "model.hidden_size=4096", "--set", "model.q_heads=16", "--set", "model.kv_heads=1"]
    measured = {("h20", 8192): 812, ("h20", 32768): 3042, ("h800", 8192): 382, ("h800", 32768): 1391}
    rows, errors = [], []
    for (hw, ctx), want in measured.items():
        j = afdsim.json("estimate", "--hardware", hw, "--model", "qwen3-32b", "--part", "attn", "--batch", "256",
                        "--context", str(ctx), *sets, "--json")
        got = j["attention_layer_us"]
        errors.append(err(got, want))
        attention = next(op for op in j["ops_per_layer"] if op["name"] == "decode_attention")
        rows.append((hw.upper(), f"{ctx // 1024}K", want, f"{got:.0f}", attention["bound"], pct(errors[-1])))
    report.add(f"Command: {shown('estimate', '--hardware', 'h20', '--model', 'qwen3-32b', '--part', 'attn', '--batch', '256', '--context', '8192', *sets, '--json')}", "")
    report.table(["GPU", "context", "Step-3 (us)", "afdsim (us)", "attention bound", "error"], rows)
    report.add("**The model gets the H20 wrong by half.** It charges decode attention its KV bytes at the H20's "
               "fitted bandwidth efficiency (0.73, from FlashInfer with 4 q heads per KV head) and its FLOPs at "
               "0.92 of the BF16 tensor peak, so it finds a memory-bound kernel. Step-3 measured 2.1x the H800's "
               "time on the H20 (812 against 382 us), although the H20 has more bandwidth. With 16 q heads per KV "
               "head the kernel does 16 FLOP per byte of BF16 KV, under the H20's BF16 ridge (37 FLOP/byte) only "
               "if it runs near the tensor peak; decode kernels run their softmax and small-tile matmuls far below "
               "it, and the measured times imply about 23 TFLOP/s of attention compute (16% of the BF16 peak): "
               "compute-bound. Qwen3-32B has 8 q heads per KV head, between the fitted 4 and this 16: its "
               "attention on H20 may be slower than the model says (no 64/8-head H20 measurement was found). On "
               "the H800 the model is 20% slow: the h800 preset takes the H100 PyTorch kernels' 0.79 bandwidth "
               "efficiency, while Step-3's layer leaves its attention a KV read at about 0.95 of 3.35 TB/s (if the "
               "projections take the time the model gives them).", "")
    report.summarize("Step-3 Table 9 GQA attention layer (V4)", "published", errors,
                     f"wrong on H20 ({pct(errors[0])}): attention compute-bound at GQA 16, not modelled")


def section_closed_forms(afdsim, report):
    report.add("## 4. MegaScale-Infer and AIConfigurator closed forms on the fixed cost model (V5)", "",
               "`scenarios/fixed-cost-oracle.yaml`: constant op times Ta = 100 us, Tf = 150 us per layer and "
               "microbatch, T_lm = 20 us, 64 layers, 45 requests per attention GPU, Tc from the platform's routes "
               "(the FFN GPU's down link shared by r senders). The simulation against the closed forms the report "
               "prints (`analytic`, docs/analytic.md), for several r and m:", "")
    rows, exact = [], []
    for r, m in ((1, 1), (2, 3), (4, 2), (7, 3)):
        j = afdsim.json("run", "scenarios/fixed-cost-oracle.yaml", "--json", "--set", f"deployment.attention_workers={r}",
                        "--set", f"deployment.microbatches={m}")
        a = j["analytic"]
        ms, ai = a["megascale_infer"], a["aiconfigurator"]
        sim = ms["step_s"]["simulated"]
        cells = [r, m, f"{sim * 1e3:.3f}"]
        for c in (ms["step_s"], ai["step_serial_s"], ai["step_k2_s"], ai["step_k3_s"]):
            cells.append(f"{c['analytic'] * 1e3:.3f} ({pct(c['relative_difference'])})")
        cells.append("yes" if ms["condition_met"] else "no")
        rows.append(cells)
        # Where the theory says a form is exact: serial at m = 1, MegaScale and K=3 when the no-bubble condition holds.
        exact.append(ai["step_serial_s"]["relative_difference"] if m == 1 else ms["step_s"]["relative_difference"])
    report.add(f"Command: {shown('run', 'scenarios/fixed-cost-oracle.yaml', '--json', '--set', 'deployment.attention_workers=2', '--set', 'deployment.microbatches=3')}", "")
    report.table(["r", "m", "simulated step (ms)", "MegaScale-Infer", "AIConfigurator serial", "AIConfigurator K=2",
                  "AIConfigurator K=3", "no-bubble condition"], rows)
    report.add("Exact where the theory says so (serial at m = 1; MegaScale-Infer and K=3 once the pipeline has no "
               "bubble); K=2 charges a transfer in every cycle the simulation overlaps; MegaScale-Infer and K=3 at "
               "m = 1 assume an overlap that cannot happen.", "")
    report.summarize("MegaScale-Infer / AIConfigurator closed forms (V5)", "closed form", exact, "exact")


def section_song(afdsim, report):
    report.add("## 5. Song et al. (arXiv 2601.21351): theta and r* on afdsim's own runs (V6)", "",
               "**theta**, the per-slot mean context under immediate replenishment, "
               "`E[D P + D(D-1)/2] / E[D]`, against the mean context per slot the simulation measured "
               "(`workload.theta_tokens` and `workload.mean_context_per_slot_tokens` of the report), for four "
               "seeds per workload. The runs use 4 layers (theta does not depend on the step time), 400 steps, 40 "
               "of them warm-up:", "")
    rows, errors, sigmas = [], [], []
    for name in ("qwen3-32b-h20-3e-afd-7a1f", "qwen3-32b-h20-3e-afd-chat", "qwen3-32b-h20-3e-afd-longctx"):
        simulated = []
        for seed in (1, 2, 3, 4):
            j = afdsim.json("run", f"scenarios/{name}.yaml", "--json", "--set", "model.layers=4", "--set",
                            "workload.steps=400", "--set", "workload.warmup_steps=40", "--set", f"workload.seed={seed}")
            theta = j["workload"]["theta_tokens"]
            simulated.append(j["workload"]["mean_context_per_slot_tokens"])
        mean = statistics.mean(simulated)
        standard_error = statistics.stdev(simulated) / len(simulated) ** 0.5
        errors.append(err(mean, theta))
        sigmas.append(abs(mean - theta) / standard_error)
        rows.append((name, f"{theta:.1f}", " / ".join(f"{v:.0f}" for v in simulated), f"{mean:.1f}",
                     f"{standard_error:.1f}", pct(errors[-1]), f"{sigmas[-1]:.1f}"))
    report.add(f"Command: {shown('run', 'scenarios/qwen3-32b-h20-3e-afd-chat.yaml', '--json', '--set', 'model.layers=4', '--set', 'workload.steps=400', '--set', 'workload.seed=1')}", "")
    report.table(["scenario", "theta (tokens)", "simulated, seeds 1-4 (tokens)", "mean of the seeds",
                  "standard error", "difference", "in standard errors"], rows)
    # Student's t, 3 degrees of freedom, 95% two-sided: the interval four seeds can claim.
    t95 = 3.182
    holds = all(x <= t95 for x in sigmas)
    report.add(("theta holds: it lies in the 95% confidence interval of every workload's seed mean "
                f"({t95} standard errors, Student's t with 3 degrees of freedom). " if holds else
                "**theta does not hold** on every workload (a difference beyond the 95% confidence interval of "
                "the seed mean). ") +
               "Single runs with random lengths scatter by several percent (chat: lognormal prompts with sigma 1; "
               "long context: 56 slots of 16k-48k-token prompts): a 400-step window holds a few hundred requests, "
               "and a few long prompts weigh much in it.", "")
    report.summarize("Song theta (V6a), mean of 4 seeds", "closed form", errors,
                     "holds (within the seeds' 95% interval)" if holds else "departs")

    report.add("**r***: Song's optimum attention-to-FFN ratio `max{r_A, r_C, sqrt(beta_F / (alpha_F B))}` from the "
               "report (`analytic.song.r_star`, lines fitted to afdsim's cost model) against the r whose simulated "
               "tokens/s per GPU is highest, r = 1..7 on one node (60 steps, 10 warm-up):", "")
    rows, errors, verdicts = [], [], {}
    for hw in ("h20-3e", "h100-sxm"):
        best, best_tps, r_star, tps = None, -1.0, None, []
        for r in range(1, 8):
            j = afdsim.json("run", "scenarios/qwen3-32b-h20-3e-afd-7a1f.yaml", "--json", "--set", f"hardware.preset={hw}",
                            "--set", f"deployment.attention_workers={r}", "--set", "workload.steps=60",
                            "--set", "workload.warmup_steps=10")
            t = j["throughput"]["tokens_per_s_per_gpu"]
            tps.append(f"{t:.0f}")
            if t > best_tps:
                best, best_tps = r, t
            if r == 7:
                r_star = j["analytic"]["song"]["r_star"]
        errors.append(err(r_star, best))
        verdicts[hw] = (best, r_star, abs(errors[-1]) <= 0.10)
        rows.append((hw, " / ".join(tps), best, f"{r_star:.2f}", pct(errors[-1]),
                     "yes" if verdicts[hw][2] else "no"))
    report.add(f"Command: {shown('run', 'scenarios/qwen3-32b-h20-3e-afd-7a1f.yaml', '--json', '--set', 'deployment.attention_workers=R', '--set', 'workload.steps=60')}", "")
    report.table(["GPU", "tokens/s per GPU at r = 1..7", "best r (simulated)", "Song r*", "r* vs best",
                  "within the paper's 10%"], rows)
    h20_best, h20_star, _ = verdicts["h20-3e"]
    h100_best, h100_star, _ = verdicts["h100-sxm"]
    report.add("Song's model takes the FFN time as a line in tokens, t_F(n) = alpha_F n + beta_F. afdsim's FP8 "
               "GEMMs pay for 64-row tiles, so on the H20-3e, whose GEMMs are compute-bound on those tiles, the FFN "
               "time is a staircase: flat up to 64 tokens per microbatch, a jump at each multiple. The simulated "
               f"optimum there is r = {h20_best}, the last r whose 16-token microbatch slices fill one tile, while the "
               f"fitted line peaks at r* = {h20_star:.2f}: **wrong**, by the staircase. On the H100 the FFN's GEMMs "
               "stream weights (memory-bound) up to a few hundred tokens, the FFN time is nearly a line, and r* = "
               f"{h100_star:.2f} lands next to the simulated optimum r = {h100_best}, as the paper claims.", "")
    report.summarize("Song r* (V6c)", "simulated optimum", errors, "holds on H100; wrong on H20-3e (tile staircase)")


def section_public(afdsim, report):
    report.add("## 6. Public H20 decode measurements", "",
               "Qwen's own speed benchmark (QwenLM/Qwen3 `docs/source/getting_started/speed_benchmark.md`, "
               "commit 7a2f61f; https://qwen.readthedocs.io/en/latest/getting_started/speed_benchmark.html): one "
               "H20 96GB, SGLang 0.4.6.post1, batch 1, input 1 token, 2048 tokens generated; speed = (1 + 2048) "
               "tokens / time, so the time per output token is 2049 / (2048 x speed). The rows with longer inputs "
               "include prefill, which afdsim does not model, and are left out. afdsim: `estimate --part full` at "
               "context 1025 (the mean over the 2048 steps; attention is linear in context) plus the LM head "
               "(`lm_head_us`), on the `h20` preset:", "")
    published = [("qwen3-32b", "fp8", 46.17), ("qwen3-32b", "bf16", 20.72), ("qwen3-8b", "fp8", 150.25),
                 ("qwen3-8b", "bf16", 81.73)]
    rows, errors = [], []
    for model, weights, speed in published:
        j = afdsim.json("estimate", "--hardware", "h20", "--model", model, "--part", "full", "--batch", "1",
                        "--context", "1025", "--weights", weights, "--json")
        measured_ms = 2049 / (2048 * speed) * 1e3
        got = j["time_ms"] + j["lm_head_us"] * 1e-3
        errors.append(err(got, measured_ms))
        rows.append((model, weights, speed, f"{measured_ms:.2f}", f"{got:.2f}", pct(errors[-1])))
    report.add(f"Command: {shown('estimate', '--hardware', 'h20', '--model', 'qwen3-32b', '--part', 'full', '--batch', '1', '--context', '1025', '--weights', 'fp8', '--json')}", "")
    report.table(["model", "weights", "tokens/s (published)", "ms per token (published)", "afdsim (ms)", "error"], rows)
    report.add("afdsim is 10-25% faster than this engine at batch 1. The h20 preset assumes a production engine "
               "with fused kernels (8 per attention half-layer, 5 per FFN half-layer) and no gaps between them; "
               "SGLang 0.4.6 ran more kernels and, at batch 1, the host side shows. BF16 is off most: the BF16 "
               "GEMMs at m = 1 are padded to 64-row tiles on the H20's 148 TFLOP/s in the model, and a "
               "memory-bound GEMV path (or swap-AB) in the engine would be faster, not slower, so the missing time "
               "is elsewhere (kernel count, launch gaps). Treat the h20 presets' small-batch times as optimistic "
               "by this much.", "")
    report.summarize("Public H20 decode, batch 1 (Qwen speed benchmark)", "published", errors,
                     "afdsim optimistic: engine overheads at batch 1")
    report.add("Searched and not usable here: DeepSeek-R1 on H20-96G (LMSYS, SGLang 0.5.2, 714 tokens/s per GPU at "
               "batch 48): an MoE model with MTP, outside afdsim's dense models; Qwen3-32B throughput on H100 "
               "(GPUStack performance lab): serving benchmarks that mix prefill and decode. No public H20-3e "
               "decode measurement of any model was found, nor any AFD measurement of Qwen3-32B on H20 "
               "(afd-literature.md, open gaps). The H20-3e presets remain the H20's with 141 GB and an unverified "
               "4.8 TB/s.", "")


def generate(binary):
    afdsim = Afdsim(binary)
    report = Report()
    section_h100(afdsim, report)
    section_h100_held_out(afdsim, report)
    section_h100_interpolation(afdsim, report)
    section_h20(afdsim, report)
    section_step3(afdsim, report)
    section_closed_forms(afdsim, report)
    section_song(afdsim, report)
    section_public(afdsim, report)
    head = ["# Validation", "",
            "Generated by `scripts/validation_report.py` from the afdsim binary as it is; do not edit by hand. "
            "Regenerate with `scripts/validation_report.py` (about half a minute; `--check` tells whether this "
            "file is current, and the test suite runs that check). Errors are afdsim / reference - 1: negative "
            "means afdsim is faster than the reference.", "",
            "## Summary", ""]
    summary = ["| case | reference | rows | median abs error | worst abs error | reading |",
               "|---|---|---|---|---|---|"]
    summary += [f"| {c} | {ref} | {n} | {med} | {worst} | {v} |" for c, ref, n, med, worst, v in report.summary]
    return "\n".join(head + summary + [""] + report.lines).rstrip("\n") + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", default=ROOT / "build/afdsim")
    ap.add_argument("--out", default=DOC)
    ap.add_argument("--check", action="store_true", help="compare with --out instead of writing it")
    args = ap.parse_args()
    text = generate(args.binary)
    out = pathlib.Path(args.out)
    if args.check:
        current = out.read_text() if out.exists() else ""
        if current != text:
            sys.stdout.writelines(difflib.unified_diff(current.splitlines(True), text.splitlines(True),
                                                       str(out), "regenerated"))
            sys.exit(f"{out} is not current: run scripts/validation_report.py")
        return
    out.write_text(text)


if __name__ == "__main__":
    main()
