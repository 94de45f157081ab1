#!/usr/bin/env python3
"""Times Tracewise's optimal alignments on the hard logs of issue 19 and checks their costs against PM4Py's.

- BPIC 2012, all 4,366 variants on PM4Py's IMf net (reference/bpic2012/imf.pnml): every variant PM4Py aligned
  (reference/bpic2012/align_imf.json: 1,131 of the 1,310 most frequent; the other 179 timed out at 5 s per trace in
  PM4Py) must have the same cost; PM4Py's recorded seconds for those 1,310 attempts are printed beside ours.
- PM4Py's synthetic a42f0n50 (1,000 variants on datasets/a42.pnml).

Usage: python hard_alignments.py [--shared DIR] [--concurrency N]  (builds alignment-timer in release).
Prints one JSON object: per log wall and CPU seconds, optimal variants, the cost check, and the machine's load
average when the run started (the machine is shared: CPU seconds are the fairer figure under load).
"""
import argparse
import json
import os
import pathlib
import subprocess

HERE = pathlib.Path(__file__).resolve().parent
BENCHMARKS = HERE.parent
DEFAULT_SHARED = BENCHMARKS.parent.parent / "shared"


def timer():
    subprocess.run(["swift", "build", "-c", "release", "--product", "alignment-timer"], cwd=BENCHMARKS, check=True,
                   stdout=subprocess.DEVNULL)
    return BENCHMARKS / ".build" / "release" / "alignment-timer"


def run(binary, log, net, concurrency):
    command = [str(binary), str(log), str(net)]
    if concurrency:
        command += ["--concurrency", str(concurrency)]
    return json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=pathlib.Path, default=DEFAULT_SHARED)
    parser.add_argument("--concurrency", type=int)
    args = parser.parse_args()
    binary = timer()
    result = {"load_average_at_start": os.getloadavg()[0], "cores": os.cpu_count()}
    bpic = run(binary, args.shared / "datasets" / "bpic2012.xes.gz",
               args.shared / "reference" / "bpic2012" / "imf.pnml", args.concurrency)
    oracle = json.load(open(args.shared / "reference" / "bpic2012" / "align_imf.json"))
    ours = {tuple(activities): cost for activities, cost in bpic["costs"]}
    compared = mismatched = 0
    for variant in oracle["per_variant"]:
        if variant.get("cost") is None:
            continue
        compared += 1
        if ours.get(tuple(variant["variant"])) != variant["cost"]:
            mismatched += 1
    result["bpic2012"] = {
        "seconds": bpic["seconds"], "cpu_seconds": bpic["cpu_seconds"], "variants": bpic["variants"],
        "optimal": bpic["optimal"], "costs_compared_with_pm4py": compared, "costs_different": mismatched,
        "pm4py_seconds_recorded": oracle.get("pm4py_seconds"),
        "pm4py_variants_attempted": len(oracle["per_variant"]),
        "pm4py_variants_timed_out": oracle.get("variants_timed_out"),
    }
    a42 = run(binary, args.shared / "datasets" / "a42f0n50.xes.gz", args.shared / "datasets" / "a42.pnml",
              args.concurrency)
    result["a42f0n50"] = {key: a42[key] for key in ("seconds", "cpu_seconds", "variants", "optimal", "total_cost")}
    print(json.dumps(result, indent=1, sort_keys=True))


if __name__ == "__main__":
    main()
