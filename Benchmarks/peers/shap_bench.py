#!/usr/bin/env python3
"""Times Tracewise against shap and XGBoost on ../shared/reference/shap-bpic2012 in one run.

- path-dependent TreeSHAP: shap.TreeExplainer(model).shap_values(X) vs Tracewise's TreeSHAP
  (target: ours <= 0.25 x shap's time)
- gradient-boosted trees: xgboost.train(tree_method=exact, nthread=1, 100 trees, depth 6) vs Tracewise's
  GradientBoostingTrainer with the same parameters (target: ours <= 2 x XGBoost's time)

Usage: python shap_bench.py [--repeats N] [--data DIR]   (peers from install.sh; builds ExplainTimings in release)
Prints one JSON object with the timings and the ratios.
"""
import argparse
import json
import pathlib
import subprocess
import sys
import time

import numpy as np
import pandas as pd
import shap
import xgboost

HERE = pathlib.Path(__file__).resolve().parent
BENCHMARKS = HERE.parent
DEFAULT_DATA = BENCHMARKS.parent.parent / "shared" / "reference" / "shap-bpic2012"


def best_of(repeats, body):
    best = float("inf")
    result = None
    for _ in range(repeats):
        start = time.perf_counter()
        result = body()
        best = min(best, time.perf_counter() - start)
    return best, result


def time_peers(data, repeats):
    X = pd.read_csv(data / "X.csv", index_col=0)
    y = pd.read_csv(data / "y.csv", index_col=0).iloc[:, 0].to_numpy()
    booster = xgboost.Booster()
    booster.load_model(str(data / "model.json"))
    features = X.to_numpy()
    shap_seconds, values = best_of(repeats, lambda: shap.TreeExplainer(booster).shap_values(features))

    params = {"tree_method": "exact", "nthread": 1, "max_depth": 6, "eta": 0.3, "lambda": 1.0,
              "min_child_weight": 1.0, "objective": "reg:squarederror", "seed": 0}
    dtrain = xgboost.DMatrix(X.to_numpy(), label=y, nthread=1)
    train_seconds, trained = best_of(repeats, lambda: xgboost.train(params, dtrain, num_boost_round=100))
    predictions = trained.predict(dtrain)
    return {
        "shap_treeexplainer_seconds": shap_seconds,
        "xgboost_exact_train_seconds": train_seconds,
        "xgboost_train_mse": float(np.mean((predictions - y) ** 2)),
        "shap_rows": int(values.shape[0]),
    }


def time_tracewise(data, repeats):
    subprocess.run(["swift", "build", "-c", "release", "--product", "ExplainTimings"], cwd=BENCHMARKS,
                   check=True, stdout=subprocess.DEVNULL)
    binary = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=BENCHMARKS,
                            check=True, capture_output=True, text=True).stdout.strip()
    output = subprocess.run([str(pathlib.Path(binary) / "ExplainTimings"), str(data), str(repeats)],
                            check=True, capture_output=True, text=True).stdout
    return json.loads(output)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--data", type=pathlib.Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    if not (args.data / "model.json").exists():
        print(f"SKIPPED: {args.data} is absent", file=sys.stderr)
        return 0
    ours = time_tracewise(args.data, args.repeats)
    peers = time_peers(args.data, args.repeats)
    report = {
        "tracewise": ours,
        "peers": peers,
        "versions": {"shap": shap.__version__, "xgboost": xgboost.__version__},
        "ratios": {
            "treeshap_vs_shap": ours["treeshap_seconds"] / peers["shap_treeexplainer_seconds"],
            "gbt_vs_xgboost_exact_1thread": ours["gbt_train_seconds"] / peers["xgboost_exact_train_seconds"],
        },
        "targets": {"treeshap_vs_shap": 0.25, "gbt_vs_xgboost_exact_1thread": 2.0},
    }
    print(json.dumps(report, indent=2, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
