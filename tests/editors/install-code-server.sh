#!/usr/bin/env bash
# install-code-server.sh — installs code-server (VS Code for the web) into a cache
# folder for the VS Code end-to-end test, plus playwright-core to drive it, and
# the Debian packages both need. Prints the code-server entry point on stdout.
#
# Everything comes from Debian or npm; code-server's own postinstall is skipped
# because it downloads ripgrep from GitHub, which is not reachable here. Instead we
# do its steps by hand (see issue 6): production installs of lib/vscode and its
# extensions, Debian's rg in place of the download, node-gyp builds of every
# native module against the local Node headers, the node_modules.asar link VS
# Code's loader expects, and argon2 (code-server's password hashing) built with
# N-API v3. A stamp file marks a finished install, so later runs cost nothing;
# a half-finished install (interrupted, failed) is removed and redone.
set -euo pipefail

VERSION=4.99.4
PLAYWRIGHT_VERSION=${PLAYWRIGHT_VERSION:-1.65.1}
CACHE=${KORREKTUR_E2E_CACHE:-$HOME/.cache/korrektur-e2e}
DIR=$CACHE/code-server-$VERSION
STAMP=$DIR/.korrektur-installed
CS=$DIR/node_modules/code-server
log() { echo "install-code-server: $*" >&2; }

# ---- Debian packages (only the missing ones) -----------------------------------
need_debs() {
    local missing=() pkg
    for pkg in chromium ripgrep libkrb5-dev libxkbfile-dev libsecret-1-dev libx11-dev \
        python3 g++ make fonts-dejavu-core; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed' || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    log "apt-get install ${missing[*]}"
    local sudo=
    [ "$(id -u)" = 0 ] || sudo=sudo
    export DEBIAN_FRONTEND=noninteractive
    local aptlog
    aptlog=$(mktemp)
    $sudo apt-get update -qq >"$aptlog" 2>&1 || true
    if ! $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >>"$aptlog" 2>&1; then
        tail -n 20 "$aptlog" >&2
        rm -f "$aptlog"
        return 1
    fi
    rm -f "$aptlog"
}

# node-gyp must not try to download Node headers: point it at the installed ones.
gyp_flags=()
for d in /usr /usr/local; do
    if [ -e "$d/include/node/node_api.h" ]; then gyp_flags=(--nodedir="$d"); break; fi
done

npm_i() { npm install --no-audit --no-fund --loglevel=error "$@" >&2; }

build_native() {
    # Every native module VS Code's server uses has a binding.gyp; build each one in place.
    local gyp dir
    while IFS= read -r gyp; do
        dir=$(dirname "$gyp")
        log "node-gyp rebuild in ${dir#"$CS"/}"
        (cd "$dir" && npx --yes node-gyp rebuild -j max "${gyp_flags[@]}" >&2)
    done < <(find "$1" -name binding.gyp -not -path '*/build/*' -not -path '*/test/*' \
        -not -path '*/deps/*' | sort)
}

install_code_server() {
    rm -rf "$DIR"
    mkdir -p "$DIR"
    echo '{"name":"korrektur-e2e-cache","private":true}' >"$DIR/package.json"
    export npm_config_unsafe_perm=true
    log "npm install code-server@$VERSION playwright-core@$PLAYWRIGHT_VERSION"
    (cd "$DIR" && npm_i --ignore-scripts "code-server@$VERSION" "playwright-core@$PLAYWRIGHT_VERSION")
    log "npm install in lib/vscode"
    (cd "$CS/lib/vscode" && npm_i --omit=dev --ignore-scripts)
    mkdir -p "$CS/lib/vscode/node_modules/@vscode/ripgrep/bin"
    cp /usr/bin/rg "$CS/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"
    build_native "$CS/lib/vscode/node_modules"
    ln -sfn node_modules "$CS/lib/vscode/node_modules.asar"
    log "npm install in lib/vscode/extensions"
    (cd "$CS/lib/vscode/extensions" && npm_i --omit=dev --ignore-scripts)
    # argon2 sits beside code-server (npm hoists it); build it with the N-API
    # version its loader looks for.
    local argon=$DIR/node_modules/argon2
    [ -d "$argon" ] || argon=$CS/node_modules/argon2
    log "building argon2"
    (cd "$argon" && npx --yes node-gyp rebuild -j max "${gyp_flags[@]}" --module_name=argon2 \
        --module_path=lib/binding/napi-v3 --napi_build_version=3 >&2 &&
        mkdir -p lib/binding/napi-v3 && cp build/Release/argon2.node lib/binding/napi-v3/)
    "$CS/out/node/entry.js" --version >/dev/null 2>&1 || node "$CS/out/node/entry.js" --version >&2
    date -u +%FT%TZ >"$STAMP"
}

need_debs
if [ ! -f "$STAMP" ]; then
    start=$(date +%s)
    install_code_server
    log "installed in $(($(date +%s) - start)) s into $DIR"
fi
echo "$CS/out/node/entry.js"
