#!/usr/bin/env bash
# The TextMate grammar suite (editors/vscode/syntaxes/README.md): installs the pinned npm packages
# into editors/vscode/node_modules (npm ci), checks that dyn.tmLanguage.json is what generate.js
# writes, runs the vscode-tmgrammar-test unit tests tests/grammar/*.test.dyn one file per case, and
# sweeps every committed .dyn file (sweep.js: each tokenizes, no line has invalid.illegal except the
# lines listed in illegal-expected.txt). Prints "grammar suite: N passed, M failed"; exit 1 on any
# failure, and when npm or node is missing or the install fails (CI has npm: a failure, not a skip).
set -uo pipefail
cd "$(dirname "$0")/../.."
ext=editors/vscode
start=$SECONDS
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "grammar suite: node/npm not found; they are required (install Node.js 20)"
  echo "grammar suite: 0 passed, 1 failed"; exit 1
fi
if ! (cd "$ext" && timeout 300 npm ci --no-audit --no-fund --loglevel=error); then
  echo "grammar suite: npm ci failed or timed out in $ext (is the npm registry reachable?)"
  echo "grammar suite: 0 passed, 1 failed"; exit 1
fi
passed=0 failed=0
record() { if [ "$1" -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $2"; fi; }

node "$ext/syntaxes/generate.js" --check; record $? "generate.js --check"
for t in tests/grammar/*.test.dyn; do
  (cd "$ext" && timeout 120 node_modules/.bin/vscode-tmgrammar-test -g syntaxes/dyn.tmLanguage.json "../../$t")
  record $? "$t"
done
timeout 300 node tests/grammar/sweep.js; record $? "sweep of the repository's .dyn files"
echo "grammar suite: $passed passed, $failed failed ($((SECONDS - start)) s)"
[ "$failed" -eq 0 ]
