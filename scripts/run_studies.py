#!/usr/bin/python3
"""Runs the shipped what-if studies (scenarios/studies/*.yaml) with `afdsim sweep`, draws their
plots into docs/findings/ and rewrites the generated tables of docs/findings.md (the blocks
between <!-- begin:NAME --> and <!-- end:NAME -->; the prose around them is written by hand
from these tables). Finished points are reused: rerunning after an interruption only runs the
rest; delete the output folder to start over.
Usage:
    scripts/run_studies.py [-j 2] [--binary build/afdsim] [--out out/studies] [--only links ...]
    scripts/run_studies.py --plots-only      # redraw and retabulate from the existing results
"""
import argparse
import csv
import math
import pathlib
import re
import subprocess
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import plot_sweep as ps  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
STUDIES = [  # name, analytic only
    ("ratio-microbatches", False),
    ("ratio-screen", True),
    ("links", False),
    ("gpus", False),
    ("kernels", False),
]
TPOT_BOUND_MS = 50.0
PROMPTS = [(2048, "2K"), (8192, "8K"), (32768, "32K")]
LINKS = ["nvlink", "rdma-400g", "rdma-200g", "rdma-100g", "rdma-50g", "rdma-25g"]
GPUS = ["h20-3e", "h20", "h100-sxm", "h200"]
WALL_FILE = "run_studies_wall_s.txt"  # wall time of the sweep command when run_studies.py last ran it


# ---------------------------------------------------------------- running

def run_study(binary, out, name, analytic, jobs):
    spec = ROOT / "scenarios/studies" / f"{name}.yaml"
    cmd = [str(binary), "sweep", str(spec), "--out", str(out / name), "-j", str(jobs)]
    if analytic:
        cmd.append("--analytic")
    print("+ " + " ".join(cmd), file=sys.stderr)
    start = time.monotonic()
    done = subprocess.run(cmd)
    if done.returncode != 0:
        sys.exit(f"afdsim sweep {name} failed (exit {done.returncode})")
    wall = time.monotonic() - start
    (out / name / WALL_FILE).write_text(f"{wall:.2f}\n")  # the runtimes table reads it, --plots-only too
    return wall


# ---------------------------------------------------------------- reading

def num(row, column):
    return ps.number(row.get(column))


def ok(rows, **where):
    return ps.select(rows, [(k, str(v)) for k, v in where.items()])


def config_name(row):
    """AFD rA1F m=M, DP, TPk."""
    if row.get("mode") == "colocated":
        k = row.get("tensor_parallel", "1")
        return "DP" if k == "1" else f"TP{k}"
    return f"AFD {row.get('attention_workers')}A1F m={row.get('microbatches')}"


def best(rows, key="tokens_per_s_per_gpu", bound_ms=None):
    """The row with the largest `key`, among those with TPOT p50 within the bound (if given)."""
    candidates = [r for r in rows if num(r, key) is not None and
                  (bound_ms is None or (num(r, "tpot_ms_p50") is not None and num(r, "tpot_ms_p50") <= bound_ms))]
    return max(candidates, key=lambda r: num(r, key)) if candidates else None


def fmt(value, digits=0):
    if value is None:
        return "-"
    return f"{value:.{digits}f}"


def pct(value):
    return "-" if value is None else f"{100 * value:.0f}"


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def wall_cpu(folder):
    path = folder / "wall_times.csv"
    if not path.exists():
        return None
    with open(path, newline="") as f:
        return sum(float(r["run_cpu_s"]) for r in csv.DictReader(f) if r.get("run_cpu_s"))


# ---------------------------------------------------------------- figures

def panels(n, width=5.2, height=4.2):
    fig, axes = ps.plt.subplots(1, n, figsize=(width * n, height), squeeze=False)
    return fig, list(axes[0])


