/* liaison-sandbox-ghl-seed.c: the seeded HighLevel data set: two locations,
 * users from the shared owners, custom fields of every type, businesses, the
 * contacts of the people who are in HighLevel with their tasks and notes, and
 * a private integration token.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "liaison-sandbox-ghl"

#include "liaison-sandbox-ghl-private.h"
#include "liaison-sandbox-people.h"

#define DAY_MS (24 * 3600 * (gint64) 1000)

static const char *all_scopes
    = "contacts.readonly contacts.write calendars.readonly calendars.write "
      "calendars/events.readonly calendars/events.write locations.readonly "
      "locations/customFields.readonly locations/customFields.write users.readonly "
      "businesses.readonly";

typedef struct
{
  const char *name;
  const char *key;
  const char *type;
  const char *options[5];
} FieldSeed;

/* One custom field a row: name, key, data type, options. */
/* clang-format off */
static const FieldSeed field_seeds[] = {
  { "Preferred Name",     "contact.preferred_name",     "TEXT",             { NULL } },
  { "Background",         "contact.background",         "LARGE_TEXT",       { NULL } },
  { "Number Of Visits",   "contact.number_of_visits",   "NUMERICAL",        { NULL } },
  { "Emergency Phone",    "contact.emergency_phone",    "PHONE",            { NULL } },
  { "Lifetime Value",     "contact.lifetime_value",     "MONETORY",         { NULL } },
  { "Interests",          "contact.interests",          "CHECKBOX",         { "Whitening", "Implants", "Braces", NULL } },
  { "Lead Stage",         "contact.lead_stage",         "SINGLE_OPTIONS",   { "New", "Qualified", "Customer", NULL } },
  { "Languages",          "contact.languages",          "MULTIPLE_OPTIONS", { "English", "Español", "हिन्दी", "中文", NULL } },
  { "Last Visit",         "contact.last_visit",         "DATE",             { NULL } },
  { "Contact Preference", "contact.contact_preference", "RADIO",            { "Email", "Phone", "SMS", NULL } },
  { "References",         "contact.references",         "TEXTBOX_LIST",     { NULL } },
  { "Documents",          "contact.documents",          "FILE_UPLOAD",      { NULL } },
};
/* clang-format on */

static const char *tag_pool[]
    = { "vip", "newsletter", "referral", "webinar-2024", "élite", "lsq-import" };

static JsonObject *
seed_location (LiaisonSandboxGhl *self, const char *id, const char *name, const char *timezone)
{
  JsonObject *o = json_object_new ();
  JsonObject *settings = json_object_new ();
  JsonObject *business = json_object_new ();

  json_object_set_string_member (o, "id", id);
  json_object_set_string_member (o, "companyId", self->company_id);
  json_object_set_string_member (o, "name", name);
  json_object_set_string_member (o, "address", "1 Sandbox Way");
  json_object_set_string_member (o, "city", "New York");
  json_object_set_string_member (o, "state", "NY");
  json_object_set_string_member (o, "country", "US");
  json_object_set_string_member (o, "postalCode", "10001");
  json_object_set_string_member (o, "website", "https://sandbox.example.com");
  json_object_set_string_member (o, "timezone", timezone);
  json_object_set_string_member (o, "email", "office@sandbox.example.com");
  json_object_set_string_member (o, "phone", "+12125550100");
  json_object_set_boolean_member (settings, "allowDuplicateContact", FALSE);
  json_object_set_boolean_member (settings, "allowDuplicateOpportunity", FALSE);
  json_object_set_boolean_member (settings, "allowFacebookNameMerge", FALSE);
  json_object_set_boolean_member (settings, "disableContactTimezone", FALSE);
  json_object_set_object_member (o, "settings", settings);
  json_object_set_string_member (business, "name", name);
  json_object_set_string_member (business, "timezone", timezone);
  json_object_set_object_member (o, "business", business);
  json_object_set_object_member (o, "social", json_object_new ());
  return o;
}

