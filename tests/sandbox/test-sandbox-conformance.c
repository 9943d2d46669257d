/* test-sandbox-conformance.c: holds the HighLevel simulator to the official
 * OpenAPI specs, read at test time: every path and method it serves must be in
 * a spec, and a successful response of every served route must carry each
 * property the spec's response schema marks required, with the schema's JSON
 * types (but for a short list of known deviations of the real service).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sandbox-test-util.h"

static LiaisonSandbox *sb;
static GPtrArray *specs; /* JsonNode roots of apps/ JSON files */
static char *spec_dir;

/* The consent page lives on the marketplace host, not in the services API. */
static const char *not_in_services_api[]
    = { "/oauth/chooselocation", "/v2/oauth/chooselocation", NULL };

static char **
segments (const char *path)
{
  g_autofree char *p = g_strdup (path);
  gsize len = strlen (p);

  while (len > 1 && p[len - 1] == '/')
    p[--len] = '\0';
  return g_strsplit (p[0] == '/' ? p + 1 : p, "/", -1);
}

static gboolean
same_path (const char *spec_path, const char *route)
{
  g_auto (GStrv) a = segments (spec_path);
  g_auto (GStrv) b = segments (route);

  if (g_strv_length (a) != g_strv_length (b))
    return FALSE;
  for (guint i = 0; a[i] != NULL; i++)
    {
      gboolean pa = a[i][0] == '{', pb = b[i][0] == ':';

      if (pa != pb || (!pa && g_strcmp0 (a[i], b[i]) != 0))
        return FALSE;
    }
  return TRUE;
}

/* The spec operation for "METHOD /route/:param", and the file that holds it. */
static JsonObject *
find_operation (const char *method, const char *route, JsonObject **file_out)
{
  g_autofree char *m = g_ascii_strdown (method, -1);

  for (guint i = 0; i < specs->len; i++)
    {
      JsonObject *root = json_node_get_object (g_ptr_array_index (specs, i));
      JsonObject *paths = json_object_get_object_member (root, "paths");
      g_autoptr (GList) keys = json_object_get_members (paths);

      for (GList *l = keys; l != NULL; l = l->next)
        if (same_path (l->data, route))
          {
            JsonObject *ops = json_object_get_object_member (paths, l->data);

            if (json_object_has_member (ops, m))
              {
                *file_out = root;
                return json_object_get_object_member (ops, m);
              }
          }
    }
  return NULL;
}

static JsonObject *
resolve (JsonObject *file, JsonObject *schema)
{
  const char *ref = json_object_get_string_member_with_default (schema, "$ref", NULL);
  g_auto (GStrv) parts = NULL;
  JsonObject *node = file;

  if (ref == NULL)
    return schema;
  if (!g_str_has_prefix (ref, "#/"))
    return NULL; /* the shared error schemas: not used by success responses */
  parts = g_strsplit (ref + 2, "/", -1);
  for (guint i = 0; parts[i] != NULL && node != NULL; i++)
    node = json_object_has_member (node, parts[i]) ? json_object_get_object_member (node, parts[i])
                                                   : NULL;
  return node != NULL ? resolve (file, node) : NULL;
}

/* Where the sandbox knowingly follows the real service rather than the schema:
 * multi-option custom values are arrays, free slots carry a traceId beside the
 * dates, and event times are strings where the calendar schema says "object". */
static const char *known_deviations[] = {
  "*.customFields[*].value",
  "GET /calendars/:calendarId/free-slots.traceId",
  "GET /calendars/events*.startTime",
  "GET /calendars/events*.endTime",
  "GET /calendars/events*.dateAdded",
  "GET /calendars/events*.dateUpdated",
  NULL,
};

static const char *
kind_of (JsonNode *value)
{
  if (JSON_NODE_HOLDS_OBJECT (value))
    return "object";
  if (JSON_NODE_HOLDS_ARRAY (value))
    return "array";
  switch (json_node_get_value_type (value))
    {
      case G_TYPE_STRING:
        return "string";
      case G_TYPE_BOOLEAN:
        return "boolean";
      case G_TYPE_INT64:
        return "integer";
      default:
        return "number";
    }
}