def ratio_panels(rows):
    """(prompt label, batch, rows) of the ratio study's AFD panels: batch 32 where it fits, else 8."""
    out = []
    for prompt, text in PROMPTS:
        batch = 32 if ok(rows, grid="afd", prompt_tokens=prompt, batch_per_worker=32) else 8
        out.append((text, batch, ok(rows, grid="afd", prompt_tokens=prompt, batch_per_worker=batch)))
    return out


def figure_ratio(rows, manifest, docs):
    fig, axes = panels(3)
    for ax, (text, batch, sel) in zip(axes, ratio_panels(rows)):
        ps.plot_lines(ax, sel, "attention_workers", "tokens_per_s_per_gpu", "microbatches",
                      line_label=lambda m: f"m = {m}")
        ax.set_title(f"prompt {text}, {batch} requests per attention GPU", fontsize=9)
    fig.suptitle(f"Throughput per GPU vs r, one line per microbatch count ({manifest['name']}: Qwen3-32B-FP8, "
                 "8x H20-3e NVLink node)", fontsize=10)
    ps.save(fig, docs / "ratio-throughput.png")

    fig, axes = panels(3)
    for ax, (text, batch, sel) in zip(axes, ratio_panels(rows)):
        ps.plot_lines(ax, sel, "attention_workers", "bubble_fraction", "microbatches", line_label=lambda m: f"m = {m}")
        ax.set_ylim(0, 1)
        ax.set_title(f"prompt {text}, {batch} requests per attention GPU", fontsize=9)
    fig.suptitle(f"Bubble fraction (idle share of the window, mean over all GPUs) vs r ({manifest['name']})",
                 fontsize=10)
    ps.save(fig, docs / "ratio-bubbles.png")

    fig, axes = panels(3)
    for ax, (prompt, text) in zip(axes, PROMPTS):
        sel = ok(rows, prompt_tokens=prompt)
        for r in sel:
            r["configuration"] = "AFD (any r, m)" if r["grid"] == "afd" else config_name(r)
        ps.plot_frontier(ax, sel, "configuration", group_label=lambda g: g)
        ax.axvline(TPOT_BOUND_MS, color="grey", linestyle=":", linewidth=1)
        ax.set_xscale("log")
        ax.set_title(f"prompt {text}: every batch that fits; line = best at each TPOT", fontsize=9)
    fig.suptitle(f"TPOT vs throughput per GPU, AFD and colocated on the same 8 GPUs ({manifest['name']}; "
                 f"dotted: {TPOT_BOUND_MS:.0f} ms)", fontsize=10)
    ps.save(fig, docs / "ratio-frontier.png")

    fig, ax = ps.plt.subplots(figsize=(8, 5))
    ps.plot_heatmap(fig, ax, ok(rows, grid="afd", prompt_tokens=2048), "attention_workers", "batch_per_worker",
                    "tokens_per_s_per_gpu")
    ax.set_title(f"Throughput per GPU (tokens/s), best over m = 1..4, prompt 2K ({manifest['name']})", fontsize=9)
    ps.save(fig, docs / "ratio-heatmap.png")


def figure_screen(screen, sim, links, docs):
    """Closed forms against simulation: the screen of the ratio study, and the links study's own."""
    index = {}
    for r in ok(screen):
        index[(r["prompt_tokens"], r["batch_per_worker"], r["attention_workers"], r["microbatches"])] = r
    fig, axes = panels(2, width=6, height=5.2)
    pairs = []
    for m in ["1", "2", "3", "4"]:
        xs, ys = [], []
        for r in ok(sim, grid="afd", microbatches=m):
            s = index.get((r["prompt_tokens"], r["batch_per_worker"], r["attention_workers"], r["microbatches"]))
            if s and num(s, "analytic_tokens_per_s_per_gpu") and num(r, "tokens_per_s_per_gpu"):
                xs.append(num(r, "tokens_per_s_per_gpu"))
                ys.append(num(s, "analytic_tokens_per_s_per_gpu"))
        pairs += list(zip(xs, ys))
        axes[0].scatter(xs, ys, s=12, label=f"m = {m}")
    axes[0].set_title("ratio study, NVLink: --analytic screen vs simulation", fontsize=9)
    for link in LINKS:
        sel = [r for r in ok(links, description=link) if num(r, "analytic_tokens_per_s_per_gpu")]
        axes[1].scatter([num(r, "tokens_per_s_per_gpu") for r in sel],
                        [num(r, "analytic_tokens_per_s_per_gpu") for r in sel], s=12, label=link)
    axes[1].set_title("links study: the report's closed form vs simulation", fontsize=9)
    for ax in axes:
        low, high = ax.get_xlim()
        ax.plot([0, high], [0, high], color="grey", linewidth=1)
        ax.set_xlabel("simulated: throughput per GPU (tokens/s)")
        ax.set_ylabel("closed form: throughput per GPU (tokens/s)")
        ax.grid(True, alpha=0.3)
        ax.legend(fontsize="small")
    fig.suptitle("Headline closed form (serial / MegaScale-Infer / AIConfigurator K=2) against the simulation",
                 fontsize=10)
    ps.save(fig, docs / "closed-forms-vs-simulation.png")
    return pairs


