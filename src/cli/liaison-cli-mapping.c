/* liaison-cli-mapping.c: `liaison-cli mapping show|set|reset [--json]`, the contact field map of
 * a profile: which LeadSquared field goes with which HighLevel field, in which direction, through
 * which transform and under which conflict policy. Before a map is saved the defaults apply, and
 * `show` prints them without creating anything. A map is checked against the field definitions
 * the last refresh cached before it is saved; a refusal says which fields and saves nothing.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-cli"

#include <gio/gunixinputstream.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "liaison-cli-mapping.h"
#include "liaison-field-map-cache.h"
#include "liaison-store-activity.h"
#include "liaison-store-sync.h"

enum
{
  EXIT_OK = 0,
  EXIT_FAILED = 1,
  EXIT_USAGE = 2,
};

#define USAGE_DESCRIPTION                                                                          \
  "Commands:\n"                                                                                    \
  "  show                 the map in use (the defaults until one is saved)\n"                      \
  "  set KEY [OPTION…]    change the pair KEY, or add it (with --lsq and --ghl)\n"               \
  "  set KEY --remove     remove the pair KEY\n"                                                   \
  "  set --file FILE      replace the whole map with FILE (JSON, as show --json prints; - is "     \
  "stdin)\n"                                                                                       \
  "  reset                go back to the defaults\n"                                               \
  "  region [CODE|--clear] the country national phone numbers are read in (ISO 3166, e.g. US)\n"   \
  "  calendar [ID|--clear] the HighLevel calendar new appointments from LeadSquared are booked\n"  \
  "                       in (default: the location's first calendar)\n"                           \
  "\n"                                                                                             \
  "DIRECTION is both, to-ghl or to-lsq; POLICY ask, lsq-wins, ghl-wins or newest-wins;\n"          \
  "TRANSFORM none, trim, case, e164, date, values, name, set or owner. --param sets a\n"           \
  "transform's setting: case=fold|upper|title, format=date|date-time, separator=TEXT,\n"           \
  "full=lsq|ghl, lsqType=TYPE, ghlType=TYPE; --values takes a JSON object of LeadSquared\n"        \
  "option to HighLevel option."

typedef struct
{
  char *profile;
  gboolean json;
  char *lsq;
  char *ghl;
  char *direction;
  char *transform;
  char *policy;
  char **params;
  char *values;
  char *file;
  gboolean remove;
  gboolean clear;

  char *store_path;
  LiaisonStore *store;
  char *lsq_connection;
  char *ghl_connection;
  GMainLoop *loop;
  GAsyncResult *result;
} Mapping;

static void
mapping_clear (Mapping *m)
{
  g_free (m->profile);
  g_free (m->lsq);
  g_free (m->ghl);
  g_free (m->direction);
  g_free (m->transform);
  g_free (m->policy);
  g_strfreev (m->params);
  g_free (m->values);
  g_free (m->file);
  g_free (m->store_path);
  g_clear_object (&m->store);
  g_free (m->lsq_connection);
  g_free (m->ghl_connection);
  g_clear_pointer (&m->loop, g_main_loop_unref);
  g_clear_object (&m->result);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Mapping, mapping_clear)

static void
store_result (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Mapping *m = user_data;

  g_set_object (&m->result, result);
  g_main_loop_quit (m->loop);
}

static GAsyncResult *
wait_result (Mapping *m)
{
  while (m->result == NULL)
    g_main_loop_run (m->loop);
  return g_steal_pointer (&m->result);
}

/* The profile's store; with create FALSE, a profile never used stays untouched (NULL store). */
static gboolean
open_store (Mapping *m, gboolean create, GError **error)
{
  g_autoptr (GPtrArray) connections = NULL;

  if (!create && !g_file_test (m->store_path, G_FILE_TEST_EXISTS))
    return TRUE;
  m->store = liaison_store_open_sync (m->store_path, NULL, error);
  if (m->store == NULL)
    return FALSE;
  connections = liaison_store_list_connections (m->store, error);
  if (connections == NULL)
    return FALSE;
  for (guint i = 0; i < connections->len; i++)
    {
      LiaisonStoreConnection *c = g_ptr_array_index (connections, i);
      char **slot = c->service == LIAISON_SERVICE_LSQ ? &m->lsq_connection : &m->ghl_connection;

      if (*slot == NULL)
        *slot = g_strdup (c->id);
    }
  return TRUE;
}

