#!/usr/bin/env bash
# Distributed CUBA (issue 12): builds benchmarks/DistributedBenchmark in Release once, then runs
# scaled CUBA (fixed in-degree 80) at N = 4000, 40000, 200000 and 1e6 with no delay (exchange every
# step) and with a homogeneous 1.5 ms delay (exchange every 15 steps), each at
#   1 rank × 2 threads (the whole machine in one process: the baseline of the speedup),
#   1 rank × 1 thread (the serial cost per neuron-step and per event),
#   2 ranks × 1 thread (the whole machine in two MPI processes),
# and prints a table. About 5 minutes on the 2-core VM of benchmarks/RESULTS.md §12.
#
#   benchmarks/distributed/run.sh [out-dir]        (SIZES="4000:2 40000:1" to choose N:seconds)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${1:-$here/out}"
mkdir -p "$out"
csv="$out/results.csv"
rm -f "$csv"
SIZES="${SIZES:-4000:2 40000:1 200000:0.5 1000000:0.2}"
MPIEXEC="${MPIEXEC:-mpiexec.mpich}"

dotnet build "$root/benchmarks/DistributedBenchmark/DistributedBenchmark.csproj" -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
dll="$root/benchmarks/DistributedBenchmark/bin/Release/net10.0/DistributedBenchmark.dll"

{
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(free -g | awk '/Mem:/{print $2}') GiB"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "load at start: $(cat /proc/loadavg)"
  echo "dotnet: $(dotnet --version); mpi: $($MPIEXEC --version 2>/dev/null | awk '/Version:/{print $2; exit}')"
} | tee "$out/machine.txt"

for size in $SIZES; do
  n="${size%%:*}"; s="${size##*:}"
  for delay in 0 1.5; do
    for config in "1 2" "1 1" "2 1"; do
      set -- $config
      "$MPIEXEC" -n "$1" dotnet "$dll" "$n" "$s" "$delay" "$2" "$csv" 2> >(grep -v 'yaksa: .* leaked handle' >&2) | tee -a "$out/results.log"
    done
  done
done

echo "load at end: $(cat /proc/loadavg)" | tee -a "$out/machine.txt"
echo
awk -F, '
NR == 1 { next }
{ key = $1 "," $4; wps = $9 / $6
  if ($2 == 1 && $3 == 2) base[key] = wps
  if ($2 == 1 && $3 == 1) serial[key] = wps
  row[NR] = $0 }
END {
  printf "%9s %6s %5s %7s %9s %9s %9s %9s %10s %9s %7s\n", "N", "delay", "ranks", "thr/rk", "wall/sim", "speedup", "vs1thr", "exch", "B/exch", "spikes", "Hz"
  for (i = 2; i <= NR; i++) {
    split(row[i], f, ","); key = f[1] "," f[4]; wps = f[9] / f[6]
    printf "%9d %6s %5d %7d %9.4f %9.2f %9.2f %8.1f%% %10.1f %9d %7.2f\n", f[1], f[4] "ms", f[2], f[3], wps, base[key] / wps, serial[key] / wps, 100 * f[10] / f[9], f[13], f[14], f[15]
  }
}' "$csv" | tee "$out/table.txt"
