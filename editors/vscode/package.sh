#!/usr/bin/env bash
# Builds editors/vscode/dynlang-<version>.vsix with the pinned @vscode/vsce (needs npm).
# The extension has no `main` yet (no client code): vsce packages such a declarative extension.
set -euo pipefail
cd "$(dirname "$0")"
timeout 300 npx --yes @vscode/vsce@3.6.0 package --allow-missing-repository --skip-license "$@"
