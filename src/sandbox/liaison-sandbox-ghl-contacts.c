/* liaison-sandbox-ghl-contacts.c: HighLevel contacts: CRUD, upsert, the advanced
 * search with searchAfter paging, the deprecated list, duplicates, businesses, tags.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "liaison-sandbox-ghl"

#include "liaison-sandbox-ghl-private.h"

static const char *const update_fields[] = {
  "firstName",   "lastName",
  "name",        "email",
  "phone",       "address1",
  "city",        "state",
  "postalCode",  "website",
  "timezone",    "dnd",
  "dndSettings", "inboundDndSettings",
  "tags",        "customFields",
  "source",      "dateOfBirth",
  "country",     "assignedTo",
  NULL,
};
static const char *const create_fields[] = {
  "firstName",  "lastName",     "name",        "email",
  "locationId", "gender",       "phone",       "address1",
  "city",       "state",        "postalCode",  "website",
  "timezone",   "dnd",          "dndSettings", "inboundDndSettings",
  "tags",       "customFields", "source",      "dateOfBirth",
  "country",    "companyName",  "assignedTo",  NULL,
};
static const char *const upsert_fields[] = {
  "firstName",  "lastName",     "name",        "email",
  "locationId", "gender",       "phone",       "address1",
  "city",       "state",        "postalCode",  "website",
  "timezone",   "dnd",          "dndSettings", "inboundDndSettings",
  "tags",       "customFields", "source",      "dateOfBirth",
  "country",    "companyName",  "assignedTo",  "createNewIfDuplicateAllowed",
  NULL,
};

JsonObject *
ghl_contact_lookup (LiaisonSandboxGhl *self, LiaisonSandboxRequest *req, JsonObject *token,
                    const char *contact_id)
{
  JsonObject *contact = liaison_sandbox_table_lookup (self->contacts, contact_id);

  /* Another location's contact is as good as missing for this token. */
  if (contact == NULL
      || g_strcmp0 (ghl_get_string (contact, "locationId"), ghl_get_string (token, "locationId"))
             != 0)
    {
      ghl_error (req, GHL_NOT_FOUND_STATUS, "Contact not found");
      return NULL;
    }
  return contact;
}

static JsonObject *
find_field_def (LiaisonSandboxGhl *self, const char *id, const char *key)
{
  JsonObject *def = liaison_sandbox_table_lookup (self->custom_fields, id);

  for (guint i = 0;
       def == NULL && key != NULL && i < liaison_sandbox_table_size (self->custom_fields); i++)
    {
      JsonObject *f = liaison_sandbox_table_index (self->custom_fields, i);
      const char *fk = ghl_get_string (f, "fieldKey");

      if (g_strcmp0 (fk, key) == 0
          || (fk && g_str_has_prefix (fk, "contact.") && g_strcmp0 (fk + 8, key) == 0))
        def = f;
    }
  return def;
}

static gboolean
option_allowed (JsonObject *def, const char *value)
{
  JsonArray *options = ghl_get_array (def, "picklistOptions");

  for (guint i = 0; options && i < json_array_get_length (options); i++)
    if (g_strcmp0 (ghl_array_string (options, i), value) == 0)
      return TRUE;
  return FALSE;
}

