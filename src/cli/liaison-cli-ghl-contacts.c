/* liaison-cli-ghl-contacts.c: `liaison-cli ghl contacts ...` and
 * `liaison-cli ghl tags ...`: reading, searching (following searchAfter
 * pages), writing and deleting contacts, their appointments and tags.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-cli"

#include <string.h>

#include "liaison-cli-ghl-private.h"

#define FIELD_HELP                                                                                 \
  "FIELD is firstName, lastName, email, phone, companyName, address1, city, state, postalCode, "   \
  "country, website, timezone, source, assignedTo, dateOfBirth, dnd (true/false), tags "           \
  "(comma-separated) or custom.FIELD_ID. FIELD:=JSON gives a custom field a typed value "          \
  "(12.5, true, [\"a\",\"b\"])."

/* ---- FIELD=VALUE ---- */

/* "firstName" -> "first-name"; "timezone" is the property "time-zone". */
static char *
property_name (const char *field)
{
  GString *out;

  if (g_ascii_strcasecmp (field, "timezone") == 0)
    return g_strdup ("time-zone");
  out = g_string_new (NULL);
  for (; *field != '\0'; field++)
    {
      if (g_ascii_isupper (*field))
        {
          g_string_append_c (out, '-');
          g_string_append_c (out, g_ascii_tolower (*field));
        }
      else
        g_string_append_c (out, *field);
    }
  return g_string_free (out, FALSE);
}

static gboolean
parse_boolean (const char *text, gboolean *value)
{
  static const char *const yes[] = { "true", "yes", "1", "on" };
  static const char *const no[] = { "false", "no", "0", "off" };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (yes); i++)
    {
      if (g_ascii_strcasecmp (text, yes[i]) == 0)
        return *value = TRUE, TRUE;
      if (g_ascii_strcasecmp (text, no[i]) == 0)
        return *value = FALSE, TRUE;
    }
  return FALSE;
}

/* A typed custom field value: s, d, b or as, as LiaisonContact keeps them. */
static GVariant *
custom_value_from_json (const char *text)
{
  g_autoptr (JsonNode) node = json_from_string (text, NULL);
  g_autoptr (GVariantBuilder) builder = NULL;
  JsonArray *array;
  guint i;

  if (node == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_STRING)
        return g_variant_new_string (json_node_get_string (node));
      if (type == G_TYPE_BOOLEAN)
        return g_variant_new_boolean (json_node_get_boolean (node));
      if (type == G_TYPE_INT64 || type == G_TYPE_DOUBLE)
        return g_variant_new_double (json_node_get_double (node));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  array = json_node_get_array (node);
  builder = g_variant_builder_new (G_VARIANT_TYPE_STRING_ARRAY);
  for (i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        return NULL;
      g_variant_builder_add (builder, "s", json_node_get_string (element));
    }
  return g_variant_builder_end (builder);
}

