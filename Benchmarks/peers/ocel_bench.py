#!/usr/bin/env python3
"""Object-centric benchmarks side by side in one run: Tracewise (ocel-timer) against PM4Py and rustxes.

Usage (with the peers' venv from install.sh, after `swift build -c release --product ocel-timer` in Benchmarks/):
    Benchmarks/peers/.venv/bin/python Benchmarks/peers/ocel_bench.py [--runs N] [--scale K] [--workdir DIR]

The large OCEL is generated reproducibly, not committed: BPIC 2012 (../shared/datasets/bpic2012.xes.gz) is
converted with PM4Py's `convert_log_to_ocel`, cases and resources as objects; `--scale K` concatenates K copies
(ids suffixed) for a larger log. It is written as OCEL 2.0 JSON, XML and SQLite by PM4Py into --workdir
(default /tmp/tracewise-ocel-bench) and reused when present.

Steps, each in a fresh process per run, tools taking turns so machine load affects them alike:
- import: Tracewise `ObjectCentricLog(contentsOf:)` vs rustxes `import_ocel_json`/`import_ocel_xml` and PM4Py
  `read_ocel2_json`/`read_ocel2_xml`/`read_ocel2_sqlite` (PM4Py uses rustxes for JSON/XML when installed, so
  its JSON/XML figures include the conversion to pandas);
- ocdfg: `ObjectCentricDFG(log, performance: true)` vs `pm4py.discover_ocdfg` (log loaded before timing);
- flatten: `flattened(objectType:)` vs `pm4py.ocel_flattening` (log loaded before timing).
Prints best and median wall seconds, the best CPU seconds of the step (user + system of the whole process, all
threads: a loaded machine inflates wall time, less so CPU time), peak RSS per process (wait4), and Tracewise's
ratio to each peer (wall and CPU).
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
TIMER = os.path.join(BENCHMARKS, ".build", "release", "ocel-timer")
CASE_TYPE = "case:concept:name"


def run_measured(command):
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = process.stdout.read()
    err = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{command[:3]} failed: {err.decode(errors='replace')[-2000:]}")
    return out.decode(), usage.ru_maxrss / 1024


def generate(workdir, scale):
    paths = {ext: os.path.join(workdir, f"bpic2012x{scale}.{ext}") for ext in ("jsonocel", "xmlocel", "sqlite")}
    if all(os.path.exists(p) for p in paths.values()):
        return paths
    os.makedirs(workdir, exist_ok=True)
    code = f"""
import pandas as pd, pm4py
df = pm4py.read_xes({os.path.join(os.path.dirname(ROOT), "shared", "datasets", "bpic2012.xes.gz")!r}, return_legacy_log_object=False)
df = df[["case:concept:name", "concept:name", "time:timestamp", "org:resource"]].dropna()
parts = []
for k in range({scale}):
    part = df.copy()
    if k:
        part["case:concept:name"] = part["case:concept:name"].astype(str) + "-{{}}".format(k)
        part["time:timestamp"] = part["time:timestamp"] + pd.Timedelta(days=400 * k)
    parts.append(part)
df = pd.concat(parts, ignore_index=True)
ocel = pm4py.convert_log_to_ocel(df, activity_column="concept:name", timestamp_column="time:timestamp",
                                 object_types=["case:concept:name", "org:resource"])
