#!/usr/bin/env bash
# A fuzzing campaign: run.sh SECONDS [FINDINGS_DIR] [more afl-fuzz options]
# Installs and instruments (install.sh), then runs afl-fuzz over the seed corpus with the .dyn
# dictionary for SECONDS (0: until stopped), niced. An existing FINDINGS_DIR (default findings/)
# is resumed. Then triage.sh sorts what was found. See README.md.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
seconds=${1:?usage: run.sh SECONDS [FINDINGS_DIR] [afl-fuzz options]}
findings=${2:-$here/findings}
shift $(( $# >= 2 ? 2 : 1 ))
"$here/install.sh"
source "$here/env.sh"
input=(-i "$here/corpus")
[[ -d "$findings/default/queue" ]] && input=(-i -)   # resume
bound=()
[[ $seconds != 0 ]] && bound=(-V "$seconds")
nice -n 10 afl-fuzz "${input[@]}" -o "$findings" -x "$here/dyn.dict" -t "$AFL_TIMEOUT_MS" -m none "${bound[@]}" "$@" \
  -- dotnet "$FUZZ_BIN/DynLang.Fuzz.dll" || true
"$here/triage.sh" "$findings"
