#!/bin/sh
# Install a Java runtime for the HermiT reasoner (owlready2 runs it with the `java` on PATH).
# Does nothing when `java` is already there; otherwise installs a headless JRE with apt-get.
# Usage: scripts/install_java.sh     (as root, or with sudo available)
set -eu

if command -v java >/dev/null 2>&1; then
    echo "java found: $(command -v java)"
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install_java.sh: no java and no apt-get; install a Java 11+ runtime by hand" >&2
    exit 2
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
$SUDO apt-get update -q
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends default-jre-headless
java -version
