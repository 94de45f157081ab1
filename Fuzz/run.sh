#!/usr/bin/env bash
# Coverage-guided fuzzing of every Tracewise parser that reads untrusted bytes (libFuzzer + AddressSanitizer).
#
#   Fuzz/run.sh TARGET SECONDS   fuzz one target for SECONDS
#   Fuzz/run.sh all SECONDS      every target for SECONDS each, JOBS (default 2) at a time
#   Fuzz/run.sh list             the targets
#
# Builds Fuzz/ (debug, -sanitize=fuzzer,address, linked with lld) once, then seeds each target's corpus at run
# time from ../shared (when present) and the repository's own fixtures: nothing from ../shared is copied into the
# repository. Inputs under Fuzz/Regressions/TARGET (crashes found earlier, each also a test case in the package's
# test suite) are replayed first as part of the seed corpus. A crash, a broken invariant, a hang (> 20 s on one
# input) or a blow-up past 2 GB fails the run and leaves the input in Fuzz/.artifacts/TARGET/: add it under
# Fuzz/Regressions/TARGET, add a test case and fix the parser. Linux only (the toolchain's compiler-rt libFuzzer).
set -euo pipefail
cd "$(dirname "$0")"
FUZZ=$(pwd)
SELF="$FUZZ/$(basename "$0")"
ROOT=$(cd .. && pwd)
SHARED="$ROOT/../shared"

usage() { echo "usage: Fuzz/run.sh TARGET|all SECONDS   |   Fuzz/run.sh list" >&2; exit 2; }

build() {
    echo "== building tracewise-fuzz (-sanitize=fuzzer,address)" >&2
    local start=$SECONDS
    swift build --package-path "$FUZZ" --product tracewise-fuzz --toolset "$FUZZ/toolset.json" \
        -Xswiftc -sanitize=fuzzer,address >&2
    echo "== built in $((SECONDS - start)) s" >&2
}

binary() { echo "$(swift build --package-path "$FUZZ" --show-bin-path)/tracewise-fuzz"; }

# seed TARGET DIR: the target's starting inputs, made fresh on every run.
seed() {
    local target=$1 dir=$2 file
    rm -rf "$dir" && mkdir -p "$dir"
    local datasets="$SHARED/datasets"
    [ -d "$datasets" ] || echo "note: $SHARED is absent; $target is seeded from the repository's fixtures only" >&2
    case $target in
        xes|xes-lenient)
            if [ -d "$datasets" ]; then
                cp "$datasets/running-example.xes" "$dir/"
                gzip -c "$datasets/running-example.xes" > "$dir/running-example.xes.gz"
                for file in "$datasets"/*.xes.gz; do
                    gzip -dc "$file" | head -c 16384 > "$dir/$(basename "$file" .gz).head" || true
                done
            fi ;;
        csv)
            if [ -d "$datasets" ]; then
                cp "$datasets/running-example.csv" "$dir/"
                gzip -dc "$datasets/receipt.csv.gz" | head -c 16384 > "$dir/receipt.csv.head" || true
            fi ;;
        pnml)
            if [ -d "$datasets" ]; then
                for file in "$datasets"/*.pnml "$SHARED"/reference/*/*.pnml; do
                    [ "$(stat -c %s "$file")" -le 65536 ] && cp "$file" "$dir/$(basename "$(dirname "$file")")-$(basename "$file")"
                done
            fi ;;
        ptml) [ -d "$datasets" ] && cp "$datasets"/*.ptml "$dir/" ;;
        pack-json) for file in "$ROOT"/Examples/Packs/*/*.json; do cp "$file" "$dir/$(basename "$(dirname "$file")")-$(basename "$file")"; done ;;
        pack-yaml) for file in "$ROOT"/Examples/Packs/*/*.yaml; do cp "$file" "$dir/$(basename "$(dirname "$file")")-$(basename "$file")"; done ;;
        ocel-json) [ -d "$datasets" ] && cp "$datasets"/ocel/*.jsonocel "$dir/" ;;
        ocel-xml) [ -d "$datasets" ] && cp "$datasets"/ocel/*.xmlocel "$dir/" ;;
    esac
    if [ -d "$FUZZ/Seeds/$target" ]; then cp "$FUZZ/Seeds/$target"/* "$dir/"; fi
    if [ -d "$FUZZ/Regressions/$target" ]; then cp "$FUZZ/Regressions/$target"/* "$dir/"; fi
    return 0
}

# fuzz TARGET SECONDS: one libFuzzer run; prints a one-line summary, the log's tail on failure.
fuzz() {
    local target=$1 seconds=$2 bin
    bin=$(binary)
    local corpus="$FUZZ/.corpus/$target" seeds="$FUZZ/.seeds/$target" artifacts="$FUZZ/.artifacts/$target/"
    local log="$FUZZ/.artifacts/$target.log"
    mkdir -p "$corpus" "$artifacts"
    seed "$target" "$seeds"
    local status=0
    SWIFT_BACKTRACE=enable=no ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}" "$bin" "$target" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -detect_leaks=0 \
        -max_len=16384 -print_final_stats=1 -artifact_prefix="$artifacts" "$corpus" "$seeds" > "$log" 2>&1 || status=$?
    local runs speed cover
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    cover=$(grep -Eo 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' "$log" | tail -1)
    if [ "$status" -eq 0 ]; then
        printf '%-15s ok      %ss  %s inputs  %s/s  %s\n' "$target" "$seconds" "${runs:-?}" "${speed:-?}" "${cover:-}"
    else
        printf '%-15s FAILED  exit %s after %s inputs; input kept in %s\n' "$target" "$status" "${runs:-?}" "$artifacts"
        grep -E 'ERROR|Fatal error|invariant broken|==[0-9]+==|Test unit written|SUMMARY' "$log" | head -20
        tail -30 "$log"
    fi
    return "$status"
}

case ${1:-} in
    list)
        [ -x "$(binary)" ] || build
        "$(binary)" list ;;
    --one)
        fuzz "$2" "$3" ;;
    all)
        [ $# -eq 2 ] || usage
        build
        started=$SECONDS
        "$(binary)" list | cut -f1 | xargs -P "${JOBS:-2}" -I{} "$SELF" --one {} "$2" || { echo "fuzzing found problems (see above)" >&2; exit 1; }
        echo "== every target fuzzed for $2 s, $((SECONDS - started)) s in all" >&2 ;;
    '' | -h | --help) usage ;;
    *)
        [ $# -eq 2 ] || usage
        build
        fuzz "$1" "$2" ;;
esac
