#!/bin/sh
# Keeps the GUI (src/ui) on top of core's public API, as ARCHITECTURE.md decides: no SQL, no
# SQLite, no storage JSON, no store writes, no synchronous store reads (GtkWidgets run on the
# main thread, which must never wait for the disk) and no private header of src/core. The
# codecs, LiaisonActivityList, LiaisonContactList and the store's _async reads
# (liaison-store-query.h) are what the GUI uses instead.
set -eu
src="${1:?usage: check-ui-layering.sh SOURCE_ROOT}"
ui="$src/src/ui"
core="$src/src/core"
status=0

fail() {
  printf '%s\n' "$1" >&2
  printf '%s\n' "$2" >&2
  status=1
}

files=$(find "$ui" -name '*.c' -o -name '*.h' | sort)
[ -n "$files" ] || { echo "no sources under $ui" >&2; exit 1; }

# shellcheck disable=SC2086
hits=$(grep -nE '\b(SELECT|INSERT INTO|DELETE FROM|CREATE TABLE|PRAGMA)\b|UPDATE [a-z_]+ SET|sqlite3?[_.]' $files || true)
[ -z "$hits" ] || fail "src/ui holds SQL or calls SQLite:" "$hits"

# shellcheck disable=SC2086
hits=$(grep -nE 'json-glib|\bjson_[a-z_]+ *\(|\bJson[A-Z][a-z]+' $files || true)
[ -z "$hits" ] || fail "src/ui reads or writes JSON (the codecs in src/core/codec do):" "$hits"

writes='commit_page|begin_full_refresh|finish_full_refresh|save_connection|delete_connection|create_links|delete_link'
# shellcheck disable=SC2086
hits=$(grep -nE "liaison_store_($writes)_async" $files || true)
[ -z "$hits" ] || fail "src/ui writes to the store (core's models and the session do):" "$hits"

reads='lookup_record|list_children|lookup_link|lookup_cursor|lookup_connection|list_connections|count_records|lookup_contact_summary|list_calendars|list_appointments|open_sync'
# shellcheck disable=SC2086
hits=$(grep -nE "liaison_store_($reads) *\(" $files || true)
[ -z "$hits" ] || fail "src/ui reads the store synchronously on the main thread (use the _async reads):" "$hits"

# shellcheck disable=SC2086
for header in $(grep -ohE '#include +"[^"]+-private\.h"' $files | sed -E 's/.*"([^"]+)"/\1/' | sort -u); do
  found=$(find "$core" -name "$header" | head -n 1)
  if [ -n "$found" ]; then
    # shellcheck disable=SC2086
    fail "src/ui includes core's private header $header:" "$(grep -n "\"$header\"" $files)"
  fi
done

[ "$status" -eq 0 ] && echo "src/ui: $(echo "$files" | wc -l) files on core's public API only"
exit "$status"
