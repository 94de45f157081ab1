#!/usr/bin/env python3
"""Times discovery side by side in one run: Tracewise (discovery-timer) against PM4Py on the same log.

Steps: the directly-follows graph (PM4Py `discover_dfg` + `discover_performance_dfg`; ours frequency +
performance DFG), the Inductive Miner (`discover_process_tree_inductive`, noise 0) and IMf (noise 0.2).
Both sides import the log once, untimed, and time each step on the loaded log. Prints best seconds per
step and the ratio PM4Py / Tracewise (targets: >= 30x for the DFG, >= 100x for IM and IMf).

With --synthetic EVENTS it also times our DFG + IMd on a generated log of that many events (PM4Py is not
run on it).

Usage (build first: cd Benchmarks && swift build -c release --product discovery-timer):
    Benchmarks/peers/.venv/bin/python Benchmarks/peers/discovery.py [LOG] [--runs N] [--synthetic 10000000]
"""
import argparse
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
BENCHMARKS = os.path.dirname(HERE)
ROOT = os.path.dirname(BENCHMARKS)
TIMER = os.path.join(BENCHMARKS, ".build", "release", "discovery-timer")
STEPS = ["dfg", "im", "imf"]


def tracewise(arguments):
    done = subprocess.run([TIMER] + arguments, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"discovery-timer failed: {done.stderr}")
    return {row["step"]: row for row in map(json.loads, done.stdout.strip().splitlines())}


def pm4py_times(log_path, runs):
    import pm4py
    import warnings
    warnings.filterwarnings("ignore")
    frame = pm4py.read_xes(log_path)
    steps = {
        "dfg": lambda: (pm4py.discover_dfg(frame), pm4py.discover_performance_dfg(frame)),
        "im": lambda: pm4py.discover_process_tree_inductive(frame),
        "imf": lambda: pm4py.discover_process_tree_inductive(frame, noise_threshold=0.2),
    }
    result = {}
    for step in STEPS:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            steps[step]()
            times.append(time.perf_counter() - start)
        result[step] = min(times)
    return result


def main():
    parser = argparse.ArgumentParser()
    default_log = os.path.join(os.path.dirname(ROOT), "shared", "datasets", "bpic2012.xes.gz")
    parser.add_argument("log", nargs="?", default=default_log)
    parser.add_argument("--runs", type=int, default=3, help="runs per step (best is reported); PM4Py's IM runs once")
    parser.add_argument("--synthetic", type=int, default=0, help="also time our DFG + IMd on a generated log")
    args = parser.parse_args()
    if not os.path.exists(TIMER):
        sys.exit(f"{TIMER} is missing: cd Benchmarks && swift build -c release --product discovery-timer")

    ours = tracewise([args.log, str(args.runs), ",".join(STEPS)])
    theirs = pm4py_times(args.log, 1)
    targets = {"dfg": 30, "im": 100, "imf": 100}
    print(f"log: {os.path.basename(args.log)}")
    print(f"{'step':6} {'tracewise s':>12} {'pm4py s':>10} {'ratio':>9} {'target':>7}")
    for step in STEPS:
        mine = ours[step]["best"]
        ratio = theirs[step] / mine if mine > 0 else float("inf")
        print(f"{step:6} {mine:12.4f} {theirs[step]:10.3f} {ratio:8.1f}x {targets[step]:6}x")
    if args.synthetic:
        synthetic = tracewise(["--synthetic", str(args.synthetic), "1"])
        print(f"synthetic {args.synthetic} events: DFG {synthetic['dfg']['best']:.3f} s, "
              f"DFG + IMd {synthetic['imd']['best']:.3f} s ({synthetic['imd'].get('nodes')} tree nodes)")


if __name__ == "__main__":
    main()
