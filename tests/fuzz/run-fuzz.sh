#!/bin/sh
# run-fuzz.sh BUILD SECONDS JOBS NAME... — `make fuzz`: runs each libFuzzer
# harness BUILD/fuzz/fuzz_NAME for SECONDS from its committed seed corpus, keeping
# what it learns in BUILD/corpus/NAME and any crash in BUILD/crashes/, and prints
# the executions each reached. Exits 1 when any harness found something.
build=$1 secs=$2 jobs=$3
shift 3
mkdir -p "$build/crashes"
status=0
export ASAN_OPTIONS="detect_leaks=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
for name in "$@"; do
    mkdir -p "$build/corpus/$name"
    dict=
    [ -f "tests/fuzz/$name.dict" ] && dict="-dict=tests/fuzz/$name.dict"
    par=
    [ "$jobs" -gt 1 ] && par="-fork=$jobs -ignore_crashes=0"
    # FUZZ_KEEP_GOING=1: fuzz the whole time past known findings (fork mode keeps
    # every crash in $build/crashes and goes on)
    [ -n "$FUZZ_KEEP_GOING" ] && par="-fork=$jobs -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1"
    log="$build/fuzz-$name.log"
    # a fuzzed rootUri may name any folder, and the server writes its dictionary
    # file there: as root, the language server harness runs as nobody
    as=
    if [ "$name" = lsp ] && [ "$(id -u)" = 0 ]; then
        chown -R 65534:65534 "$build/corpus/$name" "$build/crashes"
        as="setpriv --reuid=65534 --regid=65534 --clear-groups --"
    fi
    echo "== fuzz $name for ${secs}s (log: $log)"
    $as "$build/fuzz/fuzz_$name" -max_total_time="$secs" -timeout=20 -rss_limit_mb=3072 \
        -max_len="${FUZZ_MAX_LEN:-8192}" -print_final_stats=1 $par \
        -artifact_prefix="$build/crashes/$name-" $dict \
        "$build/corpus/$name" "tests/fuzz/corpus/$name" >"$log" 2>&1
    rc=$?
    execs=$(grep -E 'stat::number_of_executed_units' "$log" | awk '{s += $2} END {print s + 0}')
    if [ "$execs" = 0 ]; then # fork mode: the last "#N" status line counts them all
        execs=$(grep -E '^#[0-9]+' "$log" | tail -n 1 | sed -E 's/^#([0-9]+).*/\1/')
    fi
    crashes=$(ls "$build/crashes" 2>/dev/null | grep -c "^$name-")
    cov=$(grep -E '^#[0-9]+' "$log" | tail -n 1 | sed -nE 's/.*cov: ([0-9]+).*/\1/p')
    if [ "$rc" -ne 0 ]; then
        status=1
        grep -E 'ERROR|SUMMARY|fuzz_[a-z]+:|Test unit written' "$log" | head -n 20
        echo "$name: FOUND SOMETHING after $execs executions (see $log)"
    else
        echo "$name: $execs executions, coverage $cov, $crashes crash files in $build/crashes"
    fi
done
exit $status
