#!/bin/sh
# at-instant.sh INSTANT ZONE COMMAND [ARG…]: runs COMMAND with the wall clock
# moved to INSTANT (UTC, as date(1) reads it) and TZ set to ZONE, so that the
# suites that depend on "now" also run late in a UTC day, across a change of
# daylight saving time and on a leap day. The clock runs on from INSTANT; the
# monotonic clock is left alone so timeouts keep their length. Child
# processes inherit the same offset.
set -eu
instant=$1 zone=$2
shift 2
target=$(date -u -d "$instant" +%s)
now=$(date -u +%s)
lib=
for dir in /usr/lib/x86_64-linux-gnu /usr/lib/aarch64-linux-gnu /usr/lib; do
  if [ -e "$dir/faketime/libfaketimeMT.so.1" ]; then
    lib="$dir/faketime/libfaketimeMT.so.1"
    break
  fi
done
if [ -z "$lib" ]; then
  echo "libfaketime is missing: install Debian's faketime package" >&2
  exit 1
fi
offset=$((target - now))
# libfaketime reads a relative offset as "+Ns" or "-Ns".
case "$offset" in
  -*) FAKETIME="${offset}s" ;;
  *) FAKETIME="+${offset}s" ;;
esac
export FAKETIME FAKETIME_DONT_FAKE_MONOTONIC=1 TZ="$zone"
export LD_PRELOAD="$lib${LD_PRELOAD:+:$LD_PRELOAD}"
# The sanitizer runtime is linked in; libfaketime comes first only to
# override time(), which ASan does not intercept.
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0"
exec "$@"