static gboolean
apply_field (LiaisonContact *contact, const char *assignment, GError **error)
{
  const char *eq = strchr (assignment, '=');
  g_autofree char *field = NULL;
  g_autofree char *property = NULL;
  gboolean typed;
  const char *value;
  GParamSpec *spec;

  if (eq == NULL || eq == assignment || (eq == assignment + 1 && *assignment == ':'))
    return liaison_cli_ghl_usage_error (error, "“%s” is not FIELD=VALUE", assignment);
  typed = eq[-1] == ':';
  field = g_strndup (assignment, (eq - assignment) - (typed ? 1 : 0));
  value = eq + 1;

  if (g_str_has_prefix (field, "custom."))
    {
      const char *id = field + strlen ("custom.");
      GVariant *custom;

      if (*id == '\0')
        return liaison_cli_ghl_usage_error (error, "“%s” names no custom field id", assignment);
      if (!typed)
        {
          liaison_contact_set_custom_field_string (contact, id, value);
          return TRUE;
        }
      custom = custom_value_from_json (value);
      if (custom == NULL)
        return liaison_cli_ghl_usage_error (
            error, "%s: “%s” is not a JSON string, number, boolean or list of strings", field,
            value);
      liaison_contact_set_custom_field (contact, id, custom);
      return TRUE;
    }

  property = property_name (field);
  spec = g_object_class_find_property (G_OBJECT_GET_CLASS (contact), property);
  if (typed || spec == NULL || g_str_equal (property, "id") || g_str_has_prefix (property, "date-a")
      || g_str_equal (property, "date-updated"))
    return liaison_cli_ghl_usage_error (error, "“%s” is not a field a contact can be given. %s",
                                        field, FIELD_HELP);

  if (spec->value_type == G_TYPE_BOOLEAN)
    {
      gboolean flag;

      if (!parse_boolean (value, &flag))
        return liaison_cli_ghl_usage_error (error, "%s: “%s” is not true or false", field, value);
      g_object_set (contact, property, flag, NULL);
    }
  else if (spec->value_type == G_TYPE_STRV)
    {
      g_auto (GStrv) parts = g_strsplit (value, ",", -1);
      g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
      g_auto (GStrv) tags = NULL;
      guint i;

      for (i = 0; parts[i] != NULL; i++)
        if (*g_strstrip (parts[i]) != '\0')
          g_strv_builder_add (builder, parts[i]);
      tags = g_strv_builder_end (builder);
      g_object_set (contact, property, tags, NULL);
    }
  else
    g_object_set (contact, property, value, NULL);
  return TRUE;
}

static gboolean
apply_fields (LiaisonContact *contact, int argc, char **argv, int first, GError **error)
{
  int i;

  for (i = first; i < argc; i++)
    if (!apply_field (contact, argv[i], error))
      return FALSE;
  return TRUE;
}

/* ---- single contacts ---- */

static void
on_contact (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LiaisonCliGhl *cli = user_data;
  LiaisonGhlClient *client = LIAISON_GHL_CLIENT (source);
  g_autoptr (LiaisonContact) contact = NULL;
  gpointer tag = g_task_get_source_tag (G_TASK (result));
  GError *error = NULL;

  if (tag == liaison_ghl_client_get_contact_async)
    contact = liaison_ghl_client_get_contact_finish (client, result, &error);
  else if (tag == liaison_ghl_client_create_contact_async)
    contact = liaison_ghl_client_create_contact_finish (client, result, &error);
  else
    contact = liaison_ghl_client_update_contact_finish (client, result, &error);
  liaison_cli_ghl_finish (cli, contact ? liaison_cli_ghl_model_to_json (G_OBJECT (contact)) : NULL,
                          error);
}

static gboolean
contacts_get (LiaisonCliGhl *cli, int argc, char **argv, GError **error)
{
  if (!liaison_cli_ghl_parse (cli, &argc, &argv, NULL, 1, 1, error))
    return FALSE;
  liaison_ghl_client_get_contact_async (cli->client, argv[1], cli->cancellable, on_contact, cli);
  return TRUE;
}

static gboolean
contacts_create (LiaisonCliGhl *cli, int argc, char **argv, GError **error)
{
  g_autoptr (LiaisonContact) contact = liaison_contact_new ();

  if (!liaison_cli_ghl_parse (cli, &argc, &argv, NULL, 1, -1, error)
      || !apply_fields (contact, argc, argv, 1, error))
    return FALSE;
  liaison_ghl_client_create_contact_async (cli->client, contact, cli->cancellable, on_contact, cli);
  return TRUE;
}

typedef struct
{
  int argc;
  char **argv;
} Update;

/* The update body carries dnd and the tags whatever is set, so the change
 * is made on the contact as it is now rather than on an empty one. */
static void
on_current (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LiaisonCliGhl *cli = user_data;
  Update *update = cli->state;
  g_autoptr (LiaisonContact) contact = NULL;
  GError *error = NULL;

  contact = liaison_ghl_client_get_contact_finish (LIAISON_GHL_CLIENT (source), result, &error);
  if (contact == NULL || !apply_fields (contact, update->argc, update->argv, 2, &error))
    {
      liaison_cli_ghl_finish (cli, NULL, error);
      return;
    }
  liaison_ghl_client_update_contact_async (cli->client, contact, cli->cancellable, on_contact, cli);
}

