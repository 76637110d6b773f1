#!/usr/bin/env bash
# Scaling benchmark: DynLang against Brian2 (cpp_standalone) on CUBA with a fixed in-degree of
# 80 at N = 40,000 / 200,000 / 1,000,000 neurons and on COBAHH (4000 HH neurons). See README.md.
#
#   benchmarks/scaling/run.sh [--install] [--rounds R] [--sizes "N1 N2 ..."] [--duration S]
#                             [--quick] [--no-cobahh] [--skip-brian2] [--fresh] [--out DIR]
#
#   --install      apt-get install Debian's python3-brian python3-matplotlib python3-dev g++ make
#                  (through sudo when not root), then run
#   --rounds R     timed rounds (default 5; --quick: 1)
#   --sizes "..."  CUBA sizes (default "40000 200000 1000000"; --quick: "4000 40000")
#   --duration S   biological seconds per run, every workload (default 1; --quick: 0.1)
#   --quick        plumbing check: the defaults above, results in results/quick/
#   --no-cobahh    leave COBAHH out
#   --skip-brian2  DynLang only
#   --fresh        forget this campaign's previous runs (data and builds are kept)
#   --out DIR      campaign folder (default results/full, --quick results/quick)
#
# Protocol: (1) data: each CUBA network generated once with numpy (make_data.py, seeded) into
# data/cuba-N/; COBAHH reuses tests/reference/cobahh/data. (2) builds: DynLang Release once;
# Brian2 one cpp_standalone project per workload and thread setting (no OpenMP / OpenMP 2
# threads), compile time recorded; a project is reused while its data and duration are
# unchanged. (3) check round: every runner once per workload; spike counts and raster hashes
# compared before any timing (differences are reported and flagged, the campaign goes on).
# (4) R rounds; in each, for each workload: DynLang 1 core (DOTNET_PROCESSOR_COUNT=1), DynLang
# all cores, Brian2 1 thread, Brian2 OpenMP 2 threads, so that drift of the machine's speed
# hits every runner alike. (5) summarize.py: medians, markdown table, scaling.png.
#
# Restartable: every finished run is a JSON file in the campaign folder; running the same
# command again skips what is there (failed runs are retried). Progress on stdout, everything
# also appended to DIR/log.txt.
#
# Exit: 0 done, spikes identical everywhere; 2 done, but some spike counts differ (flagged in
# the table); 3 Brian2 (or numpy, for the CUBA data) missing: DynLang was measured where
# possible; 1 error.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
# Debian's python3-brian is installed for the system interpreter; SCALING_PY overrides it.
PY="${SCALING_PY:-/usr/bin/python3}"
[ -x "$PY" ] || PY="$(command -v python3 || true)"
[ -n "$PY" ] || { echo "python3 is needed (data, Brian2 driver, summary)" >&2; exit 1; }
APT_PACKAGES=(python3-brian python3-matplotlib python3-dev g++ make)

INSTALL=0 ROUNDS="" SIZES="" DURATION="" QUICK=0 COBAHH=1 BRIAN=1 FRESH=0 OUTDIR=""
while [ $# -gt 0 ]; do
  case "$1" in
    --install) INSTALL=1 ;;
    --rounds) ROUNDS="${2:?--rounds needs a value}"; shift ;;
    --sizes) SIZES="${2:?--sizes needs a value}"; shift ;;
    --duration) DURATION="${2:?--duration needs a value}"; shift ;;
    --quick) QUICK=1 ;;
    --no-cobahh) COBAHH=0 ;;
    --skip-brian2) BRIAN=0 ;;
    --fresh) FRESH=1 ;;
    --out) OUTDIR="${2:?--out needs a value}"; shift ;;
    -h|--help) sed -n '2,36p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1 (--help lists them)" >&2; exit 1 ;;
  esac
  shift
done
if [ "$QUICK" = 1 ]; then
  : "${ROUNDS:=1}" "${SIZES:=4000 40000}" "${DURATION:=0.1}" "${OUTDIR:=$HERE/results/quick}"
else
  : "${ROUNDS:=5}" "${SIZES:=40000 200000 1000000}" "${DURATION:=1}" "${OUTDIR:=$HERE/results/full}"
