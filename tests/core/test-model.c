/* test-model.c: every property of every model type round-trips, notifies
 * exactly when it changes, and keeps times in UTC; contact custom fields
 * keep their types.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-model"

#include "liaison-appointment.h"
#include "liaison-calendar.h"
#include "liaison-contact.h"
#include "liaison-field-def.h"
#include "liaison-note.h"
#include "liaison-slot.h"
#include "liaison-task.h"
#include "liaison-user.h"

static void
count_notify (GObject *object, GParamSpec *pspec, gpointer user_data)
{
  (*(guint *) user_data)++;
}

/* A value different from the property's default. */
static void
sample_value (GParamSpec *pspec, GValue *value)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  g_value_init (value, type);
  if (type == G_TYPE_STRING)
    g_value_take_string (value, g_strdup_printf ("value of %s ✓", pspec->name));
  else if (type == G_TYPE_BOOLEAN)
    g_value_set_boolean (value, TRUE);
  else if (type == G_TYPE_UINT)
    g_value_set_uint (value, G_PARAM_SPEC_UINT (pspec)->default_value + 7);
  else if (G_TYPE_IS_ENUM (type))
    g_value_set_enum (value, G_PARAM_SPEC_ENUM (pspec)->default_value + 2);
  else if (type == G_TYPE_STRV)
    {
      static const char *strv[] = { "vip", "lead source: web", NULL };
      g_value_set_boxed (value, strv);
    }
  else if (type == G_TYPE_DATE_TIME)
    {
      /* Deliberately not UTC: the model must convert. */
      g_autoptr (GTimeZone) zone = g_time_zone_new_identifier ("+05:30");
      g_value_take_boxed (value, g_date_time_new (zone, 2026, 3, 14, 9, 26, 53.5));
    }
  else
    g_assert_not_reached ();
}

static void
check_round_trip (GType type)
{
  g_autoptr (GObject) object = g_object_new (type, NULL);
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs, i, notified = 0;

  g_signal_connect (object, "notify", G_CALLBACK (count_notify), &notified);
  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n_pspecs);
  g_assert_cmpuint (n_pspecs, >, 2);

  for (i = 0; i < n_pspecs; i++)
    {
      GParamSpec *pspec = pspecs[i];
      g_auto (GValue) in = G_VALUE_INIT;
      g_auto (GValue) out = G_VALUE_INIT;
      GType value_type = G_PARAM_SPEC_VALUE_TYPE (pspec);

      g_assert_true (pspec->flags & G_PARAM_EXPLICIT_NOTIFY);
      sample_value (pspec, &in);

      notified = 0;
      g_object_set_property (object, pspec->name, &in);
      g_assert_cmpuint (notified, ==, 1);
      /* The same value again is no change. */
      g_object_set_property (object, pspec->name, &in);
      g_assert_cmpuint (notified, ==, 1);

      g_value_init (&out, value_type);
      g_object_get_property (object, pspec->name, &out);
      if (value_type == G_TYPE_DATE_TIME)
        {
          GDateTime *got = g_value_get_boxed (&out);

          g_assert_nonnull (got);
          g_assert_true (g_date_time_equal (got, g_value_get_boxed (&in)));
          g_assert_cmpint (g_date_time_get_utc_offset (got), ==, 0);
          g_assert_cmpint (g_date_time_get_hour (got), ==, 3);
          g_assert_cmpint (g_date_time_get_minute (got), ==, 56);
        }
      else if (value_type == G_TYPE_STRV)
        g_assert_true (g_strv_equal (g_value_get_boxed (&out), g_value_get_boxed (&in)));
      else
        g_assert_cmpint (g_param_values_cmp (pspec, &in, &out), ==, 0);

      /* Back to the default notifies again. */
      g_param_value_set_default (pspec, &in);
      g_object_set_property (object, pspec->name, &in);
      g_assert_cmpuint (notified, ==, 2);
    }
}

static void
test_round_trips (void)
{
  GType types[] = {
    LIAISON_TYPE_CONTACT,  LIAISON_TYPE_TASK, LIAISON_TYPE_NOTE,      LIAISON_TYPE_APPOINTMENT,
    LIAISON_TYPE_CALENDAR, LIAISON_TYPE_SLOT, LIAISON_TYPE_FIELD_DEF, LIAISON_TYPE_USER,
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_test_message ("%s", g_type_name (types[i]));
      check_round_trip (types[i]);
    }
}

