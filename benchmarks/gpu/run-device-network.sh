#!/usr/bin/env bash
# The network successor of run-device.sh, for the device machine (no .NET SDK there): unpacks the
# published GpuBenchmark carried in benchmarks/gpu/carry/ (made by prepare.sh) and runs its network
# mode: CUBA with a fixed in-degree of 80 at 4000, 10^5 and 10^6 neurons, generated there from a
# seed (10^6 is ~640 MB of int32 indices, over what a run may carry) and written as .npy under
# $DATA (default /tmp/dynlang-cuba-data; meta.json of each size is copied to the results), built on
# the CPU backend (all cores) and on ILGPU (the first CUDA device), checked (equal spike trains
# after 0.1 s, exit 2 otherwise), then timed over 1 s of biological time each. Prints the ratio
# table; the JSON goes to $OUT/network.json (benchmarks/gpu/results/ when $OUT is unset).
# Extra arguments go to the program (--sizes 4000,100000 --duration 0.5 --cpu ...).
#   run(command="bash benchmarks/gpu/run-device-network.sh", carry=["benchmarks/gpu/carry"], timeout_s=540)
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RESULTS="${OUT:-$HERE/results}"
DATA="${DATA:-/tmp/dynlang-cuba-data}"
mkdir -p "$RESULTS"
nvidia-smi --query-gpu=name,memory.total,clocks.max.sm,clocks.max.mem --format=csv 2>&1 | tee "$RESULTS/gpu.txt"
nproc | sed 's/^/cpu cores: /' | tee -a "$RESULTS/gpu.txt"
tar -C /tmp -xJf "$HERE/carry/gpubench.tar.xz"
/tmp/dynlang-gpubench/GpuBenchmark network --data "$DATA" --out "$RESULTS/network.json" "$@" > /dev/null
status=$?
for d in "$DATA"/cuba-*/; do [ -f "$d/meta.json" ] && cp "$d/meta.json" "$RESULTS/$(basename "$d")-meta.json"; done
echo "GpuBenchmark network exit $status (0: trains equal on both backends, 2: a check failed)"
exit $status