def figure_links(rows, docs):
    fig, axes = panels(2)
    for ax, batch in zip(axes, [32, 128]):
        for m in ["1", "2", "4"]:
            ys = []
            for link in LINKS:
                r = ok(rows, description=link, batch_per_worker=batch, attention_workers=7, microbatches=m)
                ys.append(num(r[0], "tokens_per_s_per_gpu") if r else math.nan)
            ax.plot(range(len(LINKS)), ys, marker="o", label=f"r = 7, m = {m}")
        ax.set_xticks(range(len(LINKS)), ["NVLink\n450 GB/s", "RDMA\n400 Gb/s", "200 Gb/s", "100 Gb/s", "50 Gb/s",
                                          "25 Gb/s"])
        ax.set_xlabel("attention <-> FFN link (per GPU and direction)")
        ax.set_ylabel(ps.label("tokens_per_s_per_gpu"))
        ax.grid(True, alpha=0.3)
        ax.legend(fontsize="small")
        ax.set_title(f"{batch} requests per attention GPU", fontsize=9)
    fig.suptitle("Links: FFN GPU on the attention GPUs' node (NVLink) or on the next node (RDMA) (links study)",
                 fontsize=10)
    ps.save(fig, docs / "links.png")


def figure_gpus(rows, docs):
    fig, axes = panels(2, width=6)
    for ax, batch in zip(axes, [32, 128]):
        sel = ok(rows, grid="afd", batch_per_worker=batch)
        ps.plot_heatmap(fig, ax, sel, "ffn_hardware_preset", "hardware_preset", "tokens_per_s_per_gpu")
        ax.set_xlabel("FFN GPU")
        ax.set_ylabel("attention GPUs")
        ax.set_title(f"AFD, best over r = 1..7 (m = 2), {batch} requests per attention GPU", fontsize=9)
    fig.suptitle("Throughput per GPU (tokens/s) by attention and FFN GPU type (gpus study; a missing row: those "
                 "attention GPUs cannot hold the batch)",
                 fontsize=10)
    ps.save(fig, docs / "gpus.png")


KERNELS = [("tiles", "64-row tiles"), ("swap-ab", "swap-AB, every GEMM"), ("swap-ab-ffn-only", "swap-AB on the FFN GPU only")]


def figure_kernels(rows, docs):
    fig, axes = panels(3)
    names = dict(KERNELS)
    for ax, batch in zip(axes, [16, 32, 64]):
        sel = ok(rows, grid="afd", batch_per_worker=batch)
        ps.plot_lines(ax, sel, "attention_workers", "tokens_per_s_per_gpu", "description",
                      line_label=lambda d: names.get(d, d))
        ax.set_title(f"{batch} requests per attention GPU (best over m = 1, 2, 4)", fontsize=9)
    fig.suptitle("FP8 GEMM kernels on H20-3e: 64-row MMA tiles vs swap-AB (kernels study)", fontsize=10)
    ps.save(fig, docs / "kernels.png")


# ---------------------------------------------------------------- tables