pm4py.write_ocel2_json(ocel, {paths["jsonocel"]!r})
pm4py.write_ocel2_xml(ocel, {paths["xmlocel"]!r})
pm4py.write_ocel2_sqlite(ocel, {paths["sqlite"]!r})
print(len(ocel.events), len(ocel.objects), len(ocel.relations))
"""
    out, _ = run_measured([sys.executable, "-c", code])
    print("generated:", out.strip().splitlines()[-1], "(events, objects, relations)")
    return paths


PEERS = {
    ("import", "jsonocel", "rustxes"): "import rustxes\ndef setup(p): return p\ndef step(p): rustxes.import_ocel_json(p)",
    ("import", "xmlocel", "rustxes"): "import rustxes\ndef setup(p): return p\ndef step(p): rustxes.import_ocel_xml(p)",
    ("import", "jsonocel", "pm4py"): "import pm4py\ndef setup(p): return p\ndef step(p): pm4py.read_ocel2_json(p)",
    ("import", "xmlocel", "pm4py"): "import pm4py\ndef setup(p): return p\ndef step(p): pm4py.read_ocel2_xml(p)",
    ("import", "sqlite", "pm4py"): "import pm4py\ndef setup(p): return p\ndef step(p): pm4py.read_ocel2_sqlite(p)",
    ("ocdfg", "jsonocel", "pm4py"): "import pm4py\ndef setup(p): return pm4py.read_ocel2_json(p)\ndef step(o): pm4py.discover_ocdfg(o)",
    ("flatten", "jsonocel", "pm4py"): f"import pm4py\ndef setup(p): return pm4py.read_ocel2_json(p)\ndef step(o): pm4py.ocel_flattening(o, {CASE_TYPE!r})",
}


def peer_once(snippet, path):
    code = (snippet + "\nimport time, sys\nx = setup(sys.argv[1])\nt = time.perf_counter()\nc = time.process_time()\nstep(x)\n"
            "print(time.perf_counter() - t, time.process_time() - c)\n")
    out, rss = run_measured([sys.executable, "-c", code, path])
    wall, cpu = out.strip().splitlines()[-1].split()
    return float(wall), float(cpu), rss


def tracewise_once(step, path):
    argument = {"import": "import", "ocdfg": "ocdfg", "flatten": f"flatten:{CASE_TYPE}"}[step]
    out, rss = run_measured([TIMER, path, argument, "1"])
    result = json.loads(out.strip().splitlines()[-1])
    return result["best"], result["cpuBest"], rss


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--workdir", default="/tmp/tracewise-ocel-bench")
    parser.add_argument("--steps", default="import/jsonocel,import/xmlocel,import/sqlite,ocdfg/jsonocel,flatten/jsonocel",
                        help="comma-separated step/format pairs to run")
    args = parser.parse_args()
    if not os.path.exists(TIMER):
        sys.exit(f"build the timer first: (cd Benchmarks && swift build -c release --product ocel-timer); missing {TIMER}")
    paths = generate(args.workdir, args.scale)
    cases = [tuple(item.split("/")) for item in args.steps.split(",")]
    results = {}
    for step, fmt in cases:
        tools = ["tracewise"] + [peer for (s, f, peer) in PEERS if s == step and f == fmt]
        times = {t: [] for t in tools}
        cpu = {t: [] for t in tools}
        rss = {t: 0.0 for t in tools}
        for _ in range(args.runs):
            for tool in tools:
                if tool == "tracewise":
                    seconds, cpu_seconds, peak = tracewise_once(step, paths[fmt])
                else:
                    seconds, cpu_seconds, peak = peer_once(PEERS[(step, fmt, tool)], paths[fmt])
                times[tool].append(seconds)
                cpu[tool].append(cpu_seconds)
                rss[tool] = max(rss[tool], peak)
        print(f"\n{step} ({fmt}, {os.path.getsize(paths[fmt]) / 1e6:.1f} MB):", flush=True)
        ours, ours_cpu = min(times["tracewise"]), min(cpu["tracewise"])
        for tool in tools:
            best, best_cpu = min(times[tool]), min(cpu[tool])
            ratio = "" if tool == "tracewise" else (f"  tracewise/{tool} = {ours / best:.3f} wall ({best / ours:.1f}x faster),"
                                                    f" {ours_cpu / best_cpu:.3f} CPU")
            print(f"  {tool:10s} best {best:8.3f}s  median {statistics.median(times[tool]):8.3f}s  CPU {best_cpu:8.3f}s"
                  f"  peak RSS {rss[tool]:7.0f} MB{ratio}", flush=True)
            results[f"{step}/{fmt}/{tool}"] = {"best": best, "median": statistics.median(times[tool]), "cpuBest": best_cpu,
                                               "peakRSSMB": rss[tool]}
    print("\n" + json.dumps(results, sort_keys=True))


if __name__ == "__main__":
    main()
