#!/usr/bin/env python3
"""Feature extraction on one log, Tracewise vs PM4Py, in the same run.

PM4Py: pm4py.extract_features_dataframe on the log's dataframe (one-hot activity and resource counts per
case plus the numeric case attributes), the closest peer to Tracewise's FeatureExtractor. Tracewise: the
FeatureTimings executable (schema fitting + matrix). Import time is excluded on both sides; best of N.

Usage: features_bench.py LOG FEATURE_TIMINGS_BINARY [REPEATS]
"""
import json
import subprocess
import sys
import time

import pm4py


def best_of(repeats, body):
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        body()
        best = min(best, time.perf_counter() - start)
    return best


def main():
    log_path, binary = sys.argv[1], sys.argv[2]
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    df = pm4py.read_xes(log_path)
    numeric = [c for c in df.columns if c.startswith("case:") and df[c].dtype.kind in "if"]
    pm4py_seconds = best_of(repeats, lambda: pm4py.extract_features_dataframe(
        df, str_ev_attr=["concept:name", "org:resource"], num_tr_attr=numeric))
    ours = json.loads(subprocess.run([binary, log_path, str(max(repeats, 3))], check=True,
                                     capture_output=True, text=True).stdout)
    print(json.dumps({
        "log": log_path,
        "pm4py_feature_seconds": pm4py_seconds,
        "tracewise_feature_seconds": ours["feature_seconds"],
        "ratio_tracewise_over_pm4py": ours["feature_seconds"] / pm4py_seconds,
        "tracewise_columns": ours["columns"],
        "tracewise_performance_seconds": ours["performance_seconds"],
    }, indent=2, sort_keys=True))


if __name__ == "__main__":
    main()