def table_runtimes(summaries):
    rows = []
    for name, s in summaries.items():
        wall, cpu = s.get("wall_s"), s.get("cpu_s")
        per_point = 1e3 * wall / s["points"] if wall is not None and s["mode"] == "closed forms" else \
            (1e3 * cpu / s["ok"] if cpu and s["ok"] else None)
        rows.append([name, s["points"], s["ok"], s["skipped"], s["failed"], s["mode"], fmt(wall, 0), fmt(cpu, 0),
                     fmt(per_point, 1 if s["mode"] == "closed forms" else 0)])
    return table(["study", "points", "ok", "skipped", "failed", "how", "wall (s), -j 2", "CPU of the simulations (s)",
                  "per point (ms: wall if closed forms, CPU if simulated)"], rows)


def table_ratio_best(rows):
    out = []
    for prompt, text in PROMPTS:
        sel = ok(rows, prompt_tokens=prompt)
        afd = [r for r in sel if r["grid"] == "afd"]
        col = [r for r in sel if r["grid"] == "colocated"]
        for bound in [TPOT_BOUND_MS, None]:
            a, c = best(afd, bound_ms=bound), best(col, bound_ms=bound)
            ratio = num(a, "tokens_per_s_per_gpu") / num(c, "tokens_per_s_per_gpu") if a and c else None
            out.append([text, f"<= {bound:.0f} ms" if bound else "none",
                        f"r={a['attention_workers']} m={a['microbatches']} B={a['batch_per_worker']}" if a else "-",
                        fmt(num(a, "tokens_per_s_per_gpu")) if a else "-", fmt(num(a, "tpot_ms_p50"), 1) if a else "-",
                        f"{config_name(c)} B={c['batch_per_worker']}" if c else "-",
                        fmt(num(c, "tokens_per_s_per_gpu")) if c else "-", fmt(num(c, "tpot_ms_p50"), 1) if c else "-",
                        f"{ratio:.2f}x" if ratio else "-"])
    return table(["prompt", "TPOT p50 bound", "best AFD", "tokens/s per GPU", "TPOT p50 (ms)", "best colocated",
                  "tokens/s per GPU", "TPOT p50 (ms)", "AFD / colocated"], out)


def table_ratio_by_batch(rows):
    out = []
    for prompt, text in PROMPTS:
        sel = ok(rows, prompt_tokens=prompt)
        batches = sorted({int(r["batch_per_worker"]) for r in sel if r["grid"] == "afd"})
        for b in batches:
            afd = ok(sel, grid="afd", batch_per_worker=b)
            a = best(afd)
            r7 = best(ok(afd, attention_workers=7))
            c = best(ok(sel, grid="colocated", batch_per_worker=b))
            out.append([text, b, f"r={a['attention_workers']} m={a['microbatches']}", fmt(num(a, "tokens_per_s_per_gpu")),
                        fmt(num(a, "tpot_ms_p50"), 1), pct(num(a, "bubble_fraction")),
                        f"m={r7['microbatches']}: {fmt(num(r7, 'tokens_per_s_per_gpu'))}" if r7 else "-",
                        f"{config_name(c)}: {fmt(num(c, 'tokens_per_s_per_gpu'))}" if c else "-",
                        fmt(num(c, "tpot_ms_p50"), 1) if c else "-"])
    return table(["prompt", "requests per GPU", "best r, m", "tokens/s per GPU", "TPOT p50 (ms)", "bubble (%)",
                  "r = 7 at its best m", "best colocated, same batch", "its TPOT p50 (ms)"], out)


