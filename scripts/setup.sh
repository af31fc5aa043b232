#!/usr/bin/env bash
# System packages hemekg's tests need on a fresh machine: a Java runtime (HermiT reasoner,
# run by owlready2) and Chromium (the headless-browser test of build/graph.html).
# Installs only what is missing; safe to run again.
set -euo pipefail
need=()
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
command -v chromium >/dev/null 2>&1 || need+=(chromium chromium-driver)
if [ "${#need[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
