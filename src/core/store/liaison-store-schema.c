/* liaison-store-schema.c: the database schema, as an ordered list of migrations.
 *
 * PRAGMA user_version is the number of migrations applied. Each migration runs in its own
 * transaction together with the version bump, so a crash leaves the database at one version or
 * the next, never between. Released migrations are never edited: a change is a new step, tested
 * from the fixture of the version before it (tests/store/fixtures/).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-store"

#include "liaison-debug.h"
#include "liaison-store-private.h"

/* Version 1: everything the sync engine of ARCHITECTURE.md needs. Times are ms since the epoch,
 * UTC. No column holds a credential: secrets live in the keyring only.
 *
 * records has an integer id (a stable, compact key for list models) and its natural key
 * (connection_id, kind, remote_id) as a UNIQUE constraint, which SQLite implements exactly like a
 * non-integer primary key. records_contact_list is a covering index: the contact list reads its
 * whole key set from it in name order without touching the raw JSON.
 *
 * records.link_id mirrors links (the truth, by remote ids) so that the contact list needs no join:
 * triggers keep it right when a link is made or removed and when a record arrives after its
 * link. */
static const char migration_1[]
    = "CREATE TABLE connections ("
      "  id TEXT PRIMARY KEY,"
      "  service TEXT NOT NULL CHECK (service IN ('ghl', 'lsq')),"
      "  account_id TEXT NOT NULL,"
      "  display_name TEXT NOT NULL DEFAULT '',"
      "  host TEXT,"
      "  details TEXT NOT NULL DEFAULT '{}' CHECK (json_valid (details)),"
      "  created_at INTEGER NOT NULL,"
      "  updated_at INTEGER NOT NULL,"
      "  UNIQUE (service, account_id));"

      "CREATE TABLE records ("
      "  id INTEGER PRIMARY KEY,"
      "  connection_id TEXT NOT NULL REFERENCES connections (id) ON DELETE CASCADE,"
      "  kind TEXT NOT NULL CHECK (kind IN ('contact', 'task', 'note', 'appointment', 'calendar',"
      "                                     'user', 'field')),"
      "  remote_id TEXT NOT NULL,"
      "  parent_id TEXT,"
      "  raw TEXT NOT NULL CHECK (json_valid (raw)),"
      "  content_hash TEXT NOT NULL,"
      "  modified_at INTEGER NOT NULL DEFAULT 0,"
      "  fetched_at INTEGER NOT NULL,"
      "  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),"
      "  display_name TEXT,"
      "  email TEXT,"
      "  email_norm TEXT,"
      "  phone TEXT,"
      "  phone_norm TEXT,"
      "  company TEXT,"
      "  owner TEXT,"
      "  name_sort TEXT NOT NULL DEFAULT '',"
      "  search_text TEXT NOT NULL DEFAULT '',"
      "  link_id INTEGER,"
      "  UNIQUE (connection_id, kind, remote_id));"
      "CREATE INDEX records_email_norm ON records (email_norm) WHERE email_norm IS NOT NULL;"
      "CREATE INDEX records_phone_norm ON records (phone_norm) WHERE phone_norm IS NOT NULL;"
      "CREATE INDEX records_modified ON records (connection_id, kind, modified_at);"
      "CREATE INDEX records_parent ON records (connection_id, kind, parent_id)"
      "  WHERE parent_id IS NOT NULL;"
      "CREATE INDEX records_fetched ON records (connection_id, kind, fetched_at);"
      "CREATE INDEX records_contact_list ON records (kind, deleted, name_sort, connection_id,"
      "  link_id, modified_at, email_norm, phone_norm, search_text);"

      "CREATE TABLE links ("
      "  id INTEGER PRIMARY KEY,"
      "  kind TEXT NOT NULL CHECK (kind IN ('contact', 'task', 'note', 'appointment', 'calendar',"
      "                                     'user', 'field')),"
      "  lsq_connection TEXT NOT NULL REFERENCES connections (id) ON DELETE CASCADE,"
      "  lsq_id TEXT NOT NULL,"
      "  ghl_connection TEXT NOT NULL REFERENCES connections (id) ON DELETE CASCADE,"
      "  ghl_id TEXT NOT NULL,"
      "  origin TEXT NOT NULL CHECK (origin IN ('matched', 'manual', 'created')),"
      "  base_snapshot TEXT CHECK (base_snapshot IS NULL OR json_valid (base_snapshot)),"
      "  base_hash TEXT,"
      "  linked_at INTEGER NOT NULL,"
      "  synced_at INTEGER,"
      "  UNIQUE (lsq_connection, kind, lsq_id),"
      "  UNIQUE (ghl_connection, kind, ghl_id));"

      "CREATE TRIGGER links_attach AFTER INSERT ON links BEGIN"
      "  UPDATE records SET link_id = NEW.id WHERE connection_id = NEW.lsq_connection"
      "    AND kind = NEW.kind AND remote_id = NEW.lsq_id;"
      "  UPDATE records SET link_id = NEW.id WHERE connection_id = NEW.ghl_connection"
      "    AND kind = NEW.kind AND remote_id = NEW.ghl_id;"
      "END;"
      "CREATE TRIGGER links_detach AFTER DELETE ON links BEGIN"
      "  UPDATE records SET link_id = NULL WHERE connection_id = OLD.lsq_connection"
      "    AND kind = OLD.kind AND remote_id = OLD.lsq_id AND link_id = OLD.id;"
      "  UPDATE records SET link_id = NULL WHERE connection_id = OLD.ghl_connection"
      "    AND kind = OLD.kind AND remote_id = OLD.ghl_id AND link_id = OLD.id;"
      "END;"
      "CREATE TRIGGER links_rekey AFTER UPDATE OF kind, lsq_connection, lsq_id, ghl_connection,"
      "  ghl_id ON links BEGIN"
      "  UPDATE records SET link_id = NULL WHERE link_id = OLD.id;"
      "  UPDATE records SET link_id = NEW.id WHERE connection_id = NEW.lsq_connection"
      "    AND kind = NEW.kind AND remote_id = NEW.lsq_id;"
      "  UPDATE records SET link_id = NEW.id WHERE connection_id = NEW.ghl_connection"
      "    AND kind = NEW.kind AND remote_id = NEW.ghl_id;"
      "END;"
      "CREATE TRIGGER records_attach AFTER INSERT ON records BEGIN"
      "  UPDATE records SET link_id = (SELECT id FROM links WHERE kind = NEW.kind"
      "    AND ((lsq_connection = NEW.connection_id AND lsq_id = NEW.remote_id)"
      "      OR (ghl_connection = NEW.connection_id AND ghl_id = NEW.remote_id)))"
      "  WHERE id = NEW.id;"
      "END;"

      "CREATE TABLE cursors ("
      "  connection_id TEXT NOT NULL REFERENCES connections (id) ON DELETE CASCADE,"
      "  kind TEXT NOT NULL,"
      "  phase TEXT NOT NULL CHECK (phase IN ('full', 'incremental')),"
      "  cursor TEXT,"
      "  page_token TEXT,"
      "  refresh_started_at INTEGER,"
      "  updated_at INTEGER NOT NULL,"
      "  PRIMARY KEY (connection_id, kind));"

      "CREATE TABLE runs ("
      "  id INTEGER PRIMARY KEY,"
      "  started_at INTEGER NOT NULL,"
      "  finished_at INTEGER,"
      "  \"trigger\" TEXT NOT NULL CHECK (\"trigger\" IN ('manual', 'scheduled', 'cli', "
      "'startup')),"
      "  dry_run INTEGER NOT NULL DEFAULT 0 CHECK (dry_run IN (0, 1)),"
      "  status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'partial', 'failed',"
      "                                         'cancelled')),"
      "  n_created INTEGER NOT NULL DEFAULT 0,"
      "  n_updated INTEGER NOT NULL DEFAULT 0,"
      "  n_deleted INTEGER NOT NULL DEFAULT 0,"
      "  n_linked INTEGER NOT NULL DEFAULT 0,"
      "  n_conflicts INTEGER NOT NULL DEFAULT 0,"
      "  n_skipped INTEGER NOT NULL DEFAULT 0,"
      "  n_failed INTEGER NOT NULL DEFAULT 0,"
      "  error TEXT);"
      "CREATE INDEX runs_started ON runs (started_at);"

      "CREATE TABLE intents ("
      "  id INTEGER PRIMARY KEY,"
      "  run_id INTEGER REFERENCES runs (id) ON DELETE SET NULL,"
      "  service TEXT NOT NULL CHECK (service IN ('ghl', 'lsq')),"
      "  kind TEXT NOT NULL,"
      "  op TEXT NOT NULL CHECK (op IN ('create', 'update', 'delete')),"
      "  remote_id TEXT,"
      "  marker TEXT,"
      "  payload TEXT CHECK (payload IS NULL OR json_valid (payload)),"
      "  state TEXT NOT NULL CHECK (state IN ('pending', 'done', 'failed')),"
      "  error TEXT,"
      "  created_at INTEGER NOT NULL,"
      "  updated_at INTEGER NOT NULL);"
      "CREATE INDEX intents_pending ON intents (created_at) WHERE state = 'pending';"
      "CREATE INDEX intents_marker ON intents (marker) WHERE marker IS NOT NULL;"

      "CREATE TABLE operations ("
      "  id INTEGER PRIMARY KEY,"
      "  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,"
      "  at INTEGER NOT NULL,"
      "  service TEXT NOT NULL CHECK (service IN ('ghl', 'lsq')),"
      "  kind TEXT NOT NULL,"
      "  remote_id TEXT,"
      "  link_id INTEGER REFERENCES links (id) ON DELETE SET NULL,"
      "  action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'link', 'unlink',"
      "                                         'conflict', 'skip')),"
      "  field TEXT,"
      "  before TEXT,"
      "  after TEXT,"
      "  status TEXT NOT NULL CHECK (status IN ('planned', 'applied', 'failed', 'skipped')),"
      "  error TEXT,"
      "  cause TEXT);"
      "CREATE INDEX operations_run ON operations (run_id, at);"
      "CREATE INDEX operations_link ON operations (link_id) WHERE link_id IS NOT NULL;"

      /* An ambiguous match has no link yet: link_id is NULL and candidates lists the records. */
      "CREATE TABLE conflicts ("
      "  id INTEGER PRIMARY KEY,"
      "  link_id INTEGER REFERENCES links (id) ON DELETE CASCADE,"
      "  kind TEXT NOT NULL CHECK (kind IN ('field', 'ambiguous')),"
      "  field TEXT,"
      "  base_value TEXT,"
      "  lsq_value TEXT,"
      "  ghl_value TEXT,"
      "  candidates TEXT CHECK (candidates IS NULL OR json_valid (candidates)),"
      "  detected_at INTEGER NOT NULL,"
      "  resolved_at INTEGER,"
      "  resolution TEXT CHECK (resolution IS NULL OR resolution IN ('lsq', 'ghl', 'edited',"
      "                                                               'linked', 'dismissed')),"
      "  resolved_value TEXT,"
      "  CHECK (kind = 'ambiguous' OR link_id IS NOT NULL));"
      "CREATE INDEX conflicts_open ON conflicts (detected_at) WHERE resolved_at IS NULL;"
      "CREATE INDEX conflicts_link ON conflicts (link_id) WHERE link_id IS NOT NULL;";