static void
check_type (JsonObject *s, JsonNode *value, const char *where, GPtrArray *problems)
{
  const char *type = json_object_get_string_member_with_default (s, "type", NULL);
  const char *kind = kind_of (value);

  if (type == NULL || g_str_equal (type, kind)
      || (g_str_equal (type, "number") && g_str_equal (kind, "integer")))
    return;
  for (guint i = 0; known_deviations[i] != NULL; i++)
    if (g_pattern_match_simple (known_deviations[i], where))
      return;
  g_ptr_array_add (problems,
                   g_strdup_printf ("%s is a JSON %s where the schema says %s", where, kind, type));
}

static void
check_schema (JsonObject *file, JsonObject *schema, JsonNode *value, const char *where,
              GPtrArray *problems, guint depth)
{
  JsonObject *s = resolve (file, schema);

  if (s == NULL || value == NULL || JSON_NODE_HOLDS_NULL (value) || depth > 12)
    return;
  check_type (s, value, where, problems);
  if (json_object_has_member (s, "allOf"))
    {
      JsonArray *all = json_object_get_array_member (s, "allOf");

      for (guint i = 0; i < json_array_get_length (all); i++)
        check_schema (file, json_array_get_object_element (all, i), value, where, problems,
                      depth + 1);
    }
  if (JSON_NODE_HOLDS_OBJECT (value))
    {
      JsonObject *o = json_node_get_object (value);
      JsonArray *required = json_object_has_member (s, "required")
                                ? json_object_get_array_member (s, "required")
                                : NULL;
      JsonObject *props = json_object_has_member (s, "properties")
                              ? json_object_get_object_member (s, "properties")
                              : NULL;

      for (guint i = 0; required && i < json_array_get_length (required); i++)
        {
          const char *name = json_array_get_string_element (required, i);

          if (!json_object_has_member (o, name))
            g_ptr_array_add (problems,
                             g_strdup_printf ("%s lacks required property “%s”", where, name));
        }
      if (props != NULL)
        {
          g_autoptr (GList) names = json_object_get_members (props);

          for (GList *l = names; l != NULL; l = l->next)
            if (json_object_has_member (o, l->data))
              {
                g_autofree char *sub = g_strdup_printf ("%s.%s", where, (char *) l->data);

                check_schema (file, json_object_get_object_member (props, l->data),
                              json_object_get_member (o, l->data), sub, problems, depth + 1);
              }
        }
      if (json_object_has_member (s, "additionalProperties")
          && JSON_NODE_HOLDS_OBJECT (json_object_get_member (s, "additionalProperties")))
        {
          g_autoptr (GList) names = json_object_get_members (o);

          /* Free slots: date keys hold {slots}; the extra traceId is a plain string. */
          for (GList *l = names; l != NULL; l = l->next)
            if (JSON_NODE_HOLDS_OBJECT (json_object_get_member (o, l->data))
                && (props == NULL || !json_object_has_member (props, l->data)))
              {
                g_autofree char *sub = g_strdup_printf ("%s.%s", where, (char *) l->data);

                check_schema (file, json_object_get_object_member (s, "additionalProperties"),
                              json_object_get_member (o, l->data), sub, problems, depth + 1);
              }
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (value) && json_object_has_member (s, "items")
           && JSON_NODE_HOLDS_OBJECT (json_object_get_member (s, "items")))
    {
      JsonArray *a = json_node_get_array (value);

      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          g_autofree char *sub = g_strdup_printf ("%s[%u]", where, i);

          check_schema (file, json_object_get_object_member (s, "items"),
                        json_array_get_element (a, i), sub, problems, depth + 1);
        }
    }
}

