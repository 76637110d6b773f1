#!/usr/bin/env bash
# Prepares what the device machine needs (it has no .NET SDK): a self-contained, untrimmed
# publish of benchmarks/GpuBenchmark for linux-x64, compressed into benchmarks/gpu/carry/
# (git-ignored; ~30 MB, under the 64 MiB a device run may carry). Then, from a session lent a GPU:
#   run(command="bash benchmarks/gpu/run-device.sh", carry=["benchmarks/gpu/carry"], timeout_s=480)
#   run(command="bash benchmarks/gpu/run-device-network.sh", carry=["benchmarks/gpu/carry"], timeout_s=540)
# The same publish serves both (GpuBenchmark's network mode: CUBA networks, NetworkProgram.cs).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="$HERE/carry"
rm -rf "$OUT" /tmp/dynlang-gpubench
mkdir -p "$OUT"
dotnet publish "$ROOT/benchmarks/GpuBenchmark" -c Release -r linux-x64 --self-contained true \
  -p:PublishTrimmed=false -o /tmp/dynlang-gpubench -v q -nologo
tar -C /tmp -cJf "$OUT/gpubench.tar.xz" dynlang-gpubench
ls -l "$OUT"
echo "dry run here (ILGPU CPU accelerator): /tmp/dynlang-gpubench/GpuBenchmark --cpu --neurons 20000"
echo "  networks: OUT=/tmp/gn bash $HERE/run-device-network.sh --cpu --sizes 4000 --duration 0.2"