/* Validates field_value by the field's type; returns the value to store or NULL. */
static JsonNode *
custom_value (JsonObject *def, JsonNode *value, GPtrArray *errors)
{
  const char *type = ghl_get_string (def, "dataType");
  const char *name = ghl_get_string (def, "fieldKey");
  GType vt
      = value && JSON_NODE_HOLDS_VALUE (value) ? json_node_get_value_type (value) : G_TYPE_INVALID;

  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return json_node_new (JSON_NODE_NULL);
  if (g_strcmp0 (type, "NUMERICAL") == 0 || g_strcmp0 (type, "MONETORY") == 0)
    {
      /* Numbers are read back as strings: the read schema's value is a string. */
      if (vt == G_TYPE_INT64 || vt == G_TYPE_DOUBLE)
        {
          JsonNode *n = json_node_new (JSON_NODE_VALUE);
          char buf[G_ASCII_DTOSTR_BUF_SIZE];

          if (vt == G_TYPE_INT64)
            g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, json_node_get_int (value));
          else
            g_ascii_formatd (buf, sizeof buf, "%.15g", json_node_get_double (value));
          json_node_set_string (n, buf);
          return n;
        }
      if (vt == G_TYPE_STRING)
        {
          char *end = NULL;
          const char *s = json_node_get_string (value);

          g_ascii_strtod (s, &end);
          if (end != s && *end == '\0')
            return json_node_copy (value);
        }
      g_ptr_array_add (errors, g_strdup_printf ("customFields: %s must be a number", name));
      return NULL;
    }
  if (g_strcmp0 (type, "CHECKBOX") == 0 || g_strcmp0 (type, "MULTIPLE_OPTIONS") == 0)
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (value))
        {
          g_ptr_array_add (errors,
                           g_strdup_printf ("customFields: %s must be an array of options", name));
          return NULL;
        }
      array = json_node_get_array (value);
      for (guint i = 0; i < json_array_get_length (array); i++)
        if (!option_allowed (def, ghl_array_string (array, i)))
          {
            g_ptr_array_add (errors, g_strdup_printf ("customFields: %s has no option “%s”", name,
                                                      ghl_array_string (array, i) ?: ""));
            return NULL;
          }
      return json_node_copy (value);
    }
  if (g_strcmp0 (type, "SINGLE_OPTIONS") == 0 || g_strcmp0 (type, "RADIO") == 0)
    {
      if (vt != G_TYPE_STRING || !option_allowed (def, json_node_get_string (value)))
        {
          g_ptr_array_add (errors,
                           g_strdup_printf ("customFields: %s must be one of its options", name));
          return NULL;
        }
      return json_node_copy (value);
    }
  if (g_strcmp0 (type, "FILE_UPLOAD") == 0 || g_strcmp0 (type, "TEXTBOX_LIST") == 0)
    return json_node_copy (value);
  if (vt != G_TYPE_STRING)
    {
      g_ptr_array_add (errors, g_strdup_printf ("customFields: %s must be a string", name));
      return NULL;
    }
  return json_node_copy (value);
}

/* Written as {id, key, field_value}, stored and read back as {id, value}. */
static void
apply_custom_fields (LiaisonSandboxGhl *self, JsonObject *contact, JsonNode *node,
                     GPtrArray *errors)
{
  JsonArray *in, *stored = ghl_get_array (contact, "customFields");

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_ptr_array_add (errors, g_strdup ("customFields must be an array"));
      return;
    }
  if (stored == NULL)
    {
      stored = json_array_new ();
      json_object_set_array_member (contact, "customFields", stored);
    }
  in = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (in); i++)
    {
      JsonNode *item = json_array_get_element (in, i);
      JsonObject *o, *def, *entry = NULL;
      JsonNode *value;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          g_ptr_array_add (errors, g_strdup_printf ("customFields.%u must be an object", i));
          continue;
        }
      o = json_node_get_object (item);
      def = find_field_def (self, ghl_get_string (o, "id"), ghl_get_string (o, "key"));
      if (def == NULL)
        {
          g_ptr_array_add (
              errors,
              g_strdup_printf ("customFields.%u.id must be an existing custom field id", i));
          continue;
        }
      value = custom_value (def,
                            json_object_get_member (o, json_object_has_member (o, "field_value")
                                                           ? "field_value"
                                                           : "value"),
                            errors);
      if (value == NULL)
        continue;
      for (guint k = 0; k < json_array_get_length (stored); k++)
        {
          JsonObject *e = json_array_get_object_element (stored, k);

          if (g_strcmp0 (ghl_get_string (e, "id"), ghl_get_string (def, "id")) == 0)
            entry = e;
        }
      if (entry == NULL)
        {
          entry = json_object_new ();
          json_object_set_string_member (entry, "id", ghl_get_string (def, "id"));
          json_array_add_object_element (stored, entry);
        }
      json_object_set_member (entry, "value", value);
    }
}

