#!/usr/bin/env python3
"""Times CSV import + statistics side by side in one run: `tracewise stats LOG.csv --format json` against
PM4Py (pandas.read_csv, pm4py.format_dataframe, get_variants, get_start_activities, get_end_activities) on
the same synthetic order-to-cash CSV, and checks that both report the same cases, events and variants.

Usage (with the peers' venv from install.sh and a release build of the root package):
    swift build -c release --product tracewise
    Benchmarks/peers/.venv/bin/python Benchmarks/peers/csv_stats.py [--events N] [--runs R]

The CSV is made by `tracewise generate --events N --seed 1` (default 1,000,000 events; the issue's
throughput figure uses 10,000,000). Every run is a fresh process and the tools take turns, so machine
load affects them alike. Prints best wall seconds, peak RSS and the ratio Tracewise / PM4Py.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
TRACEWISE = os.path.join(ROOT, ".build", "release", "tracewise")

PM4PY_SNIPPET = r"""
import json, sys, pandas as pd, pm4py
df = pd.read_csv(sys.argv[1])
df = pm4py.format_dataframe(df, case_id="case:concept:name", activity_key="concept:name",
                            timestamp_key="time:timestamp")
variants = pm4py.get_variants(df)
starts = pm4py.get_start_activities(df)
ends = pm4py.get_end_activities(df)
print(json.dumps({"cases": int(df["case:concept:name"].nunique()), "events": int(len(df)),
                  "variants": sorted(([list(k), int(v)] for k, v in variants.items()), key=lambda x: (-x[1], x[0])),
                  "startActivities": {k: int(v) for k, v in starts.items()},
                  "endActivities": {k: int(v) for k, v in ends.items()}}))
"""


def run_measured(command):
    """Runs `command`; returns (stdout, wall seconds, peak RSS in MB of that child)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = process.stdout.read()
    err = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{command[0]} failed: {err.decode(errors='replace')}")
    return out.decode(), wall, usage.ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not os.path.exists(TRACEWISE):
        sys.exit("build first: swift build -c release --product tracewise")
    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, "synthetic.csv")
        _, generate_seconds, _ = run_measured([TRACEWISE, "generate", "--events", str(args.events), "--seed", "1", path])
        print(f"generate + CSV export {args.events:,} events: {generate_seconds:.2f} s")
        ours, theirs = [], []
        for _ in range(args.runs):
            ours.append(run_measured([TRACEWISE, "stats", path, "--format", "json"]))
            theirs.append(run_measured([sys.executable, "-c", PM4PY_SNIPPET, path]))
        a, b = json.loads(ours[0][0]), json.loads(theirs[0][0])
        same = (a["cases"], a["events"], a["startActivities"], a["endActivities"]) == \
               (b["cases"], b["events"], b["startActivities"], b["endActivities"]) and \
               [[v["activities"], v["count"]] for v in a["variants"]] == b["variants"]
        best_ours = min(w for _, w, _ in ours)
        best_theirs = min(w for _, w, _ in theirs)
        print(f"tracewise stats (CSV import + statistics): best {best_ours:.2f} s, peak {max(m for *_, m in ours):.0f} MB")
        print(f"pm4py (read_csv + format_dataframe + variants): best {best_theirs:.2f} s, peak {max(m for *_, m in theirs):.0f} MB")
        print(f"ratio tracewise / pm4py: {best_ours / best_theirs:.3f}")
        print(f"same cases, events, start/end activities and variants: {same}")
        if not same:
            sys.exit(1)


if __name__ == "__main__":
    main()
