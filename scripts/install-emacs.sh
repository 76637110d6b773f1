#!/usr/bin/env bash
# Installs Emacs (emacs-nox) with eglot for tests/lsp-clients/emacs, from Debian/Ubuntu's
# packages (Debian 12: Emacs 28.2 and elpa-eglot 1.9). Idempotent: does nothing when Emacs loads eglot.
# Needs root or passwordless sudo for apt-get. Exit 2 when apt-get cannot reach its archive (the caller reports a skip), 1 otherwise.
set -euo pipefail
version() { emacs --version 2>/dev/null | head -n 1; }
have() { command -v emacs > /dev/null && emacs --batch -q --eval "(require 'eglot)" > /dev/null 2>&1; }
if have; then echo "install-emacs: Emacs with eglot is installed ($(version))"; exit 0; fi
if [[ $(id -u) == 0 ]]; then sudo=""; elif sudo -n true 2>/dev/null; then sudo="sudo -n"; else
  echo "install-emacs: Emacs with eglot is missing and this user cannot install packages; run: sudo apt-get install -y emacs-nox elpa-eglot" >&2; exit 1; fi
if ! command -v apt-get > /dev/null; then
  echo "install-emacs: no apt-get here; install Emacs 29 or newer (eglot built in) with your package manager" >&2; exit 1; fi
if ! timeout 300 $sudo apt-get update -qq; then
  echo "install-emacs: apt-get update failed (is the package archive reachable?)" >&2; exit 2; fi
if ! DEBIAN_FRONTEND=noninteractive timeout 600 $sudo apt-get install -y -qq --no-install-recommends emacs-nox elpa-eglot > /dev/null; then
  echo "install-emacs: apt-get install emacs-nox elpa-eglot failed (is the package archive reachable?)" >&2; exit 2; fi
have || { echo "install-emacs: apt-get ran, but emacs or eglot is still missing" >&2; exit 1; }
echo "install-emacs: installed $(version)"