static void
load_specs (void)
{
  g_autoptr (GDir) dir = NULL;
  g_autofree char *apps = g_build_filename (spec_dir, "apps", NULL);
  const char *name;

  specs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  dir = g_dir_open (apps, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (apps, name, NULL);
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autoptr (GError) error = NULL;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      json_parser_load_from_file (parser, path, &error);
      g_assert_no_error (error);
      g_ptr_array_add (specs, json_node_ref (json_parser_get_root (parser)));
    }
  g_assert_cmpuint (specs->len, >, 0);
}

static void
test_every_route_is_in_the_spec (void)
{
  g_autoptr (GPtrArray) routes = liaison_sandbox_list_routes (sb, "ghl");
  g_autoptr (GString) missing = g_string_new (NULL);

  g_assert_cmpuint (routes->len, >, 30);
  for (guint i = 0; i < routes->len; i++)
    {
      const char *route = g_ptr_array_index (routes, i);
      const char *space = strchr (route, ' ');
      g_autofree char *method = g_strndup (route, space - route);
      JsonObject *file;

      if (g_strv_contains (not_in_services_api, space + 1))
        continue;
      if (find_operation (method, space + 1, &file) == NULL)
        g_string_append_printf (missing, " %s;", route);
    }
  if (missing->len > 0)
    g_test_fail_printf ("served but not in the spec:%s", missing->str);
}

typedef struct
{
  const char *route; /* as the sandbox registers it */
  const char *path;  /* with {placeholders} */
  const char *version;
  const char *body;
} Sample;