static gboolean
contacts_update (LiaisonCliGhl *cli, int argc, char **argv, GError **error)
{
  g_autoptr (LiaisonContact) scratch = liaison_contact_new ();
  Update *update;

  /* Check every FIELD=VALUE before anything is sent. */
  if (!liaison_cli_ghl_parse (cli, &argc, &argv, NULL, 2, -1, error)
      || !apply_fields (scratch, argc, argv, 2, error))
    return FALSE;

  update = g_new0 (Update, 1);
  update->argc = argc;
  update->argv = argv;
  cli->state = update;
  cli->state_free = g_free;
  liaison_ghl_client_get_contact_async (cli->client, argv[1], cli->cancellable, on_current, cli);
  return TRUE;
}

static void
on_upserted (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LiaisonCliGhl *cli = user_data;
  g_autoptr (LiaisonContact) contact = NULL;
  JsonObject *object;
  gboolean created = FALSE;
  GError *error = NULL;

  contact = liaison_ghl_client_upsert_contact_finish (LIAISON_GHL_CLIENT (source), result, &created,
                                                      &error);
  if (contact == NULL)
    {
      liaison_cli_ghl_finish (cli, NULL, error);
      return;
    }
  object = json_object_new ();
  json_object_set_boolean_member (object, "new", created);
  json_object_set_member (object, "contact", liaison_cli_ghl_model_to_json (G_OBJECT (contact)));
  liaison_cli_ghl_finish (cli, json_node_init_object (json_node_alloc (), object), NULL);
  json_object_unref (object);
}

static gboolean
contacts_upsert (LiaisonCliGhl *cli, int argc, char **argv, GError **error)
{
  g_autoptr (LiaisonContact) contact = liaison_contact_new ();

  if (!liaison_cli_ghl_parse (cli, &argc, &argv, NULL, 1, -1, error)
      || !apply_fields (contact, argc, argv, 1, error))
    return FALSE;
  liaison_ghl_client_upsert_contact_async (cli->client, contact, cli->cancellable, on_upserted,
                                           cli);
  return TRUE;
}

static void
on_deleted (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LiaisonCliGhl *cli = user_data;
  GError *error = NULL;

  if (!liaison_ghl_client_delete_contact_finish (LIAISON_GHL_CLIENT (source), result, &error))
    liaison_cli_ghl_finish (cli, NULL, error);
  else
    liaison_cli_ghl_finish (cli, liaison_cli_ghl_deleted_json (cli->state), NULL);
}

static gboolean
contacts_delete (LiaisonCliGhl *cli, int argc, char **argv, GError **error)
{
  if (!liaison_cli_ghl_parse (cli, &argc, &argv, NULL, 1, 1, error))
    return FALSE;
  cli->state = g_strdup (argv[1]);
  cli->state_free = g_free;
  liaison_ghl_client_delete_contact_async (cli->client, argv[1], cli->cancellable, on_deleted, cli);
  return TRUE;
}

static void
on_duplicate (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LiaisonCliGhl *cli = user_data;
  g_autoptr (LiaisonContact) contact = NULL;
  GError *error = NULL;

  contact = liaison_ghl_client_find_duplicate_finish (LIAISON_GHL_CLIENT (source), result, &error);
  if (error != NULL)
    liaison_cli_ghl_finish (cli, NULL, error);
  else
    /* null when HighLevel knows no such contact. */
    liaison_cli_ghl_finish (cli,
                            contact != NULL ? liaison_cli_ghl_model_to_json (G_OBJECT (contact))
                                            : json_node_new (JSON_NODE_NULL),
                            NULL);
}

static gboolean
contacts_duplicate (LiaisonCliGhl *cli, int argc, char **argv, GError **error)
{
  g_autofree char *email = NULL;
  g_autofree char *phone = NULL;
  const GOptionEntry entries[]
      = { { "email", 0, 0, G_OPTION_ARG_STRING, &email, "Email address to look for", "E" },
          { "phone", 0, 0, G_OPTION_ARG_STRING, &phone, "Phone number to look for", "P" },
          { NULL } };

  if (!liaison_cli_ghl_parse (cli, &argc, &argv, entries, 0, 0, error))
    return FALSE;
  if ((email == NULL || *email == '\0') && (phone == NULL || *phone == '\0'))
    return liaison_cli_ghl_usage_error (error, "give --email or --phone");
  liaison_ghl_client_find_duplicate_async (cli->client, email, phone, cli->cancellable,
                                           on_duplicate, cli);
  return TRUE;
}

