/* liaison-contact-codec.c: a contact as one JSON object, the same shape for
 * both services, so that the store's cache, its content hashes and the
 * detail pane do not depend on either API's wire format. Nothing reads the
 * JSON back into a LiaisonContact: the contact list and the detail pane read
 * the record's columns (display_name ... owner) that to_record fills. Custom field values
 * keep their GVariant type through json-glib's GVariant serialization.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-codec"

#include "liaison-contact-codec.h"

/* JSON member name and getter/setter pairs for the plain string fields. */
typedef struct
{
  const char *member;
  const char *(*get) (LiaisonContact *contact);
  void (*set) (LiaisonContact *contact, const char *value);
} StringField;

static const StringField string_fields[] = {
  { "firstName", liaison_contact_get_first_name, liaison_contact_set_first_name },
  { "lastName", liaison_contact_get_last_name, liaison_contact_set_last_name },
  { "email", liaison_contact_get_email, liaison_contact_set_email },
  { "phone", liaison_contact_get_phone, liaison_contact_set_phone },
  { "companyName", liaison_contact_get_company_name, liaison_contact_set_company_name },
  { "address1", liaison_contact_get_address1, liaison_contact_set_address1 },
  { "city", liaison_contact_get_city, liaison_contact_set_city },
  { "state", liaison_contact_get_state, liaison_contact_set_state },
  { "postalCode", liaison_contact_get_postal_code, liaison_contact_set_postal_code },
  { "country", liaison_contact_get_country, liaison_contact_set_country },
  { "website", liaison_contact_get_website, liaison_contact_set_website },
  { "timezone", liaison_contact_get_time_zone, liaison_contact_set_time_zone },
  { "source", liaison_contact_get_source, liaison_contact_set_source },
  { "assignedTo", liaison_contact_get_assigned_to, liaison_contact_set_assigned_to },
  { "dateOfBirth", liaison_contact_get_date_of_birth, liaison_contact_set_date_of_birth },
};

static int
compare_strings (gconstpointer a, gconstpointer b, gpointer user_data)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

static void
add_time (JsonBuilder *builder, const char *member, GDateTime *time)
{
  g_autofree char *iso = NULL;

  if (time == NULL)
    return;
  iso = g_date_time_format_iso8601 (time);
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, iso);
}

char *
liaison_contact_codec_to_json (LiaisonContact *contact)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_auto (GStrv) field_ids = NULL;
  const char *const *tags;

  g_return_val_if_fail (LIAISON_IS_CONTACT (contact), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, liaison_contact_get_id (contact));

  for (guint i = 0; i < G_N_ELEMENTS (string_fields); i++)
    {
      const char *value = string_fields[i].get (contact);

      if (value == NULL)
        continue;
      json_builder_set_member_name (builder, string_fields[i].member);
      json_builder_add_string_value (builder, value);
    }

  json_builder_set_member_name (builder, "dnd");
  json_builder_add_boolean_value (builder, liaison_contact_get_dnd (contact));

  json_builder_set_member_name (builder, "tags");
  json_builder_begin_array (builder);
  tags = liaison_contact_get_tags (contact);
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    json_builder_add_string_value (builder, tags[i]);
  json_builder_end_array (builder);

  add_time (builder, "dateAdded", liaison_contact_get_date_added (contact));
  add_time (builder, "dateUpdated", liaison_contact_get_date_updated (contact));

  /* Sorted, so that the same contact always encodes to the same text and
   * its content hash only moves when a value does. */
  field_ids = liaison_contact_dup_custom_field_ids (contact);
  if (field_ids != NULL)
    g_qsort_with_data (field_ids, g_strv_length (field_ids), sizeof (char *), compare_strings,
                       NULL);
  json_builder_set_member_name (builder, "customFields");
  json_builder_begin_object (builder);
  for (guint i = 0; field_ids != NULL && field_ids[i] != NULL; i++)
    {
      GVariant *value = liaison_contact_get_custom_field (contact, field_ids[i]);

      if (value == NULL)
        continue;
      json_builder_set_member_name (builder, field_ids[i]);
      json_builder_add_value (builder, json_gvariant_serialize (value));
    }
  json_builder_end_object (builder);

  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

LiaisonStoreRecord *
liaison_contact_codec_to_record (LiaisonContact *contact, const char *owner_name)
{
  g_autofree char *json = liaison_contact_codec_to_json (contact);
  LiaisonStoreRecord *record;
  GDateTime *updated;

  record
      = liaison_store_record_new (LIAISON_RECORD_CONTACT, liaison_contact_get_id (contact), json);
  updated = liaison_contact_get_date_updated (contact);
  if (updated == NULL)
    updated = liaison_contact_get_date_added (contact);
  record->modified_at = liaison_codec_time_to_ms (updated);
  record->display_name = liaison_contact_dup_display_name (contact);
  record->email = g_strdup (liaison_contact_get_email (contact));
  record->phone = g_strdup (liaison_contact_get_phone (contact));
  record->company = g_strdup (liaison_contact_get_company_name (contact));
  record->owner = g_strdup (owner_name);
  return record;
}
