#!/usr/bin/env bash
# Installs Neovim (nvim, with its built-in LSP client) for tests/lsp-clients/nvim, from Debian/Ubuntu's
# packages (Debian 12: 0.7.2). Idempotent: does nothing when nvim is present. Needs root or passwordless
# sudo for apt-get. Exit 2 when apt-get cannot reach its archive (the caller reports a skip), 1 otherwise.
set -euo pipefail
version() { nvim --version 2>/dev/null | head -n 1; }
if command -v nvim > /dev/null; then echo "install-neovim: Neovim is installed ($(version))"; exit 0; fi
if [[ $(id -u) == 0 ]]; then sudo=""; elif sudo -n true 2>/dev/null; then sudo="sudo -n"; else
  echo "install-neovim: nvim is missing and this user cannot install packages; run: sudo apt-get install -y neovim" >&2; exit 1; fi
if ! command -v apt-get > /dev/null; then
  echo "install-neovim: no apt-get here; install Neovim 0.7 or newer with your package manager" >&2; exit 1; fi
if ! timeout 300 $sudo apt-get update -qq; then
  echo "install-neovim: apt-get update failed (is the package archive reachable?)" >&2; exit 2; fi
if ! DEBIAN_FRONTEND=noninteractive timeout 600 $sudo apt-get install -y -qq --no-install-recommends neovim > /dev/null; then
  echo "install-neovim: apt-get install neovim failed (is the package archive reachable?)" >&2; exit 2; fi
command -v nvim > /dev/null || { echo "install-neovim: apt-get ran, but nvim is still missing" >&2; exit 1; }
echo "install-neovim: installed $(version)"
