#!/usr/bin/env python3
"""Checks that PM4Py loads the PNML Tracewise writes, with the same places, transitions and markings.

For every PNML file under ../shared/reference/*/ and ../shared/datasets/, this runs
`tracewise net IN --pnml OUT` (Tracewise reads the file and writes it back), then loads both the original
and Tracewise's export with `pm4py.read_pnml` and compares place ids, transition ids, labels (None for
silent transitions), arcs with weights, and initial and final markings. It also compares the counts and
markings Tracewise printed with PM4Py's view of the original. With `--logs`, it additionally runs
`tracewise discover LOG --miner alpha|heuristics --pnml OUT` on the shared logs and checks that PM4Py loads
those nets with the transitions and markings Tracewise reported.

Usage: python check_pnml.py [--tracewise PATH] [--shared DIR] [--logs]
Run with the peers' Python (Benchmarks/peers/install.sh). Exit code 0 when everything matches.
"""
import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile

import pm4py

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def net_facts(net, im, fm):
    """A comparable description of a PM4Py net."""
    return {
        "places": sorted(p.name for p in net.places),
        "transitions": sorted((t.name, t.label) for t in net.transitions),
        "arcs": sorted((a.source.name, a.target.name, a.weight) for a in net.arcs),
        "initial": sorted((p.name, n) for p, n in im.items()),
        "final": sorted((p.name, n) for p, n in fm.items()),
    }


def run(tracewise, *args):
    result = subprocess.run([tracewise, *args], capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({result.returncode}): {result.stderr.strip()}")
    return json.loads(result.stdout) if result.stdout.strip().startswith("{") else result.stdout


def check_round_trip(tracewise, path, out_dir):
    exported = os.path.join(out_dir, os.path.basename(os.path.dirname(path)) + "_" + os.path.basename(path))
    summary = run(tracewise, "net", path, "--pnml", exported)
    original = net_facts(*pm4py.read_pnml(path))
    ours = net_facts(*pm4py.read_pnml(exported))
    problems = [key for key in original if original[key] != ours[key]]
    silent = sum(1 for _, label in original["transitions"] if label is None)
    expected = {
        "places": len(original["places"]), "transitions": len(original["transitions"]),
        "silentTransitions": silent, "arcs": len(original["arcs"]),
        "initialMarking": dict(original["initial"]), "finalMarking": dict(original["final"]),
    }
    problems += [f"reported {key}" for key, value in expected.items() if summary[key] != value]
    return problems


def check_discovered(tracewise, log, miner, out_dir):
    exported = os.path.join(out_dir, f"{miner}_{os.path.basename(log)}.pnml")
    run(tracewise, "discover", log, "--miner", miner, "--pnml", exported)
    summary = run(tracewise, "net", exported)
    net, im, fm = pm4py.read_pnml(exported)
    problems = []
    if len(net.places) != summary["places"] or len(net.transitions) != summary["transitions"]:
        problems.append("counts")
    if len(net.arcs) != summary["arcs"]:
        problems.append("arcs")
    if {p.name: n for p, n in im.items()} != summary["initialMarking"]:
        problems.append("initial marking")
    if {p.name: n for p, n in fm.items()} != summary["finalMarking"]:
        problems.append("final marking")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tracewise", default=os.path.join(ROOT, ".build", "release", "tracewise"))
    parser.add_argument("--shared", default=os.path.join(os.path.dirname(ROOT), "shared"))
    parser.add_argument("--logs", action="store_true", help="also check nets discovered from the shared logs")
    args = parser.parse_args()
    if not os.path.exists(args.tracewise):
        sys.exit(f"{args.tracewise} not found: build it with 'swift build -c release --product tracewise'")
    files = sorted(glob.glob(os.path.join(args.shared, "reference", "*", "*.pnml")))
    files += sorted(glob.glob(os.path.join(args.shared, "datasets", "*.pnml")))
    failures = checks = 0
    with tempfile.TemporaryDirectory() as out_dir:
        for path in files:
            problems = check_round_trip(args.tracewise, path, out_dir)
            checks += 1
            failures += bool(problems)
            print(f"{'OK  ' if not problems else 'FAIL'} {os.path.relpath(path, args.shared)}"
                  + ("" if not problems else f": {', '.join(problems)}"))
        if args.logs:
            for log in sorted(glob.glob(os.path.join(args.shared, "datasets", "*.xes*"))):
                for miner in ("alpha", "heuristics"):
                    try:
                        problems = check_discovered(args.tracewise, log, miner, out_dir)
                    except RuntimeError as error:
                        problems = [str(error)]
                    checks += 1
                    failures += bool(problems)
                    print(f"{'OK  ' if not problems else 'FAIL'} {miner} {os.path.basename(log)}"
                          + ("" if not problems else f": {', '.join(problems)}"))
    print(f"{checks - failures} checks passed, {failures} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
