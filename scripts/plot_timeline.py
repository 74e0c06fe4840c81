#!/usr/bin/python3
"""Gantt chart PNG of an afdsim Chrome trace: one row per GPU, one colour per state.

    build/afdsim run SCENARIO --chrome trace.json
    scripts/plot_timeline.py trace.json -o timeline.png [--zoom-ms 0:3] [--title TEXT]

Reads the compute-thread complete events (tid 0) the simulator writes (docs/traces.md); the
gaps between them are idle. With --zoom-ms A:B a second panel shows A..B ms after the start of
the trace window, where single layers become visible. Needs matplotlib from Debian (python3-matplotlib), hence /usr/bin/python3 rather than
whatever python3 comes first on PATH.
"""
import argparse
import json
import sys

import matplotlib

matplotlib.use("Agg")  # files only, no display
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

# The Paje colours of sim/trace/gpu_timeline.cpp, so both traces read alike.
STATE_COLORS = {
    "attention": (0.12, 0.47, 0.71),
    "ffn": (1.0, 0.5, 0.05),
    "lm_head": (0.58, 0.4, 0.74),
    "wait_ffn": (0.98, 0.6, 0.6),
    "wait_first_input": (1.0, 0.87, 0.2),
    "wait_barrier": (0.84, 0.15, 0.16),
    "allreduce": (0.17, 0.63, 0.17),
}
IDLE_COLOR = (0.85, 0.85, 0.85)


def load(path):
    with open(path, encoding="utf-8") as f:
        events = json.load(f)["traceEvents"]
    names, order, spans = {}, {}, {}
    for e in events:
        if e["ph"] == "M" and e["name"] == "process_name":
            names[e["pid"]] = e["args"]["name"]
        elif e["ph"] == "M" and e["name"] == "process_sort_index":
            order[e["pid"]] = e["args"]["sort_index"]
        elif e["ph"] == "X" and e["tid"] == 0:
            spans.setdefault(e["pid"], []).append((e["ts"], e["dur"], e["name"]))
    if not spans:
        sys.exit(f"plot_timeline: {path}: no compute events (is it an afdsim --chrome trace?)")
    pids = sorted(names, key=lambda p: order.get(p, p))
    return pids, names, spans


def draw(ax, pids, names, spans, t0_us, lo_ms, hi_ms):
    for row, pid in enumerate(pids):
        y = len(pids) - 1 - row  # first GPU on top
        ax.broken_barh([(lo_ms, hi_ms - lo_ms)], (y - 0.4, 0.8), facecolors=IDLE_COLOR)
        by_state = {}
        for ts, dur, name in spans.get(pid, []):
            start, end = (ts - t0_us) / 1e3, (ts + dur - t0_us) / 1e3
            if end > lo_ms and start < hi_ms:
                by_state.setdefault(name, []).append((start, end - start))
        for name, bars in by_state.items():
            # Thin white edges separate back-to-back ops, but only on bars wide enough to keep
            # their colour: on narrow ones the edge would paint over the op.
            color = STATE_COLORS.get(name, (0, 0, 0))
            wide = [b for b in bars if b[1] > (hi_ms - lo_ms) / 150]
            narrow = [b for b in bars if b[1] <= (hi_ms - lo_ms) / 150]
            ax.broken_barh(wide, (y - 0.4, 0.8), facecolors=color, edgecolor="white", linewidth=0.6)
            ax.broken_barh(narrow, (y - 0.4, 0.8), facecolors=color, linewidth=0)
    ax.set_yticks(range(len(pids)))
    ax.set_yticklabels([names.get(p, str(p)).split(" (")[0] for p in reversed(pids)])
    ax.set_xlim(lo_ms, hi_ms)
    ax.set_xlabel("ms after the start of the trace window")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("trace", help="Chrome trace JSON written by afdsim run --chrome")
    parser.add_argument("-o", "--output", required=True, help="PNG file to write")
    parser.add_argument("--zoom-ms", help="A:B, a second panel of A..B ms after the window start")
    parser.add_argument("--title", default="", help="title above the chart")
    parser.add_argument("--dpi", type=int, default=100)
    args = parser.parse_args()

    pids, names, spans = load(args.trace)
    t0_us = min(ts for rows in spans.values() for ts, _, _ in rows)
    t1_us = max(ts + dur for rows in spans.values() for ts, dur, _ in rows)
    panels = [(0.0, (t1_us - t0_us) / 1e3)]
    if args.zoom_ms:
        try:
            lo, hi = (float(x) for x in args.zoom_ms.split(":"))
        except ValueError:
            sys.exit(f"plot_timeline: --zoom-ms: expected A:B in ms, got {args.zoom_ms!r}")
        if not 0 <= lo < hi:
            sys.exit(f"plot_timeline: --zoom-ms: need 0 <= A < B, got {args.zoom_ms!r}")
        panels.append((lo, hi))

    row_in = 0.28 * len(pids) + 0.9
    fig, axes = plt.subplots(len(panels), 1, figsize=(11, row_in * len(panels) + 0.8), squeeze=False)
    for i, (ax, (lo, hi)) in enumerate(zip(axes[:, 0], panels)):
        draw(ax, pids, names, spans, t0_us, lo, hi)
        ax.set_title("whole window" if i == 0 else f"zoom: {lo:g} to {hi:g} ms", fontsize=9, loc="left")
    present = {name for rows in spans.values() for _, _, name in rows}
    handles = [Patch(color=c, label=s) for s, c in STATE_COLORS.items() if s in present]
    handles.append(Patch(color=IDLE_COLOR, label="idle"))
    fig.legend(handles=handles, loc="upper center", ncol=len(handles), frameon=False, fontsize=8,
               bbox_to_anchor=(0.5, 1.0))
    if args.title:
        fig.suptitle(args.title, y=1.04, fontsize=10)
    fig.tight_layout(rect=(0, 0, 1, 0.95))
    fig.savefig(args.output, dpi=args.dpi, bbox_inches="tight")
    print(f"plot_timeline: wrote {args.output}")


if __name__ == "__main__":
    main()
