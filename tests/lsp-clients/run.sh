#!/usr/bin/env bash
# Language-server clients against the real `dynlang lsp` (docs/editor.md, "Clients"):
#   node  tests/lsp-clients/node: vscode-languageserver-protocol/vscode-jsonrpc (what vscode-languageclient runs
#         on) drives initialize … shutdown/exit over stdio, one node:test step per exchange (npm ci, pinned);
#   nvim  tests/lsp-clients/nvim: Neovim's built-in client, headless (scripts/install-neovim.sh installs it);
#   emacs tests/lsp-clients/emacs: eglot with the docs' dyn-mode, batch mode (scripts/install-emacs.sh);
#   vsix  editors/vscode/package.sh: the VS Code extension's .vsix from the pinned packages, contents checked;
#   vscode tests/lsp-clients/vscode: extension.js activated with a stand-in `vscode` module against the server.
# Builds the Cli once (Release) and passes its dynlang.dll to both clients. Each part is bounded with timeout;
# LSP_STEP_TIMEOUT_MS (default 60000) bounds each LSP step inside them. Prints every failed step by name, a
# SKIPPED line with the reason when npm's registry or apt's archive is unreachable (never silently), and closes
# with "lsp clients: N passed, N failed, N skipped" (steps; a skipped part counts as one). Exit 1 only on a
# failure (a build error, a failed step, a part that timed out).
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
start=$SECONDS
passed=0 failed=0 skipped=0
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT

skip() { skipped=$((skipped + 1)); echo "SKIPPED: lsp clients: $1"; }
fail() { failed=$((failed + 1)); echo "FAILED: lsp clients: $1"; }
summary() { echo "lsp clients: $passed passed, $failed failed, $skipped skipped ($((SECONDS - start)) s)"; }
npm_reachable() { timeout 60 npm ping > /dev/null 2>&1; }

echo "lsp clients: building src/DynLang.Cli (Release)"
if ! timeout 900 dotnet build src/DynLang.Cli -c Release -nologo -v q > "$log/build" 2>&1; then
  tail -n 30 "$log/build"; fail "dotnet build src/DynLang.Cli -c Release failed or timed out"; summary; exit 1
fi
dll=$(ls "$root"/src/DynLang.Cli/bin/Release/net*/dynlang.dll 2>/dev/null | head -n 1)
if [ -z "$dll" ]; then fail "no dynlang.dll under src/DynLang.Cli/bin/Release after the build"; summary; exit 1; fi
export DYNLANG_DLL=$dll

# node: npm ci of the pinned vscode-languageserver-protocol, then node:test (TAP: "ok N - step" / "not ok N - step").
node_part() {
  local dir=tests/lsp-clients/node
  if ! command -v node > /dev/null || ! command -v npm > /dev/null; then skip "node: node/npm not found (install Node.js 20)"; return; fi
  if ! (cd "$dir" && timeout 300 npm ci --no-audit --no-fund --loglevel=error) > "$log/npm" 2>&1; then
    if npm_reachable; then cat "$log/npm"; fail "node: npm ci failed in $dir"; else skip "node: npm ci failed and the npm registry is unreachable"; fi
    return
  fi
  (cd "$dir" && timeout 600 node --test lsp.test.js) > "$log/node" 2>&1
  local rc=$?
  grep -E '^(not )?ok [0-9]+ - |^# (pass|fail) ' "$log/node" | sed 's/^/  node: /'
  local ok bad
  ok=$(grep -cE '^ok [0-9]+ - ' "$log/node"); bad=$(grep -cE '^not ok [0-9]+ - ' "$log/node")
  passed=$((passed + ok))
  while IFS= read -r line; do
    fail "node step failed: ${line#not ok }"
    awk -v t="$line" '$0 == t {on = 1; next} on && /^  error:|^  expected:|^  actual:/ {print "    " $0} on && /^  \.\.\./ {exit}' "$log/node"
  done < <(grep -E '^not ok [0-9]+ - ' "$log/node")
  if [ "$rc" -eq 124 ]; then fail "node: timed out after 600 s"; elif [ "$rc" -ne 0 ] && [ "$bad" -eq 0 ]; then
    tail -n 30 "$log/node"; fail "node: exit $rc without a failed step"; fi
}

# An editor's headless test: $1 name, $2 install script (or "-"), then the command. Its lines "ok: step" and
# "FAILED: step: expected …, got …" are counted; its own closing line is left out.
editor_part() {
  local name=$1 install=$2; shift 2
  local rc=0
  if [ "$install" != - ]; then bash "$install" > "$log/apt-$name" 2>&1; rc=$?; fi
  if [ "$rc" -eq 2 ]; then skip "$name: $(tail -n 1 "$log/apt-$name")"; return; fi
  if [ "$rc" -ne 0 ]; then cat "$log/apt-$name"; fail "$name: $install failed"; return; fi
  timeout 600 "$@" > "$log/$name" 2>&1 < /dev/null
  rc=$?
  grep -E '^(ok|FAILED): ' "$log/$name" | sed "s/^/  $name: /"
  passed=$((passed + $(grep -c '^ok: ' "$log/$name")))
  while IFS= read -r line; do fail "$name step failed: ${line#FAILED: }"; done < <(grep '^FAILED: ' "$log/$name")
  if [ "$rc" -eq 124 ]; then fail "$name: timed out after 600 s"; elif [ "$rc" -ne 0 ] && ! grep -q '^FAILED: ' "$log/$name"; then
    tail -n 30 "$log/$name"; fail "$name: exit $rc without a failed step"; fi
}

# vsix: the extension's package from a clean install (about 25-50 s with npm's cache warm).
vsix_part() {
  if ! command -v npm > /dev/null || ! command -v python3 > /dev/null; then skip "vsix: npm or python3 not found"; return; fi
  timeout 420 bash editors/vscode/package.sh > "$log/vsix" 2>&1
  local rc=$?
  if [ "$rc" -eq 0 ]; then passed=$((passed + 1)); echo "  vsix: $(tail -n 1 "$log/vsix")"; return; fi
  if ! npm_reachable; then skip "vsix: editors/vscode/package.sh failed and the npm registry is unreachable"; return; fi
  tail -n 30 "$log/vsix"; fail "vsix: editors/vscode/package.sh failed (exit $rc)"
}

node_part
# nvim: Neovim's built-in client (Debian 12: 0.7.2), headless, no user config.
editor_part nvim scripts/install-neovim.sh nvim --headless --clean -u NONE -c 'luafile tests/lsp-clients/nvim/test.lua'
# emacs: eglot with docs/editor.md's dyn-mode snippet (Debian 12: Emacs 28.2, elpa-eglot 1.9), batch mode.
editor_part emacs scripts/install-emacs.sh emacs --batch -q -l tests/lsp-clients/emacs/test.el
vsix_part
# vscode: editors/vscode/extension.js activated with a stand-in `vscode` module (VS Code cannot run here), on the
# node_modules that package.sh installed: the install hint for a missing server, a real start and stop.
if [ -d editors/vscode/node_modules/vscode-languageclient ]; then
  editor_part vscode - node tests/lsp-clients/vscode/activate.js "$dll"
else
  skip "vscode: editors/vscode/node_modules is missing (package.sh did not install it)"
fi
summary
[ "$failed" -eq 0 ]
