#!/usr/bin/env python3
"""CPU per exception of the exception workers AND of PostgreSQL (issue 13), for one configuration.

`storage.py` reports the workers' own CPU; on a 2-core machine the rate is bounded by the workers' CPU plus the
database's, so this script also sums the CPU of every `postgres` process on the machine (backends, and the
postmaster's reaped children) from /proc before and after the run. Use a PostgreSQL cluster nobody else is using
during the run, on this machine (loopback), or the PostgreSQL figure counts other work too (autovacuum and
checkpoints of earlier runs can add to it: repeat the run).

Usage:
    swift build -c release --product tracewise
    TRACEWISE_POSTGRES_URL=postgres://… python3 Benchmarks/peers/worker_cpu.py [--exceptions N] [--workers W]
        [--concurrency C] [--batch-size B] [--perf]
Prints `<exceptions/s> worker <µs> pg <µs>` per exception. `--perf` wraps each worker in `perf record -g` (use one
worker) and leaves perf.data in the current directory.
"""
import argparse
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import storage  # noqa: E402  (the same packs, exceptions and binary as storage.py)


def postgres_cpu_seconds():
    """User + system CPU of every process named postgres*, with its reaped children's."""
    total = 0
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/comm") as f:
                if not f.read().startswith("postgres"):
                    continue
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += sum(int(x) for x in fields[11:15])
        except OSError:
            continue
    return total / os.sysconf("SC_CLK_TCK")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--exceptions", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--perf", action="store_true")
    args = parser.parse_args()
    store = os.environ.get("TRACEWISE_POSTGRES_URL")
    if not store:
        sys.exit("set TRACEWISE_POSTGRES_URL (a PostgreSQL the benchmark may write to)")
    with tempfile.TemporaryDirectory() as directory:
        storage.submit_exceptions(store, args.exceptions, directory, prefix="cpu")
        command = [storage.TRACEWISE, "worker", "--store", store, "--concurrency", str(args.concurrency),
                   "--batch-size", str(args.batch_size), "--exit-when-idle"]
        if args.perf:
            command = ["perf", "record", "-F", "999", "-g", "--"] + command
        database_before = postgres_cpu_seconds()
        wall, workers = storage.run_workers(command, args.workers)
        database = postgres_cpu_seconds() - database_before
    n = args.exceptions
    print(f"{n / wall:.0f}/s worker {workers * 1e6 / n:.0f} us pg {database * 1e6 / n:.0f} us")


if __name__ == "__main__":
    main()