fi
[[ "$ROUNDS" =~ ^[0-9]+$ ]] && [ "$ROUNDS" -ge 1 ] || { echo "--rounds must be a positive integer" >&2; exit 1; }
for n in $SIZES; do [[ "$n" =~ ^[0-9]+$ ]] && [ "$n" -ge 100 ] || { echo "--sizes: '$n' is not a size >= 100" >&2; exit 1; }; done
awk -v d="$DURATION" 'BEGIN{exit !(d+0 > 0)}' || { echo "--duration must be positive" >&2; exit 1; }
DUR="$(awk -v d="$DURATION" 'BEGIN{printf "%g", d}')"

DATA="$HERE/data"
SCRATCH="$HERE/.scratch"
mkdir -p "$OUTDIR" "$DATA" "$SCRATCH/tmp/mpl"
OUTDIR="$(cd "$OUTDIR" && pwd)"
LOG="$OUTDIR/log.txt"
export TMPDIR="$SCRATCH/tmp" MPLCONFIGDIR="$SCRATCH/tmp/mpl" PYTHONWARNINGS=ignore PYTHONDONTWRITEBYTECODE=1
export OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1

say() { echo "$*" | tee -a "$LOG"; }
trap 'echo; say "!! interrupted: what finished is kept; run the same command again to go on"; exit 130' INT TERM
stamp() { date -u +%H:%M:%S; }
T_START=$(date +%s)
elapsed() { local s=$(( $(date +%s) - T_START )); printf '%dm%02ds' $((s / 60)) $((s % 60)); }

if [ "$FRESH" = 1 ]; then rm -rf "$OUTDIR/runs" "$OUTDIR/check" "$OUTDIR/failed"; fi
say "== $(date -u +%Y-%m-%dT%H:%M:%SZ) scaling benchmark: sizes [$SIZES], cobahh $([ $COBAHH = 1 ] && echo yes || echo no), ${DUR} s per run, $ROUNDS round(s); out $OUTDIR"

# ---------------------------------------------------------------- install / what is there
if [ "$INSTALL" = 1 ]; then
  SUDO=()
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { echo "--install needs root or sudo (to run apt-get)" >&2; exit 1; }
    SUDO=(sudo)
  fi
  say "== --install: ${SUDO[*]} apt-get install -y --no-install-recommends ${APT_PACKAGES[*]}"
  "${SUDO[@]}" apt-get update -q || exit 1
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${APT_PACKAGES[@]}" || exit 1
  PY="${SCALING_PY:-/usr/bin/python3}"
