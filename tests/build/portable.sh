#!/bin/sh
# A build as on a system that is not Debian (Yocto): pkg-config knows Lua
# only as "lua", libedit is left out, and the Lua module goes where
# ACRN_LUA_MODULE_DIR says.  Checks that CMake took each of them, that the
# module is installed there, and that the REPL says it has no line editing.
set -eu
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pcdir=$(pkg-config --variable=pcfiledir lua5.4)
mkdir "$work/pkgconfig"
sed 's/^Name:.*/Name: lua/' "$pcdir/lua5.4.pc" > "$work/pkgconfig/lua.pc"
cp "$(pkg-config --variable=pcfiledir uuid)/uuid.pc" "$(pkg-config --variable=pcfiledir libseccomp)/libseccomp.pc" \
  "$work/pkgconfig/"
PKG_CONFIG_LIBDIR="$work/pkgconfig" cmake -S . -B "$work/build" -DBUILD_TESTING=OFF \
  -DACRN_LIBEDIT=OFF -DACRN_LUA_MODULE_DIR=lib/x86_64-linux-gnu/lua/5.4 >/dev/null
grep -q '^LUA_MODULE_NAME:INTERNAL=lua$' "$work/build/CMakeCache.txt" || {
  echo "portable: CMake did not find Lua as pkg-config's lua" >&2
  exit 1
}
PKG_CONFIG_LIBDIR="$work/pkgconfig" cmake --build "$work/build" -j2 >/dev/null
DESTDIR="$work/root" cmake --install "$work/build" >/dev/null
test -f "$work/root/usr/local/lib/x86_64-linux-gnu/lua/5.4/acrn/core.so" || {
  echo "portable: acrn/core.so is not where ACRN_LUA_MODULE_DIR said" >&2
  exit 1
}
if ldd "$work/build/acrn-launch" | grep -q libedit; then
  echo "portable: built without libedit, but acrn-launch links it" >&2
  exit 1
fi
out=$(printf 'print(6 * 7)\n' | "$work/build/acrn-launch" -i)
case $out in
*"built without libedit"*42*) ;;
*)
  echo "portable: the REPL without libedit printed: $out" >&2
  exit 1
  ;;
esac
echo "portable build: lua through pkg-config's lua, no libedit, module in lib/x86_64-linux-gnu/lua/5.4: ok"
