#!/usr/bin/env bash
# What DynLang adds to `dotnet build`: times the build of two otherwise identical console
# projects, one with the three models in models/ (LIF neuron, Oja rule, Lotka–Volterra) and one
# without, both importing DynLang.InRepo.targets by absolute path.
#
# Per repetition, each project is copied fresh into a temp dir, restored (not timed), then timed:
#   first  first build after restore (compiles the project; the generator runs on every model)
#   noop   the same build again with nothing changed (MSBuild's up-to-date checks)
#   dyn    after touching one .dyn (the with-models copy) / Program.cs (the without copy)
#   cs     after touching Program.cs (both copies: the generator's share of an ordinary edit)
#
# The timed projects import DynLang.InRepo.targets from a snapshot of the repository's generator,
# compiler and runtime (their working-tree sources, without bin/obj) in the temp dir, built once
# before timing: each timed build then only checks them, concurrent builds in the repository
# (other work on the same machine) cannot invalidate them mid-measurement, and this script never
# overwrites the repository's own bin/obj.
#
# Build servers: by default the environment decides (this project's machines and CI set
# UseSharedCompilation=false and MSBUILDDISABLENODEREUSE=1, so every build starts a fresh csc and
# loads the generator anew: a CI-like cost). --warm turns the compiler server and MSBuild node
# reuse on, as in a developer's IDE/inner loop, where the generator stays loaded between builds.
# The script prints which mode it measured, and with --warm stops the servers at the end.
#
# Usage: benchmarks/build-cost/measure.sh [--warm] [repetitions]   (default 3; Debug configuration)
set -euo pipefail

reps=3
warm=0
for arg in "$@"; do
    case "$arg" in
        --warm) warm=1 ;;
        '' | *[!0-9]*) echo "usage: $0 [--warm] [repetitions]" >&2; exit 2 ;;
        *) reps="$arg" ;;
    esac
done
if ((warm)); then
    export UseSharedCompilation=true MSBUILDDISABLENODEREUSE=0
fi
servers="compiler server: UseSharedCompilation=${UseSharedCompilation:-true (SDK default)}; MSBuild node reuse disabled: MSBUILDDISABLENODEREUSE=${MSBUILDDISABLENODEREUSE:-0 (SDK default)}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/dynlang-build-cost.XXXXXX")"
cleanup() {
    if ((warm)); then dotnet build-server shutdown > /dev/null 2>&1 || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
snapshot="$work/repo"
mkdir -p "$snapshot"
tar -C "$repo" --exclude=bin --exclude=obj -cf - \
    Directory.Build.props Directory.Packages.props src/DynLang.Core src/DynLang.Runtime generators/DynLang.Generators \
    | tar -C "$snapshot" -xf -
targets="$snapshot/generators/DynLang.Generators/DynLang.InRepo.targets"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# Writes a console project into $1; with models when $2 is "with".
make_project() {
    local dir="$1" kind="$2"
    mkdir -p "$dir"
    cat > "$dir/BuildCost.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <RootNamespace>BuildCost</RootNamespace>
  </PropertyGroup>
  <Import Project="$targets" />
</Project>
EOF
    if [[ "$kind" == with ]]; then
        cp "$here"/models/*.dyn "$dir/"
        # Naming the generated types makes the build fail if a model generated nothing.
        cat > "$dir/Program.cs" <<'EOF'
namespace BuildCost;

public static class Program
{
    public static void Main() =>
        System.Console.WriteLine(string.Join(" ", typeof(LIFPopulation).Name, typeof(OjaRule).Name, typeof(LotkaVolterraSystem).Name));
}
EOF
    else
        cat > "$dir/Program.cs" <<'EOF'
namespace BuildCost;

public static class Program
{
    public static void Main() => System.Console.WriteLine("no models");
}
EOF
    fi
}

# Times one `dotnet build` of $1 in seconds (to stdout); the log goes to $1/build.log.
timed_build() {
    local dir="$1" start end
    start=$(date +%s.%N)
    if ! dotnet build "$dir/BuildCost.csproj" --no-restore -nologo -v:q > "$dir/build.log" 2>&1; then
        cat "$dir/build.log" >&2
        echo "build of $dir failed" >&2
        exit 1
    fi
    end=$(date +%s.%N)
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }'
}

# Fails when $1's output assembly was not rewritten since $2 (a touched input that did not
# trigger a compile would make the row meaningless).
require_recompiled() {
    local dll="$1/bin/Debug/net10.0/BuildCost.dll" since="$2"
    if [[ ! "$dll" -nt "$since" ]]; then
        echo "$dll was not rebuilt after touching $since" >&2
        exit 1
    fi
}

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

echo "$servers" >&2
echo "warming up: building the snapshot's generator, compiler and runtime (Debug) in $work" >&2
make_project "$work/warmup" with
dotnet restore "$work/warmup/BuildCost.csproj" -nologo -v:q > /dev/null
timed_build "$work/warmup" > /dev/null

declare -A times
rows=(first noop dyn cs)
for ((r = 1; r <= reps; r++)); do
    for kind in with without; do
        dir="$work/$kind-$r"
        make_project "$dir" "$kind"
        dotnet restore "$dir/BuildCost.csproj" -nologo -v:q > /dev/null
        times[$kind.first]+="$(timed_build "$dir") "
        times[$kind.noop]+="$(timed_build "$dir") "
        # Sleep so the touched file is strictly newer than the last build's outputs.
        sleep 1
        if [[ "$kind" == with ]]; then edited="$dir/Lif.dyn"; else edited="$dir/Program.cs"; fi
        touch "$edited"
        times[$kind.dyn]+="$(timed_build "$dir") "
        require_recompiled "$dir" "$edited"
        sleep 1
        touch "$dir/Program.cs"
        times[$kind.cs]+="$(timed_build "$dir") "
        require_recompiled "$dir" "$dir/Program.cs"
        echo "repetition $r/$reps: $kind models done" >&2
    done
done

printf '\n%s\n' "$servers"
printf '\n| build (median of %d, seconds)                        | with 3 models | without | difference |\n' "$reps"
printf '|-------------------------------------------------------|--------------:|--------:|-----------:|\n'
declare -A label=(
    [first]="first build after restore"
    [noop]="no-op rebuild"
    [dyn]="rebuild after touching Lif.dyn (without: Program.cs)"
    [cs]="rebuild after touching Program.cs"
)
for row in "${rows[@]}"; do
    # shellcheck disable=SC2086 # the lists are space-separated numbers
    w=$(median ${times[with.$row]})
    # shellcheck disable=SC2086
    o=$(median ${times[without.$row]})
    printf '| %-53s | %13.2f | %7.2f | %+10.2f |\n' "${label[$row]}" "$w" "$o" "$(awk -v a="$w" -v b="$o" 'BEGIN { print a - b }')"
done
echo
for row in "${rows[@]}"; do
    echo "raw $row: with = ${times[with.$row]}; without = ${times[without.$row]}"
done