/* Version 2: the sync engine's own state.
 *
 * mappings holds each record kind's field map as the JSON the map writes, with a revision that
 * moves on every save; settings holds per-profile sync switches (deletes). A link remembers the
 * content hash of each side's cached record at its last sync (*_seen_hash), so that planning
 * skips the projection of every record that did not change since. An intent knows its link and
 * the record it copies (source_id) so that a reconcile after a crash can finish it; operations
 * name both records; a run counts its requests per service and keeps the cause of its error.
 *
 * At most one open conflict per (link, field), and one open ambiguous match per candidate set:
 * duplicates a v1 profile may hold are closed as dismissed (kept, not deleted) before the
 * unique indexes are made. A resolved conflict is applied by the next run (applied_run). */
static const char migration_2[]
    = "CREATE TABLE mappings ("
      "  kind TEXT PRIMARY KEY CHECK (kind IN ('contact', 'task', 'note', 'appointment')),"
      "  revision INTEGER NOT NULL,"
      "  mapping TEXT NOT NULL CHECK (json_valid (mapping)),"
      "  updated_at INTEGER NOT NULL);"
      "CREATE TABLE settings ("
      "  key TEXT PRIMARY KEY,"
      "  value TEXT,"
      "  updated_at INTEGER NOT NULL);"

      "ALTER TABLE links ADD COLUMN lsq_seen_hash TEXT;"
      "ALTER TABLE links ADD COLUMN ghl_seen_hash TEXT;"
      "ALTER TABLE runs ADD COLUMN lsq_requests INTEGER NOT NULL DEFAULT 0;"
      "ALTER TABLE runs ADD COLUMN ghl_requests INTEGER NOT NULL DEFAULT 0;"
      "ALTER TABLE runs ADD COLUMN cause TEXT;"
      "ALTER TABLE intents ADD COLUMN link_id INTEGER REFERENCES links (id) ON DELETE SET NULL;"
      "ALTER TABLE intents ADD COLUMN source_id TEXT;"
      "ALTER TABLE intents ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;"
      "ALTER TABLE operations ADD COLUMN lsq_id TEXT;"
      "ALTER TABLE operations ADD COLUMN ghl_id TEXT;"
      "ALTER TABLE conflicts ADD COLUMN applied_run INTEGER;"

      "UPDATE conflicts SET resolved_at = detected_at, resolution = 'dismissed'"
      "  WHERE resolved_at IS NULL AND kind = 'field' AND id NOT IN ("
      "    SELECT max (id) FROM conflicts WHERE resolved_at IS NULL AND kind = 'field'"
      "    GROUP BY link_id, field);"
      "UPDATE conflicts SET resolved_at = detected_at, resolution = 'dismissed'"
      "  WHERE resolved_at IS NULL AND kind = 'ambiguous' AND id NOT IN ("
      "    SELECT max (id) FROM conflicts WHERE resolved_at IS NULL AND kind = 'ambiguous'"
      "    GROUP BY candidates);"
      /* What v1 resolved was settled then: nothing left to apply. */
      "UPDATE conflicts SET applied_run = 0 WHERE resolved_at IS NOT NULL;"
      "CREATE UNIQUE INDEX conflicts_one_open ON conflicts (link_id, field)"
      "  WHERE resolved_at IS NULL AND kind = 'field';"
      "CREATE UNIQUE INDEX conflicts_one_ambiguous ON conflicts (candidates)"
      "  WHERE resolved_at IS NULL AND kind = 'ambiguous';"
      "CREATE INDEX conflicts_to_apply ON conflicts (link_id)"
      "  WHERE resolved_at IS NOT NULL AND applied_run IS NULL;"
      "CREATE INDEX intents_link ON intents (link_id) WHERE link_id IS NOT NULL;";

