#!/usr/bin/env bash
# Prints the paths of the no-face evaluation set built from Debian packages of photographic wallpapers and
# textures (installed here when missing: needs root for apt), one per line. Their licences are the packages'
# own: the images are read where the packages put them and never copied into the repository.
set -euo pipefail
PACKAGES=(gnome-backgrounds mate-backgrounds ukui-wallpapers lomiri-wallpapers sway-backgrounds colobot-common-textures mypaint-data-extras)
missing=()
for p in "${PACKAGES[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "missing no-face image packages: ${missing[*]} (install them with apt-get as root)" >&2
    exit 1
  fi
  echo "installing no-face image packages: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
for p in "${PACKAGES[@]}"; do dpkg -L "$p"; done | grep -iE '\.(jpe?g|png|webp)$' | sort -u | while read -r f; do [ -f "$f" ] && echo "$f"; done
