#!/usr/bin/env python3
"""Times the storage layer (issue 13) side by side in one run, with the release `tracewise` binary:

1. Ingest: `tracewise logs import LOG --store S` into SQLite and PostgreSQL; events/s = events / (the run's
   compute time from `--timings` - the same command's compute time on the 42-event running example). The
   subtraction removes process start and opening the store, so the rate is the writing of the log; the file
   parse is reported apart. The raw rate (nothing subtracted) is printed too.
2. DFG + variants of a stored log: pushed down in PostgreSQL (`tracewise dfg NAME --store postgres://…` and
   `tracewise stats NAME --store …`, computed in the database; the queries' time from `--timings`, and in
   parentheses the two whole processes, start and connection included) vs loading the log from SQLite and
   computing in memory vs loading the log into memory (`dfg LOG` +
   `stats LOG`: the file read, then the computation) vs PM4Py on the same file (`discover_dfg`,
   `discover_performance_dfg`, `get_variants` on the loaded log; its import is reported apart).
3. Exceptions/s: `tracewise exceptions submit` N generated exceptions, then 1 and 3 `tracewise worker
   --exit-when-idle` processes work them, each with every `--worker-shapes` (loops x batch size: 4 x 32, the
   default, and 2 x 64); the rate is N / the workers' wall time, best of R runs. Each
   exception is a dry run through the whole pipeline (no tool is called), with its outcome, status history,
   job completion and audit chain committed in one transaction. `--worker-memory both` measures each with the
   workers' similar-case memory in their processes (`--memory process`) and in the store (`--memory store`, the
   default: shared, loaded, refreshed, written in the job's commit) — the cost of the shared memory. The workers'
   CPU time per exception (user + system, from the processes' resource usage) is printed beside the rate: on a
   machine shared with other work it varies much less than the wall-clock rate.

Logs: BPIC 2012 (../shared/datasets/bpic2012.xes.gz) and a generated 1.2M-event order-to-cash log
(`tracewise generate --events 1200000 --seed 1`, CSV). Prints best-of-R seconds and the issue's targets
(ingest >= 300k events/s into PostgreSQL; DFG + variants of the 1.2M-event log in PostgreSQL <= 2 s;
>= 5,000 exceptions/s with 3 workers).

Usage (PostgreSQL from TRACEWISE_POSTGRES_URL; each run uses fresh tenants, so the database may be reused):
    swift build -c release --product tracewise
    Benchmarks/peers/install.sh
    TRACEWISE_POSTGRES_URL=postgres://… Benchmarks/peers/.venv/bin/python Benchmarks/peers/storage.py [--runs R] [--exceptions N] [--skip-logs]
        [--worker-memory store|process|both]
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
TRACEWISE = os.path.join(ROOT, ".build", "release", "tracewise")
BPIC = os.path.join(os.path.dirname(ROOT), "shared", "datasets", "bpic2012.xes.gz")
TINY = os.path.join(os.path.dirname(ROOT), "shared", "datasets", "running-example.xes")

PM4PY_SNIPPET = r"""
import json, sys, time, warnings
warnings.filterwarnings("ignore")
import pandas as pd, pm4py
path, runs = sys.argv[1], int(sys.argv[2])
start = time.perf_counter()
if path.endswith(".csv") or path.endswith(".csv.gz"):
    log = pm4py.format_dataframe(pd.read_csv(path), case_id="case:concept:name", activity_key="concept:name",
                                 timestamp_key="time:timestamp")
else:
    log = pm4py.read_xes(path)
imported = time.perf_counter() - start
best = float("inf")
for _ in range(runs):
    start = time.perf_counter()
    pm4py.discover_dfg(log)
    pm4py.discover_performance_dfg(log)
    variants = pm4py.get_variants(log)
    best = min(best, time.perf_counter() - start)
