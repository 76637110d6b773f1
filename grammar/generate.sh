#!/usr/bin/env bash
# Regenerates the C# lexer/parser from the grammar with the pinned antlr-ng (see package.json).
#   grammar/generate.sh            -> writes src/DynLang.Core/Syntax/Generated (the committed copy)
#   grammar/generate.sh <out-dir>  -> writes elsewhere (the sync test compares the two)
# Needs Node.js and npm; the normal build never runs this (the parser is committed).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-$here/../src/DynLang.Core/Syntax/Generated}"
cd "$here"
if [ ! -x node_modules/.bin/antlr-ng ]; then
  npm ci --no-audit --no-fund --loglevel=error >&2
fi
mkdir -p "$out"
node_modules/.bin/antlr-ng -Dlanguage=CSharp -p DynLang.Core.Syntax.Generated -v true -l false \
  -o "$out" DynLangLexer.g4 DynLangParser.g4 >&2
# antlr-ng writes helper files (.interp, .tokens) that the C# build does not need.
rm -f "$out"/*.interp "$out"/*.tokens
