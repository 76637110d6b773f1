# Sourced by run.sh, smoke.sh and triage.sh: afl++ settings for a .NET target in a container.
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export AFL_SKIP_BIN_CHECK=1                          # the target is `dotnet`, not an afl-compiled binary
export AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1       # core_pattern cannot be changed in a container
export AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1          # shared machines: no CPU pinning, no governor check
export AFL_FORKSRV_INIT_TMOUT=30000                  # dotnet start-up on a loaded machine
export AFL_NO_UI=1                                   # plain status lines (logs, CI)
# A timeout of 5 s per input: the first input of each new child process includes the runtime's
# start-up and JIT (~0.3 s here); every normal input compiles in well under 1 s.
AFL_TIMEOUT_MS=${AFL_TIMEOUT_MS:-5000}
export FUZZ_BIN=${FUZZ_BIN:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/out/bin}   # the published, instrumented harness
