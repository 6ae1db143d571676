#!/usr/bin/env python3
"""Medians, ratios and target checks for bench/listen.sh and bench/relay.sh.

    summary.py RESULTS CONTENDERS METRICS REFS [CHECK ...]

RESULTS is a file of lines "contender metric value" (one per measurement,
one line per round). CONTENDERS and METRICS are comma-separated, in the
order of the table. Each metric is NAME=HEADING; a NAME starting with
"cpu" or "app" is microseconds per request, "p50"/"p99" milliseconds, any
other requests/s. For each reference in REFS (comma-separated), a row per
other contender gives its median over the reference's: the ratio for CPU
and requests/s, the difference (what it adds) for latencies.

Each CHECK is "A/REF METRIC OP LIMIT", e.g. "hooks/nginx cpu@2000 <= 2.0"
(the ratio of the medians of A and REF) or "hooks-direct p99@2000 <= 1.0"
(the difference, for latencies: what A adds over REF); prints the figure
and whether the target is met, and by how much it is missed.
"""

import statistics
import sys


def main():
    results, contenders, metrics, refs = sys.argv[1:5]
    checks = sys.argv[5:]
    contenders = contenders.split(",")
    metrics = [m.split("=", 1) for m in metrics.split(",")]
    values = {}
    with open(results) as f:
        for line in f:
            name, metric, value = line.split()
            values.setdefault((name, metric), []).append(float(value))

    def median(name, metric):
        v = values.get((name, metric))
        return statistics.median(v) if v else None

    def fmt(metric, v):
        if v is None:
            return "-"
        if metric.startswith(("p50", "p99")):
            return f"{v:.3f} ms"
        if metric.startswith(("cpu", "app")):
            return f"{v:.1f} us"
        return f"{v:,.0f}/s"

    rounds = max((len(v) for v in values.values()), default=0)
    print(f"medians of {rounds} rounds")
    width = max(len(c) for c in contenders) * 2 + 6
    print("| " + "path".ljust(width) + " | " + " | ".join(h for _, h in metrics) + " |")
    print("|" + "---|" * (len(metrics) + 1))
    for c in contenders:
        cells = [fmt(m, median(c, m)) for m, _ in metrics]
        print("| " + c.ljust(width) + " | " + " | ".join(cells) + " |")
    for ref in refs.split(","):
        for c in contenders:
            if c in (ref, "direct"):
                continue
            cells = []
            for m, _ in metrics:
                va, vr = median(c, m), median(ref, m)
                if va is None or vr is None or vr == 0:
                    cells.append("-")
                elif m.startswith(("p50", "p99")):
                    cells.append(f"{va - vr:+.3f} ms")
                else:
                    cells.append(f"{va / vr:.2f}x")
            print("| " + f"{c} vs {ref}".ljust(width) + " | " + " | ".join(cells) + " |")
    for check in checks:
        pair, metric, op, limit = check.split()
        limit = float(limit)
        ratio = "/" in pair
        a, ref = pair.split("/" if ratio else "-", 1)
        va, vr = median(a, metric), median(ref, metric)
        if va is None or vr is None:
            print(f"{check}: not measured")
            continue
        figure = va / vr if ratio else va - vr
        met = figure <= limit if op == "<=" else figure >= limit
        unit = "x" if ratio else " ms"
        if met:
            verdict = "met"
        elif ratio:
            verdict = f"MISSED by {abs(figure / limit - 1) * 100:.0f} %"
        else:
            verdict = f"MISSED by {abs(figure - limit):.3f} ms"
        what = f"{a} / {ref}" if ratio else f"{a} - {ref}"
        print(f"{what}, {metric}: {figure:.2f}{unit} (target {op} {limit}{unit}): {verdict}")


main()
