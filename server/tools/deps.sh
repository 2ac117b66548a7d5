#!/bin/sh
# deps.sh — installs the Debian packages korrektur needs, and only the missing ones.
# Each line of NEEDS is "package test": the test (a pkg-config module, a file, or a
# command) decides whether the package is already there. No other network fetch.
set -eu
NEEDS='
libtree-sitter-dev   pc:tree-sitter
libhunspell-dev      pc:hunspell
hunspell-da          file:/usr/share/hunspell/da_DK.dic
libjansson-dev       pc:jansson
libcriterion-dev     pc:criterion
libhyphen-dev        file:/usr/include/hyphen.h
hyphen-da            file:/usr/share/hyphen/hyph_da_DK.dic
tesseract-ocr-dan    file:/usr/share/tesseract-ocr/5/tessdata/dan.traineddata
tesseract-ocr        cmd:combine_tessdata
pkg-config           cmd:pkg-config
python3              cmd:python3
wamerican            file:/usr/share/dict/american-english
'
have() {
    case $1 in
        pc:*) pkg-config --exists "${1#pc:}" 2>/dev/null ;;
        file:*) [ -e "${1#file:}" ] ;;
        cmd:*) command -v "${1#cmd:}" >/dev/null 2>&1 ;;
    esac
}
missing=$(printf '%s\n' "$NEEDS" | while read -r pkg test; do
    [ -n "$pkg" ] || continue
    have "$test" || printf '%s ' "$pkg"
done)
[ -n "$missing" ] || exit 0
echo "deps: installing $missing" >&2
SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
# An old package list finds nothing: refresh it once before installing.
$SUDO apt-get update -qq >&2 || true
# shellcheck disable=SC2086
if ! $SUDO apt-get install -y -qq --no-install-recommends $missing >&2; then
    echo "deps: could not install: $missing (install them with apt-get and try again)" >&2
    exit 1
fi