static JsonArray *
normalize_tags (JsonNode *node, GPtrArray *errors)
{
  JsonArray *in, *out;
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_ptr_array_add (errors, g_strdup ("tags must be an array"));
      return NULL;
    }
  in = json_node_get_array (node);
  out = json_array_new ();
  for (guint i = 0; i < json_array_get_length (in); i++)
    {
      const char *tag = ghl_array_string (in, i);
      g_autofree char *lower = NULL;

      if (tag == NULL)
        {
          g_ptr_array_add (errors, g_strdup ("each value in tags must be a string"));
          json_array_unref (out);
          return NULL;
        }
      /* HighLevel keeps tags trimmed and lower-case. */
      lower = g_utf8_strdown (tag, -1);
      g_strstrip (lower);
      if (*lower != '\0' && !g_hash_table_contains (seen, lower))
        {
          json_array_add_string_element (out, lower);
          g_hash_table_add (seen, g_steal_pointer (&lower));
        }
    }
  return out;
}

static void
set_string_or_null (JsonObject *o, const char *member, const char *value)
{
  if (value != NULL)
    json_object_set_string_member (o, member, value);
  else
    json_object_set_null_member (o, member);
}

/* Applies a create/update/upsert body to a stored contact, collecting 422 messages. */
gboolean
ghl_contact_apply (LiaisonSandboxGhl *self, LiaisonSandboxRequest *req, JsonObject *contact,
                   JsonObject *body, GPtrArray *errors)
{
  static const char *const plain[] = {
    "firstName",   "lastName", "address1",   "city",        "state",
    "postalCode",  "website",  "timezone",   "source",      "country",
    "companyName", "gender",   "assignedTo", "dateOfBirth", NULL,
  };
  g_autoptr (GList) members = json_object_get_members (body);
  guint before = errors->len;

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *value = json_object_get_member (body, name);
      gboolean is_string
          = JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING;

      if (g_strv_contains (plain, name))
        {
          if (!JSON_NODE_HOLDS_NULL (value) && !is_string)
            g_ptr_array_add (errors, g_strdup_printf ("%s must be a string", name));
          else if (g_str_equal (name, "assignedTo") && is_string
                   && liaison_sandbox_table_lookup (self->users, json_node_get_string (value))
                          == NULL)
            g_ptr_array_add (errors,
                             g_strdup ("assignedTo must be the id of a user of this location"));
          else
            set_string_or_null (contact, name, is_string ? json_node_get_string (value) : NULL);
        }
      else if (g_str_equal (name, "email"))
        {
          const char *email = is_string ? json_node_get_string (value) : NULL;

          if (JSON_NODE_HOLDS_NULL (value) || (email && *email == '\0'))
            {
              json_object_set_null_member (contact, "email");
              json_object_set_null_member (contact, "emailLowerCase");
            }
          else if (email == NULL || strchr (email, '@') == NULL || strchr (email, ' ') != NULL
                   || strchr (strchr (email, '@'), '.') == NULL)
            g_ptr_array_add (errors, g_strdup ("email must be an email"));
          else
            {
              g_autofree char *lower = g_utf8_strdown (email, -1);

              json_object_set_string_member (contact, "email", email);
              json_object_set_string_member (contact, "emailLowerCase", lower);
            }
        }
      else if (g_str_equal (name, "phone"))
        {
          g_autofree char *phone
              = is_string ? ghl_normalize_phone (json_node_get_string (value)) : NULL;

          if (JSON_NODE_HOLDS_NULL (value) || (is_string && *json_node_get_string (value) == '\0'))
            json_object_set_null_member (contact, "phone");
          else if (phone == NULL)
            g_ptr_array_add (errors, g_strdup ("phone must be a valid phone number"));
          else
            json_object_set_string_member (contact, "phone", phone);
        }
      else if (g_str_equal (name, "name"))
        {
          if (!is_string && !JSON_NODE_HOLDS_NULL (value))
            g_ptr_array_add (errors, g_strdup ("name must be a string"));
        }
      else if (g_str_equal (name, "dnd"))
        {
          if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_BOOLEAN)
            g_ptr_array_add (errors, g_strdup ("dnd must be a boolean value"));
          else
            json_object_set_boolean_member (contact, "dnd", json_node_get_boolean (value));
        }
      else if (g_str_equal (name, "dndSettings") || g_str_equal (name, "inboundDndSettings"))
        {
          if (!JSON_NODE_HOLDS_OBJECT (value))
            g_ptr_array_add (errors, g_strdup_printf ("%s must be an object", name));
          else
            json_object_set_member (contact, name, json_node_copy (value));
        }
      else if (g_str_equal (name, "tags"))
        {
          JsonArray *tags = normalize_tags (value, errors);

          if (tags != NULL)
            json_object_set_array_member (contact, "tags", tags);
        }
      else if (g_str_equal (name, "customFields"))
        apply_custom_fields (self, contact, value, errors);
    }

  /* name follows the parts, or the parts follow name when only it is given. */
  {
    const char *first = ghl_get_string (contact, "firstName");
    const char *last = ghl_get_string (contact, "lastName");
    const char *name = ghl_get_string (body, "name");
    g_autofree char *full = NULL;

    if (name != NULL && !json_object_has_member (body, "firstName")
        && !json_object_has_member (body, "lastName"))
      full = g_strdup (name);
    else if (first || last)
      full = g_strstrip (g_strdup_printf ("%s %s", first ?: "", last ?: ""));
    if (full != NULL)
      {
        g_autofree char *full_lc = g_utf8_strdown (full, -1);

        json_object_set_string_member (contact, "name", full);
        json_object_set_string_member (contact, "contactName", full);
        json_object_set_string_member (contact, "fullNameLowerCase", full_lc);
      }
    if (first != NULL)
      {
        g_autofree char *lc = g_utf8_strdown (first, -1);

        json_object_set_string_member (contact, "firstNameLowerCase", lc);
      }
    if (last != NULL)
      {
        g_autofree char *lc = g_utf8_strdown (last, -1);

        json_object_set_string_member (contact, "lastNameLowerCase", lc);
      }
  }
  return errors->len == before;
}

