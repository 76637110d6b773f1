#!/usr/bin/env bash
# Runs on the device machine (no .NET SDK there): unpacks the published GpuBenchmark carried in
# benchmarks/gpu/carry/ (made by prepare.sh), runs it (checks the ILGPU kernels against the CPU
# backend, then times them and a device copy), then the PyTorch peers (eager, torch.compile, copy).
# Both JSON results go to $OUT (or benchmarks/gpu/results/ when $OUT is unset).
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RESULTS="${OUT:-$HERE/results}"
mkdir -p "$RESULTS"
nvidia-smi --query-gpu=name,memory.total,clocks.max.sm,clocks.max.mem --format=csv 2>&1 | tee "$RESULTS/gpu.txt"
tar -C /tmp -xJf "$HERE/carry/gpubench.tar.xz"
/tmp/dynlang-gpubench/GpuBenchmark --out "$RESULTS/dynlang.json" "$@" > /dev/null
status=$?
echo "GpuBenchmark exit $status (0: checks passed, 2: a check failed)"
PYTHONUNBUFFERED=1 python3 "$HERE/torch_peer.py" --out "$RESULTS/torch.json" ${TORCH_PEER_ARGS:-} > /dev/null
echo "torch_peer exit $?"
python3 "$HERE/summarize.py" "$RESULTS"
exit $status
