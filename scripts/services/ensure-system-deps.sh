#!/usr/bin/env bash
# Installs what the test suite needs beyond npm (Debian packages) when it is missing: Redis, Chromium,
# ffmpeg, the PostgreSQL server binaries, and the C++ toolchain node-gyp builds native modules with
# (better-sqlite3 when no prebuilt binary is reachable, the pixel kernels always). Needs root (apt) only when something is missing.
set -euo pipefail
missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
command -v chromium >/dev/null || missing+=(chromium)
command -v ffmpeg >/dev/null || missing+=(ffmpeg)
command -v g++ >/dev/null || missing+=(g++)
command -v make >/dev/null || missing+=(make)
command -v python3 >/dev/null || missing+=(python3)
if ! command -v initdb >/dev/null && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then missing+=(postgresql); fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "missing system packages: ${missing[*]} (install them with apt-get as root)" >&2
    exit 1
  fi
  echo "installing system packages: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
# PostgreSQL refuses to run as root: the test cluster runs as this user.
if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then useradd --system --no-create-home --shell /usr/sbin/nologin postgres; fi