/* Version 3: indexes for the History page (issue 15's benchmark, tests/store/bench-history.c).
 * A run's operations in id order come straight from an index on run_id alone (SQLite keeps an
 * index's rows in rowid order under each key), which (run_id, at) did not give; a contact is
 * found by either service's id; a result (failed, skipped) by status. intents_run serves the
 * ON DELETE SET NULL when old runs are pruned. */
static const char migration_3[]
    = "DROP INDEX operations_run;"
      "CREATE INDEX operations_run ON operations (run_id);"
      "CREATE INDEX operations_lsq ON operations (lsq_id) WHERE lsq_id IS NOT NULL;"
      "CREATE INDEX operations_ghl ON operations (ghl_id) WHERE ghl_id IS NOT NULL;"
      "CREATE INDEX operations_status ON operations (status);"
      "CREATE INDEX intents_run ON intents (run_id) WHERE run_id IS NOT NULL;";

/* Version 4: when the store saw a record's content change. records.changed_at is the store's own
 * clock (ms), set when a record arrives and whenever its content_hash or deleted flag changes; the
 * sync of tasks and notes reads the children of the contacts changed since its last pass by it,
 * not by the services' modified_at (their clocks, and a margin for them). Records already cached
 * count as changed when they were fetched. */
static const char migration_4[]
    = "ALTER TABLE records ADD COLUMN changed_at INTEGER NOT NULL DEFAULT 0;"
      "UPDATE records SET changed_at = fetched_at;"
      "CREATE INDEX records_changed ON records (connection_id, kind, changed_at);";

