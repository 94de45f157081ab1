#!/usr/bin/env bash
# The test command (README, .ci/run): the package's test suite in release, then every fuzz target of Fuzz/
# (libFuzzer + AddressSanitizer) for FUZZ_SECONDS (default 60) each, two at a time on the two cores.
# FUZZ_SECONDS=0 skips fuzzing (Linux only: the fuzzers need the toolchain's compiler-rt).
set -euo pipefail
cd "$(dirname "$0")/.."

swift test -c release
if [ "${FUZZ_SECONDS:-60}" != 0 ]; then
    Fuzz/run.sh all "${FUZZ_SECONDS:-60}"
fi
