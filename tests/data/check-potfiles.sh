#!/bin/sh
# Fails when a file with translatable strings is missing from po/POTFILES, or
# when POTFILES names a file that does not exist.
set -eu
root="$1"
cd "$root"
listed=$(grep -v '^#' po/POTFILES | sed '/^$/d' | sort -u)
status=0

found=$( (grep -rlE '(^|[^A-Za-z0-9_])N?_ ?\(' --include='*.c' src || true;
          grep -rl 'translatable="yes"' --include='*.ui' src data || true;
          ls data/*.desktop.in data/*.metainfo.xml.in data/*.gschema.xml 2>/dev/null || true) | sort -u)

for f in $found; do
  if ! printf '%s\n' "$listed" | grep -qx "$f"; then
    echo "not in po/POTFILES: $f"
    status=1
  fi
done
for f in $listed; do
  if [ ! -f "$f" ]; then
    echo "po/POTFILES names a missing file: $f"
    status=1
  fi
done
[ $status -eq 0 ] && echo "po/POTFILES lists all $(printf '%s\n' "$found" | wc -l) files with translatable strings"
exit $status