/* The map in use: the saved one, else the defaults fitted to the accounts. *saved: whether one
 * is saved. */
static LiaisonFieldMap *
load_map (Mapping *m, gboolean *saved, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autofree char *json = NULL;
  g_autoptr (GError) local_error = NULL;
  gint64 revision = 0;

  *saved = FALSE;
  if (m->store == NULL)
    return liaison_field_map_new_default ();
  liaison_store_load_mapping_async (m->store, NULL, store_result, m);
  result = wait_result (m);
  json = liaison_store_load_mapping_finish (m->store, result, &revision, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  *saved = json != NULL;
  return liaison_field_map_new_for_profile (json, m->store, m->lsq_connection, m->ghl_connection,
                                            error);
}

static gboolean
save_map (Mapping *m, LiaisonFieldMap *map, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autofree char *json = NULL;
  gint64 revision = 0;

  if (map != NULL)
    {
      g_autoptr (JsonNode) node = liaison_field_map_to_json (map);
      json = json_to_string (node, FALSE);
    }
  liaison_store_save_mapping_async (m->store, json, NULL, store_result, m);
  result = wait_result (m);
  return liaison_store_save_mapping_finish (m->store, result, &revision, error);
}

static const char *
direction_words (LiaisonSyncDirection direction)
{
  switch (direction)
    {
      case LIAISON_SYNC_TO_GHL:
        return "->";
      case LIAISON_SYNC_TO_LSQ:
        return "<-";
      case LIAISON_SYNC_BOTH:
      default:
        return "<->";
    }
}

static void
print_map (Mapping *m, LiaisonFieldMap *map, gboolean saved)
{
  if (m->json)
    {
      g_autoptr (JsonNode) node = liaison_field_map_to_json (map);
      g_autofree char *text = json_to_string (node, TRUE);

      g_print ("%s\n", text);
      return;
    }
  g_print ("%s\n", saved ? _ ("The saved field map:") : _ ("The default field map (none saved):"));
  /* Translators: column heads; the widths are fixed, keep each under 13 characters. */
  g_print ("  %-14s %-30s %-4s %-26s %-10s %s\n", _ ("Pair"), _ ("LeadSquared"), "",
           _ ("HighLevel"), _ ("Transform"), _ ("Policy"));
  for (guint i = 0; i < liaison_field_map_get_n_pairs (map); i++)
    g_print ("  %-14s %-30s %-4s %-26s %-10s %s\n", liaison_field_map_get_key (map, i),
             liaison_field_map_get_field (map, i, LIAISON_SERVICE_LSQ),
             direction_words (liaison_field_map_get_direction (map, i)),
             liaison_field_map_get_field (map, i, LIAISON_SERVICE_GHL),
             liaison_transform_to_string (liaison_field_map_get_transform (map, i)),
             liaison_conflict_policy_to_string (liaison_field_map_get_policy (map, i)));
}

static int
failed (const char *command, const GError *error, const char *hint)
{
  g_printerr ("liaison-cli mapping %s: %s\n", command, error->message);
  if (hint != NULL)
    g_printerr ("%s\n", hint);
  return EXIT_FAILED;
}

static int
usage (const char *command, const char *message)
{
  g_printerr ("liaison-cli mapping%s%s: %s\n", command != NULL ? " " : "",
              command != NULL ? command : "", message);
  g_printerr (_ ("Run “liaison-cli mapping --help” to see how to use it.\n"));
  return EXIT_USAGE;
}

/* The pair KEY as the options change it, from its current JSON (or nothing, for a new one). */
static JsonObject *
edited_pair (Mapping *m, LiaisonFieldMap *map, const char *key, GError **error)
{
  g_autoptr (JsonNode) all = liaison_field_map_to_json (map);
  JsonArray *pairs = json_object_get_array_member (json_node_get_object (all), "pairs");
  int index = liaison_field_map_find (map, key);
  JsonObject *pair;
  const struct
  {
    const char *member;
    const char *value;
  } plain[] = { { "lsq", m->lsq },
                { "ghl", m->ghl },
                { "direction", m->direction },
                { "transform", m->transform },
                { "policy", m->policy } };

  if (index >= 0)
    pair = json_object_ref (json_array_get_object_element (pairs, index));
  else if (m->lsq == NULL || m->ghl == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _ ("There is no pair “%s”; to add it, give both --lsq and --ghl."), key);
      return NULL;
    }
  else
    {
      pair = json_object_new ();
      json_object_set_string_member (pair, "key", key);
    }
  for (guint i = 0; i < G_N_ELEMENTS (plain); i++)
    if (plain[i].value != NULL)
      json_object_set_string_member (pair, plain[i].member, plain[i].value);
  for (guint i = 0; m->params != NULL && m->params[i] != NULL; i++)
    {
      const char *equals = strchr (m->params[i], '=');
      g_autofree char *name = NULL;

      if (equals == NULL || equals == m->params[i])
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _ ("--param takes NAME=VALUE, not “%s”."), m->params[i]);
          json_object_unref (pair);
          return NULL;
        }
      name = g_strndup (m->params[i], equals - m->params[i]);
      if (equals[1] == '\0')
        json_object_remove_member (pair, name);
      else
        json_object_set_string_member (pair, name, equals + 1);
    }
  if (m->values != NULL)
    {
      g_autoptr (JsonNode) values = json_from_string (m->values, NULL);

      if (values == NULL || !JSON_NODE_HOLDS_OBJECT (values))
        {
          g_set_error_literal (
              error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
              _ ("--values takes a JSON object, e.g. {\"Checkup\": \"Check-up\"}."));
          json_object_unref (pair);
          return NULL;
        }
      json_object_set_member (pair, "values", g_steal_pointer (&values));
    }
  return pair;
}