/* One successful call per served route; deletions come last. */
static const Sample samples[] = {
  { "GET /contacts/:contactId", "/contacts/{contact}", V_CONTACTS, NULL },
  { "PUT /contacts/:contactId", "/contacts/{contact}", V_CONTACTS, "{\"city\":\"Oslo\"}" },
  { "POST /contacts/", "/contacts/", V_CONTACTS,
    "{\"locationId\":\"{loc}\",\"firstName\":\"Sample\",\"email\":\"sample.conf@example.com\"}" },
  { "POST /contacts/upsert", "/contacts/upsert", V_CONTACTS,
    "{\"locationId\":\"{loc}\",\"email\":\"upsert.conf@example.com\"}" },
  { "POST /contacts/:contactId/tags", "/contacts/{contact}/tags", V_CONTACTS,
    "{\"tags\":[\"conformance\"]}" },
  { "DELETE /contacts/:contactId/tags", "/contacts/{contact}/tags", V_CONTACTS,
    "{\"tags\":[\"conformance\"]}" },
  { "POST /contacts/search", "/contacts/search", V_CONTACTS,
    "{\"locationId\":\"{loc}\",\"pageLimit\":3}" },
  { "GET /contacts/", "/contacts/?locationId={loc}&limit=3", V_CONTACTS, NULL },
  { "GET /contacts/search/duplicate",
    "/contacts/search/duplicate?locationId={loc}&email=conf%40example.com", V_CONTACTS, NULL },
  { "GET /contacts/business/:businessId", "/contacts/business/{biz}?locationId={loc}", V_CONTACTS,
    NULL },
  { "GET /contacts/:contactId/tasks", "/contacts/{contact}/tasks", V_CONTACTS, NULL },
  { "POST /contacts/:contactId/tasks", "/contacts/{contact}/tasks", V_CONTACTS,
    "{\"title\":\"t\",\"dueDate\":\"2030-01-01T00:00:00Z\",\"completed\":false}" },
  { "GET /contacts/:contactId/tasks/:taskId", "/contacts/{contact}/tasks/{task}", V_CONTACTS,
    NULL },
  { "PUT /contacts/:contactId/tasks/:taskId", "/contacts/{contact}/tasks/{task}", V_CONTACTS,
    "{\"title\":\"t2\"}" },
  { "PUT /contacts/:contactId/tasks/:taskId/completed",
    "/contacts/{contact}/tasks/{task}/completed", V_CONTACTS, "{\"completed\":true}" },
  { "GET /contacts/:contactId/notes", "/contacts/{contact}/notes", V_CONTACTS, NULL },
  { "POST /contacts/:contactId/notes", "/contacts/{contact}/notes", V_CONTACTS,
    "{\"body\":\"b\"}" },
  { "GET /contacts/:contactId/notes/:id", "/contacts/{contact}/notes/{note}", V_CONTACTS, NULL },
  { "PUT /contacts/:contactId/notes/:id", "/contacts/{contact}/notes/{note}", V_CONTACTS,
    "{\"body\":\"c\"}" },
  { "GET /contacts/:contactId/appointments", "/contacts/{contact}/appointments", V_CONTACTS, NULL },
  { "GET /locations/:locationId", "/locations/{loc}", V_CONTACTS, NULL },
  { "GET /locations/:locationId/customFields", "/locations/{loc}/customFields", V_CONTACTS, NULL },
  { "GET /locations/:locationId/customFields/:id", "/locations/{loc}/customFields/{field}",
    V_CONTACTS, NULL },
  { "GET /users/", "/users/?locationId={loc}", V_CONTACTS, NULL },
  { "GET /users/:userId", "/users/{user}", V_CONTACTS, NULL },
  { "GET /calendars/", "/calendars/?locationId={loc}", V_CALENDARS, NULL },
  { "GET /calendars/:calendarId", "/calendars/{cal}", V_CALENDARS, NULL },
  { "GET /calendars/:calendarId/free-slots",
    "/calendars/{cal}/free-slots?startDate={start}&endDate={end}", V_CALENDARS, NULL },
  { "GET /calendars/events",
    "/calendars/events?locationId={loc}&calendarId={cal}&startTime={start}&endTime={end}",
    V_CALENDARS, NULL },
  { "POST /calendars/events/appointments", "/calendars/events/appointments", V_CALENDARS,
    "{\"calendarId\":\"{cal}\",\"locationId\":\"{loc}\",\"contactId\":\"{contact}\",\"startTime\":"
    "\"{slot}\"}" },
  { "GET /calendars/events/appointments/:eventId", "/calendars/events/appointments/{event}",
    V_CALENDARS, NULL },
  { "PUT /calendars/events/appointments/:eventId", "/calendars/events/appointments/{event}",
    V_CALENDARS, "{\"title\":\"Moved\"}" },
  { "POST /oauth/token", "/oauth/token", NULL,
    "client_id={client}&client_secret={secret}&grant_type=authorization_code&code={code}" },
  { "DELETE /contacts/:contactId/tasks/:taskId", "/contacts/{contact}/tasks/{task}", V_CONTACTS,
    NULL },
  { "DELETE /contacts/:contactId/notes/:id", "/contacts/{contact}/notes/{note}", V_CONTACTS, NULL },
  { "DELETE /calendars/events/:eventId", "/calendars/events/{event}", V_CALENDARS, "{}" },
  { "DELETE /contacts/:contactId", "/contacts/{contact}", V_CONTACTS, NULL },
};

static char *
expand (const char *text, GHashTable *values)
{
  GString *s = g_string_new (text);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, values);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *token = g_strdup_printf ("{%s}", (char *) key);

      g_string_replace (s, token, value, 0);
    }
  return g_string_free (s, FALSE);
}

static void
put (GHashTable *values, const char *key, const char *value)
{
  g_assert_nonnull (value);
  g_hash_table_insert (values, g_strdup (key), g_strdup (value));
}