static void
on_contact_list (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LiaisonCliGhl *cli = user_data;
  LiaisonGhlClient *client = LIAISON_GHL_CLIENT (source);
  g_autoptr (GPtrArray) items = NULL;
  GError *error = NULL;

  if (g_task_get_source_tag (G_TASK (result)) == liaison_ghl_client_list_business_contacts_async)
    items = liaison_ghl_client_list_business_contacts_finish (client, result, &error);
  else
    items = liaison_ghl_client_list_finish (client, result, &error);
  liaison_cli_ghl_finish (cli, items ? liaison_cli_ghl_models_to_json (items) : NULL, error);
}

static gboolean
contacts_by_business (LiaisonCliGhl *cli, int argc, char **argv, GError **error)
{
  g_autofree char *skip_text = NULL;
  g_autofree char *limit_text = NULL;
  guint skip = 0, limit = 100;
  const GOptionEntry entries[]
      = { { "skip", 0, 0, G_OPTION_ARG_STRING, &skip_text, "Contacts to skip (0)", "N" },
          { "limit", 0, 0, G_OPTION_ARG_STRING, &limit_text, "Contacts to list (100)", "N" },
          { NULL } };

  if (!liaison_cli_ghl_parse (cli, &argc, &argv, entries, 1, 1, error)
      || !liaison_cli_ghl_parse_uint ("--skip", skip_text, G_MAXINT, &skip, error)
      || !liaison_cli_ghl_parse_uint ("--limit", limit_text, 1000, &limit, error))
    return FALSE;
  if (limit == 0)
    return liaison_cli_ghl_usage_error (error, "--limit must be at least 1");
  liaison_ghl_client_list_business_contacts_async (cli->client, argv[1], skip, limit,
                                                   cli->cancellable, on_contact_list, cli);
  return TRUE;
}

static gboolean
contacts_appointments (LiaisonCliGhl *cli, int argc, char **argv, GError **error)
{
  if (!liaison_cli_ghl_parse (cli, &argc, &argv, NULL, 1, 1, error))
    return FALSE;
  liaison_ghl_client_list_contact_appointments_async (cli->client, argv[1], cli->cancellable,
                                                      on_contact_list, cli);
  return TRUE;
}

/* ---- search: every page, or up to --limit ---- */

typedef struct
{
  GDateTime *since;
  guint limit; /* 0 = no limit */
  guint page_size;
  guint pages;
  guint total;
  JsonArray *contacts;
} Search;

static void
search_free (Search *search)
{
  g_clear_pointer (&search->since, g_date_time_unref);
  g_clear_pointer (&search->contacts, json_array_unref);
  g_free (search);
}

static void
search_done (LiaisonCliGhl *cli, const char *next_cursor)
{
  Search *search = cli->state;
  JsonObject *object = json_object_new ();

  json_object_set_array_member (object, "contacts", json_array_ref (search->contacts));
  json_object_set_int_member (object, "count", json_array_get_length (search->contacts));
  json_object_set_int_member (object, "total", search->total);
  json_object_set_int_member (object, "pages", search->pages);
  /* Where to go on with --cursor; null at the end. */
  if (next_cursor != NULL)
    json_object_set_string_member (object, "nextCursor", next_cursor);
  else
    json_object_set_null_member (object, "nextCursor");
  liaison_cli_ghl_finish (cli, json_node_init_object (json_node_alloc (), object), NULL);
  json_object_unref (object);
}

static void search_page (LiaisonCliGhl *cli, const char *cursor);