/* Version 5: pairs a person kept apart ("these are two people"), by remote ids like links, so
 * that they survive a full refresh. The matcher never proposes such a pair again, nor puts it in
 * one ambiguous set; a record may be kept apart from several. */
static const char migration_5[]
    = "CREATE TABLE kept_apart ("
      "  kind TEXT NOT NULL CHECK (kind IN ('contact', 'task', 'note', 'appointment', 'calendar',"
      "                                     'user', 'field')),"
      "  lsq_connection TEXT NOT NULL REFERENCES connections (id) ON DELETE CASCADE,"
      "  lsq_id TEXT NOT NULL,"
      "  ghl_connection TEXT NOT NULL REFERENCES connections (id) ON DELETE CASCADE,"
      "  ghl_id TEXT NOT NULL,"
      "  kept_at INTEGER NOT NULL,"
      "  PRIMARY KEY (lsq_connection, kind, lsq_id, ghl_connection, ghl_id));"
      "CREATE INDEX kept_apart_ghl ON kept_apart (ghl_connection, kind, ghl_id);";

/* Version 6: when each connection's last refresh went through (ms UTC, NULL: never), so that
 * the Contacts page says how fresh its copy is after a restart too. */
static const char migration_6[] = "ALTER TABLE connections ADD COLUMN refreshed_at INTEGER;";