static void
seed_users (LiaisonSandboxGhl *self)
{
  guint n;
  const LiaisonSandboxOwner *owners = liaison_sandbox_people_owners (&n);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *u = json_object_new ();
      JsonObject *roles = json_object_new ();
      JsonArray *locs = json_array_new ();
      JsonObject *perms = json_object_new ();
      g_autofree char *id = ghl_new_id (self);
      g_autofree char *name = g_strdup_printf ("%s %s", owners[i].first_name, owners[i].last_name);

      json_object_set_string_member (u, "id", id);
      json_object_set_string_member (u, "name", name);
      json_object_set_string_member (u, "firstName", owners[i].first_name);
      json_object_set_string_member (u, "lastName", owners[i].last_name);
      json_object_set_string_member (u, "email", owners[i].email);
      json_object_set_string_member (u, "phone", owners[i].phone);
      json_object_set_string_member (u, "extension", "");
      json_object_set_boolean_member (perms, "contactsEnabled", TRUE);
      json_object_set_boolean_member (perms, "appointmentsEnabled", TRUE);
      json_object_set_object_member (u, "permissions", perms);
      json_object_set_string_member (roles, "type", "account");
      json_object_set_string_member (roles, "role", i == 0 ? "admin" : "user");
      json_array_add_string_element (locs, self->location_id);
      json_object_set_array_member (roles, "locationIds", locs);
      json_object_set_boolean_member (roles, "restrictSubAccount", FALSE);
      json_object_set_object_member (u, "roles", roles);
      json_object_set_boolean_member (u, "deleted", FALSE);
      json_object_set_string_member (u, "_timezone", owners[i].timezone);
      liaison_sandbox_table_insert (self->users, u);
      json_object_unref (u);
    }
}

static void
seed_custom_fields (LiaisonSandboxGhl *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_seeds); i++)
    {
      JsonObject *f = json_object_new ();
      JsonArray *options = json_array_new ();
      g_autofree char *id = ghl_new_id (self);

      json_object_set_string_member (f, "id", id);
      json_object_set_string_member (f, "name", field_seeds[i].name);
      json_object_set_string_member (f, "fieldKey", field_seeds[i].key);
      json_object_set_string_member (f, "placeholder", "");
      json_object_set_string_member (f, "dataType", field_seeds[i].type);
      json_object_set_int_member (f, "position", (gint64) i * 50);
      for (guint k = 0; field_seeds[i].options[k] != NULL; k++)
        json_array_add_string_element (options, field_seeds[i].options[k]);
      json_object_set_array_member (f, "picklistOptions", options);
      json_object_set_boolean_member (f, "isAllowedCustomOption", FALSE);
      json_object_set_boolean_member (f, "isMultiFileAllowed",
                                      g_str_equal (field_seeds[i].type, "FILE_UPLOAD"));
      json_object_set_int_member (f, "maxFileLimit",
                                  g_str_equal (field_seeds[i].type, "FILE_UPLOAD") ? 5 : 0);
      json_object_set_string_member (f, "locationId", self->location_id);
      json_object_set_string_member (f, "model", "contact");
      liaison_sandbox_table_insert (self->custom_fields, f);
      json_object_unref (f);
    }
}

static void
seed_business (LiaisonSandboxGhl *self, const char *name)
{
  JsonObject *b = json_object_new ();
  g_autofree char *id = ghl_new_id (self);

  json_object_set_string_member (b, "id", id);
  json_object_set_string_member (b, "name", name);
  json_object_set_string_member (b, "locationId", self->location_id);
  liaison_sandbox_table_insert (self->businesses, b);
  json_object_unref (b);
}

static const char *
business_for (LiaisonSandboxGhl *self, const char *company)
{
  for (guint i = 0; company && i < liaison_sandbox_table_size (self->businesses); i++)
    {
      JsonObject *b = liaison_sandbox_table_index (self->businesses, i);

      if (g_strcmp0 (ghl_get_string (b, "name"), company) == 0)
        return ghl_get_string (b, "id");
    }
  return NULL;
}

/* A fresh contact in stored shape with every field the read schema lists. */
JsonObject *
ghl_contact_new (LiaisonSandboxGhl *self, const char *location_id, gint64 now_ms)
{
  JsonObject *c = json_object_new ();
  g_autofree char *id = ghl_new_id (self);
  g_autofree char *iso = ghl_iso_ms (now_ms);

  json_object_set_string_member (c, "id", id);
  json_object_set_string_member (c, "locationId", location_id);
  json_object_set_null_member (c, "firstName");
  json_object_set_null_member (c, "lastName");
  json_object_set_null_member (c, "name");
  json_object_set_null_member (c, "email");
  json_object_set_null_member (c, "phone");
  json_object_set_string_member (c, "type", "lead");
  json_object_set_boolean_member (c, "dnd", FALSE);
  json_object_set_object_member (c, "dndSettings", json_object_new ());
  json_object_set_array_member (c, "tags", json_array_new ());
  json_object_set_array_member (c, "customFields", json_array_new ());
  json_object_set_array_member (c, "additionalEmails", json_array_new ());
  json_object_set_array_member (c, "followers", json_array_new ());
  json_object_set_string_member (c, "dateAdded", iso);
  json_object_set_string_member (c, "dateUpdated", iso);
  json_object_set_int_member (c, "_addedMs", now_ms);
  json_object_set_int_member (c, "_updatedMs", now_ms);
  return c;
}