JsonObject *
ghl_find_by_email (LiaisonSandboxGhl *self, const char *location_id, const char *email,
                   const char *skip_id)
{
  g_autofree char *lower = email ? g_utf8_strdown (email, -1) : NULL;

  for (guint i = 0; lower && i < liaison_sandbox_table_size (self->contacts); i++)
    {
      JsonObject *c = liaison_sandbox_table_index (self->contacts, i);

      if (g_strcmp0 (ghl_get_string (c, "locationId"), location_id) == 0
          && g_strcmp0 (ghl_get_string (c, "emailLowerCase"), lower) == 0
          && g_strcmp0 (ghl_get_string (c, "id"), skip_id) != 0)
        return c;
    }
  return NULL;
}

JsonObject *
ghl_find_by_phone (LiaisonSandboxGhl *self, const char *location_id, const char *phone,
                   const char *skip_id)
{
  g_autofree char *normal = phone ? ghl_normalize_phone (phone) : NULL;

  for (guint i = 0; normal && i < liaison_sandbox_table_size (self->contacts); i++)
    {
      JsonObject *c = liaison_sandbox_table_index (self->contacts, i);

      if (g_strcmp0 (ghl_get_string (c, "locationId"), location_id) == 0
          && g_strcmp0 (ghl_get_string (c, "phone"), normal) == 0
          && g_strcmp0 (ghl_get_string (c, "id"), skip_id) != 0)
        return c;
    }
  return NULL;
}

static gboolean
location_allows_duplicates (LiaisonSandboxGhl *self, const char *location_id)
{
  JsonObject *loc = liaison_sandbox_table_lookup (self->locations, location_id);
  JsonObject *settings = loc ? ghl_get_object (loc, "settings") : NULL;

  return settings != NULL
         && json_object_get_boolean_member_with_default (settings, "allowDuplicateContact", FALSE);
}