static LiaisonFieldMap *
map_from_file (const char *path, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) local_error = NULL;
  gboolean ok;

  if (g_str_equal (path, "-"))
    {
      g_autoptr (GInputStream) in = g_unix_input_stream_new (0, FALSE);
      ok = json_parser_load_from_stream (parser, in, NULL, &local_error);
    }
  else
    ok = json_parser_load_from_file (parser, path, &local_error);
  if (!ok)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _ ("Could not read a field map from “%s”: %s"), path, local_error->message);
      return NULL;
    }
  return liaison_field_map_new_from_json (json_parser_get_root (parser), error);
}

static int
run_set (Mapping *m, int argc, char **argv)
{
  g_autoptr (LiaisonFieldMap) map = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) lsq_defs = NULL;
  g_autoptr (GPtrArray) ghl_defs = NULL;
  gboolean saved;
  const char *key = argc >= 3 ? argv[2] : NULL;

  if ((m->file != NULL) == (key != NULL) || argc > 3)
    return usage ("set", _ ("give either one pair’s KEY or --file FILE."));
  if (m->file != NULL
      && (m->lsq || m->ghl || m->direction || m->transform || m->policy || m->params || m->values
          || m->remove))
    return usage ("set", _ ("--file replaces the whole map; it takes no other option."));
  if (m->remove
      && (m->lsq || m->ghl || m->direction || m->transform || m->policy || m->params || m->values))
    return usage ("set", _ ("--remove takes no other option."));

  if (!open_store (m, TRUE, &error))
    return failed ("set", error, _ ("Nothing was saved."));
  if (m->file != NULL)
    map = map_from_file (m->file, &error);
  else
    map = load_map (m, &saved, &error);
  if (map == NULL)
    return failed ("set", error, _ ("Nothing was saved."));

  if (key != NULL && m->remove)
    {
      if (!liaison_field_map_remove_pair (map, key))
        {
          g_autofree char *message = g_strdup_printf (_ ("There is no pair “%s”."), key);
          return usage ("set", message);
        }
    }
  else if (key != NULL)
    {
      g_autoptr (JsonObject) pair = edited_pair (m, map, key, &error);

      if (pair == NULL)
        return usage ("set", error->message);
      if (!liaison_field_map_put_pair (map, pair, &error))
        return failed ("set", error, _ ("Nothing was saved."));
    }

  if ((m->lsq_connection != NULL
       && !liaison_field_map_read_cache (m->store, m->lsq_connection, &lsq_defs, NULL, &error))
      || (m->ghl_connection != NULL
          && !liaison_field_map_read_cache (m->store, m->ghl_connection, &ghl_defs, NULL, &error)))
    return failed ("set", error, _ ("Nothing was saved."));
  /* An account whose fields were never read cannot tell what it lacks. */
  if (!liaison_field_map_validate (map, lsq_defs != NULL && lsq_defs->len > 0 ? lsq_defs : NULL,
                                   ghl_defs != NULL && ghl_defs->len > 0 ? ghl_defs : NULL, &error))
    return failed ("set", error, _ ("Nothing was saved."));
  if (!save_map (m, map, &error))
    return failed ("set", error, _ ("Nothing was saved."));
  print_map (m, map, TRUE);
  return EXIT_OK;
}