static GHashTable *
prepare (void)
{
  GHashTable *v = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char *loc = liaison_sandbox_get_location_id (sb);
  gint64 monday = G_GINT64_CONSTANT (1893974400000); /* 2030-01-07, far from "now" */
  g_autofree char *body = NULL, *path = NULL, *start = NULL, *end = NULL, *form = NULL;
  g_autoptr (Resp) contact = NULL, task = NULL, note = NULL, cals = NULL, slots = NULL,
                   event = NULL;
  g_autoptr (Resp) biz = NULL, users = NULL, fields = NULL, consent = NULL;
  const char *location;

  put (v, "loc", loc);
  put (v, "client", liaison_sandbox_get_client_id (sb));
  put (v, "secret", liaison_sandbox_get_client_secret (sb));
  body = g_strdup_printf (
      "{\"locationId\":\"%s\",\"firstName\":\"Conf\",\"email\":\"conf@example.com\"}", loc);
  contact = ghl (sb, "POST", "/contacts/", V_CONTACTS, body);
  put (v, "contact", jstr (contact->json, "contact.id"));
  path = g_strdup_printf ("/contacts/%s/tasks", jstr (contact->json, "contact.id"));
  task = ghl (sb, "POST", path, V_CONTACTS,
              "{\"title\":\"c\",\"dueDate\":\"2030-01-01T00:00:00Z\",\"completed\":false}");
  put (v, "task", jstr (task->json, "task.id"));
  g_free (path);
  path = g_strdup_printf ("/contacts/%s/notes", jstr (contact->json, "contact.id"));
  note = ghl (sb, "POST", path, V_CONTACTS, "{\"body\":\"c\"}");
  put (v, "note", jstr (note->json, "note.id"));
  g_free (path);
  path = g_strdup_printf ("/calendars/?locationId=%s", loc);
  cals = ghl (sb, "GET", path, V_CALENDARS, NULL);
  put (v, "cal", jstr (cals->json, "calendars.0.id"));
  start = g_strdup_printf ("%" G_GINT64_FORMAT, monday);
  end = g_strdup_printf ("%" G_GINT64_FORMAT, monday + 86400000);
  put (v, "start", start);
  put (v, "end", end);
  g_free (path);
  path = g_strdup_printf ("/calendars/%s/free-slots?startDate=%s&endDate=%s",
                          jstr (cals->json, "calendars.0.id"), start, end);
  slots = ghl (sb, "GET", path, V_CALENDARS, NULL);
  put (v, "slot", jstr (slots->json, "2030-01-07.slots.1"));
  g_free (body);
  body = g_strdup_printf (
      "{\"calendarId\":\"%s\",\"locationId\":\"%s\",\"contactId\":\"%s\",\"startTime\":\"%s\"}",
      jstr (cals->json, "calendars.0.id"), loc, jstr (contact->json, "contact.id"),
      jstr (slots->json, "2030-01-07.slots.0"));
  event = ghl (sb, "POST", "/calendars/events/appointments", V_CALENDARS, body);
  put (v, "event", jstr (event->json, "id"));
  biz = ghl_control (sb, "GET", "/_sandbox/ghl/businesses", NULL);
  put (v, "biz", jstr (biz->json, "records.0.id"));
  users = ghl_control (sb, "GET", "/_sandbox/ghl/users", NULL);
  put (v, "user", jstr (users->json, "records.0.id"));
  fields = ghl_control (sb, "GET", "/_sandbox/ghl/customFields", NULL);
  put (v, "field", jstr (fields->json, "records.0.id"));
  form = g_strdup_printf ("client_id=%s&redirect_uri=http://127.0.0.1:9/cb&decision=allow",
                          liaison_sandbox_get_client_id (sb));
  consent = http (liaison_sandbox_get_ghl_url (sb), "POST", "/oauth/chooselocation", NULL, NULL,
                  "application/x-www-form-urlencoded", form);
  location = soup_message_headers_get_one (consent->headers, "Location");
  g_assert_nonnull (location);
  put (v, "code", strstr (location, "code=") + 5);
  return v;
}