static void
reply_contact (LiaisonSandboxRequest *req, guint status, JsonObject *contact,
               const char *extra_bool, gboolean extra_value)
{
  JsonObject *o = json_object_new ();

  if (extra_bool != NULL)
    json_object_set_boolean_member (o, extra_bool, extra_value);
  json_object_set_object_member (o, "contact", ghl_public_copy (contact));
  liaison_sandbox_request_reply_object (req, status, o);
}

static void
duplicate_error (LiaisonSandboxRequest *req, JsonObject *existing, const char *field)
{
  JsonObject *o = json_object_new ();
  JsonObject *meta = json_object_new ();

  json_object_set_int_member (o, "statusCode", 400);
  json_object_set_string_member (o, "message", "This location does not allow duplicated contacts.");
  json_object_set_string_member (o, "error", "Bad Request");
  json_object_set_string_member (meta, "contactName", ghl_get_string (existing, "name"));
  json_object_set_string_member (meta, "contactId", ghl_get_string (existing, "id"));
  json_object_set_string_member (meta, "matchingField", field);
  json_object_set_object_member (o, "meta", meta);
  liaison_sandbox_request_reply_object (req, 400, o);
}

static const char *
body_location (LiaisonSandboxRequest *req, JsonObject *body, JsonObject *token)
{
  const char *location_id = ghl_get_string (body, "locationId");

  if (location_id == NULL)
    {
      g_autoptr (GPtrArray) errors = g_ptr_array_new ();

      g_ptr_array_add (errors, (gpointer) "locationId should not be empty");
      g_ptr_array_add (errors, (gpointer) "locationId must be a string");
      ghl_error_422 (req, errors);
      return NULL;
    }
  if (!ghl_check_location (req, token, location_id))
    return NULL;
  return location_id;
}

static void
contact_create (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxGhl *self = user_data;
  JsonObject *token = ghl_begin (self, req, GHL_V_CONTACTS, "contacts.write");
  JsonObject *body, *existing;
  const char *location_id;
  g_autoptr (JsonObject) contact = NULL;
  g_autoptr (GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);

  if (token == NULL || (body = ghl_body_object (req)) == NULL
      || !ghl_check_whitelist (req, body, create_fields)
      || (location_id = body_location (req, body, token)) == NULL)
    return;
  contact = ghl_contact_new (self, location_id, liaison_sandbox_request_now_ms (req));
  json_object_set_string_member (contact, "source", "public api");
  if (!ghl_contact_apply (self, req, contact, body, errors))
    return ghl_error_422 (req, errors);
  if (!location_allows_duplicates (self, location_id))
    {
      if ((existing
           = ghl_find_by_email (self, location_id, ghl_get_string (contact, "email"), NULL))
          != NULL)
        return duplicate_error (req, existing, "email");
      if ((existing
           = ghl_find_by_phone (self, location_id, ghl_get_string (contact, "phone"), NULL))
          != NULL)
        return duplicate_error (req, existing, "phone");
    }
  liaison_sandbox_table_insert (self->contacts, contact);
  reply_contact (req, 201, contact, NULL, FALSE);
}

static void
contact_get (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxGhl *self = user_data;
  JsonObject *token = ghl_begin (self, req, GHL_V_CONTACTS, "contacts.readonly");
  JsonObject *contact;

  if (token == NULL
      || (contact = ghl_contact_lookup (self, req, token,
                                        liaison_sandbox_request_get_param (req, "contactId")))
             == NULL)
    return;
  reply_contact (req, 200, contact, NULL, FALSE);
}

