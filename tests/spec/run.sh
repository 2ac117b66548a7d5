#!/bin/sh
# run.sh KORREKTUR — the spec corpus: each NAME.in.txt is a small document in the
# Q&A shape with one kind of damage (or none), NAME.fixed.txt what `korrektur fix`
# must make of it. Three checks per case: the fixed text is exactly the expected
# one, fixing it again changes nothing, and a case whose expected text equals its
# input (correct Danish) gets no warning from `check`. Ends with "N passed, N failed".
bin=${1:-build/korrektur}
here=$(dirname "$0")
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $1"; }
tmp=$(mktemp -d)
for input in "$here"/*.in.txt; do
    name=$(basename "$input" .in.txt)
    want="$here/$name.fixed.txt"
    "$bin" fix "$input" >"$tmp/once" 2>"$tmp/err"
    if cmp -s "$tmp/once" "$want"; then ok; else
        bad "$name: fix gives other text than $name.fixed.txt"
        diff -u "$want" "$tmp/once" | sed 's/^/    /'
    fi
    "$bin" fix "$tmp/once" >"$tmp/twice" 2>>"$tmp/err"
    if cmp -s "$tmp/once" "$tmp/twice"; then ok; else bad "$name: fix is not idempotent"; fi
    if cmp -s "$input" "$want"; then
        if "$bin" check "$input" >"$tmp/check"; then ok; else
            bad "$name: correct text got warnings"
            sed 's/^/    /' "$tmp/check"
        fi
    fi
done
rm -rf "$tmp"
echo "spec: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
