#!/usr/bin/env python3
"""Times XES import side by side in one run: Tracewise (xes-import-timer), rustxes.import_xes, pm4py.read_xes.

Usage (with the peers' venv from install.sh):
    Benchmarks/peers/.venv/bin/python Benchmarks/peers/xes_import.py [LOG] [--runs N] [--skip-pm4py]

LOG defaults to ../shared/datasets/bpic2012.xes.gz. Every run is a fresh process; the tools take turns
(round robin), so machine load affects them alike. Prints best and median wall seconds, peak RSS (from
wait4 of each process) and the ratios of Tracewise to each peer.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BENCHMARKS = os.path.dirname(HERE)
ROOT = os.path.dirname(BENCHMARKS)
TIMER = os.path.join(BENCHMARKS, ".build", "release", "xes-import-timer")

PEER_SNIPPETS = {
    "rustxes": "import rustxes; f = lambda p: rustxes.import_xes(p)",
    "pm4py": "import pm4py; f = lambda p: pm4py.read_xes(p, return_legacy_log_object=False)",
}


def run_measured(command):
    """Runs `command`, returns (stdout, peak RSS in MB) using wait4 for this child's own rusage."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = process.stdout.read()
    err = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"{command[0]} failed: {err.decode(errors='replace')}")
    return out.decode(), usage.ru_maxrss / 1024


def tracewise_once(log):
    out, rss = run_measured([TIMER, log, "1"])
    result = json.loads(out.strip().splitlines()[-1])
    return result["best"], rss, result


def peer_once(name, log):
    code = (
        PEER_SNIPPETS[name]
        + "\nimport time, sys\nt = time.perf_counter()\nf(sys.argv[1])\nprint(time.perf_counter() - t)\n"
    )
    out, rss = run_measured([sys.executable, "-c", code, log])
    return float(out.strip().splitlines()[-1]), rss


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("log", nargs="?", default=os.path.join(os.path.dirname(ROOT), "shared", "datasets", "bpic2012.xes.gz"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-pm4py", action="store_true")
    args = parser.parse_args()
    if not os.path.exists(args.log):
        sys.exit(f"log not found: {args.log}")
    print("building xes-import-timer (release)...", file=sys.stderr)
    subprocess.run(["swift", "build", "-c", "release", "--product", "xes-import-timer"], cwd=BENCHMARKS, check=True,
                   stdout=subprocess.DEVNULL)
    tools = ["tracewise", "rustxes"] + ([] if args.skip_pm4py else ["pm4py"])
    seconds = {t: [] for t in tools}
    rss = {t: [] for t in tools}
    details = None
    for _ in range(args.runs):
        for tool in tools:
            if tool == "tracewise":
                s, m, details = tracewise_once(args.log)
            else:
                s, m = peer_once(tool, args.log)
            seconds[tool].append(s)
            rss[tool].append(m)
    print(f"XES import of {os.path.basename(args.log)}: {details['cases']} cases, {details['events']} events, "
          f"{args.runs} runs each (fresh process per run, round robin)")
    print(f"{'tool':<10} {'best s':>8} {'median s':>9} {'peak RSS MB':>12} {'tracewise / tool (median)':>26}")
    ours = statistics.median(seconds["tracewise"])
    for tool in tools:
        median = statistics.median(seconds[tool])
        print(f"{tool:<10} {min(seconds[tool]):>8.3f} {median:>9.3f} {max(rss[tool]):>12.1f} {ours / median:>26.3f}")
    print(f"tracewise loaded log size (heap retained): {details['retainedMB']:.1f} MB")


if __name__ == "__main__":
    main()
