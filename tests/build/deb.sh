#!/bin/sh
# The Debian package end to end, as root: built (scripts/deb), installed
# with dpkg, the installed launcher and the installed module run by stock
# lua5.4 (with Debian's own search paths, so a /usr/local install cannot
# stand in for it), then removed; nothing of it may be left.
set -eu
cd "$(dirname "$0")/../.."
deb=$(scripts/deb)
echo "built $deb"
dpkg-deb -f "$deb" Depends Recommends
if dpkg -s acrn-launch >/dev/null 2>&1; then
  echo "deb: acrn-launch is installed already; not touching it" >&2
  exit 1
fi
trap 'dpkg -r acrn-launch >/dev/null 2>&1 || true' EXIT
dpkg -i "$deb"
dpkg -s acrn-launch | grep '^Status:'
/usr/bin/acrn-launch --version
/usr/bin/acrn-launch -n /usr/share/doc/acrn-launch/examples/minimal.lua
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
got=$(cd / && LUA_PATH='/usr/share/lua/5.4/?.lua;/usr/share/lua/5.4/?/init.lua' \
  LUA_CPATH="/usr/lib/$multiarch/lua/5.4/?.so" lua5.4 -e 'local acrn = require "acrn"
print(package.searchpath("acrn.core", package.cpath))
print(acrn.vm { name = "demo", devices = { acrn.hostbridge {} } }:command())')
echo "$got"
case $got in
"/usr/lib/$multiarch/lua/5.4/acrn/core.so
/usr/bin/acrn-dm -s 0:0,hostbridge demo") ;;
*)
  echo "deb: the installed module printed something else" >&2
  exit 1
  ;;
esac
for file in /lib/systemd/system/acrn-vm@.service \
  /lib/systemd/system-generators/acrn-launch-generator /usr/share/man/man1/acrn-launch.1 \
  /usr/share/bash-completion/completions/acrn-launch /usr/share/zsh/vendor-completions/_acrn-launch \
  /usr/share/fish/vendor_completions.d/acrn-launch.fish; do
  test -e "$file" || {
    echo "deb: $file is not installed" >&2
    exit 1
  }
done
files=$(dpkg -L acrn-launch | while read -r path; do [ -d "$path" ] || echo "$path"; done)
dpkg -r acrn-launch
trap - EXIT
left=""
for path in $files; do
  [ -e "$path" ] && left="$left $path"
done
if [ -n "$left" ] || dpkg -s acrn-launch 2>/dev/null | grep -q '^Status: install'; then
  echo "deb: left after dpkg -r:$left" >&2
  exit 1
fi
echo "deb: installed, ran, and removed $(echo "$files" | wc -l) files cleanly"
