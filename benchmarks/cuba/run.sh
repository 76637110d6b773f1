#!/usr/bin/env bash
# CUBA (Brette et al. 2007, benchmark 2): DynLang against Brian2 on this machine, in one run.
#
#   benchmarks/cuba/run.sh [--install] [--repeats N]
#
# 1. DynLang, build: `dotnet build -c Release` of benchmarks/CubaBenchmark, (a) cold — every
#    project of the chain (compiler, generator, runtime, benchmark) cleaned first — and (b) after
#    touching Cuba.dyn (the generator and the C# compiler run again: what a model change costs).
# 2. DynLang, run: CubaBenchmark on Brian2's reference data (checks the 22,058 spikes first), the
#    simulation loop timed N times (median), plus the whole process; the loop on one thread like
#    Brian2's, then again with the whole process pinned to one CPU.
# 3. Brian2: benchmarks/brian2/run-brian2.sh (numpy, cython cold and warm, cpp_standalone), same
#    network, same data; --install lets it install Debian's python3-brian first.
# 4. A table of both, with ratios. Results (JSON) in benchmarks/cuba/results/ (git-ignored).
#
# Exit 0 when both sides ran and gave the reference spikes; 3 when Brian2 is missing (the DynLang
# half is still measured and printed); otherwise what failed.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="$HERE/results"
INSTALL=()
REPEATS=7
while [ $# -gt 0 ]; do
  case "$1" in
    --install) INSTALL=(--install) ;;
    --repeats) REPEATS="$2"; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 1 ;;
  esac
  shift
done
mkdir -p "$OUT"
PROJECT="$ROOT/benchmarks/CubaBenchmark"
now() { date +%s.%N; }

echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(dotnet --version) SDK"

echo "== DynLang: cold Release build of the benchmark and everything it depends on"
for p in src/DynLang.Core src/DynLang.Runtime generators/DynLang.Generators benchmarks/CubaBenchmark; do
  rm -rf "$ROOT/$p/bin/Release" "$ROOT/$p/obj/Release"
done
dotnet build-server shutdown >/dev/null 2>&1 || true
t0=$(now); dotnet build -c Release "$PROJECT" -v q -nologo >"$OUT/build-cold.log" 2>&1; t1=$(now)
COLD=$(awk "BEGIN{printf \"%.2f\", $t1 - $t0}")
echo "   $COLD s"

echo "== DynLang: build after a change to Cuba.dyn (generator + C# compiler)"
touch "$PROJECT/Cuba.dyn"
t0=$(now); dotnet build -c Release "$PROJECT" -v q -nologo >"$OUT/build-touch.log" 2>&1; t1=$(now)
TOUCH=$(awk "BEGIN{printf \"%.2f\", $t1 - $t0}")
echo "   $TOUCH s"

echo "== DynLang: run ($REPEATS timed runs after one with JIT), the simulation loop on one thread"
# At 4000 neurons every kernel runs on the calling thread (a population splits work only from two
# chunks of 16,384 elements; synapse code is single-threaded), as Brian2's loop does here. The
# runtime's own helpers (JIT tiering, GC) may use the other core; the second run pins the whole
# process to one CPU (taskset), where .NET's tiered compilation is slower to optimise (RESULTS.md).
t0=$(now)
dotnet "$PROJECT/bin/Release/net10.0/CubaBenchmark.dll" "$REPEATS" | tee "$OUT/dynlang-run.txt"
t1=$(now)
PROCESS=$(awk "BEGIN{printf \"%.2f\", $t1 - $t0}")
tail -n 1 "$OUT/dynlang-run.txt" > "$OUT/dynlang.json"
if command -v taskset >/dev/null 2>&1; then
  echo "== DynLang: the same, whole process on one CPU (taskset -c 0)"
  taskset -c 0 dotnet "$PROJECT/bin/Release/net10.0/CubaBenchmark.dll" "$REPEATS" | tee "$OUT/dynlang-run-1cpu.txt"
  tail -n 1 "$OUT/dynlang-run-1cpu.txt" > "$OUT/dynlang-1cpu.json"
fi
cat > "$OUT/dynlang-build.json" <<JSON
{"build_cold_s": $COLD, "build_after_touch_s": $TOUCH, "process_s": $PROCESS}
JSON

echo "== Brian2"
set +e
"$ROOT/benchmarks/brian2/run-brian2.sh" "${INSTALL[@]}" --target all --out "$OUT/brian2"
BRIAN=$?
set -e
if [ $BRIAN -ne 0 ] && [ $BRIAN -ne 3 ]; then echo "Brian2 side failed (exit $BRIAN)" >&2; exit $BRIAN; fi

python3 - "$OUT" <<'PY'
import json, os, sys
out = sys.argv[1]
d = json.load(open(os.path.join(out, "dynlang.json")))
b = json.load(open(os.path.join(out, "dynlang-build.json")))
ours = d["loop_median_s"]
print()
print(f"{'':34} {'loop (s)':>9} {'vs DynLang':>11} {'build+run (s)':>14}")
print(f"{'DynLang (median of runs)':34} {ours:9.3f} {'1.00':>11} {b['build_after_touch_s'] + b['process_s']:14.1f}  (build after a .dyn change + process; cold build {b['build_cold_s']:.1f} s)")
one_cpu = os.path.join(out, "dynlang-1cpu.json")
if os.path.exists(one_cpu):
    o = json.load(open(one_cpu))["loop_median_s"]
    print(f"{'DynLang, process on one CPU':34} {o:9.3f} {o / ours:10.1f}x")
summary = os.path.join(out, "brian2", "summary.json")
if not os.path.exists(summary):
    print("Brian2: not measured (not installed; run with --install)")
    sys.exit(0)
for r in json.load(open(summary))["runs"]:
    t = r["times"]
    name = f"Brian2 {r['target']}" + (f" ({r['cache']})" if r["target"] == "cython" else "")
    ok = "" if r["spikes"]["total"] == 22058 else f"  WRONG: {r['spikes']['total']} spikes"
    print(f"{name:34} {t['sim_loop_s']:9.3f} {t['sim_loop_s'] / ours:10.1f}x {t['build_and_run_s']:14.1f}{ok}")
PY
exit $BRIAN
