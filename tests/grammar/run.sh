#!/bin/sh
# run.sh BUILD [TREE_SITTER] — the `grammar` test stage: the corpus cases through
# the compiled parser, the benchmark and fuzzing (over the shared corpus files when
# ../shared is there), and, when a tree-sitter CLI runs, a check that the committed
# src/parser.c is what grammar.js generates. Ends with "N passed, N failed".
build=$1
ts=${2:-tree-sitter}
pass=0
fail=0
add() { # adds the "N passed, N failed" last line of a log
    line=$(grep -E '[0-9]+ passed, [0-9]+ failed' "$1" | tail -n 1)
    p=$(echo "$line" | sed -E 's/.*([^0-9]|^)([0-9]+) passed.*/\2/')
    f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
    [ -n "$line" ] || { p=0; f=1; }
    pass=$((pass + p))
    fail=$((fail + f))
}
log=$(mktemp)
"$build/tests/grammar/corpus" grammar/test/corpus/*.txt >"$log" 2>&1
cat "$log"; add "$log"

files=
for f in ../shared/corpus/seed/*.txt ../shared/corpus/dev/*.txt tests/fixtures/*.txt; do
    [ -e "$f" ] && files="$files $f"
done
# shellcheck disable=SC2086
"$build/tests/grammar/bench" --quick $files >"$log" 2>&1
cat "$log"; add "$log"

if command -v "$ts" >/dev/null 2>&1; then
    tmp=$(mktemp -d)
    cp -r grammar/grammar.js grammar/package.json "$tmp/"
    if (cd "$tmp" && "$ts" generate --abi 14 --no-bindings >/dev/null 2>&1) &&
        cmp -s "$tmp/src/parser.c" grammar/src/parser.c; then
        echo "grammar: src/parser.c is up to date with grammar.js"
        pass=$((pass + 1))
    else
        echo "FAIL: grammar/src/parser.c is not what grammar.js generates (run make grammar)"
        fail=$((fail + 1))
    fi
    rm -rf "$tmp"
else
    echo "grammar: no tree-sitter CLI ($ts): skipping the parser.c freshness check"
fi
rm -f "$log"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
