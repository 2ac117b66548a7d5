#!/bin/sh
# run-stages.sh — runs each test stage (`make test-stage-NAME`) and ends with one
# summary line, "korrektur: N passed, N failed", adding up Criterion's synthesis
# lines and the "N passed, N failed" last lines other stages print. A stage whose
# make fails without reporting a failure counts one failure more, so a broken
# stage can never pass silently.
total_pass=0
total_fail=0
bad=
for stage in "$@"; do
    echo "== test stage: $stage"
    log=$(mktemp)
    rcfile=$(mktemp)
    { make --no-print-directory "test-stage-$stage" 2>&1; echo $? >"$rcfile"; } | tee "$log"
    rc=$(cat "$rcfile")
    p=0
    f=0
    synth=$(grep -E 'Synthesis: Tested: [0-9]+' "$log" | tail -n 1)
    plain=$(grep -E '(^|: )[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
    if [ -n "$synth" ]; then
        p=$(echo "$synth" | sed -E 's/.*Passing: ([0-9]+).*/\1/')
        f=$(echo "$synth" | sed -E 's/.*Failing: ([0-9]+).*Crashing: ([0-9]+).*/\1 \2/' | awk '{print $1 + $2}')
    elif [ -n "$plain" ]; then
        p=$(echo "$plain" | sed -E 's/(.*: )?([0-9]+) passed.*/\2/')
        f=$(echo "$plain" | sed -E 's/.* ([0-9]+) failed.*/\1/')
    elif [ "$rc" -eq 0 ]; then
        p=1
    fi
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
    [ "$f" -eq 0 ] || bad="$bad $stage"
    total_pass=$((total_pass + p))
    total_fail=$((total_fail + f))
    rm -f "$log" "$rcfile"
done
[ -z "$bad" ] || echo "failing stages:$bad"
echo "korrektur: $total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
