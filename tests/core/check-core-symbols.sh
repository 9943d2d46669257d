#!/bin/sh
# Fails when the liaison-core archive refers to any GTK, GDK or libadwaita
# symbol: the core library is shared by the CLI and must not need a display.
set -eu
archive="$1"
if ! command -v nm >/dev/null 2>&1; then
  echo "nm is missing (install binutils)" >&2
  exit 1
fi
undefined=$(nm -u "$archive" 2>/dev/null | awk '{print $NF}')
if [ -z "$undefined" ]; then
  echo "no undefined symbols read from $archive: is it empty?" >&2
  exit 1
fi
bad=$(printf '%s\n' "$undefined" | grep -E '^(gtk_|gdk_|adw_|gsk_)' || true)
if [ -n "$bad" ]; then
  echo "liaison-core uses GTK symbols:" >&2
  printf '%s\n' "$bad" >&2
  exit 1
fi
echo "liaison-core: $(printf '%s\n' "$undefined" | sort -u | wc -l) undefined symbols, none from GTK"
