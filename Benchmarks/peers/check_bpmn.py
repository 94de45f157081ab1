#!/usr/bin/env python3
"""Checks that PM4Py reads the BPMN 2.0 Tracewise writes, and that the model still means the same process.

For each shared log (the smaller ones; PM4Py's token replay is slow on the large ones) this runs
`tracewise discover LOG --miner im --bpmn OUT`, reads OUT with `pm4py.read_bpmn`, converts it to a Petri net
with `pm4py.convert_to_petri_net` and writes that net as PNML. The Inductive Miner guarantees that every
trace fits its tree, so every trace must align to PM4Py's net at cost 0 (`tracewise align`, exact): a
gateway, loop or sequence flow the exporter got wrong shows up as a deviation or a read error. PM4Py's own
token-based replay on the net is printed too; it is approximate with many silent transitions (on receipt it
gives 0.99969 even on PM4Py's own IM net, see summary.json), so it is reported, not checked.

Usage: python check_bpmn.py [--tracewise PATH] [--shared DIR]
Run with the peers' Python (Benchmarks/peers/install.sh). Exit code 0 when every model passes.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import warnings

import pm4py

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
LOGS = ["running-example.xes", "03_repairExample.xes.gz", "02_teleclaims.xes.gz", "08_receipt.xes.gz",
        "13_SEPSIS_1t_per_variant.xes.gz", "12_roadtraffic_1t_per_variant.xes.gz"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tracewise", default=os.path.join(ROOT, ".build", "release", "tracewise"))
    parser.add_argument("--shared", default=os.path.join(os.path.dirname(ROOT), "shared"))
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    failures = 0
    with tempfile.TemporaryDirectory() as scratch:
        for name in LOGS:
            log_path = os.path.join(args.shared, "datasets", name)
            bpmn_path = os.path.join(scratch, name + ".bpmn")
            subprocess.run([args.tracewise, "discover", log_path, "--miner", "im", "--bpmn", bpmn_path],
                           check=True, capture_output=True)
            bpmn = pm4py.read_bpmn(bpmn_path)
            net, initial, final = pm4py.convert_to_petri_net(bpmn)
            pnml_path = os.path.join(scratch, name + ".pnml")
            pm4py.write_pnml(net, initial, final, pnml_path)
            aligned = subprocess.run([args.tracewise, "align", log_path, pnml_path, "--format", "json"],
                                     check=True, capture_output=True, text=True)
            variants = json.loads(aligned.stdout)["variants"]
            deviating = sum(1 for variant in variants if variant["cost"] >= 10_000)
            log = pm4py.read_xes(log_path, return_legacy_log_object=True)
            token_replay = pm4py.fitness_token_based_replay(log, net, initial, final)["log_fitness"]
            failures += 1 if deviating else 0
            print(f"{'FAIL' if deviating else 'ok  '} {name}: {len(bpmn.get_nodes())} BPMN nodes, "
                  f"{len(bpmn.get_flows())} flows; {len(variants)} variants, {deviating} with a deviation "
                  f"on PM4Py's net; PM4Py token replay {token_replay:.6f}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
