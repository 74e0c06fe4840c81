#!/usr/bin/env bash
# Installs the Debian 12 packages afdsim builds and tests with. Idempotent: prints nothing and
# installs nothing when every package is already there.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libsimgrid-dev       # SimGrid 3.32: time, links, actors
  libyaml-cpp-dev      # scenario files
  libspdlog-dev        # logging
  libgtest-dev         # GoogleTest
  libcli11-dev         # command line
  nlohmann-json3-dev   # JSON reports
  pajeng               # pj_dump, to check Paje traces in tests
  python3              # scripts that regenerate docs tables
  python3-matplotlib   # scripts/plot_timeline.py: the Gantt chart of a Chrome trace
  valgrind             # the leak test of the suite
  clang-14             # the sanitizer and fuzz builds (scripts/test_sanitize.sh, scripts/fuzz.sh)
  libclang-rt-14-dev   # their runtimes: AddressSanitizer, UBSan, libFuzzer
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "setup: installing ${missing[*]}" >&2
sudo=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "setup: need root (or sudo) to install ${missing[*]}" >&2; exit 1; }
  sudo=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
