#!/usr/bin/env bash
# The bounded fuzz run of CI: smoke.sh [SECONDS]  (default 90; FUZZ_SMOKE_SECONDS also sets it)
# Installs what it needs (install.sh, idempotent), fuzzes DynCompiler.Compile with afl++ for
# SECONDS from the seed corpus, prints the figures and a triage of anything found.
# Failure policy: exit 1 when afl saved ANY crash (exception, DL0900, diagnostic outside the file,
# stack overflow) or ANY hang (over 5 s), or when the fuzzer could not be installed or started.
# Found inputs are printed (base64) into the log, so a CI failure can be reproduced from it.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
seconds=${1:-${FUZZ_SMOKE_SECONDS:-90}}
export FUZZ_BIN=$here/out/smoke-bin   # never the folder of a campaign that may be running
start=$SECONDS
if ! "$here/install.sh"; then echo "fuzz smoke: FAILED to install or instrument the fuzz target"; exit 1; fi
source "$here/env.sh"
findings=$(mktemp -d)
# -s: a fixed seed for afl's choices (the timing still varies); the outer timeout guards afl itself.
timeout $((seconds + 180)) nice -n 10 afl-fuzz -i "$here/corpus" -o "$findings" -x "$here/dyn.dict" -t "$AFL_TIMEOUT_MS" \
  -m none -V "$seconds" -s 20261206 -- dotnet "$FUZZ_BIN/DynLang.Fuzz.dll" > "$findings/afl.log" 2>&1
stats=$findings/default/fuzzer_stats
if [[ ! -f $stats ]]; then
  echo "fuzz smoke: FAILED, afl-fuzz did not run; its log:"; sed 's/\x1b\[[0-9;?]*[a-zA-Z]//g' "$findings/afl.log" | tail -30
  exit 1
fi
stat() { awk -F' *: *' -v k="$1" '$1 == k {print $2}' "$stats"; }
echo "fuzz smoke: $(stat execs_done) inputs in $(stat run_time) s ($(stat execs_per_sec)/s), $(stat corpus_count) queue entries," \
     "map coverage $(stat bitmap_cvg), stability $(stat stability), $(stat saved_crashes) crashes, $(stat saved_hangs) hangs" \
     "($((SECONDS - start)) s with install)"
if "$here/triage.sh" "$findings"; then rm -rf "$findings"; exit 0; fi
shopt -s nullglob
for f in "$findings"/default/crashes/id:* "$findings"/default/hangs/id:*; do
  echo "--- $(basename "$f") ($(wc -c < "$f") bytes; reproduce: echo BASE64 | base64 -d > x.dyn; dotnet $FUZZ_BIN/DynLang.Fuzz.dll replay x.dyn)"
  head -c 3000 "$f" | base64 -w0; echo
done
echo "fuzz smoke: FAILED (findings kept in $findings)"
exit 1
