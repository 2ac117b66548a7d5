#!/bin/sh
# asan-stage.sh BUILD NAME... — the sanitizer test stage: the Criterion suite and
# every fuzz corpus, built with AddressSanitizer + UBSan (and LeakSanitizer at
# exit) in BUILD. Criterion's own summary line is renamed so tests/run-stages.sh
# reads only the combined "N passed, N failed" line at the end.
build=$1
shift
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:halt_on_error=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
export KR_TEST_SANITIZED=1 # skips the 50 MB lint (the unit stage runs it unsanitized)
export LSAN_OPTIONS="suppressions=$(pwd)/tests/fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
log=$(mktemp)
(cd tests && "../$build/tests/unit" --jobs 2) >"$log" 2>&1
rc=$?
sed 's/Synthesis:/asan unit summary:/' "$log"
synth=$(grep -E 'Synthesis: Tested: [0-9]+' "$log" | tail -n 1)
rm -f "$log"
up=$(printf '%s\n' "$synth" | sed -nE 's/.*Passing: ([0-9]+).*/\1/p')
uf=$(printf '%s\n' "$synth" | sed -nE 's/.*Failing: ([0-9]+).*Crashing: ([0-9]+).*/\1 \2/p' | awk '{print $1 + $2}')
[ -n "$up" ] || up=0
[ -n "$uf" ] || uf=0
if [ "$rc" -ne 0 ] && [ "$uf" -eq 0 ]; then uf=1; fi
out=$(sh tests/fuzz/replay.sh "$build/fuzz" "$@" 2>&1)
printf '%s\n' "$out" | sed 's/^fuzz corpora:/asan fuzz corpora:/'
line=$(printf '%s\n' "$out" | tail -n 1)
fp=$(printf '%s\n' "$line" | sed -nE 's/.*: ([0-9]+) passed.*/\1/p')
ff=$(printf '%s\n' "$line" | sed -nE 's/.* ([0-9]+) failed.*/\1/p')
[ -n "$fp" ] || fp=0
[ -n "$ff" ] || ff=1
echo "asan: $((up + fp)) passed, $((uf + ff)) failed"
[ $((uf + ff)) -eq 0 ]