def table_bubbles(rows):
    picks = []
    for prompt, text in PROMPTS:
        sel = ok(rows, grid="afd", prompt_tokens=prompt)
        a = best(sel, bound_ms=TPOT_BOUND_MS)
        if a:
            picks.append((f"{text}: best at <= {TPOT_BOUND_MS:.0f} ms", a))
        b = 32 if prompt != 32768 else 8
        for r, m in [(7, 1), (7, 2), (7, 4)]:
            x = ok(sel, batch_per_worker=b, attention_workers=r, microbatches=m)
            if x:
                picks.append((f"{text}: B={b}", x[0]))
    out = []
    for what, r in picks:
        out.append([what, f"r={r['attention_workers']} m={r['microbatches']} B={r['batch_per_worker']}",
                    pct(num(r, "attention_busy_fraction")), pct(num(r, "attention_wait_ffn_result_fraction")),
                    pct(num(r, "ffn_busy_fraction")),
                    pct(num(r, "ffn_wait_first_input_fraction")), pct(num(r, "ffn_wait_barrier_fraction")),
                    fmt(num(r, "analytic_attention_layer_us")), fmt(num(r, "analytic_ffn_layer_us")),
                    fmt(num(r, "analytic_a2f_us"), 1)])
    return table(["point", "configuration", "attention busy (%)", "attention waits for FFN (%)",
                  "FFN busy (%)", "FFN waits for first input (%)",
                  "FFN barrier (%)", "Ta (us)", "Tf (us)", "Tc a2f shared (us)"], out)


def table_screen(screen, sim, pairs, summaries):
    rel = sorted(abs(y - x) / x for x, y in pairs if x)
    same_best = 0
    groups = 0
    index = {}
    for r in ok(screen):
        index[(r["prompt_tokens"], r["batch_per_worker"], r["attention_workers"], r["microbatches"])] = r
    for prompt, _ in PROMPTS:
        for b in sorted({r["batch_per_worker"] for r in ok(sim, grid="afd", prompt_tokens=prompt)}, key=int):
            sel = ok(sim, grid="afd", prompt_tokens=prompt, batch_per_worker=b)
            s_best = best(sel)
            a_best = best([index[k] for k in index if k[0] == str(prompt) and k[1] == b],
                          key="analytic_tokens_per_s_per_gpu")
            if s_best and a_best:
                groups += 1
                same = (s_best["attention_workers"], s_best["microbatches"]) == \
                       (a_best["attention_workers"], a_best["microbatches"])
                same_best += 1 if same else 0
    s = summaries.get("ratio-screen", {})
    rows = [["points screened", s.get("points", "-")],
            ["simulated points compared", len(rel)],
            ["median / 90th pct / max relative difference of throughput per GPU",
             " / ".join(f"{100 * rel[int(q * (len(rel) - 1))]:.1f}%" for q in (0.5, 0.9, 1.0)) if rel else "-"],
            ["(prompt, batch) where the screen picks the simulation's best (r, m)", f"{same_best} of {groups}"]]
    return table(["screening (--analytic) against simulation", ""], rows)


def table_closed_forms(data):
    """Per simulated study: how far the headline closed form is from the simulation, and where."""
    out = []
    for name, (rows, _) in data.items():
        sel = [r for r in ok(rows) if num(r, "analytic_tokens_per_s_per_gpu") and num(r, "tokens_per_s_per_gpu")]
        if not sel or name == "ratio-screen":
            continue
        diff = lambda r: num(r, "analytic_tokens_per_s_per_gpu") / num(r, "tokens_per_s_per_gpu") - 1  # noqa: E731
        ranked = sorted(sel, key=lambda r: abs(diff(r)))
        worst = ranked[-1]
        where = config_name(worst) + f" B={worst['batch_per_worker']}"
        if worst.get("description") and worst.get("mode") == "afd" and name == "links":
            where += f" over {worst['description']}"
        forms = {}
        for r in sel:
            forms[r["analytic_form"]] = forms.get(r["analytic_form"], 0) + 1
        out.append([name, len(sel), ", ".join(f"{k} {v}" for k, v in sorted(forms.items())),
                    f"{100 * abs(diff(ranked[len(ranked) // 2])):.1f}%",
                    f"{100 * abs(diff(ranked[int(0.9 * (len(ranked) - 1))])):.1f}%",
                    f"{100 * diff(worst):+.1f}% ({where}, form {worst['analytic_form']})"])
    return table(["study", "simulated points", "headline form used", "median abs. difference", "90th pct",
                  "largest (closed form vs simulated)"], out)


