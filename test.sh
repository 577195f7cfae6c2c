#!/usr/bin/env bash
# Runs every test: installs what a fresh Debian or Ubuntu machine lacks for them, then `dotnet test Martech.Sdk.sln`
# (extra arguments go to dotnet test, e.g. ./test.sh --filter "FullyQualifiedName~Webhooks").
#   chromium    the CampaignReport browser test drives the machine's own chromium (Playwright downloads no browser)
#   zbar-tools  the QR-code tests decode the codes back to their URL with zbarimg
#   redis-server  the Redis tests and benchmark start real redis-server processes on 127.0.0.1 (RedisServer)
# apt-get runs through sudo only when not root; nothing is installed when the commands are already there.
set -uo pipefail
cd "$(dirname "$0")" || exit 1

missing=()
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || missing+=(chromium)
command -v zbarimg >/dev/null 2>&1 || missing+=(zbar-tools)
command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ] || missing+=(redis-server)

if [ "${#missing[@]}" -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: ${missing[*]} missing and there is no apt-get here: install them with the system's package manager;" \
      "the tests that need them fail and say so." >&2
  else
    sudo=()
    if [ "$(id -u)" -ne 0 ]; then
      sudo=(sudo)
    fi
    echo "test.sh: installing ${missing[*]}: ${sudo[*]:+sudo }apt-get install -y ${missing[*]}"
    if ! { "${sudo[@]}" apt-get update -qq && "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"; }; then
      echo "test.sh: could not install ${missing[*]}; the tests that need them fail and say so." >&2
    fi
  fi
fi

exec dotnet test Martech.Sdk.sln "$@"
