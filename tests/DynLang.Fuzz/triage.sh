#!/usr/bin/env bash
# triage.sh FINDINGS_DIR: replays every crash and hang afl saved (outside afl, one process per
# input, 60 s each) and groups them by cause: the DL0900 or exception message, the frame a stack
# overflow repeats, or "hang". Prints one line per input and a summary; writes FINDINGS_DIR/triage.txt.
# Exit 0 when afl saved no crash and no hang, 1 otherwise.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
findings=${1:-$here/findings}
source "$here/env.sh"
out="$findings/triage.txt"
: > "$out"
shopt -s nullglob
inputs=("$findings"/*/crashes*/id:* "$findings"/*/hangs*/id:*)   # crashes.DATE: kept by a resume
for f in "${inputs[@]}"; do
  err=$(mktemp)
  verdict=$(timeout 60 dotnet "$FUZZ_BIN/DynLang.Fuzz.dll" replay "$f" 2> "$err")
  rc=$?
  if [[ $rc == 124 ]]; then cause="hang: over 60 s"
  elif grep -q '^Stack overflow' "$err"; then
    # Grouped by the compiler type of the innermost DynLang.Core frame (the stage that recursed).
    frame=$(grep -m1 ' at DynLang\.Core\.' "$err" | sed 's/^ *at //; s/(.*//')
    if [[ $frame == *+* ]]; then type=${frame%%+*}; else type=${frame%.*}; type=${type%.}; fi
    cause="stack overflow in ${type:-?}"
  elif grep -q '^FAIL' <<< "$verdict"; then
    line=$(grep -m1 '^FAIL' <<< "$verdict"); line=${line#"FAIL  $f: "}
    # Grouped by the message without its positions and numbers.
    cause=$(sed "s/'[^']*'/'…'/g; s/compiling [a-z]* /compiling … /" <<< "$line" | sed 's/fuzz\.dyn([0-9,]*): //; s/span \[[-0-9.]*)//; s/[0-9][0-9]*/N/g' | cut -c1-200)
    # A DL0900: replay printed where the exception was thrown; the first frame outside the symbolic
    # engine (which throws on behalf of its callers) tells two causes with one message apart.
    via=$(grep -A20 ' thrown at:$' <<< "$verdict" | grep -m1 -E '^ +DynLang\.Core\.' | grep -v 'DynLang\.Core\.Symbolic\.' | sed 's/^ *//')
    [[ -z $via ]] && via=$(grep -A20 ' thrown at:$' <<< "$verdict" | grep -E '^ +DynLang\.Core\.' | grep -v 'DynLang\.Core\.Symbolic\.' | head -1 | sed 's/^ *//')
    [[ -n $via ]] && cause="$cause [via ${via%%+*}]"
  elif [[ $rc == 0 ]]; then
    ms=$(grep -oE '\([0-9]+ ms' <<< "$verdict" | tr -dc 0-9)
    if (( ${ms:-0} > AFL_TIMEOUT_MS )); then cause="slow: compiles, but over afl's ${AFL_TIMEOUT_MS} ms"
    else cause="passes on replay (${ms} ms; flaky, or start-up time under afl)"; fi
  else cause="process died rc=$rc: $(head -c 160 "$err" | tr '\n' ' ')"; fi
  rm -f "$err"
  printf '%s\t%s\t%s\n' "$cause" "$(wc -c < "$f")" "$f" >> "$out"
done
echo "triage: ${#inputs[@]} saved crash/hang inputs in $findings"
if [[ ${#inputs[@]} -gt 0 ]]; then
  echo "distinct causes (count, smallest input):"
  sort -t$'\t' -k1,1 -k2,2n "$out" | awk -F'\t' '{n[$1]++; if (!($1 in s)) {s[$1]=$3; b[$1]=$2}} END {for (c in n) printf "  %4d  %s\n        %s (%d bytes)\n", n[c], c, s[c], b[c]}'
  exit 1
fi
