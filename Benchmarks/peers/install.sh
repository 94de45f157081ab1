#!/usr/bin/env bash
# Installs the peers we measure against (PM4Py, rustxes, shap, XGBoost) from PyPI into Benchmarks/peers/.venv.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ ! -x "$here/.venv/bin/python" ]; then
    python3 -m venv "$here/.venv"
fi
"$here/.venv/bin/pip" install --quiet pm4py==2.7.23.11 rustxes shap xgboost
echo "$here/.venv/bin/python"