print(json.dumps({"import": imported, "dfgVariants": best, "variants": len(variants)}))
"""


def tracewise(arguments, timings=True):
    """Runs the binary; returns (stdout, timings). Without a `--timings` line (a build older than the stored-log
    timings) the whole run's wall time counts as compute: an overestimate, never an underestimate."""
    start = time.perf_counter()
    done = subprocess.run([TRACEWISE] + arguments + (["--timings"] if timings else []), capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"tracewise {' '.join(arguments[:2])} failed: {done.stderr.strip()}")
    found = {"import": 0.0, "compute": wall, "output": 0.0}
    for line in done.stderr.splitlines():
        if line.startswith('{"timings"'):
            found = json.loads(line)["timings"]
    return done.stdout, found


def best_of(runs, measure):
    return min(measure() for _ in range(runs))


def import_overhead(store, runs):
    """Compute seconds of `logs import` of a 42-event log: process start and opening the store."""
    def once():
        _, t = tracewise(["logs", "import", TINY, "--store", store, "--tenant", "bench-" + uuid.uuid4().hex[:8], "--name", "tiny"])
        return t["compute"]
    return best_of(runs, once)


def log_figures(path, label, postgres, sqlite, runs):
    tenant = "bench-" + uuid.uuid4().hex[:8]
    figures = {"log": label}
    for store, key in [("sqlite:" + sqlite, "sqlite"), (postgres, "postgres")]:
        overhead = import_overhead(store, runs)
        out, t = tracewise(["logs", "import", path, "--store", store, "--tenant", tenant, "--name", label])
        events = json.loads(out)["events"]
        figures.update(events=events, parse=t["import"])
        figures[key + "Ingest"] = events / max(1e-9, t["compute"] - overhead)
        figures[key + "IngestRaw"] = events / t["compute"]

    def pushed_down():
        start = time.perf_counter()
        _, dfg = tracewise(["dfg", label, "--store", postgres, "--tenant", tenant, "--format", "json"])
        _, stats = tracewise(["stats", label, "--store", postgres, "--tenant", tenant, "--format", "json"])
        return dfg["compute"] + stats["compute"], time.perf_counter() - start

    def from_sqlite():
        _, dfg = tracewise(["dfg", label, "--store", "sqlite:" + sqlite, "--tenant", tenant, "--format", "json"])
        _, stats = tracewise(["stats", label, "--store", "sqlite:" + sqlite, "--tenant", tenant, "--format", "json"])
        return dfg["import"] + dfg["compute"] + stats["import"] + stats["compute"]

    def in_memory():
        _, dfg = tracewise(["dfg", path, "--format", "json"])
        _, stats = tracewise(["stats", path, "--format", "json"])
        return (dfg["import"] + stats["import"]) / 2, dfg["compute"] + stats["compute"]

    pushed = [pushed_down() for _ in range(runs)]
    figures["pushDown"] = min(p[0] for p in pushed)
    figures["pushDownProcesses"] = min(p[1] for p in pushed)
    figures["sqliteLoadAndCompute"] = best_of(runs, from_sqlite)
    memory = [in_memory() for _ in range(runs)]
    figures["memoryLoad"] = min(m[0] for m in memory)
    figures["memoryCompute"] = min(m[1] for m in memory)
    peer = subprocess.run([sys.executable, "-c", PM4PY_SNIPPET, path, str(runs)], capture_output=True, text=True)
    if peer.returncode == 0:
        pm = json.loads(peer.stdout)
        figures["pm4pyImport"], figures["pm4pyDfgVariants"] = pm["import"], pm["dfgVariants"]
    else:
        print(f"PM4Py failed on {label}: {peer.stderr.strip()[-400:]}", file=sys.stderr)
    return figures