/* Version 7: an index of the text the History page's search looks in (issue 15's benchmark).
 * operations_search holds, per operation (rowid = operations.id), the field, both ids, before,
 * after, error and cause, one per line, as FTS5 trigrams. It stores neither the text nor the
 * trigrams' positions (contentless, detail=none): it only names the operations holding every
 * trigram of a search, and the search then checks those rows with LIKE, so that its answers are
 * those of a scan. Triggers keep it in step with every insert, update and delete of operations,
 * the cascade of a pruned run's included; a contentless index forgets a row only when told its
 * exact text, which the delete trigger rebuilds from the old row.
 *
 * not_copied: records an undo took the copy of back (issue 15): the undo deleted the copy a run
 * had created on the other service and the link, and the plan creates no new copy of the
 * original while it is listed here (run_id: the undo, undone_run: the run it undid). A person
 * lets it be copied again by removing the row. */
#define OPERATION_SEARCH_TEXT(row)                                                                 \
  "ifnull (" row ".field, '') || char (10) || ifnull (" row ".lsq_id, '') || char (10) || "        \
  "ifnull (" row ".ghl_id, '') || char (10) || ifnull (" row ".before, '') || char (10) || "       \
  "ifnull (" row ".after, '') || char (10) || ifnull (" row ".error, '') || char (10) || "         \
  "ifnull (" row ".cause, '')"
static const char migration_7[]
    = "CREATE VIRTUAL TABLE operations_search USING fts5 (text, tokenize = 'trigram',"
      "  detail = 'none', content = '');"
      "INSERT INTO operations_search (rowid, text)"
      "  SELECT id, " OPERATION_SEARCH_TEXT (
          "operations") " FROM operations;"
                        "CREATE TRIGGER operations_search_insert AFTER INSERT ON operations BEGIN"
                        "  INSERT INTO operations_search (rowid, text) VALUES "
                        "(new.id, " OPERATION_SEARCH_TEXT (
                            "new") ");"
                                   "END;"
                                   "CREATE TRIGGER operations_search_delete AFTER DELETE ON "
                                   "operations BEGIN"
                                   "  INSERT INTO operations_search (operations_search, rowid, "
                                   "text)"
                                   "    VALUES ('delete', old.id, " OPERATION_SEARCH_TEXT (
                                       "old") ");"
                                              "END;"
                                              "CREATE TRIGGER operations_search_update AFTER "
                                              "UPDATE OF id, field, lsq_id, ghl_id, before,"
                                              "  after, error, cause ON operations BEGIN"
                                              "  INSERT INTO operations_search (operations_search, "
                                              "rowid, text)"
                                              "    VALUES ('delete', "
                                              "old.id, " OPERATION_SEARCH_TEXT (
                                                  "old") ");"
                                                         "  INSERT INTO operations_search (rowid, "
                                                         "text) VALUES "
                                                         "(new.id, " OPERATION_SEARCH_TEXT (
                                                             "new") ");"
                                                                    "END;"

                                                                    "CREATE TABLE not_copied ("
                                                                    "  connection_id TEXT NOT NULL "
                                                                    "REFERENCES connections (id) "
                                                                    "ON DELETE CASCADE,"
                                                                    "  kind TEXT NOT NULL CHECK "
                                                                    "(kind IN ('contact', 'task', "
                                                                    "'note', 'appointment', "
                                                                    "'calendar',"
                                                                    "                              "
                                                                    "       'user', 'field')),"
                                                                    "  remote_id TEXT NOT NULL,"
                                                                    "  run_id INTEGER NOT NULL,"
                                                                    "  undone_run INTEGER NOT NULL,"
                                                                    "  at INTEGER NOT NULL,"
                                                                    "  PRIMARY KEY (connection_id, "
                                                                    "kind, remote_id));";

