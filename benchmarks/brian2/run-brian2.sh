#!/usr/bin/env bash
# Brian2's side of the CUBA benchmark: the reference network (tests/reference/cuba/data),
# 1 s of biological time at dt = 0.1 ms, on Brian2's numpy / cython / cpp_standalone targets,
# one fresh Python process per run, one thread. See README.md in this folder.
#
# Exit codes: 0 all runs gave the reference's spikes; 2 a run gave other spikes (its JSON
# says how); 3 Brian2 or a compiler is missing (not a DynLang failure; --install fixes it);
# 1 anything else (bad argument, a run crashed).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PY=/usr/bin/python3
# What --install puts on the machine. python3-brian only *suggests* a compiler and the Python
# headers, but the cython target needs g++ and Python.h, and cpp_standalone needs g++ and make.
APT_PACKAGES=(python3-brian python3-dev g++ make)

usage() {
  cat <<EOF
Usage: $(basename "$0") [--install] [--target cython|cpp_standalone|numpy|all] [--out DIR]

Runs Brian2's CUBA (Brette et al. 2007, benchmark 2) on the reference initial state and
connectivity in tests/reference/cuba/data and writes one JSON per run into DIR
(default: benchmarks/brian2/results, git-ignored), plus summary.json.

  --target T   cython          : two runs, cold Cython cache (code generation + compilation)
                                 then warm (cache reused)
               cpp_standalone  : one run from an empty project directory (generate + make + run)
               numpy           : one run
               all (default)   : numpy, cython cold, cython warm, cpp_standalone
  --install    first installs Debian's packages ${APT_PACKAGES[*]}
               with 'apt-get update' and 'apt-get install -y --no-install-recommends'
               (through sudo when not root); nothing else is changed.
  --out DIR    where the JSON files go.

Uses the system interpreter $PY; 1 thread (OMP_NUM_THREADS=1, no OpenMP in cpp_standalone).
Scratch (Cython cache, standalone project) goes to \$BRIAN2_BENCH_SCRATCH,
default benchmarks/brian2/.scratch (git-ignored).
Exit: 0 ok; 2 spikes differ from the reference; 3 Brian2/compiler missing; 1 other error.
EOF
}

INSTALL=0
TARGET=all
OUT="$HERE/results"
while [ $# -gt 0 ]; do
  case "$1" in
    --install) INSTALL=1 ;;
    --target) [ $# -ge 2 ] || { echo "--target needs a value" >&2; exit 1; }; TARGET="$2"; shift ;;
    --target=*) TARGET="${1#--target=}" ;;
    --out) [ $# -ge 2 ] || { echo "--out needs a value" >&2; exit 1; }; OUT="$2"; shift ;;
    --out=*) OUT="${1#--out=}" ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown argument: $1" >&2; usage >&2; exit 1 ;;
  esac
  shift
done
case "$TARGET" in
  cython|cpp_standalone|numpy|all) ;;
  *) echo "--target must be cython, cpp_standalone, numpy or all, not '$TARGET'" >&2; exit 1 ;;
esac

if [ "$INSTALL" = 1 ]; then
  SUDO=()
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { echo "--install needs root or sudo (to run apt-get)" >&2; exit 1; }
    SUDO=(sudo)
  fi
  echo "== --install: ${SUDO[*]} apt-get update && ${SUDO[*]} apt-get install -y --no-install-recommends ${APT_PACKAGES[*]}"
  "${SUDO[@]}" apt-get update
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${APT_PACKAGES[@]}"
fi

# What is missing, and how to get it: exit 3 (the peer is not installed; not a DynLang failure).
missing=()
[ -x "$PY" ] && "$PY" -c 'import brian2' 2>/dev/null || missing+=("brian2 for $PY (Debian: python3-brian)")
if [ "$TARGET" != numpy ]; then
  command -v g++ >/dev/null || missing+=("g++")
  if [ "$TARGET" != cpp_standalone ] && [ -x "$PY" ] && ! "$PY" -c \
      'import os, sysconfig, sys; sys.exit(not os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")))'; then
    missing+=("Python.h (Debian: python3-dev)")
  fi
  if [ "$TARGET" != cython ]; then command -v make >/dev/null || missing+=("make"); fi
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "Brian2 benchmark not run: missing ${missing[*]}." >&2
  echo "Install with:  $0 --install   (runs: apt-get install -y --no-install-recommends ${APT_PACKAGES[*]}, via sudo if not root)" >&2
  exit 3
fi

# shellcheck source=env.sh
source "$HERE/env.sh"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"

case "$TARGET" in
  all) RUNS=(numpy cython:cold cython:warm cpp_standalone) ;;
  cython) RUNS=(cython:cold cython:warm) ;;
  *) RUNS=("$TARGET") ;;
esac

echo "== Brian2 CUBA: ${RUNS[*]}; out: $OUT; scratch: $BRIAN2_BENCH_SCRATCH"
echo "== load before: $(cut -d' ' -f1-3 /proc/loadavg)  (cores: $(getconf _NPROCESSORS_ONLN))"
status=0
files=()
for run in "${RUNS[@]}"; do
  target="${run%%:*}"
  args=(--target "$target")
  name="brian2_cuba_$target"
  case "$run" in
    cython:cold) args+=(--cold); name+=_cold ;;
    cython:warm) name+=_warm ;;
    cpp_standalone) args+=(--cold) ;;   # always from an empty project directory
  esac
  echo "-- $run"
  rc=0
  BRIAN2_BENCH_T0="$(date +%s.%N)" "$PY" "$HERE/cuba.py" "${args[@]}" --out "$OUT/$name.json" || rc=$?
  case $rc in
    0) files+=("$OUT/$name.json") ;;
    2) files+=("$OUT/$name.json"); echo "!! $run: spikes differ from the reference (see $OUT/$name.json)" >&2
       [ $status = 1 ] || status=2 ;;
    *) echo "!! $run failed (exit $rc)" >&2; status=1 ;;
  esac
done
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"

if [ ${#files[@]} -gt 0 ]; then
  "$PY" - "$OUT/summary.json" "${files[@]}" <<'EOF'
import json, sys
runs = [json.load(open(p)) for p in sys.argv[2:]]
with open(sys.argv[1], 'w') as f:
    json.dump({'benchmark': runs[0]['benchmark'], 'env': runs[0]['env'],
               'runs': [{k: r[k] for k in ('target', 'cache', 'spikes', 'times', 'date_utc')}
                        for r in runs]}, f, indent=1)
    f.write('\n')
print(f"{'target':<15}{'cache':<25}{'spikes':>8}{'loop s':>9}{'run() s':>9}{'build+run s':>13}{'process s':>11}")
for r in runs:
    t = r['times']
    print(f"{r['target']:<15}{r['cache']:<25}{r['spikes']['total']:>8}{t['sim_loop_s']:>9.3f}"
          f"{t['run_call_s']:>9.2f}{t['build_and_run_s']:>13.2f}{t['process_s']:>11.2f}")
EOF
fi
exit $status