DOMAIN = """{"domainName": "payments", "version": "1.0.0", "description": "Stuck payments (benchmark).",
 "exceptionTypes": [{"name": "PAYMENT_STUCK", "description": "A payment is stuck.", "defaultSeverity": "LOW",
                     "fields": [{"name": "paymentId", "type": "string", "required": true}]}],
 "tools": [{"name": "release_payment", "description": "Releases the payment.", "version": "1.0.0",
            "arguments": {"type": "object", "properties": {"paymentId": {"type": "string"}}, "required": ["paymentId"]},
            "transport": {"type": "http", "endpoint": "http://127.0.0.1:9/release", "method": "POST"},
            "timeoutMs": 1000, "maxRetries": 0, "idempotent": false}],
 "playbooks": [{"id": "release", "name": "Release", "exceptionTypes": ["PAYMENT_STUCK"],
                "steps": [{"id": "release", "tool": "release_payment", "arguments": {"paymentId": "{{payload.paymentId}}"}}]}]}"""


def submit_exceptions(store, count, directory, prefix="bench"):
    """Writes the payments packs and `count` PAYMENT_STUCK exceptions of a fresh tenant into `directory` and submits
    them to `store`; returns the submit's wall seconds and the tenant."""
    tenant = f"{prefix}-" + uuid.uuid4().hex[:8]
    domain, tenant_pack, inputs = (os.path.join(directory, f"{tenant}-{n}.json") for n in ("domain", "tenant", "exceptions"))
    with open(domain, "w") as f:
        f.write(DOMAIN)
    with open(tenant_pack, "w") as f:
        json.dump({"tenantId": tenant, "domainName": "payments", "version": "1.0.0", "domainVersion": "^1.0.0",
                   "approvedBusinessProcesses": ["release"], "toolsAllowList": [{"tool": "release_payment"}],
                   "maxAutoRetries": 0, "escalateIfConfidenceBelow": 0}, f)
    with open(inputs, "w") as f:
        json.dump([{"exceptionId": f"PAY-{i:06d}", "tenantId": tenant, "sourceSystem": "gateway",
                    "exceptionType": "PAYMENT_STUCK", "timestamp": "2026-11-10T10:00:00Z",
                    "payload": {"paymentId": f"P-{i}"}} for i in range(count)], f)
    start = time.perf_counter()
    tracewise(["exceptions", "submit", "--store", store, "--domain-pack", domain, "--tenant-pack", tenant_pack,
               "--input", inputs], timings=False)
    return time.perf_counter() - start, tenant


def run_workers(command, workers):
    """Starts `workers` copies of `command` and waits for all; returns their wall seconds and their CPU seconds
    (user + system, from the children's resource usage). Exits naming the first worker that failed."""
    start = time.perf_counter()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    processes = [subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for _ in range(workers)]
    for process in processes:
        _, err = process.communicate()
        if process.returncode != 0:
            sys.exit(f"worker failed: {err.decode(errors='replace')}")
    worked = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return worked, (after.ru_utime - children.ru_utime) + (after.ru_stime - children.ru_stime)


