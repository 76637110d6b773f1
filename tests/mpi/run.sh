#!/usr/bin/env bash
# The MPI suite of CI: real mpiexec runs of tests/DynLang.Distributed.Scenarios (docs/distributed.md).
# Installs MPICH through scripts/install-mpich.sh, builds the scenarios, then runs each case under
# mpiexec.mpich with a bounded time (a hang fails the case instead of CI). Cases:
#   CUBA from Brian2's state, 1 s, on 1, 2 and 4 ranks (4 oversubscribed on 2 cores): 22,058 spikes,
#     identical to the one-process run computed by rank 0 (spikes step for step, v/ge/gi bit for bit);
#   the plastic network with delays and STDP on 2 and 3 ranks: spikes, states and weights bit for bit;
#   a rank that throws (every rank exits non-zero, naming rank 1 and the step), a rank that exits
#   abruptly (mpiexec ends the others; rank 1 says it ended), a rank that hangs (the watchdog aborts),
#   connectivity files that differ between ranks (refused on every rank before the run);
#   and samples/DistributedCuba on 2 ranks (22,058 spikes, a complete manifest).
# Prints one line per case and "mpi suite: N passed, M failed"; exit 1 when any case failed.
set -uo pipefail
cd "$(dirname "$0")/../.."
if ! bash scripts/install-mpich.sh; then echo "mpi suite: FAILED, MPICH could not be installed"; exit 1; fi
out=$(mktemp -d)
if ! dotnet build tests/DynLang.Distributed.Scenarios -c Release -o "$out/bin" > "$out/build.log" 2>&1; then
  tail -30 "$out/build.log"; echo "mpi suite: FAILED to build the scenarios"; exit 1; fi
dll="$out/bin/DynLang.Distributed.Scenarios.dll"
passed=0 failed=0
# case NAME RANKS EXPECTED_EXIT(0|nonzero) PATTERN -- ARGS...: runs, checks the exit code and that the output matches PATTERN.
check() {
  local name=$1 ranks=$2 expect=$3 pattern=$4; shift 5
  local log="$out/$name.log" start=$SECONDS
  timeout 300 mpiexec.mpich -n "$ranks" dotnet "$dll" "$@" > "$log" 2>&1
  local rc=$?
  local ok=1
  if [[ $rc == 124 ]]; then ok=0; why="hung (killed after 300 s)";
  elif [[ $expect == 0 && $rc != 0 ]]; then ok=0; why="exit code $rc";
  elif [[ $expect != 0 && $rc == 0 ]]; then ok=0; why="exit code 0, a failure was expected";
  elif ! grep -Eq "$pattern" "$log"; then ok=0; why="no line matching /$pattern/"; fi
  if [[ $ok == 1 ]]; then passed=$((passed + 1)); echo "mpi suite: ok   $name ($ranks ranks, $((SECONDS - start)) s): $(grep -Em1 "$pattern" "$log")";
  else failed=$((failed + 1)); echo "mpi suite: FAIL $name ($ranks ranks): $why; its output:"; grep -v yaksa "$log" | tail -25; fi
}
check cuba-1 1 0 '^PASS cuba on 1 ranks.*22058 spikes' -- cuba 1.0
check cuba-2 2 0 '^PASS cuba on 2 ranks.*22058 spikes' -- cuba 1.0
check cuba-4 4 0 '^PASS cuba on 4 ranks.*22058 spikes' -- cuba 1.0
check plastic-2 2 0 '^PASS plastic on 2 ranks' -- plastic 0.5
check plastic-3 3 0 '^PASS plastic on 3 ranks' -- plastic 0.5
check rank-throws 3 1 'rank 0: stopped: RankFailedException: rank 1 failed at step 300: InvalidOperationException: injected failure' -- fail 0.1
check rank-exits 2 1 'rank 1 of 2 \(pid [0-9]+\): the process ends \(exit code 9\) before MPI was finalized' -- die 0.1
DYNLANG_EXCHANGE_TIMEOUT_S=5 check rank-hangs 2 1 'rank 0 of 2: spike exchange at step 300 got no answer from the other ranks in 5 s' -- hang 0.1
check files-disagree 3 1 'rank 0: stopped: InvalidDataException: .*rank 1 read' -- disagree 0.1
# The sample, as docs/distributed.md runs it: Brian2's 22,058 spikes over 2 ranks, merged by rank 0.
# Built where docs/distributed.md builds it: the sample finds the reference data above its bin folder.
if dotnet build samples/DistributedCuba -c Release > "$out/sample-build.log" 2>&1; then
  sample_dll="$PWD/samples/DistributedCuba/bin/Release/net10.0/DistributedCuba.dll"
  start=$SECONDS
  if (cd "$out" && timeout 300 mpiexec.mpich -n 2 dotnet "$sample_dll" --reference > "$out/sample.log" 2>&1) && grep -q '^all ranks: 22,058 spikes' "$out/sample.log" && [[ -f $out/out/cuba-spikes.csv.ranks.json ]]; then
    passed=$((passed + 1)); echo "mpi suite: ok   sample DistributedCuba (2 ranks, $((SECONDS - start)) s): $(grep -m1 '^all ranks' "$out/sample.log")"
  else failed=$((failed + 1)); echo "mpi suite: FAIL sample DistributedCuba; its output:"; grep -v yaksa "$out/sample.log" | tail -20; fi
else failed=$((failed + 1)); echo "mpi suite: FAIL the sample did not build:"; tail -20 "$out/sample-build.log"; fi
echo "mpi suite: $passed passed, $failed failed"
rm -rf "$out"
[[ $failed == 0 ]]