static void
test_responses_have_required_properties (void)
{
  g_autoptr (GPtrArray) routes = liaison_sandbox_list_routes (sb, "ghl");
  g_autoptr (GHashTable) values = prepare ();
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  /* Every served route has a sample, so new routes cannot dodge this test. */
  for (guint i = 0; i < routes->len; i++)
    {
      const char *route = g_ptr_array_index (routes, i);
      gboolean covered = g_strv_contains (not_in_services_api, strchr (route, ' ') + 1);

      for (guint k = 0; k < G_N_ELEMENTS (samples) && !covered; k++)
        covered = g_str_equal (samples[k].route, route);
      if (!covered)
        g_ptr_array_add (problems, g_strdup_printf ("%s has no conformance sample", route));
    }

  for (guint k = 0; k < G_N_ELEMENTS (samples); k++)
    {
      const Sample *s = &samples[k];
      const char *space = strchr (s->route, ' ');
      g_autofree char *method = g_strndup (s->route, space - s->route);
      g_autofree char *path = expand (s->path, values);
      g_autofree char *body = s->body ? expand (s->body, values) : NULL;
      g_autofree char *status_text = NULL;
      gboolean form = s->version == NULL;
      g_autoptr (Resp) r = http (liaison_sandbox_get_ghl_url (sb), method, path,
                                 form ? NULL : liaison_sandbox_get_private_token (sb), s->version,
                                 form ? "application/x-www-form-urlencoded" : NULL, body);
      JsonObject *file = NULL;
      JsonObject *op = find_operation (method, space + 1, &file);
      JsonObject *responses, *response, *content, *json;

      g_assert_nonnull (op);
      if (r->status < 200 || r->status >= 300)
        {
          g_ptr_array_add (problems,
                           g_strdup_printf ("%s answered %u: %s", s->route, r->status, r->text));
          continue;
        }
      responses = json_object_get_object_member (op, "responses");
      status_text = g_strdup_printf ("%u", r->status);
      if (!json_object_has_member (responses, status_text))
        {
          g_ptr_array_add (problems,
                           g_strdup_printf ("%s answered %u, which the spec does not list",
                                            s->route, r->status));
          continue;
        }
      response = json_object_get_object_member (responses, status_text);
      content = json_object_has_member (response, "content")
                    ? json_object_get_object_member (response, "content")
                    : NULL;
      json = content && json_object_has_member (content, "application/json")
                 ? json_object_get_object_member (content, "application/json")
                 : NULL;
      if (json == NULL || !json_object_has_member (json, "schema"))
        continue;
      g_assert_nonnull (r->json);
      check_schema (file, json_object_get_object_member (json, "schema"), r->json, s->route,
                    problems, 0);
    }
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s", (char *) g_ptr_array_index (problems, i));
  if (problems->len > 0)
    g_test_fail_printf ("%u conformance problems, first: %s", problems->len,
                        (char *) g_ptr_array_index (problems, 0));
}

static void
test_specs_absent (void)
{
  g_test_skip ("the HighLevel OpenAPI specs (../shared/reference/ghl-openapi beside the source "
               "tree) are not here");
}

int
main (int argc, char *argv[])
{
  const char *root = g_getenv ("LIAISON_SOURCE_ROOT");
  int ret;

  g_test_init (&argc, &argv, NULL);
  spec_dir
      = root ? g_build_filename (root, "..", "shared", "reference", "ghl-openapi", NULL) : NULL;
  if (spec_dir == NULL || !g_file_test (spec_dir, G_FILE_TEST_IS_DIR))
    {
      g_test_add_func ("/sandbox/conformance/specs-absent", test_specs_absent);
    }
  else
    {
      load_specs ();
      sb = sandbox_start (3, 30, NULL);
      g_test_add_func ("/sandbox/conformance/served-routes-are-in-spec",
                       test_every_route_is_in_the_spec);
      g_test_add_func ("/sandbox/conformance/required-properties",
                       test_responses_have_required_properties);
    }
  ret = g_test_run ();
  if (sb != NULL)
    {
      liaison_sandbox_stop (sb);
      g_object_unref (sb);
    }
  g_clear_pointer (&specs, g_ptr_array_unref);
  g_free (spec_dir);
  return ret;
}
