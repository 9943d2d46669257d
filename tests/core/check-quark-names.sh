#!/bin/sh
# check-quark-names.sh SRCDIR: every G_DEFINE_QUARK names its domain as one
# word (clang-format once split "liaison-store-error-quark" into
# "liaison - store - error - quark"; keep such lines in clang-format off/on).
set -eu
bad=$(grep -rnE 'G_DEFINE_QUARK \([^,]* [^,]*,' "$1" || true)
if [ -n "$bad" ]; then
  echo "Error domains with spaces in their names:" >&2
  echo "$bad" >&2
  exit 1
fi
count=$(grep -rc 'G_DEFINE_QUARK (' "$1" | awk -F: '{ n += $2 } END { print n }')
echo "ok: $count error domains, none with a space"