def table_links(rows):
    out = []
    for batch in [32, 128]:
        for link in LINKS:
            cells = [link, batch]
            base = {}
            for m in ["1", "2", "4"]:
                r = ok(rows, description=link, batch_per_worker=batch, attention_workers=7, microbatches=m)
                nv = ok(rows, description="nvlink", batch_per_worker=batch, attention_workers=7, microbatches=m)
                v = num(r[0], "tokens_per_s_per_gpu") if r else None
                base[m] = num(nv[0], "tokens_per_s_per_gpu") if nv else None
                cells.append(f"{fmt(v)} ({v / base[m]:.2f})" if v and base[m] else "-")
            r2 = ok(rows, description=link, batch_per_worker=batch, attention_workers=7, microbatches=2)
            cells += [fmt(num(r2[0], "analytic_a2f_us"), 1) if r2 else "-",
                      pct(num(r2[0], "max_link_utilisation")) if r2 else "-",
                      pct(num(r2[0], "ffn_busy_fraction")) if r2 else "-"]
            out.append(cells)
    return table(["link", "requests per GPU", "m=1 tokens/s per GPU (vs NVLink)", "m=2", "m=4",
                  "Tc a2f shared at m=2 (us)", "busiest link at m=2 (%)", "FFN busy at m=2 (%)"], out)


def table_gpus(rows):
    out = []
    for batch in [32, 128]:
        for attention in GPUS:
            cells = [attention, batch]
            for ffn in GPUS:
                sel = ok(rows, grid="afd", batch_per_worker=batch, hardware_preset=attention, ffn_hardware_preset=ffn)
                b = best(sel)
                cells.append(f"{fmt(num(b, 'tokens_per_s_per_gpu'))} (r={b['attention_workers']})" if b else "does not fit")
            c = best(ok(rows, grid="colocated", batch_per_worker=batch, hardware_preset=attention))
            cells.append(f"{config_name(c)}: {fmt(num(c, 'tokens_per_s_per_gpu'))}" if c else "does not fit")
            out.append(cells)
    return table(["attention GPU", "requests per GPU"] + [f"FFN on {g}" for g in GPUS] +
                 ["best colocated (same GPU type, same batch)"], out)


def table_gpus_bound(rows):
    out = []
    for attention in GPUS:
        cells = [attention]
        for ffn in GPUS:
            b = best(ok(rows, grid="afd", hardware_preset=attention, ffn_hardware_preset=ffn), bound_ms=TPOT_BOUND_MS)
            cells.append(f"{fmt(num(b, 'tokens_per_s_per_gpu'))} (r={b['attention_workers']}, B={b['batch_per_worker']})"
                         if b else "-")
        c = best(ok(rows, grid="colocated", hardware_preset=attention), bound_ms=TPOT_BOUND_MS)
        cells.append(f"{config_name(c)} B={c['batch_per_worker']}: {fmt(num(c, 'tokens_per_s_per_gpu'))}" if c else "-")
        out.append(cells)
    return table(["attention GPU"] + [f"FFN on {g}" for g in GPUS] + ["best colocated"], out)


def table_kernels(rows):
    out = []
    for batch in [16, 32, 64]:
        cells = [batch]
        for variant, _ in KERNELS:
            b = best(ok(rows, grid="afd", batch_per_worker=batch, description=variant))
            cells.append(f"r={b['attention_workers']} m={b['microbatches']}: {fmt(num(b, 'tokens_per_s_per_gpu'))}, "
                         f"TPOT {fmt(num(b, 'tpot_ms_p50'), 1)} ms" if b else "-")
        for swap in ["false", "true"]:
            c = best(ps.select(rows, [("grid", "colocated"), ("batch_per_worker", str(batch)), ("hardware.swap_ab", swap)]))
            cells.append(f"{config_name(c)}: {fmt(num(c, 'tokens_per_s_per_gpu'))}" if c else "-")
        out.append(cells)
    return table(["requests per GPU"] + [f"AFD, {name}" for _, name in KERNELS] +
                 ["colocated, 64-row tiles", "colocated, swap-AB"], out)