static void
test_typed_accessors (void)
{
  g_autoptr (LiaisonContact) contact = liaison_contact_new ();
  g_autoptr (LiaisonAppointment) appointment = liaison_appointment_new ();
  g_autoptr (LiaisonFieldDef) field = liaison_field_def_new ();
  g_autoptr (GDateTime) start = g_date_time_new_from_iso8601 ("2026-05-01T10:00:00-04:00", NULL);
  static const char *tags[] = { "VIP", "web", NULL };
  static const char *options[] = { "Gold", "Silver", NULL };
  g_autofree char *name = NULL;

  liaison_contact_set_first_name (contact, "Ada");
  liaison_contact_set_last_name (contact, "Lovelace");
  liaison_contact_set_tags (contact, tags);
  g_assert_true (liaison_contact_has_tag (contact, "vip"));
  g_assert_false (liaison_contact_has_tag (contact, "vipp"));
  name = liaison_contact_dup_display_name (contact);
  g_assert_cmpstr (name, ==, "Ada Lovelace");

  liaison_appointment_set_start_time (appointment, start);
  liaison_appointment_set_status (appointment, LIAISON_APPOINTMENT_STATUS_NO_SHOW);
  g_assert_cmpint (g_date_time_get_hour (liaison_appointment_get_start_time (appointment)), ==, 14);
  g_assert_cmpint (liaison_appointment_get_status (appointment), ==,
                   LIAISON_APPOINTMENT_STATUS_NO_SHOW);

  liaison_field_def_set_data_type (field, LIAISON_FIELD_TYPE_MULTIPLE_OPTIONS);
  liaison_field_def_set_options (field, options);
  g_assert_cmpint (liaison_field_def_get_data_type (field), ==,
                   LIAISON_FIELD_TYPE_MULTIPLE_OPTIONS);
  g_assert_cmpstr (liaison_field_def_get_options (field)[1], ==, "Silver");
  liaison_field_def_set_options (field, NULL);
  g_assert_null (liaison_field_def_get_options (field));
}

static void
count_field (LiaisonContact *contact, const char *field_id, gpointer user_data)
{
  (*(guint *) user_data)++;
}

static void
test_custom_fields (void)
{
  g_autoptr (LiaisonContact) contact = liaison_contact_new ();
  static const char *levels[] = { "gold", "silver", NULL };
  g_auto (GStrv) ids = NULL;
  g_auto (GStrv) got = NULL;
  guint changed = 0;
  double number = 0;

  g_signal_connect (contact, "custom-field-changed", G_CALLBACK (count_field), &changed);

  liaison_contact_set_custom_field_string (contact, "f-text", "Bangalore");
  liaison_contact_set_custom_field (contact, "f-num", g_variant_new_double (42.5));
  liaison_contact_set_custom_field (contact, "f-int", g_variant_new_int64 (7));
  liaison_contact_set_custom_field (contact, "f-list", g_variant_new_strv (levels, -1));
  g_assert_cmpuint (changed, ==, 4);

  /* Same value: no change signalled. */
  liaison_contact_set_custom_field_string (contact, "f-text", "Bangalore");
  g_assert_cmpuint (changed, ==, 4);

  g_assert_cmpstr (liaison_contact_get_custom_field_string (contact, "f-text"), ==, "Bangalore");
  g_assert_null (liaison_contact_get_custom_field_string (contact, "f-num"));
  g_assert_true (liaison_contact_get_custom_field_double (contact, "f-num", &number));
  g_assert_cmpfloat (number, ==, 42.5);
  g_assert_true (liaison_contact_get_custom_field_double (contact, "f-int", &number));
  g_assert_cmpfloat (number, ==, 7.0);
  g_assert_false (liaison_contact_get_custom_field_double (contact, "f-text", &number));
  liaison_contact_set_custom_field_string (contact, "f-numtext", "10.25");
  g_assert_true (liaison_contact_get_custom_field_double (contact, "f-numtext", &number));
  g_assert_cmpfloat (number, ==, 10.25);
  liaison_contact_set_custom_field (contact, "f-numtext", NULL);
  changed -= 2;
  got = liaison_contact_dup_custom_field_strv (contact, "f-list");
  g_assert_true (g_strv_equal ((const char *const *) got, levels));
  g_assert_null (liaison_contact_get_custom_field (contact, "missing"));

  ids = liaison_contact_dup_custom_field_ids (contact);
  g_assert_cmpuint (g_strv_length (ids), ==, 4);
  g_assert_cmpstr (ids[0], ==, "f-int");
  g_assert_cmpstr (ids[3], ==, "f-text");

  liaison_contact_set_custom_field (contact, "f-text", NULL);
  g_assert_cmpuint (changed, ==, 5);
  g_assert_cmpuint (liaison_contact_get_n_custom_fields (contact), ==, 3);
  liaison_contact_set_custom_field (contact, "f-text", NULL);
  g_assert_cmpuint (changed, ==, 5);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/round-trips", test_round_trips);
  g_test_add_func ("/model/typed-accessors", test_typed_accessors);
  g_test_add_func ("/model/custom-fields", test_custom_fields);

  return g_test_run ();
}