static void
contact_update (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxGhl *self = user_data;
  JsonObject *token = ghl_begin (self, req, GHL_V_CONTACTS, "contacts.write");
  JsonObject *contact, *body, *existing;
  g_autoptr (JsonObject) draft = NULL;
  g_autoptr (GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
  const char *location_id;

  if (token == NULL
      || (contact = ghl_contact_lookup (self, req, token,
                                        liaison_sandbox_request_get_param (req, "contactId")))
             == NULL
      || (body = ghl_body_object (req)) == NULL || !ghl_check_whitelist (req, body, update_fields))
    return;
  /* Work on a copy so a refused update changes nothing. */
  draft = ghl_deep_copy (contact);
  if (!ghl_contact_apply (self, req, draft, body, errors))
    return ghl_error_422 (req, errors);
  location_id = ghl_get_string (draft, "locationId");
  if (!location_allows_duplicates (self, location_id))
    {
      if (json_object_has_member (body, "email")
          && (existing = ghl_find_by_email (self, location_id, ghl_get_string (draft, "email"),
                                            ghl_get_string (draft, "id")))
                 != NULL)
        return duplicate_error (req, existing, "email");
      if (json_object_has_member (body, "phone")
          && (existing = ghl_find_by_phone (self, location_id, ghl_get_string (draft, "phone"),
                                            ghl_get_string (draft, "id")))
                 != NULL)
        return duplicate_error (req, existing, "phone");
    }
  ghl_touch (draft, liaison_sandbox_request_now_ms (req));
  liaison_sandbox_table_insert (self->contacts, draft);
  reply_contact (req, 200, draft, "succeded", TRUE);
}

static void
contact_delete (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxGhl *self = user_data;
  JsonObject *token = ghl_begin (self, req, GHL_V_CONTACTS, "contacts.write");
  JsonObject *contact, *o;
  g_autofree char *id = NULL;

  if (token == NULL
      || (contact = ghl_contact_lookup (self, req, token,
                                        liaison_sandbox_request_get_param (req, "contactId")))
             == NULL)
    return;
  id = g_strdup (ghl_get_string (contact, "id"));
  liaison_sandbox_table_remove (self->contacts, id);
  /* The contact's tasks and notes go with it. */
  for (guint i = liaison_sandbox_table_size (self->tasks); i-- > 0;)
    if (g_strcmp0 (ghl_get_string (liaison_sandbox_table_index (self->tasks, i), "contactId"), id)
        == 0)
      liaison_sandbox_table_remove (
          self->tasks, ghl_get_string (liaison_sandbox_table_index (self->tasks, i), "id"));
  for (guint i = liaison_sandbox_table_size (self->notes); i-- > 0;)
    if (g_strcmp0 (ghl_get_string (liaison_sandbox_table_index (self->notes, i), "contactId"), id)
        == 0)
      liaison_sandbox_table_remove (
          self->notes, ghl_get_string (liaison_sandbox_table_index (self->notes, i), "id"));
  o = json_object_new ();
  json_object_set_boolean_member (o, "succeded", TRUE);
  liaison_sandbox_request_reply_object (req, 200, o);
}

static void
contact_upsert (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxGhl *self = user_data;
  JsonObject *token = ghl_begin (self, req, GHL_V_CONTACTS, "contacts.write");
  JsonObject *body, *match = NULL, *o;
  const char *location_id;
  g_autoptr (JsonObject) draft = NULL;
  g_autoptr (GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
  gboolean created;
  gint64 now = liaison_sandbox_request_now_ms (req);

  if (token == NULL || (body = ghl_body_object (req)) == NULL
      || !ghl_check_whitelist (req, body, upsert_fields)
      || (location_id = body_location (req, body, token)) == NULL)
    return;

  /* Validate the body on a scratch contact first: a bad email is a 422 either way. */
  draft = ghl_contact_new (self, location_id, now);
  if (!ghl_contact_apply (self, req, draft, body, errors))
    return ghl_error_422 (req, errors);

  if (!(location_allows_duplicates (self, location_id)
        && json_object_get_boolean_member_with_default (body, "createNewIfDuplicateAllowed",
                                                        FALSE)))
    {
      /* The location's sequence: email first, then phone; the first match wins. */
      match = ghl_find_by_email (self, location_id, ghl_get_string (draft, "email"), NULL);
      if (match == NULL)
        match = ghl_find_by_phone (self, location_id, ghl_get_string (draft, "phone"), NULL);
    }
  created = match == NULL;
  if (match != NULL)
    {
      g_clear_pointer (&draft, json_object_unref);
      draft = ghl_deep_copy (match);
      g_ptr_array_set_size (errors, 0);
      if (!ghl_contact_apply (self, req, draft, body, errors))
        return ghl_error_422 (req, errors);
      ghl_touch (draft, now);
    }
  else
    json_object_set_string_member (draft, "source",
                                   ghl_get_string (body, "source") ?: "public api");
  liaison_sandbox_table_insert (self->contacts, draft);

  o = json_object_new ();
  json_object_set_boolean_member (o, "new", created);
  json_object_set_object_member (o, "contact", ghl_public_copy (draft));
  json_object_set_string_member (o, "traceId", ghl_get_string (draft, "id"));
  liaison_sandbox_request_reply_object (req, 200, o);
}

static void
contact_tags (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxGhl *self = user_data;
  JsonObject *token = ghl_begin (self, req, GHL_V_CONTACTS, "contacts.write");
  gboolean add = g_str_equal (liaison_sandbox_request_get_method (req), "POST");
  JsonObject *contact, *body, *o;
  JsonArray *given, *current, *result;
  g_autoptr (GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
  static const char *const allowed[] = { "tags", NULL };

  if (token == NULL
      || (contact = ghl_contact_lookup (self, req, token,
                                        liaison_sandbox_request_get_param (req, "contactId")))
             == NULL
      || (body = ghl_body_object (req)) == NULL || !ghl_check_whitelist (req, body, allowed))
    return;
  if (!json_object_has_member (body, "tags"))
    return ghl_error_422_one (req, "tags must be an array");
  given = normalize_tags (json_object_get_member (body, "tags"), errors);
  if (given == NULL)
    return ghl_error_422 (req, errors);
  current = ghl_get_array (contact, "tags");
  result = json_array_new ();
  for (guint i = 0; current != NULL && i < json_array_get_length (current); i++)
    {
      const char *tag = ghl_array_string (current, i);
      gboolean listed = FALSE;

      for (guint k = 0; k < json_array_get_length (given); k++)
        listed |= g_strcmp0 (ghl_array_string (given, k), tag) == 0;
      if (add || !listed)
        json_array_add_string_element (result, tag);
    }
  for (guint k = 0; add && k < json_array_get_length (given); k++)
    {
      const char *tag = ghl_array_string (given, k);
      gboolean present = FALSE;

      for (guint i = 0; i < json_array_get_length (result); i++)
        present |= g_strcmp0 (ghl_array_string (result, i), tag) == 0;
      if (!present)
        json_array_add_string_element (result, tag);
    }
  json_array_unref (given);
  json_object_set_array_member (contact, "tags", json_array_ref (result));
  ghl_touch (contact, liaison_sandbox_request_now_ms (req));
  o = json_object_new ();
  json_object_set_array_member (o, "tags", result);
  liaison_sandbox_request_reply_object (req, add ? 201 : 200, o);
}

void
ghl_contacts_register (LiaisonSandboxGhl *self)
{
  LiaisonSandboxServer *s = self->server;

  liaison_sandbox_server_route (s, "POST", "/contacts/", NULL, 0, contact_create, self);
  liaison_sandbox_server_route (s, "GET", "/contacts/:contactId", NULL, 0, contact_get, self);
  liaison_sandbox_server_route (s, "PUT", "/contacts/:contactId", NULL, 0, contact_update, self);
  liaison_sandbox_server_route (s, "DELETE", "/contacts/:contactId", NULL, 0, contact_delete, self);
  liaison_sandbox_server_route (s, "POST", "/contacts/upsert", NULL, 0, contact_upsert, self);
  liaison_sandbox_server_route (s, "POST", "/contacts/:contactId/tags", NULL, 0, contact_tags,
                                self);
  liaison_sandbox_server_route (s, "DELETE", "/contacts/:contactId/tags", NULL, 0, contact_tags,
                                self);
  ghl_search_register (self);
}