static int
run_show (Mapping *m)
{
  g_autoptr (LiaisonFieldMap) map = NULL;
  g_autoptr (GError) error = NULL;
  gboolean saved = FALSE;

  if (!open_store (m, FALSE, &error))
    return failed ("show", error, NULL);
  map = load_map (m, &saved, &error);
  if (map == NULL)
    return failed ("show", error,
                   _ ("Replace it with “liaison-cli mapping set --file FILE”, or go back to the "
                      "defaults with “liaison-cli mapping reset”."));
  print_map (m, map, saved);
  return EXIT_OK;
}

static int
run_reset (Mapping *m)
{
  g_autoptr (LiaisonFieldMap) map = NULL;
  g_autoptr (GError) error = NULL;
  gboolean saved;

  if (!open_store (m, TRUE, &error) || !save_map (m, NULL, &error))
    return failed ("reset", error, NULL);
  map = load_map (m, &saved, &error);
  if (map == NULL)
    return failed ("reset", error, NULL);
  print_map (m, map, saved);
  return EXIT_OK;
}

static void
print_region (Mapping *m)
{
  const char *region = m->store != NULL ? liaison_store_get_default_region (m->store) : NULL;

  if (region == NULL)
    g_print (_ ("No phone region is set: a phone number without a leading + is not read as any "
                "country’s, so it never matches the same number written in international form. "
                "Set one with “liaison-cli mapping region CODE”.\n"));
  else
    g_print (_ ("Phone region: %s. A phone number without a leading + is read as a number of "
                "this country.\n"),
             region);
}

/* `region` shows the saved phone region, `region CODE` saves it, `region --clear` forgets it. */
static int
run_region (Mapping *m, int argc, char **argv)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  const char *code = argc == 3 ? argv[2] : NULL;

  if (argc > 3 || (code != NULL && m->clear))
    return usage ("region", _ ("give either one country CODE or --clear."));
  if (code == NULL && !m->clear)
    {
      if (!open_store (m, FALSE, &error))
        return failed ("region", error, NULL);
      print_region (m);
      return EXIT_OK;
    }
  if (code != NULL && !liaison_store_check_phone_region (code, NULL))
    {
      g_autofree char *message = g_strdup_printf (
          _ ("“%s” is not a country code phone numbers can be read in: give two capital letters "
             "of ISO 3166, such as US, GB or DE."),
          code);
      return usage ("region", message);
    }
  if (!open_store (m, TRUE, &error))
    return failed ("region", error, NULL);
  liaison_store_save_phone_region_async (m->store, code, NULL, store_result, m);
  result = wait_result (m);
  if (!liaison_store_save_phone_region_finish (m->store, result, &error))
    return failed ("region", error, NULL);
  print_region (m);
  return EXIT_OK;
}

static void
print_calendar (Mapping *m)
{
  g_autofree char *id
      = m->store != NULL
            ? liaison_store_get_setting (m->store, LIAISON_SETTING_APPOINTMENTS_CALENDAR, NULL)
            : NULL;

  if (id == NULL || *id == '\0')
    g_print (_ ("No calendar is chosen: new appointments from LeadSquared are booked in the "
                "HighLevel location’s first calendar (“liaison-cli sync --dry-run” names it). "
                "Choose one with “liaison-cli mapping calendar ID”.\n"));
  else
    g_print (_ ("New appointments from LeadSquared are booked in the HighLevel calendar %s.\n"),
             id);
}

/* `calendar` shows the chosen calendar, `calendar ID` saves it, `calendar --clear` goes back to
 * the location's first. The id is checked by the next sync, which reads the calendars. */
