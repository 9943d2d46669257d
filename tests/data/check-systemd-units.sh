#!/bin/sh
# The systemd user units pass `systemd-analyze verify`, with ExecStart pointing
# at the liaison-cli just built (the installed path does not exist yet).
# Usage: check-systemd-units.sh SOURCE_ROOT LIAISON_CLI
set -eu
root="$1"
cli="$2"
if ! command -v systemd-analyze >/dev/null 2>&1; then
  echo "systemd-analyze is not installed: the units were not verified (install systemd to check them)."
  exit 77
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
bindir=$(dirname "$cli")
for unit in liaison-sync.service liaison-sync.timer; do
  sed "s|@bindir@|$bindir|g" "$root/data/$unit.in" > "$dir/$unit"
done
if grep -q '@[a-z]*@' "$dir"/*; then
  echo "a unit has a placeholder that meson does not fill in:"
  grep -n '@[a-z]*@' "$dir"/*
  exit 1
fi
# --man=no: the units name no manual page; warnings are failures.
# --user needs a runtime directory, which a build machine may not have.
mkdir -m 700 "$dir/run"
out=$(cd "$dir" && XDG_RUNTIME_DIR="$dir/run" systemd-analyze --user verify --man=no \
        "$dir/liaison-sync.service" "$dir/liaison-sync.timer" 2>&1) || {
  printf '%s\n' "$out"
  exit 1
}
if [ -n "$out" ]; then
  echo "systemd-analyze warned about the units:"
  printf '%s\n' "$out"
  exit 1
fi
echo "ok: liaison-sync.service and liaison-sync.timer verify"