def exception_rate(store, workers, count, directory, memory="store", concurrency=4, batch=32):
    submitted, tenant = submit_exceptions(store, count, directory)
    worked, cpu = run_workers([TRACEWISE, "worker", "--store", store, "--concurrency", str(concurrency),
                               "--batch-size", str(batch), "--exit-when-idle", "--memory", memory], workers)
    out, _ = tracewise(["exceptions", "list", "--store", store, "--tenant", tenant, "--format", "json"], timings=False)
    finished = len(json.loads(out))
    if finished != count:
        sys.exit(f"{finished} of {count} exceptions finished")
    return count / submitted, count / worked, cpu * 1000 / count


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (best is reported)")
    parser.add_argument("--events", type=int, default=1_200_000, help="events of the generated log")
    parser.add_argument("--exceptions", type=int, default=5_000, help="exceptions per worker measurement (0: skip)")
    parser.add_argument("--skip-bpic", action="store_true", help="only the generated log")
    parser.add_argument("--skip-logs", action="store_true", help="only the exceptions/s part")
    parser.add_argument("--worker-memory", choices=["store", "process", "both"], default="store",
                        help="where the workers' similar-case memory lives (both: each measurement with process, then store)")
    parser.add_argument("--worker-shapes", default="4x32,2x64",
                        help="each worker's --concurrency x --batch-size, comma-separated (4x32 is the default; 2x64 "
                             "suits 3 workers on 2 cores: fewer, larger batches)")
    args = parser.parse_args()
    postgres = os.environ.get("TRACEWISE_POSTGRES_URL")
    if not postgres:
        sys.exit("set TRACEWISE_POSTGRES_URL (a PostgreSQL the benchmark may write to)")
    if not os.path.exists(TRACEWISE):
        sys.exit(f"{TRACEWISE} is missing: swift build -c release --product tracewise")

    with tempfile.TemporaryDirectory() as directory:
        logs = [(BPIC, "bpic2012")] if os.path.exists(BPIC) and not args.skip_bpic and not args.skip_logs else []
        if not args.skip_logs:
            generated = os.path.join(directory, f"generated-{args.events}.csv")
            tracewise(["generate", "--events", str(args.events), "--seed", "1", generated], timings=False)
            logs.append((generated, f"generated-{args.events // 1000}k"))
        print(f"{'log':16} {'events':>9} {'parse s':>8} {'SQLite ev/s (raw)':>20} {'PG ev/s (raw)':>20} | DFG+variants s: "
              f"{'PG push-down (processes)':>24} {'SQLite load+mem':>15} {'mem (load)':>16} {'PM4Py (import)':>18}")
        for path, label in logs:
            f = log_figures(path, label, postgres, os.path.join(directory, f"{label}.sqlite"), args.runs)
            pm = f"{f['pm4pyDfgVariants']:.3f} ({f['pm4pyImport']:.1f})" if "pm4pyDfgVariants" in f else "n/a"
            print(f"{label:16} {f['events']:9d} {f['parse']:8.2f} {f['sqliteIngest']:10,.0f} ({f['sqliteIngestRaw']:7,.0f}) "
                  f"{f['postgresIngest']:10,.0f} ({f['postgresIngestRaw']:7,.0f}) | "
                  f"{'':15}{f['pushDown']:12.3f} ({f['pushDownProcesses']:9.3f}) {f['sqliteLoadAndCompute']:15.3f} "
                  f"{f['memoryCompute']:7.3f} ({f['memoryLoad']:5.2f}) {pm:>18}")
        if args.exceptions == 0:
            return
        print()
        print(f"exceptions (dry run, {args.exceptions} per run, best of {args.runs}): {'store':10} {'workers':>7} {'memory':>7} "
              f"{'loops x batch':>13} {'submit/s':>9} {'worked/s':>9} {'worker CPU ms/exception':>24}")
        shapes = [tuple(int(n) for n in shape.split("x")) for shape in args.worker_shapes.split(",")]
        memories = ["process", "store"] if args.worker_memory == "both" else [args.worker_memory]
        for store, name in [(postgres, "PostgreSQL"), ("sqlite:" + os.path.join(directory, "queue.sqlite"), "SQLite")]:
            for workers in (1, 3):
                for memory in memories:
                    for concurrency, batch in shapes:
                        submit, work, cpu = max((exception_rate(store, workers, args.exceptions, directory, memory,
                                                                concurrency, batch) for _ in range(args.runs)),
                                                key=lambda rate: rate[1])
                        print(f"{'':45}{name:10} {workers:7d} {memory:>7} {concurrency:>6} x {batch:<4} {submit:9,.0f} "
                              f"{work:9,.0f} {cpu:24.3f}")
    print("\ntargets: ingest >= 300,000 events/s into PostgreSQL; DFG + variants of the 1.2M-event log pushed down "
          "<= 2 s; >= 5,000 exceptions/s with 3 workers")


if __name__ == "__main__":
    main()
