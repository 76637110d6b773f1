#!/usr/bin/env bash
# Installs what the fuzz target needs beyond the .NET SDK, idempotently (a second run takes a
# second): afl++ from Debian (needs root, as on the project's machines and CI) and the SharpFuzz
# instrumentation tool into tests/DynLang.Fuzz/.tools. Then publishes the harness into out/bin and
# instruments its DynLang.Core.dll (FUZZ_BIN: another folder) (always afresh, so a rebuilt compiler is instrumented again).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
if ! command -v afl-fuzz > /dev/null; then
  if [[ $(id -u) != 0 ]]; then echo "install.sh: afl++ is missing; run as root (apt-get install afl++)" >&2; exit 1; fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends afl++ > /dev/null
fi
if [[ ! -x "$here/.tools/sharpfuzz" ]]; then
  dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$here/.tools" > /dev/null
fi
bin=${FUZZ_BIN:-$here/out/bin}   # smoke.sh uses its own, so it never replaces a running campaign's
rm -rf "$bin"
dotnet publish "$here/DynLang.Fuzz.csproj" -c Release -o "$bin" -nologo -v quiet
# Only the compiler is instrumented: ANTLR's runtime caches its DFA across inputs, which makes its
# coverage vary from run to run; the generated parser itself is in DynLang.Core.dll.
"$here/.tools/sharpfuzz" "$bin/DynLang.Core.dll"
echo "install.sh: $(afl-fuzz -h 2>&1 | head -1 | sed "s/\x1b\[[0-9;]*m//g" | cut -d" " -f1); harness in $bin, DynLang.Core.dll instrumented"
