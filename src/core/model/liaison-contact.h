/* liaison-contact.h: LiaisonContact, a person or lead as both services know it; custom field values
 * are kept by field id.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LIAISON_TYPE_CONTACT (liaison_contact_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonContact, liaison_contact, LIAISON, CONTACT, GObject)

LiaisonContact *liaison_contact_new (void);
const char *liaison_contact_get_id (LiaisonContact *self);
void liaison_contact_set_id (LiaisonContact *self, const char *id);
const char *liaison_contact_get_first_name (LiaisonContact *self);
void liaison_contact_set_first_name (LiaisonContact *self, const char *first_name);
const char *liaison_contact_get_last_name (LiaisonContact *self);
void liaison_contact_set_last_name (LiaisonContact *self, const char *last_name);
const char *liaison_contact_get_email (LiaisonContact *self);
void liaison_contact_set_email (LiaisonContact *self, const char *email);
const char *liaison_contact_get_phone (LiaisonContact *self);
void liaison_contact_set_phone (LiaisonContact *self, const char *phone);
const char *liaison_contact_get_company_name (LiaisonContact *self);
void liaison_contact_set_company_name (LiaisonContact *self, const char *company_name);
const char *liaison_contact_get_address1 (LiaisonContact *self);
void liaison_contact_set_address1 (LiaisonContact *self, const char *address1);
const char *liaison_contact_get_city (LiaisonContact *self);
void liaison_contact_set_city (LiaisonContact *self, const char *city);
const char *liaison_contact_get_state (LiaisonContact *self);
void liaison_contact_set_state (LiaisonContact *self, const char *state);
const char *liaison_contact_get_postal_code (LiaisonContact *self);
void liaison_contact_set_postal_code (LiaisonContact *self, const char *postal_code);
const char *liaison_contact_get_country (LiaisonContact *self);
void liaison_contact_set_country (LiaisonContact *self, const char *country);
const char *liaison_contact_get_website (LiaisonContact *self);
void liaison_contact_set_website (LiaisonContact *self, const char *website);
const char *liaison_contact_get_time_zone (LiaisonContact *self);
void liaison_contact_set_time_zone (LiaisonContact *self, const char *time_zone);
const char *liaison_contact_get_source (LiaisonContact *self);
void liaison_contact_set_source (LiaisonContact *self, const char *source);
const char *liaison_contact_get_assigned_to (LiaisonContact *self);
void liaison_contact_set_assigned_to (LiaisonContact *self, const char *assigned_to);
const char *liaison_contact_get_date_of_birth (LiaisonContact *self);
void liaison_contact_set_date_of_birth (LiaisonContact *self, const char *date_of_birth);
gboolean liaison_contact_get_dnd (LiaisonContact *self);
void liaison_contact_set_dnd (LiaisonContact *self, gboolean dnd);
const char *const *liaison_contact_get_tags (LiaisonContact *self);
void liaison_contact_set_tags (LiaisonContact *self, const char *const *tags);
GDateTime *liaison_contact_get_date_added (LiaisonContact *self);
void liaison_contact_set_date_added (LiaisonContact *self, GDateTime *date_added);
GDateTime *liaison_contact_get_date_updated (LiaisonContact *self);
void liaison_contact_set_date_updated (LiaisonContact *self, GDateTime *date_updated);

/* Custom field values, keyed by the service's field id. A value is a GVariant
 * of type s (text, options, dates as written), d (numbers), b (checkboxes) or
 * as (multiple options, lists). */
void liaison_contact_set_custom_field (LiaisonContact *self, const char *field_id, GVariant *value);
GVariant *liaison_contact_get_custom_field (LiaisonContact *self, const char *field_id);
void liaison_contact_set_custom_field_string (LiaisonContact *self, const char *field_id,
                                              const char *value);
const char *liaison_contact_get_custom_field_string (LiaisonContact *self, const char *field_id);
gboolean liaison_contact_get_custom_field_double (LiaisonContact *self, const char *field_id,
                                                  double *value);
char **liaison_contact_dup_custom_field_strv (LiaisonContact *self, const char *field_id);
char **liaison_contact_dup_custom_field_ids (LiaisonContact *self);
guint liaison_contact_get_n_custom_fields (LiaisonContact *self);
gboolean liaison_contact_has_tag (LiaisonContact *self, const char *tag);
char *liaison_contact_dup_display_name (LiaisonContact *self);

G_END_DECLS