static void
seed_contacts (LiaisonSandboxGhl *self, GPtrArray *people)
{
  guint n_users = liaison_sandbox_table_size (self->users);

  for (guint i = 0; i < people->len; i++)
    {
      LiaisonSandboxPerson *p = g_ptr_array_index (people, i);
      gint64 added = self->anchor_ms - (gint64) p->created_days_ago * DAY_MS
                     + liaison_sandbox_rng_range (&self->rng, DAY_MS);
      gint64 updated = self->anchor_ms - (gint64) p->updated_days_ago * DAY_MS
                       - liaison_sandbox_rng_range (&self->rng, 12 * 3600 * 1000);
      JsonObject *c;
      JsonArray *tags, *fields;
      g_autofree char *name = NULL;
      g_autofree char *phone = NULL;
      g_autofree char *email_lc = NULL;
      g_autofree char *first_lc = NULL;
      g_autofree char *last_lc = NULL;
      g_autofree char *name_lc = NULL;
      const char *business;

      if (!p->in_ghl)
        continue;
      if (updated < added)
        updated = added;
      c = ghl_contact_new (self, self->location_id, added);
      name = g_strdup_printf ("%s %s", p->first_name, p->last_name);
      phone = ghl_normalize_phone (p->phone);
      email_lc = g_utf8_strdown (p->email, -1);
      first_lc = g_utf8_strdown (p->first_name, -1);
      last_lc = g_utf8_strdown (p->last_name, -1);
      name_lc = g_utf8_strdown (name, -1);
      json_object_set_string_member (c, "firstName", p->first_name);
      json_object_set_string_member (c, "lastName", p->last_name);
      json_object_set_string_member (c, "name", name);
      json_object_set_string_member (c, "contactName", name);
      json_object_set_string_member (c, "firstNameLowerCase", first_lc);
      json_object_set_string_member (c, "lastNameLowerCase", last_lc);
      json_object_set_string_member (c, "fullNameLowerCase", name_lc);
      json_object_set_string_member (c, "email", p->email);
      json_object_set_string_member (c, "emailLowerCase", email_lc);
      json_object_set_string_member (c, "phone", phone);
      json_object_set_string_member (c, "companyName", p->company);
      json_object_set_string_member (c, "city", p->city);
      json_object_set_string_member (c, "country", p->country);
      json_object_set_string_member (c, "timezone", p->timezone);
      json_object_set_string_member (c, "source", "sandbox import");
      if (n_users > 0)
        json_object_set_string_member (
            c, "assignedTo",
            ghl_get_string (liaison_sandbox_table_index (self->users, p->owner % n_users), "id"));
      business = business_for (self, p->company);
      if (business != NULL)
        json_object_set_string_member (c, "businessId", business);
      tags = json_object_get_array_member (c, "tags");
      for (guint t = 0; t < G_N_ELEMENTS (tag_pool); t++)
        if (liaison_sandbox_rng_chance (&self->rng, 0.15))
          json_array_add_string_element (tags, tag_pool[t]);
      fields = json_object_get_array_member (c, "customFields");
      if (liaison_sandbox_rng_chance (&self->rng, 0.5))
        {
          /* Values of several kinds: text, number, options, multi-options. */
          JsonObject *text = json_object_new ();
          JsonObject *num = json_object_new ();
          JsonObject *stage = json_object_new ();
          JsonObject *langs = json_object_new ();
          JsonArray *lang_values = json_array_new ();

          json_object_set_string_member (
              text, "id",
              ghl_get_string (liaison_sandbox_table_index (self->custom_fields, 0), "id"));
          json_object_set_string_member (text, "value", p->first_name);
          json_array_add_object_element (fields, text);
          json_object_set_string_member (
              num, "id",
              ghl_get_string (liaison_sandbox_table_index (self->custom_fields, 2), "id"));
          {
            g_autofree char *visits
                = g_strdup_printf ("%u", liaison_sandbox_rng_range (&self->rng, 20));

            json_object_set_string_member (num, "value", visits);
          }
          json_array_add_object_element (fields, num);
          json_object_set_string_member (
              stage, "id",
              ghl_get_string (liaison_sandbox_table_index (self->custom_fields, 6), "id"));
          json_object_set_string_member (
              stage, "value", field_seeds[6].options[liaison_sandbox_rng_range (&self->rng, 3)]);
          json_array_add_object_element (fields, stage);
          json_object_set_string_member (
              langs, "id",
              ghl_get_string (liaison_sandbox_table_index (self->custom_fields, 7), "id"));
          json_array_add_string_element (lang_values, "English");
          if (liaison_sandbox_rng_chance (&self->rng, 0.5))
            json_array_add_string_element (
                lang_values, field_seeds[7].options[1 + liaison_sandbox_rng_range (&self->rng, 3)]);
          json_object_set_array_member (langs, "value", lang_values);
          json_array_add_object_element (fields, langs);
        }
      ghl_touch (c, updated);
      liaison_sandbox_table_insert (self->contacts, c);

      if (liaison_sandbox_rng_chance (&self->rng, 0.3))
        {
          JsonObject *task = json_object_new ();
          g_autofree char *tid = ghl_new_id (self);
          g_autofree char *due = ghl_iso_ms (
              self->anchor_ms + ((gint64) liaison_sandbox_rng_range (&self->rng, 20) - 5) * DAY_MS);
          g_autofree char *title = g_strdup_printf ("Call %s back", p->first_name);

          json_object_set_string_member (task, "id", tid);
          json_object_set_string_member (task, "title", title);
          json_object_set_string_member (task, "body", "Follow up on the last visit.");
          json_object_set_string_member (task, "assignedTo", ghl_get_string (c, "assignedTo"));
          json_object_set_string_member (task, "dueDate", due);
          json_object_set_boolean_member (task, "completed",
                                          liaison_sandbox_rng_chance (&self->rng, 0.3));
          json_object_set_string_member (task, "contactId", ghl_get_string (c, "id"));
          liaison_sandbox_table_insert (self->tasks, task);
          json_object_unref (task);
        }
      if (liaison_sandbox_rng_chance (&self->rng, 0.3))
        {
          JsonObject *note = json_object_new ();
          g_autofree char *nid = ghl_new_id (self);
          g_autofree char *date = ghl_iso_ms (updated);
          g_autofree char *body = g_strdup_printf (
              "Spoke with %s — prefers email; café meeting next week.", p->first_name);

          json_object_set_string_member (note, "id", nid);
          json_object_set_string_member (note, "body", body);
          json_object_set_string_member (note, "userId", ghl_get_string (c, "assignedTo"));
          json_object_set_string_member (note, "dateAdded", date);
          json_object_set_string_member (note, "contactId", ghl_get_string (c, "id"));
          liaison_sandbox_table_insert (self->notes, note);
          json_object_unref (note);
        }
      json_object_unref (c);
    }
}

