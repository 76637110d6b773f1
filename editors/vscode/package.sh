#!/usr/bin/env bash
# Builds editors/vscode/dynlang-<version>.vsix from a clean clone in one command: npm ci of the pinned
# packages (package-lock.json here, and packaging/package-lock.json for @vscode/vsce 3.9.2, kept apart so
# that the grammar suite installs little; vsce 4.x needs Node 22), then vsce packages the
# extension with its runtime dependency vscode-languageclient. Checks that the .vsix holds extension.js
# and node_modules/vscode-languageclient, and prints its path. Needs Node.js 20, npm and python3.
set -euo pipefail
cd "$(dirname "$0")"
version=$(node -p "require('./package.json').version")
vsix="dynlang-$version.vsix"
timeout 300 npm ci --no-audit --no-fund --loglevel=error
(cd packaging && timeout 300 npm ci --no-audit --no-fund --loglevel=error)
rm -f "$vsix"
# README.md links to ../../docs: vsce rewrites relative links against the repository's web address.
base=https://github.com/dynlang/dynlang/blob/main/editors/vscode
timeout 300 packaging/node_modules/.bin/vsce package --allow-missing-repository --skip-license \
  --baseContentUrl "$base" --baseImagesUrl "$base" --out "$vsix" "$@"
# A .vsix is a zip; the extension's files sit under extension/.
listing=$(python3 -c 'import sys, zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$vsix")
for needed in extension.js package.json syntaxes/dyn.tmLanguage.json node_modules/vscode-languageclient/package.json \
    node_modules/vscode-languageclient/lib/node/main.js node_modules/vscode-languageserver-protocol/package.json; do
  if ! grep -qx "extension/$needed" <<< "$listing"; then echo "package.sh: $vsix lacks $needed" >&2; exit 1; fi
done
echo "package.sh: built editors/vscode/$vsix ($(du -k "$vsix" | cut -f1) KiB)"