static void
on_search_page (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LiaisonCliGhl *cli = user_data;
  Search *search = cli->state;
  g_autoptr (GPtrArray) contacts = NULL;
  g_autofree char *next_cursor = NULL;
  GError *error = NULL;
  guint i;

  contacts = liaison_ghl_client_search_contacts_finish (LIAISON_GHL_CLIENT (source), result,
                                                        &next_cursor, &search->total, &error);
  if (contacts == NULL)
    {
      liaison_cli_ghl_finish (cli, NULL, error);
      return;
    }
  search->pages++;
  for (i = 0; i < contacts->len; i++)
    json_array_add_element (search->contacts,
                            liaison_cli_ghl_model_to_json (g_ptr_array_index (contacts, i)));

  if (next_cursor != NULL
      && (search->limit == 0 || json_array_get_length (search->contacts) < search->limit))
    search_page (cli, next_cursor);
  else
    search_done (cli, next_cursor);
}

static void
search_page (LiaisonCliGhl *cli, const char *cursor)
{
  Search *search = cli->state;
  guint page = search->page_size;

  if (search->limit > 0)
    page = MIN (page, search->limit - json_array_get_length (search->contacts));
  liaison_ghl_client_search_contacts_async (cli->client, search->since, cursor, page,
                                            cli->cancellable, on_search_page, cli);
}

/* An email is looked up exactly (HighLevel's duplicate lookup): one
 * request instead of a scan of every contact. */
static void
on_search_email (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LiaisonCliGhl *cli = user_data;
  Search *search = cli->state;
  g_autoptr (LiaisonContact) contact = NULL;
  GError *error = NULL;

  contact = liaison_ghl_client_find_duplicate_finish (LIAISON_GHL_CLIENT (source), result, &error);
  if (error != NULL)
    {
      liaison_cli_ghl_finish (cli, NULL, error);
      return;
    }
  search->pages = 1;
  if (contact != NULL
      && (search->since == NULL
          || (liaison_contact_get_date_updated (contact) != NULL
              && g_date_time_compare (liaison_contact_get_date_updated (contact), search->since)
                     >= 0)))
    json_array_add_element (search->contacts, liaison_cli_ghl_model_to_json (G_OBJECT (contact)));
  search->total = json_array_get_length (search->contacts);
  search_done (cli, NULL);
}

static gboolean
contacts_search (LiaisonCliGhl *cli, int argc, char **argv, GError **error)
{
  g_autofree char *email = NULL;
  g_autofree char *since = NULL;
  g_autofree char *limit_text = NULL;
  g_autofree char *page_text = NULL;
  g_autofree char *cursor = NULL;
  const GOptionEntry entries[]
      = { { "email", 0, 0, G_OPTION_ARG_STRING, &email,
            "Only the contact with this email (an exact lookup)", "E" },
          { "updated-since", 0, 0, G_OPTION_ARG_STRING, &since,
            "Only contacts changed at or after TIME (oldest change first)", "TIME" },
          { "limit", 0, 0, G_OPTION_ARG_STRING, &limit_text,
            "Stop after N contacts (default: follow every page)", "N" },
          { "page-size", 0, 0, G_OPTION_ARG_STRING, &page_text, "Contacts per request (1-500, 100)",
            "N" },
          { "cursor", 0, 0, G_OPTION_ARG_STRING, &cursor,
            "Go on from an earlier search's nextCursor", "C" },
          { NULL } };
  Search *search;
  guint limit = 0, page_size = 100;
  g_autoptr (GDateTime) since_time = NULL;
  g_autoptr (JsonNode) cursor_node = NULL;

  if (!liaison_cli_ghl_parse (cli, &argc, &argv, entries, 0, 0, error)
      || !liaison_cli_ghl_parse_uint ("--limit", limit_text, G_MAXINT, &limit, error)
      || !liaison_cli_ghl_parse_uint ("--page-size", page_text, 500, &page_size, error))
    return FALSE;
  if (page_size == 0)
    return liaison_cli_ghl_usage_error (error, "--page-size must be from 1 to 500");
  if (since != NULL
      && (since_time = liaison_cli_ghl_parse_time ("--updated-since", since, NULL, FALSE, error))
             == NULL)
    return FALSE;
  if (cursor != NULL
      && ((cursor_node = json_from_string (cursor, NULL)) == NULL
          || !JSON_NODE_HOLDS_ARRAY (cursor_node)))
    return liaison_cli_ghl_usage_error (error, "--cursor: “%s” is not a nextCursor", cursor);
  if (email != NULL && cursor != NULL)
    return liaison_cli_ghl_usage_error (error, "--email and --cursor do not go together");

  search = g_new0 (Search, 1);
  search->since = g_steal_pointer (&since_time);
  search->limit = limit;
  search->page_size = page_size;
  search->contacts = json_array_new ();
  cli->state = search;
  cli->state_free = (GDestroyNotify) search_free;

  if (email != NULL)
    liaison_ghl_client_find_duplicate_async (cli->client, email, NULL, cli->cancellable,
                                             on_search_email, cli);
  else
    search_page (cli, cursor);
  return TRUE;
}

