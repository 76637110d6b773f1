#!/usr/bin/env bash
# Installs MPICH (mpiexec.mpich, libmpich.so.12) for DynLang.Distributed, from Debian/Ubuntu's packages.
# Idempotent: does nothing when both are present. Needs root or passwordless sudo for apt-get.
# MPICH, not Open MPI: MPI.NET binds to MS-MPI's ABI, which is MPICH's (docs/distributed.md).
set -euo pipefail
have() { command -v mpiexec.mpich > /dev/null && ldconfig -p 2>/dev/null | grep -q 'libmpich\.so\.12'; }
if have; then echo "install-mpich: MPICH is installed ($(mpiexec.mpich --version 2>/dev/null | awk '/Version:/ {print $2; exit}'))"; exit 0; fi
if [[ $(id -u) == 0 ]]; then sudo=""; elif sudo -n true 2>/dev/null; then sudo="sudo -n"; else
  echo "install-mpich: MPICH is missing and this user cannot install packages; run: sudo apt-get install -y mpich libmpich-dev" >&2; exit 1; fi
if ! command -v apt-get > /dev/null; then
  echo "install-mpich: no apt-get here; install MPICH with your package manager (it must provide mpiexec.mpich and libmpich.so.12)" >&2; exit 1; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends mpich libmpich-dev > /dev/null
have || { echo "install-mpich: apt-get ran, but mpiexec.mpich or libmpich.so.12 is still missing" >&2; exit 1; }
echo "install-mpich: installed MPICH $(mpiexec.mpich --version 2>/dev/null | awk '/Version:/ {print $2; exit}')"
