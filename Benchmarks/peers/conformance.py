#!/usr/bin/env python3
"""Times Tracewise's conformance checking against PM4Py in one run, on the shared logs and reference IMf nets.

- optimal alignments (standard costs) on Sepsis and receipt: pm4py.conformance_diagnostics_alignments vs
  Tracewise's Alignments; every variant's cost must be identical
- token-based replay fitness on BPIC 2012: pm4py.fitness_token_based_replay vs Tracewise's TokenReplay
- ETConformance precision on BPIC 2012: pm4py.precision_token_based_replay vs Tracewise's ETCPrecision

Targets: Tracewise at least 100x faster. Only the conformance step is timed (logs and nets are read before).
PM4Py aligns on one core, so alignments are compared three ways: wall clock against Tracewise on all cores,
wall clock against Tracewise on one core (maximumConcurrency 1), and process CPU time (user + system) against
Tracewise's CPU time on all cores. On a shared machine the single-core and CPU ratios are the fair ones.
Token replay is compared the same three ways (PM4Py replays on one core).
Usage: python conformance.py [--repeats N] [--shared DIR] [--only align|tbr|etc]   (peers from install.sh;
builds ConformanceTimings in release; --only runs one of the three measurements, on both sides). Prints one
JSON object with the timings, the ratios (PM4Py seconds / Tracewise seconds), the cost check and the
machine (cores, load average when the run started).
"""
import argparse
import datetime
import json
import os
import pathlib
import subprocess
import sys
import time
import warnings

import pm4py

HERE = pathlib.Path(__file__).resolve().parent
BENCHMARKS = HERE.parent
DEFAULT_SHARED = BENCHMARKS.parent.parent / "shared"


def best_of(repeats, body):
    """The smallest wall-clock seconds of `repeats` runs of body, that run's CPU seconds, and the result."""
    best, cpu, result = float("inf"), float("inf"), None
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = body()
        wall = time.perf_counter() - start
        if wall < best:
            best, cpu = wall, time.process_time() - start_cpu
    return best, cpu, result


def load(shared, log, reference):
    event_log = pm4py.read_xes(str(shared / "datasets" / log), return_legacy_log_object=True)
    net, im, fm = pm4py.read_pnml(str(shared / "reference" / reference / "imf.pnml"))
    return event_log, net, im, fm


def variant_costs(event_log, alignments):
    costs = {}
    for trace, alignment in zip(event_log, alignments):
        costs[tuple(event["concept:name"] for event in trace)] = None if alignment is None else alignment["cost"]
    return costs


def time_peers(shared, repeats, only):
    warnings.filterwarnings("ignore")
    result = {}
    for name, log, reference in [("sepsis", "13_SEPSIS_1t_per_variant.xes.gz", "13_SEPSIS_1t_per_variant"),
                                 ("receipt", "08_receipt.xes.gz", "08_receipt")]:
        if only not in (None, "align"):
            break
        event_log, net, im, fm = load(shared, log, reference)
        seconds, cpu, alignments = best_of(repeats, lambda: pm4py.conformance_diagnostics_alignments(
            event_log, net, im, fm, multi_processing=False))
        result[f"align_{name}_seconds"] = seconds
        result[f"align_{name}_cpu_seconds"] = cpu
        result[f"align_{name}_costs"] = variant_costs(event_log, alignments)
    if only == "align":
        return result
    event_log, net, im, fm = load(shared, "bpic2012.xes.gz", "bpic2012")
    if only in (None, "tbr"):
        result["tbr_bpic2012_seconds"], result["tbr_bpic2012_cpu_seconds"], fitness = best_of(
            repeats, lambda: pm4py.fitness_token_based_replay(event_log, net, im, fm))
        result["tbr_bpic2012_log_fitness"] = fitness["log_fitness"]
    if only in (None, "etc"):
        result["etc_bpic2012_seconds"], _, precision = best_of(
            repeats, lambda: pm4py.precision_token_based_replay(event_log, net, im, fm))
        result["etc_bpic2012_precision"] = precision
    return result


def time_tracewise(shared, repeats, only):
    subprocess.run(["swift", "build", "-c", "release", "--product", "ConformanceTimings"], cwd=BENCHMARKS,
                   check=True, stdout=subprocess.DEVNULL)
    binary = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=BENCHMARKS,
                            check=True, capture_output=True, text=True).stdout.strip()
    arguments = [str(pathlib.Path(binary) / "ConformanceTimings"), str(shared), str(repeats)]
    if only:
        arguments += ["--only", only]
    output = subprocess.run(arguments, check=True, capture_output=True, text=True).stdout
    return json.loads(output)


def compare_costs(ours, peers):
    report = {}
    for name in ("sepsis", "receipt") if "align_sepsis_costs" in peers else ():
        mine = {tuple(activities): cost for activities, cost in ours[f"align_{name}_costs"]}
        theirs = peers[f"align_{name}_costs"]
        differing = [list(v) for v, cost in theirs.items() if cost is not None and mine.get(v) != cost]
        report[name] = {"variants": len(theirs), "identical": not differing, "differing": differing[:5]}
    return report


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--shared", type=pathlib.Path, default=DEFAULT_SHARED)
    parser.add_argument("--only", choices=("align", "tbr", "etc"))
    args = parser.parse_args()
    if not (args.shared / "datasets").exists():
        print(f"SKIPPED: {args.shared} is absent", file=sys.stderr)
        return 0
    machine = {"cores": os.cpu_count(), "load_average_at_start": list(os.getloadavg()),
               "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")}
    ours = time_tracewise(args.shared, args.repeats, args.only)
    peers = time_peers(args.shared, args.repeats, args.only)
    ratios = {key.replace("_seconds", ""): peers[key] / ours[key]
              for key in ("align_sepsis_seconds", "align_receipt_seconds", "tbr_bpic2012_seconds",
                          "etc_bpic2012_seconds") if key in peers}
    for name in ("align_sepsis", "align_receipt", "tbr_bpic2012"):
        if f"{name}_seconds" in peers:
            ratios[f"{name}_single_thread"] = peers[f"{name}_seconds"] / ours[f"{name}_single_thread_seconds"]
            ratios[f"{name}_cpu"] = peers[f"{name}_cpu_seconds"] / ours[f"{name}_cpu_seconds"]
    report = {
        "machine": machine,
        "tracewise_seconds": {k: v for k, v in ours.items() if k.endswith("_seconds")},
        "pm4py_seconds": {k: v for k, v in peers.items() if k.endswith("_seconds")},
        "speedup_pm4py_over_tracewise": ratios,
        "target_speedup": 100,
        "costs": compare_costs(ours, peers),
        "values": {key: [ours[key], peers[key]] for key in ("tbr_bpic2012_log_fitness", "etc_bpic2012_precision")
                   if key in peers},
        "versions": {"pm4py": pm4py.__version__},
    }
    print(json.dumps(report, indent=2, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
