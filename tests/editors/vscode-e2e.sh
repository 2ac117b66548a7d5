#!/usr/bin/env bash
# vscode-e2e.sh — the VS Code end-to-end stage (KORREKTUR_E2E=1): installs
# code-server 4.99.4 and playwright-core into a cache (install-code-server.sh),
# installs $KORREKTUR_VSIX into a fresh extensions folder, starts code-server on
# 127.0.0.1 with --auth none and a temporary --user-data-dir, and drives it in
# Debian's Chromium with tests/editors/vscode_e2e.js. Last line: "N passed, N failed".
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
bin=${KORREKTUR_BIN:-$repo/build/korrektur}
vsix=${KORREKTUR_VSIX:-$repo/build/korrektur.vsix}
shots=${KORREKTUR_SHOT_DIR:-$repo/build}
fixture=${KORREKTUR_FIXTURE:-$repo/tests/fixtures/demo.ocr.txt}
fail() { echo "vscode-e2e: $*"; echo "0 passed, 1 failed"; exit 1; }

t0=$(date +%s)
entry=$(bash "$here/install-code-server.sh") || fail "could not install code-server"
t1=$(date +%s)
echo "vscode-e2e: code-server ready in $((t1 - t0)) s ($entry)"
node_modules=$(cd "$(dirname "$entry")/../../.." && pwd) # the cache's node_modules
for f in "$bin" "$vsix" "$fixture"; do [ -e "$f" ] || fail "$f is missing"; done

tmp=$(mktemp -d)
server_pid=
cleanup() {
    # code-server runs in its own session (setsid): end the whole group it
    # started (its extension host and the korrektur server under it) by its id.
    if [ -n "$server_pid" ]; then
        kill -TERM -- "-$server_pid" 2>/dev/null
        for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 -- "-$server_pid" 2>/dev/null || break; sleep 0.3; done
        kill -KILL -- "-$server_pid" 2>/dev/null
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT
mkdir -p "$tmp/work" "$tmp/ud/User" "$tmp/ext"
cp "$fixture" "$tmp/work/demo.qa.txt"
cat >"$tmp/ud/User/settings.json" <<JSON
{
  "korrektur.path": "$bin",
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.ignoreRecommendations": true,
  "extensions.autoCheckUpdates": false,
  "files.autoSave": "off",
  "editor.minimap.enabled": false,
  "editor.scrollBeyondLastLine": false,
  "editor.stickyScroll.enabled": false,
  "chat.commandCenter.enabled": false,
  "workbench.colorTheme": "Default Light Modern"
}
JSON

: >"$tmp/config.yaml"
cs() { node "$entry" --config "$tmp/config.yaml" --user-data-dir "$tmp/ud" --extensions-dir "$tmp/ext" "$@"; }
cs --install-extension "$vsix" >"$tmp/install.log" 2>&1 || { cat "$tmp/install.log"; fail "--install-extension failed"; }

port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
setsid node "$entry" --config "$tmp/config.yaml" --user-data-dir "$tmp/ud" --extensions-dir "$tmp/ext" \
    --auth none --bind-addr "127.0.0.1:$port" --disable-telemetry --disable-update-check \
    --disable-workspace-trust --disable-getting-started-override "$tmp/work" >"$tmp/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
    node -e "require('http').get('http://127.0.0.1:$port/healthz',r=>process.exit(r.statusCode===200?0:1)).on('error',()=>process.exit(1))" && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$tmp/server.log"; fail "code-server exited"; }
    sleep 0.2
done

NODE_PATH=$node_modules KORREKTUR_BIN=$bin KORREKTUR_URL="http://127.0.0.1:$port/?folder=$tmp/work" \
    KORREKTUR_DOC=$tmp/work/demo.qa.txt KORREKTUR_SHOT_DIR=$shots \
    timeout ${KORREKTUR_E2E_TIMEOUT:-420} node "$here/vscode_e2e.js" 2>&1 | tee "$tmp/e2e.log"
rc=${PIPESTATUS[0]}
echo "vscode-e2e: browser run took $(($(date +%s) - t1)) s"
last=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$tmp/e2e.log" | tail -n 1)
if [ -z "$last" ]; then
    tail -n 30 "$tmp/server.log"
    fail "the driver ended without a summary (exit $rc)"
fi
[ "$rc" -eq 0 ] || tail -n 30 "$tmp/server.log"
echo "$last"
exit "$rc"