def version_line(binary):
    version = subprocess.run([str(binary), "--version"], capture_output=True, text=True).stdout.strip()
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "sim", "scenarios", "platforms"],
                           capture_output=True, text=True).stdout.strip()
    return (f"afdsim {version}, commit {commit or 'unknown'}{' with local changes' if dirty else ''}; "
            f"generated {time.strftime('%Y-%m-%d')} by scripts/run_studies.py")


def replace_block(text, name, content):
    pattern = re.compile(rf"(<!-- begin:{re.escape(name)} -->\n).*?(<!-- end:{re.escape(name)} -->)", re.S)
    if not pattern.search(text):
        return text + f"\n<!-- begin:{name} -->\n{content}\n<!-- end:{name} -->\n"
    return pattern.sub(lambda m: m.group(1) + content + "\n" + m.group(2), text)


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-j", "--jobs", type=int, default=2, help="simulations at once (default 2)")
    ap.add_argument("--binary", default=ROOT / "build/afdsim")
    ap.add_argument("--out", default=ROOT / "out/studies", help="where the sweeps write their results")
    ap.add_argument("--only", nargs="+", choices=[s for s, _ in STUDIES], help="run only these studies")
    ap.add_argument("--plots-only", action="store_true", help="do not run: plot and tabulate existing results")
    ap.add_argument("--findings", default=ROOT / "docs/findings.md")
    args = ap.parse_args()
    out = pathlib.Path(args.out)
    docs = pathlib.Path(args.findings).parent / "findings"

    walls = {}
    if not args.plots_only:
        for name, analytic in STUDIES:
            if args.only and name not in args.only:
                continue
            walls[name] = run_study(args.binary, out, name, analytic, args.jobs)

    data = {}
    summaries = {}
    for name, analytic in STUDIES:
        folder = out / name
        if not (folder / "results.csv").exists():
            sys.exit(f"{folder}/results.csv is missing: run the study first")
        rows, manifest = ps.load(folder)
        data[name] = (rows, manifest)
        status = [r["status"] for r in rows]
        summaries[name] = {"points": len(rows), "ok": status.count("ok"), "skipped": status.count("skipped"),
                           "failed": status.count("failed"), "mode": "closed forms" if analytic else "simulated",
                           "wall_s": float((folder / WALL_FILE).read_text()) if (folder / WALL_FILE).exists() else None,
                           "cpu_s": None if analytic else wall_cpu(folder)}

    ratio, ratio_manifest = data["ratio-microbatches"]
    figure_ratio(ratio, ratio_manifest, docs)
    pairs = figure_screen(data["ratio-screen"][0], ratio, data["links"][0], docs)
    figure_links(data["links"][0], docs)
    figure_gpus(data["gpus"][0], docs)
    figure_kernels(data["kernels"][0], docs)

    findings = pathlib.Path(args.findings)
    text = findings.read_text() if findings.exists() else "# Findings\n"
    blocks = {
        "version": version_line(args.binary),
        "ratio-best": table_ratio_best(ratio),
        "ratio-by-batch": table_ratio_by_batch(ratio),
        "bubbles": table_bubbles(ratio),
        "screen": table_screen(data["ratio-screen"][0], ratio, pairs, summaries),
        "closed-forms": table_closed_forms(data),
        "links": table_links(data["links"][0]),
        "gpus": table_gpus(data["gpus"][0]),
        "gpus-bound": table_gpus_bound(data["gpus"][0]),
        "kernels": table_kernels(data["kernels"][0]),
    }
    blocks["runtimes"] = table_runtimes(summaries)
    for name, content in blocks.items():
        text = replace_block(text, name, content)
    findings.write_text(text)
    print(f"wrote {findings} and {docs}/*.png", file=sys.stderr)


if __name__ == "__main__":
    main()
