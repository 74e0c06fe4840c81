#!/usr/bin/python3
"""Plots the results of an `afdsim sweep` (its --out folder, or a results.csv beside its
sweep.json). Only points with status ok are drawn; --where keeps the rows whose column has the
given value (repeatable, e.g. --where prompt_tokens=2048 --where grid=afd).

Kinds:
  throughput-vs-r  tokens/s per GPU against r, one line per microbatch count (--lines to change)
  bubble-vs-r      bubble fraction (mean over the GPUs) against r, one line per microbatch count
  frontier         TPOT p50 against tokens/s per GPU: every point, and per group (--group,
                   default grid) the frontier of the best throughput at each TPOT
  heatmap          --value over two axes --x and --y (the best value where several rows share a cell)
  lines            --y against --x, one line per --lines column

Usage:
    scripts/plot_sweep.py out/studies/ratio-microbatches throughput-vs-r --where prompt_tokens=2048 \\
        --where batch_per_worker=32 --where grid=afd -o throughput.png
    scripts/plot_sweep.py DIR heatmap --x attention_workers --y microbatches --value tokens_per_s_per_gpu
matplotlib only; pandas is not needed (csv module).
"""
import argparse
import csv
import json
import math
import pathlib
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

# Axis labels with units, by results.csv column.
LABELS = {
    "attention_workers": "r (attention GPUs per FFN GPU)",
    "microbatches": "m (microbatches)",
    "batch_per_worker": "requests per attention GPU (per replica if colocated)",
    "prompt_tokens": "prompt (tokens)",
    "tokens_per_s": "decode throughput (tokens/s)",
    "tokens_per_s_per_gpu": "decode throughput per GPU (tokens/s)",
    "tpot_ms_p50": "TPOT p50 (ms)",
    "tpot_ms_mean": "TPOT mean (ms)",
    "tpot_ms_p99": "TPOT p99 (ms)",
    "step_ms_mean": "step time, mean (ms)",
    "bubble_fraction": "bubble fraction (mean over GPUs)",
    "busy_fraction": "busy fraction (mean over GPUs)",
    "attention_busy_fraction": "attention GPU busy fraction",
    "ffn_busy_fraction": "FFN GPU busy fraction",
    "attention_wait_ffn_result_fraction": "attention waiting for FFN results (fraction)",
    "ffn_wait_barrier_fraction": "FFN waiting for the slowest input (fraction)",
    "max_link_utilisation": "busiest link utilisation",
    "analytic_tokens_per_s_per_gpu": "closed form: throughput per GPU (tokens/s)",
    "analytic_step_ms": "closed form: step (ms)",
    "tensor_parallel": "tensor parallel degree",
}


def label(column):
    return LABELS.get(column, column)


def number(text):
    try:
        value = float(text)
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def load(path):
    """Rows of results.csv (status ok and not) and the sweep's manifest."""
    path = pathlib.Path(path)
    folder = path if path.is_dir() else path.parent
    csv_file = folder / "results.csv" if path.is_dir() else path
    with open(csv_file, newline="") as f:
        rows = list(csv.DictReader(f))
    manifest_file = folder / "sweep.json"
    manifest = json.loads(manifest_file.read_text()) if manifest_file.exists() else {}
    return rows, manifest


def select(rows, where=(), ok_only=True):
    """Rows matching every (column, value) of `where`; values compare as numbers when both are."""
    out = []
    for row in rows:
        if ok_only and row.get("status") != "ok":
            continue
        keep = True
        for column, value in where:
            cell = row.get(column, "")
            a, b = number(cell), number(value)
            if not ((a is not None and b is not None and a == b) or cell == value):
                keep = False
                break
        if keep:
            out.append(row)
    return out


def parse_where(items):
    pairs = []
    for item in items:
        if "=" not in item:
            sys.exit(f"--where {item}: expected COLUMN=VALUE")
        column, value = item.split("=", 1)
        pairs.append((column, value))
    return pairs


def title(manifest, text, where):
    name = manifest.get("name", "sweep")
    base = pathlib.Path(manifest.get("base", "")).stem
    lines = [f"{text}: {name}" + (f" (base scenario {base})" if base else "")]
    description = manifest.get("description", "")
    if description:
        lines.append(description)
    if where:
        lines.append(", ".join(f"{c} = {v}" for c, v in where))
    return "\n".join(lines)


def sort_key(value):
    n = number(value)
    return (0, n, "") if n is not None else (1, 0.0, value)


def plot_lines(ax, rows, x, y, lines, line_label=None):
    """One line per distinct value of `lines`: y against x, sorted by x; the best y per x."""
    groups = {}
    for row in rows:
        xv, yv = number(row.get(x)), number(row.get(y))
        if xv is None or yv is None:
            continue
        key = row.get(lines, "") if lines else ""
        best = groups.setdefault(key, {})
        best[xv] = max(best.get(xv, -math.inf), yv)
    for key in sorted(groups, key=sort_key):
        points = sorted(groups[key].items())
        name = line_label(key) if line_label else (f"{lines} = {key}" if lines else None)
        ax.plot([p[0] for p in points], [p[1] for p in points], marker="o", label=name)
    ax.set_xlabel(label(x))
    ax.set_ylabel(label(y))
    ax.grid(True, alpha=0.3)
    if lines and groups:
        ax.legend(fontsize="small")
    return groups


