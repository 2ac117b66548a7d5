#!/bin/sh
# nvim-test.sh — the Neovim stage of `make test`: copies the bundled OCR example
# into a scratch folder (with a .korrektur.json showing hints, so unknown words
# appear and :KorrekturAddWord can be tried) and runs tests/editors/nvim_test.lua
# in headless Neovim against $KORREKTUR_BIN. Its last line is "N passed, N failed".
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
bin=${KORREKTUR_BIN:-$repo/build/korrektur}
fixture=${KORREKTUR_FIXTURE:-$repo/tests/fixtures/demo.ocr.txt}
case $bin in /*) ;; *) bin=$repo/$bin ;; esac

if ! command -v nvim >/dev/null 2>&1; then
    echo "nvim-test: installing Debian's neovim" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null 2>&1 || true
    apt-get install -y -qq --no-install-recommends neovim >/dev/null 2>&1
fi
for f in "$bin" "$fixture"; do
    if [ ! -e "$f" ]; then
        echo "nvim-test: $f is missing"
        echo "0 passed, 1 failed"
        exit 1
    fi
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/doc"
cp "$fixture" "$tmp/doc/demo.ocr.txt"
printf '{"minSeverity": "hint"}\n' >"$tmp/doc/.korrektur.json"

cd "$repo"
KORREKTUR_BIN=$bin KORREKTUR_DOC=$tmp/doc/demo.ocr.txt HOME=$tmp XDG_STATE_HOME=$tmp/state \
    timeout 120 nvim --headless -u tests/editors/minimal_init.lua \
    -c 'luafile tests/editors/nvim_test.lua' 2>&1 | tr -d '\r' >"$tmp/log" || true
status_line=$(tail -n 1 "$tmp/log")
cat "$tmp/log"
case $status_line in
*" passed, 0 failed") exit 0 ;;
*" passed, "*" failed") exit 1 ;;
*) echo "nvim-test: Neovim ended without a summary (crash or timeout)"; echo "0 passed, 1 failed"; exit 1 ;;
esac