fi
HAVE_NUMPY=0 HAVE_BRIAN=0 MISSING=()
[ -n "$PY" ] && "$PY" -c 'import numpy' 2>/dev/null && HAVE_NUMPY=1
[ "$HAVE_NUMPY" = 1 ] || MISSING+=("numpy for $PY (python3-numpy)")
if [ "$BRIAN" = 1 ]; then
  [ -n "$PY" ] && "$PY" -c 'import brian2' 2>/dev/null || MISSING+=("brian2 for ${PY:-python3} (python3-brian)")
  command -v g++ >/dev/null || MISSING+=("g++")
  command -v make >/dev/null || MISSING+=("make")
  [ ${#MISSING[@]} = 0 ] && HAVE_BRIAN=1
fi
if [ ${#MISSING[@]} -gt 0 ]; then
  say "!! missing: ${MISSING[*]}. Install with: $0 --install (apt-get install ${APT_PACKAGES[*]})."
  say "!! going on with DynLang only$([ $HAVE_NUMPY = 1 ] || echo ', COBAHH only (the CUBA data need numpy)'); exit 3 at the end."
fi

# ---------------------------------------------------------------- machine
MODEL_NAME="$(lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -1)"
machine_json() {  # machine_json FILE [end]: what the numbers were measured on (and the load at the end)
  CPU="${MODEL_NAME:-unknown}" CORES="$(nproc)" TPC="$(lscpu 2>/dev/null | sed -n 's/^Thread(s) per core:[[:space:]]*//p')" \
  MEM="$(awk '/^MemTotal/{print $2}' /proc/meminfo)" SDK="$(dotnet --version 2>/dev/null)" \
  GCC="$(g++ --version 2>/dev/null | head -1)" LOAD="$(cat /proc/loadavg)" "$PY" - "$@" <<'EOF'
import json, os, platform, sys, time
path = sys.argv[1]
if len(sys.argv) > 2:
    d = json.load(open(path)) if os.path.exists(path) else {}
    d['loadavg_end'] = os.environ['LOAD']
else:
    d = dict(date_utc=time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime()), cpu=os.environ['CPU'],
             cores_online=int(os.environ['CORES']), threads_per_core=os.environ['TPC'],
             memory_total_gib=round(int(os.environ['MEM']) / 1048576, 1), kernel=platform.release(),
             dotnet_sdk=os.environ['SDK'], gcc=os.environ['GCC'], loadavg_start=os.environ['LOAD'])
    try:
        import brian2
        d['brian2'] = brian2.__version__
    except Exception:
        d['brian2'] = None
with open(path, 'w') as f:
    json.dump(d, f, indent=1)
EOF
}
machine_json "$OUTDIR/machine.json"
say "== machine: ${MODEL_NAME:-unknown}, $(nproc) cores, $(awk '/^MemTotal/{printf "%.1f GiB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"

# ---------------------------------------------------------------- workloads and data
# CUBA needs about 100 B per synapse in the larger of the two processes (both measured at
# 200,000 neurons, README.md); refuse a size that will not fit in what is available now.
WORKLOADS=()      # name:model:datadir:neurons
if [ "$HAVE_NUMPY" = 1 ]; then
  for n in $SIZES; do
    need_kib=$(( n * 80 * 100 / 1024 + 1048576 ))
    avail_kib=$(awk '/^MemAvailable/{print $2}' /proc/meminfo)
    if [ "$need_kib" -gt "$avail_kib" ]; then
      say "!! cuba-$n left out: needs about $((need_kib / 1048576)) GiB, $((avail_kib / 1048576)) GiB available"
      continue
    fi
    d="$DATA/cuba-$n"
    if [ ! -f "$d/meta.json" ]; then
      say "-- $(stamp) data: generating cuba-$n (fixed in-degree 80, seed 2007)"
      "$PY" "$HERE/make_data.py" "$n" "$d" >>"$LOG" 2>&1 || { say "!! make_data.py $n failed (see $LOG)"; exit 1; }
    fi
    WORKLOADS+=("cuba-$n-${DUR}s:cuba:$d:$n")
  done
fi
if [ "$COBAHH" = 1 ]; then
  WORKLOADS+=("cobahh-4000-${DUR}s:cobahh:$ROOT/tests/reference/cobahh/data:4000")
  # The same network with DynLang's `math fast` (the Brian2 side is plain COBAHH again).
  WORKLOADS+=("cobahhfast-4000-${DUR}s:cobahh-fast:$ROOT/tests/reference/cobahh/data:4000")
fi
[ ${#WORKLOADS[@]} -gt 0 ] || { say "!! nothing to measure"; exit 1; }
say "== workloads: $(for w in "${WORKLOADS[@]}"; do printf '%s ' "${w%%:*}"; done)"

data_stamp() {  # what a Brian2 project was built from: sizes and times of the .npy files, duration
  (cd "$1" && stat -c '%n %s %Y' init_v.npy init_ge.npy init_gi.npy Ce_i.npy Ce_j.npy Ci_i.npy Ci_j.npy; echo "$DUR") | md5sum | cut -d' ' -f1
}

# ---------------------------------------------------------------- builds
mkdir -p "$OUTDIR/builds"
say "-- $(stamp) DynLang: dotnet build -c Release benchmarks/ScalingBenchmark"
t0=$(date +%s.%N)
if ! dotnet build -c Release "$ROOT/benchmarks/ScalingBenchmark" -v q -nologo >"$OUTDIR/builds/dynlang-build.log" 2>&1; then
  tail -20 "$OUTDIR/builds/dynlang-build.log"; say "!! DynLang build failed (see $OUTDIR/builds/dynlang-build.log)"; exit 1
fi
t1=$(date +%s.%N)
echo "{\"runner\": \"dynlang\", \"build_s\": $(awk "BEGIN{print $t1 - $t0}"), \"note\": \"incremental dotnet build -c Release (a no-op when up to date)\"}" > "$OUTDIR/builds/dynlang.json"
say "   $(awk "BEGIN{printf \"%.1f\", $t1 - $t0}") s"
DLL="$ROOT/benchmarks/ScalingBenchmark/bin/Release/net10.0/ScalingBenchmark.dll"

RUNNERS=(dynlang-1core dynlang-allcores)
if [ "$HAVE_BRIAN" = 1 ]; then
  RUNNERS+=(brian2-1thread brian2-openmp2)
  for w in "${WORKLOADS[@]}"; do
    IFS=: read -r name model dir n <<<"$w"
    st="$(data_stamp "$dir")"
    for threads in 0 2; do
      proj="$SCRATCH/brian2/$name-omp$threads"
      rec="$OUTDIR/builds/$name-brian2-omp$threads.json"
      if [ -x "$proj/main" ] && [ -f "$proj/bench_build.json" ] && [ "$(cat "$proj/bench_data_stamp" 2>/dev/null)" = "$st" ]; then
        cp "$proj/bench_build.json" "$rec"
        say "-- $(stamp) Brian2 project $name omp$threads: up to date (compile time of its build kept)"
        continue
      fi
      say "-- $(stamp) Brian2: generating and compiling $name, openmp_threads=$threads"
      if "$PY" "$HERE/brian2_scaling.py" build --model "$model" --data "$dir" --duration "$DUR" \
           --threads "$threads" --project "$proj" >>"$LOG" 2>&1; then
        echo "$st" > "$proj/bench_data_stamp"
        cp "$proj/bench_build.json" "$rec"
        echo "   $(tail -n 1 "$LOG")"
      else
        say "!! Brian2 build of $name omp$threads failed (see $LOG); its runs are left out"
      fi
    done
  done
fi

# ---------------------------------------------------------------- one run
# run_one RUNNER WORKLOAD OUTFILE: a fresh process; OUTFILE appears only when the run succeeded.
run_one() {
  local runner="$1" w="$2" out="$3" name model dir n rc=0
  IFS=: read -r name model dir n <<<"$w"
  mkdir -p "$(dirname "$out")" "$OUTDIR/failed"
  local err="$OUTDIR/failed/$(basename "$(dirname "$out")")-$(basename "$out" .json).txt"
  case "$runner" in
    dynlang-1core)
      DOTNET_PROCESSOR_COUNT=1 timeout --foreground 3600 dotnet "$DLL" --model "$model" --data "$dir" --duration "$DUR" --out "$out" >/dev/null 2>"$err" || rc=$? ;;
    dynlang-allcores)
      env -u DOTNET_PROCESSOR_COUNT timeout --foreground 3600 dotnet "$DLL" --model "$model" --data "$dir" --duration "$DUR" --out "$out" >/dev/null 2>"$err" || rc=$? ;;
    brian2-1thread|brian2-openmp2)
      local t=0; [ "$runner" = brian2-openmp2 ] && t=2
      local proj="$SCRATCH/brian2/$name-omp$t"
      [ -x "$proj/main" ] || { echo "no Brian2 project $proj" >"$err"; return 1; }
      if [ $t = 0 ]; then
        OMP_NUM_THREADS=1 timeout --foreground 3600 "$PY" "$HERE/brian2_scaling.py" run --project "$proj" --out "$out" >/dev/null 2>"$err" || rc=$?
      else
        env -u OMP_NUM_THREADS timeout --foreground 3600 "$PY" "$HERE/brian2_scaling.py" run --project "$proj" --out "$out" >/dev/null 2>"$err" || rc=$?
      fi ;;
  esac
  if [ $rc = 0 ] && [ -f "$out" ]; then rm -f "$err"; return 0; fi
  rm -f "$out"
  # Ctrl-C reaches the run first; a run that ends by SIGINT/SIGTERM ends the campaign.
  if [ $rc = 130 ] || [ $rc = 143 ]; then say "!! interrupted: what finished is kept; run the same command again to go on"; exit 130; fi
  rm -f "$out"; echo "(exit $rc)" >>"$err"; return 1
}

field() { "$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d.get(sys.argv[2]))' "$1" "$2"; }

FLAGGED=0
TOTAL=$(( ${#WORKLOADS[@]} * ${#RUNNERS[@]} * (ROUNDS + 1) ))
DONE=0

# ---------------------------------------------------------------- check round
say "== $(stamp) check round: every runner once per workload, spikes compared before timing"
for w in "${WORKLOADS[@]}"; do
  name="${w%%:*}"
  for runner in "${RUNNERS[@]}"; do
    f="$OUTDIR/check/$name/$runner.json"
    DONE=$((DONE + 1))
    if [ -f "$f" ]; then continue; fi
    if run_one "$runner" "$w" "$f"; then
      say "   [$DONE/$TOTAL $(elapsed)] check $name $runner: $(field "$f" spikes) spikes, loop $(printf '%.3f' "$(field "$f" loop_s)") s"
    else
      say "!! [$DONE/$TOTAL] check $name $runner failed: $(tail -n 3 "$OUTDIR/failed/$name-$runner.txt" | tr '\n' ' ')"
    fi
  done
  if ! "$PY" - "$OUTDIR/check/$name" <<'EOF' | tee -a "$LOG"
import glob, json, os, sys
runs = {os.path.basename(p)[:-5]: json.load(open(p)) for p in sorted(glob.glob(os.path.join(sys.argv[1], '*.json')))
        if not p.endswith('verdict.json')}
counts = {r: d['spikes'] for r, d in runs.items()}
hashes = {r: d['raster_sha256'] for r, d in runs.items()}
same_count = len(set(counts.values())) <= 1
same_raster = len(set(hashes.values())) <= 1
verdict = dict(runs=counts, identical_counts=same_count, identical_rasters=same_raster,
               spikes=next(iter(counts.values())) if same_count and counts else None)
json.dump(verdict, open(os.path.join(sys.argv[1], 'verdict.json'), 'w'), indent=1)
if not counts:
    print('   !! no run finished'); sys.exit(1)
if same_count and same_raster:
    print(f'   ok: {len(runs)} runners, {verdict["spikes"]} spikes each, identical rasters')
else:
    print('   !! FLAGGED: ' + ', '.join(f'{r} {c} spikes' for r, c in counts.items()) +
          ('' if same_count else '; counts differ') + ('' if same_raster else '; rasters differ'))
    sys.exit(2)
EOF
  then FLAGGED=1; fi
done

# ---------------------------------------------------------------- timed rounds
for r in $(seq 1 "$ROUNDS"); do
  say "== $(stamp) round $r/$ROUNDS (load $(cut -d' ' -f1-3 /proc/loadavg))"
  for w in "${WORKLOADS[@]}"; do
    name="${w%%:*}"
    expect="$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1])).get("spikes"))' "$OUTDIR/check/$name/verdict.json" 2>/dev/null)"
    for runner in "${RUNNERS[@]}"; do
      f="$OUTDIR/runs/$name/$runner-r$r.json"
      DONE=$((DONE + 1))
      if [ -f "$f" ]; then continue; fi
      if run_one "$runner" "$w" "$f"; then
        s="$(field "$f" spikes)"
        mark=""; [ "$expect" != None ] && [ -n "$expect" ] && [ "$s" != "$expect" ] && { mark="  !! check round gave $expect"; FLAGGED=1; }
        say "   [$DONE/$TOTAL $(elapsed)] r$r $name $runner: loop $(printf '%.3f' "$(field "$f" loop_s)") s, $s spikes, load $(cut -d' ' -f1 /proc/loadavg)$mark"
      else
        say "!! [$DONE/$TOTAL] r$r $name $runner failed: $(tail -n 3 "$OUTDIR/failed/$name-$runner-r$r.txt" | tr '\n' ' ')"
      fi
    done
  done
done

# ---------------------------------------------------------------- summary
machine_json "$OUTDIR/machine.json" end
# The campaign of record (the default folder) draws benchmarks/scaling/scaling.png; any other
# (--quick, --out) draws into its own folder.
PNG="$OUTDIR/scaling.png"; [ "$OUTDIR" = "$HERE/results/full" ] && PNG="$HERE/scaling.png"
say "== $(stamp) summary ($(elapsed) in all)"
"$PY" "$HERE/summarize.py" "$OUTDIR" --rounds "$ROUNDS" --png "$PNG" \
    --workloads $(for w in "${WORKLOADS[@]}"; do printf '%s ' "${w%%:*}"; done) | tee -a "$LOG"
if [ ${#MISSING[@]} -gt 0 ]; then
  say "!! Brian2 side not measured: missing ${MISSING[*]}; install with $0 --install"; exit 3
fi
[ "$FLAGGED" = 0 ] || { say "!! some spike counts or rasters differ between runners (flagged above and in the table)"; exit 2; }
exit 0