/* Version 8: records.echo_pending, set when a record is cached from a service's answer to
 * Liaison's own write and cleared by the next read of it. Neither that write nor the read that
 * brings it back (its list shape and new modification time hash differently) moves changed_at:
 * the tasks and notes of a contact Liaison wrote are not read again for it. */
static const char migration_8[]
    = "ALTER TABLE records ADD COLUMN echo_pending INTEGER NOT NULL DEFAULT 0;";

/* Version 9: the Conflicts page reads its rows a page at a time, in (detected_at, id) order,
 * from what it shows (the open conflicts and the answers no run has written yet): this index
 * gives each page straight from its key, instead of a scan and a sort of every conflict for
 * each page (issue 13's bench-conflicts-page), and the count of them. */
static const char migration_9[]
    = "CREATE INDEX conflicts_review ON conflicts (detected_at, id)"
      "  WHERE resolved_at IS NULL OR (kind = 'field' AND applied_run IS NULL);";

static const char *const migrations[] = {
  migration_1, /* the cache, links, journal and history */
  migration_2, /* the sync engine's state */
  migration_3, /* the History page's indexes */
  migration_4, /* records.changed_at, the store's clock of content changes */
  migration_5, /* pairs kept apart */
  migration_6, /* when each connection was refreshed */
  migration_7, /* the History page's search index */
  migration_8, /* records.echo_pending: Liaison's own writes are no change of the record */
  migration_9, /* the Conflicts page's pages */
};

guint
liaison_store_get_schema_version (void)
{
  return G_N_ELEMENTS (migrations);
}

gboolean
liaison_store_migrate (LiaisonStoreDb *db, GError **error)
{
  /* Each step reads the version inside its own write transaction: two processes opening one
   * profile at once (the app and liaison-cli, or the app's two instances) take turns, and the
   * second finds the step done instead of running it again (an ALTER TABLE would fail). */
  for (;;)
    {
      g_autofree char *bump = NULL;
      int version;

      if (!liaison_store_db_begin (db, error))
        return FALSE;
      version = liaison_store_db_user_version (db, error);
      if (version < 0)
        {
          liaison_store_db_rollback (db);
          return FALSE;
        }
      if ((guint) version > G_N_ELEMENTS (migrations))
        {
          liaison_store_db_rollback (db);
          g_set_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_NEWER_VERSION,
                       "This profile's database was written by a newer version of Liaison "
                       "(schema %d, this version knows %u); update Liaison to open it",
                       version, (guint) G_N_ELEMENTS (migrations));
          return FALSE;
        }
      if ((guint) version == G_N_ELEMENTS (migrations))
        return liaison_store_db_commit (db, error);

      LIAISON_TRACE (LIAISON_DEBUG_STORE, "migrating the store from schema %d to %d", version,
                     version + 1);
      bump = g_strdup_printf ("PRAGMA user_version = %d", version + 1);
      if (!liaison_store_db_exec (db, migrations[version], error)
          || !liaison_store_db_exec (db, bump, error) || !liaison_store_db_commit (db, error))
        {
          liaison_store_db_rollback (db);
          g_prefix_error (error, "Could not upgrade the database to schema %d: ", version + 1);
          return FALSE;
        }
    }
}