def frontier(points):
    """Points (tpot, throughput) not beaten by one at a lower or equal TPOT: sorted by TPOT."""
    best = []
    for tpot, throughput in sorted(points):
        if not best or throughput > best[-1][1]:
            best.append((tpot, throughput))
    return best


def plot_frontier(ax, rows, group, x="tpot_ms_p50", y="tokens_per_s_per_gpu", group_label=None):
    groups = {}
    for row in rows:
        xv, yv = number(row.get(x)), number(row.get(y))
        if xv is None or yv is None:
            continue
        groups.setdefault(row.get(group, "") if group else "", []).append((xv, yv))
    for key in sorted(groups, key=sort_key):
        pts = groups[key]
        name = group_label(key) if group_label else (f"{group} = {key}" if group else "points")
        line = ax.plot(*zip(*frontier(pts)), marker="o", label=name)[0]
        ax.scatter([p[0] for p in pts], [p[1] for p in pts], s=8, alpha=0.25, color=line.get_color())
    ax.set_xlabel(label(x))
    ax.set_ylabel(label(y))
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize="small")
    return groups


def plot_heatmap(fig, ax, rows, x, y, value):
    cells = {}
    for row in rows:
        v = number(row.get(value))
        if v is None:
            continue
        key = (row.get(x, ""), row.get(y, ""))
        cells[key] = max(cells.get(key, -math.inf), v)
    xs = sorted({k[0] for k in cells}, key=sort_key)
    ys = sorted({k[1] for k in cells}, key=sort_key)
    grid = [[cells.get((xv, yv), math.nan) for xv in xs] for yv in ys]
    image = ax.imshow(grid, origin="lower", aspect="auto", cmap="viridis")
    ax.set_xticks(range(len(xs)), xs)
    ax.set_yticks(range(len(ys)), ys)
    ax.set_xlabel(label(x))
    ax.set_ylabel(label(y))
    finite = [v for r in grid for v in r if not math.isnan(v)]
    high = max(finite) if finite else 0
    for j, r in enumerate(grid):
        for i, v in enumerate(r):
            if not math.isnan(v):
                ax.text(i, j, f"{v:.0f}" if abs(v) >= 100 else f"{v:.3g}", ha="center", va="center", fontsize=7,
                        color="black" if v > 0.6 * high else "white")
    fig.colorbar(image, ax=ax, label=label(value))
    return cells


def save(fig, out):
    out = pathlib.Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    plt.close(fig)
    print(f"wrote {out}", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sweep", help="the sweep's --out folder, or its results.csv")
    ap.add_argument("kind", choices=["throughput-vs-r", "bubble-vs-r", "frontier", "heatmap", "lines"])
    ap.add_argument("--where", action="append", default=[], help="COLUMN=VALUE: keep matching rows (repeatable)")
    ap.add_argument("--x", help="x column (heatmap, lines)")
    ap.add_argument("--y", help="y column (heatmap, lines)")
    ap.add_argument("--value", default="tokens_per_s_per_gpu", help="heatmap cell value")
    ap.add_argument("--lines", default="microbatches", help="one line per value of this column")
    ap.add_argument("--group", default="grid", help="frontier: one frontier per value of this column")
    ap.add_argument("-o", "--out", help="PNG to write (default: <kind>.png in the sweep folder)")
    args = ap.parse_args()

    rows, manifest = load(args.sweep)
    where = parse_where(args.where)
    rows = select(rows, where)
    if not rows:
        sys.exit("no ok row matches --where")
    folder = pathlib.Path(args.sweep) if pathlib.Path(args.sweep).is_dir() else pathlib.Path(args.sweep).parent
    out = args.out or folder / f"{args.kind}.png"
    fig, ax = plt.subplots(figsize=(8, 5))
    if args.kind == "throughput-vs-r":
        plot_lines(ax, rows, "attention_workers", "tokens_per_s_per_gpu", args.lines)
        ax.set_title(title(manifest, "Throughput per GPU vs r", where), fontsize=9)
    elif args.kind == "bubble-vs-r":
        plot_lines(ax, rows, "attention_workers", "bubble_fraction", args.lines)
        ax.set_ylim(0, 1)
        ax.set_title(title(manifest, "Bubble fraction vs r", where), fontsize=9)
    elif args.kind == "frontier":
        plot_frontier(ax, rows, args.group)
        ax.set_title(title(manifest, "TPOT vs throughput per GPU", where), fontsize=9)
    elif args.kind == "heatmap":
        if not (args.x and args.y):
            sys.exit("heatmap needs --x and --y")
        plot_heatmap(fig, ax, rows, args.x, args.y, args.value)
        ax.set_title(title(manifest, f"{label(args.value)}", where), fontsize=9)
    else:
        if not (args.x and args.y):
            sys.exit("lines needs --x and --y")
        plot_lines(ax, rows, args.x, args.y, args.lines)
        ax.set_title(title(manifest, f"{label(args.y)} vs {label(args.x)}", where), fontsize=9)
    save(fig, out)


if __name__ == "__main__":
    main()