/* ---- tags ---- */

static void
on_tags (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LiaisonCliGhl *cli = user_data;
  g_auto (GStrv) tags = NULL;
  JsonObject *object;
  JsonArray *array;
  GError *error = NULL;
  guint i;

  tags = liaison_ghl_client_tags_finish (LIAISON_GHL_CLIENT (source), result, &error);
  if (error != NULL)
    {
      liaison_cli_ghl_finish (cli, NULL, error);
      return;
    }
  object = json_object_new ();
  array = json_array_new ();
  for (i = 0; tags != NULL && tags[i] != NULL; i++)
    json_array_add_string_element (array, tags[i]);
  json_object_set_string_member (object, "id", cli->state);
  json_object_set_array_member (object, "tags", array);
  liaison_cli_ghl_finish (cli, json_node_init_object (json_node_alloc (), object), NULL);
  json_object_unref (object);
}

static gboolean
change_tags (LiaisonCliGhl *cli, int argc, char **argv, gboolean add, GError **error)
{
  if (!liaison_cli_ghl_parse (cli, &argc, &argv, NULL, 2, -1, error))
    return FALSE;
  cli->state = g_strdup (argv[1]);
  cli->state_free = g_free;
  if (add)
    liaison_ghl_client_add_tags_async (cli->client, argv[1], (const char *const *) &argv[2],
                                       cli->cancellable, on_tags, cli);
  else
    liaison_ghl_client_remove_tags_async (cli->client, argv[1], (const char *const *) &argv[2],
                                          cli->cancellable, on_tags, cli);
  return TRUE;
}

static gboolean
tags_add (LiaisonCliGhl *cli, int argc, char **argv, GError **error)
{
  return change_tags (cli, argc, argv, TRUE, error);
}

static gboolean
tags_remove (LiaisonCliGhl *cli, int argc, char **argv, GError **error)
{
  return change_tags (cli, argc, argv, FALSE, error);
}

const LiaisonCliGhlCommand liaison_cli_ghl_contact_commands[]
    = { { "contacts", "get", "ID", "Show one contact", contacts_get },
        { "contacts", "search", "[--updated-since TIME] [--email E] [--limit N]",
          "Search contacts, following every page", contacts_search },
        { "contacts", "create", "FIELD=VALUE…", "Create a contact", contacts_create, FIELD_HELP },
        { "contacts", "update", "ID FIELD=VALUE…", "Change fields of a contact", contacts_update,
          FIELD_HELP },
        { "contacts", "upsert", "FIELD=VALUE…", "Create or update by the location's duplicate rule",
          contacts_upsert, FIELD_HELP },
        { "contacts", "delete", "ID", "Delete a contact", contacts_delete },
        { "contacts", "duplicate", "--email E | --phone P",
          "The contact HighLevel considers the same person, or null", contacts_duplicate },
        { "contacts", "by-business", "BUSINESS_ID [--skip N] [--limit N]", "Contacts of a business",
          contacts_by_business },
        { "contacts", "appointments", "ID", "A contact's appointments", contacts_appointments },
        { "tags", "add", "CONTACT_ID TAG…", "Add tags to a contact", tags_add },
        { "tags", "remove", "CONTACT_ID TAG…", "Remove tags from a contact", tags_remove },
        { NULL } };