static int
run_calendar (Mapping *m, int argc, char **argv)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  const char *id = argc == 3 ? argv[2] : NULL;

  if (argc > 3 || (id != NULL && m->clear))
    return usage ("calendar", _ ("give either one calendar ID or --clear."));
  if (id == NULL && !m->clear)
    {
      if (!open_store (m, FALSE, &error))
        return failed ("calendar", error, NULL);
      print_calendar (m);
      return EXIT_OK;
    }
  if (id != NULL && (*id == '\0' || strpbrk (id, " \t\n/?#") != NULL))
    {
      g_autofree char *message = g_strdup_printf (
          _ ("“%s” is not a HighLevel calendar id: give an id “liaison-cli ghl calendars "
             "list” prints."),
          id);
      return usage ("calendar", message);
    }
  if (!open_store (m, TRUE, &error))
    return failed ("calendar", error, NULL);
  liaison_store_set_setting_async (m->store, LIAISON_SETTING_APPOINTMENTS_CALENDAR,
                                   id != NULL ? id : "", NULL, store_result, m);
  result = wait_result (m);
  if (!liaison_store_set_setting_finish (m->store, result, &error))
    return failed ("calendar", error, NULL);
  print_calendar (m);
  return EXIT_OK;
}

int
liaison_cli_mapping_main (int argc, char **argv)
{
  g_auto (Mapping) m = { 0 };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  const char *profile;
  const GOptionEntry entries[]
      = { { "profile", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &m.profile,
            N_ ("The profile whose map to use (default: $LIAISON_PROFILE, else “default”)"),
            N_ ("NAME") },
          { "json", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &m.json,
            N_ ("Print the map as JSON (the form set --file reads)"), NULL },
          { "lsq", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &m.lsq,
            N_ ("set: the LeadSquared field (schema name)"), N_ ("FIELD") },
          { "ghl", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &m.ghl,
            N_ ("set: the HighLevel field (member name, custom field id or key)"), N_ ("FIELD") },
          { "direction", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &m.direction,
            N_ ("set: which way values travel"), N_ ("DIRECTION") },
          { "transform", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &m.transform,
            N_ ("set: how values are turned from one service's form into the other's"),
            N_ ("TRANSFORM") },
          { "policy", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &m.policy,
            N_ ("set: what happens when both sides changed the field"), N_ ("POLICY") },
          { "param", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING_ARRAY, &m.params,
            N_ ("set: a transform setting (an empty VALUE removes it)"), N_ ("NAME=VALUE") },
          { "values", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &m.values,
            N_ ("set: the value table of a values transform"), N_ ("JSON") },
          { "remove", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &m.remove,
            N_ ("set: remove the pair"), NULL },
          { "clear", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &m.clear,
            N_ ("region, calendar: forget the phone region or the chosen calendar"), NULL },
          { "file", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, &m.file,
            N_ ("set: replace the whole map with this JSON file (- for stdin)"), N_ ("FILE") },
          { NULL } };

  /* Traces (LIAISON_DEBUG) must not mix with what goes to stdout. */
  g_log_writer_default_set_use_stderr (TRUE);
  context = g_option_context_new (_ ("show|set|reset|region|calendar — the contact field map"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_description (context, USAGE_DESCRIPTION);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage (NULL, error->message);
  if (argc < 2)
    return usage (NULL, _ ("say show, set, reset, region or calendar."));

  profile = g_getenv ("LIAISON_PROFILE");
  if (m.profile == NULL)
    m.profile = g_strdup (profile != NULL && *profile != '\0' ? profile : "default");
  m.store_path = liaison_store_default_path (m.profile, &error);
  if (m.store_path == NULL)
    return usage (NULL, error->message);
  m.loop = g_main_loop_new (NULL, FALSE);

  if (g_str_equal (argv[1], "set"))
    return run_set (&m, argc, argv);
  if (g_str_equal (argv[1], "region") && !m.json && !m.lsq && !m.ghl && !m.direction && !m.transform
      && !m.policy && !m.params && !m.values && !m.file && !m.remove)
    return run_region (&m, argc, argv);
  if (g_str_equal (argv[1], "calendar") && !m.json && !m.lsq && !m.ghl && !m.direction
      && !m.transform && !m.policy && !m.params && !m.values && !m.file && !m.remove)
    return run_calendar (&m, argc, argv);
  if (argc > 2 || m.clear || m.lsq || m.ghl || m.direction || m.transform || m.policy || m.params
      || m.values || m.file || m.remove)
    return usage (argv[1], _ ("only “set” takes a pair and its options."));
  if (g_str_equal (argv[1], "show"))
    return run_show (&m);
  if (g_str_equal (argv[1], "reset"))
    return run_reset (&m);
  {
    g_autofree char *message = g_strdup_printf (_ ("there is no “mapping %s”."), argv[1]);
    return usage (NULL, message);
  }
}