static void
add_private_token (LiaisonSandboxGhl *self)
{
  JsonObject *t = json_object_new ();

  /* A Private Integration token: static, never expires, all scopes. */
  json_object_set_string_member (t, "token", self->private_token);
  json_object_set_string_member (t, "locationId", self->location_id);
  json_object_set_string_member (
      t, "userId", ghl_get_string (liaison_sandbox_table_index (self->users, 0), "id"));
  json_object_set_string_member (t, "scope", all_scopes);
  json_object_set_int_member (t, "expiresAt", 0);
  json_object_set_string_member (t, "kind", "private");
  liaison_sandbox_table_insert (self->access_tokens, t);
  json_object_unref (t);
}

void
liaison_sandbox_ghl_reseed (LiaisonSandboxGhl *self, GPtrArray *people, gint64 anchor_ms)
{
  JsonObject *loc;
  g_autofree char *second = NULL;

  ghl_clear_tables (self);
  liaison_sandbox_rng_init (&self->rng, self->seed * 0x2545F4914F6CDD1DULL + 1);
  self->anchor_ms = anchor_ms;
  g_free (self->client_id);
  g_free (self->client_secret);
  g_free (self->private_token);
  g_free (self->location_id);
  g_free (self->company_id);
  {
    g_autofree char *a = liaison_sandbox_rng_id (&self->rng, 24);
    g_autofree char *b = liaison_sandbox_rng_id (&self->rng, 8);
    g_autofree char *pit = liaison_sandbox_rng_id (&self->rng, 32);

    self->client_id = g_strdup_printf ("%s-%s", a, b);
    self->client_secret = liaison_sandbox_rng_id (&self->rng, 36);
    self->private_token = g_strdup_printf ("pit-%s", pit);
  }
  self->location_id = ghl_new_id (self);
  self->company_id = ghl_new_id (self);
  second = ghl_new_id (self);

  loc = seed_location (self, self->location_id, "Sandbox Dental (main)", "America/New_York");
  liaison_sandbox_table_insert (self->locations, loc);
  json_object_unref (loc);
  loc = seed_location (self, second, "Sandbox Realty (second)", "Europe/London");
  liaison_sandbox_table_insert (self->locations, loc);
  json_object_unref (loc);

  seed_users (self);
  seed_custom_fields (self);
  seed_business (self, "Acme Dental");
  seed_business (self, "Northwind Realty");
  seed_contacts (self, people);
  ghl_seed_calendars (self);
  add_private_token (self);
}
