#!/bin/sh
# replay.sh DIR NAME... — runs DIR/replay_NAME over tests/fuzz/corpus/NAME/ for
# each harness (no fuzzing) and ends with one "N passed, N failed" line.
# $KR_FUZZ_WRAP, when set, is a command to run the driver under (valgrind).
dir=$1
shift
pass=0
fail=0
for name in "$@"; do
    out=$($KR_FUZZ_WRAP "$dir/replay_$name" "tests/fuzz/corpus/$name" 2>&1)
    rc=$?
    printf '%s\n' "$out" | tail -n 30
    line=$(printf '%s\n' "$out" | grep -E '[0-9]+ passed, [0-9]+ failed' | tail -n 1)
    p=$(printf '%s\n' "$line" | sed -nE 's/.*: ([0-9]+) passed.*/\1/p')
    f=$(printf '%s\n' "$line" | sed -nE 's/.* ([0-9]+) failed.*/\1/p')
    [ -n "$p" ] || p=0
    [ -n "$f" ] || f=0
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
    pass=$((pass + p))
    fail=$((fail + f))
done
echo "fuzz corpora: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
