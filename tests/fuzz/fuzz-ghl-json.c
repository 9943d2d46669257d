/* fuzz-ghl-json.c: the HighLevel JSON mapping (contacts, tasks, notes,
 * appointments, calendars, custom fields, users, free slots) behind the
 * one safe reply parse.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdint.h>

#include "liaison-ghl-mapping.h"
#include "liaison-json.h"

typedef gpointer (*Reader) (JsonObject *object, GError **error);

static void
read_with (Reader read, JsonObject *object)
{
  g_autoptr (GError) error = NULL;
  gpointer value = read (object, &error);

  /* A reader gives a value or an error, never neither. */
  if (value == NULL && error == NULL)
    g_error ("a reader failed without saying why");
  g_clear_object (&value);
}

static void
read_object (JsonObject *object)
{
  g_autoptr (GPtrArray) slots = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GError) error = NULL;
  const char *zones[] = { "UTC", "Asia/Kolkata", "America/New_York", NULL };
  guint i;

  read_with ((Reader) liaison_ghl_contact_from_json, object);
  read_with ((Reader) liaison_ghl_task_from_json, object);
  read_with ((Reader) liaison_ghl_note_from_json, object);
  read_with ((Reader) liaison_ghl_appointment_from_json, object);
  read_with ((Reader) liaison_ghl_calendar_from_json, object);
  read_with ((Reader) liaison_ghl_field_def_from_json, object);
  read_with ((Reader) liaison_ghl_user_from_json, object);
  for (i = 0; zones[i] != NULL; i++)
    {
      g_clear_error (&error);
      liaison_ghl_slots_from_json (object, "cal1", zones[i], i * 30, slots, &error);
    }
}

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GBytes) bytes = g_bytes_new (data, size);
  g_autoptr (JsonNode) root = liaison_json_parse_bytes (bytes, LIAISON_JSON_MAX_DEPTH, NULL);
  static const char *members[] = { "contact", "task", "note", "calendar", "event", NULL };
  static const char *lists[]
      = { "contacts", "tasks", "notes", "events", "calendars", "customFields", "users", NULL };
  JsonObject *object;
  guint i, j;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return 0;
  object = json_node_get_object (root);
  read_object (object);
  for (i = 0; members[i] != NULL; i++)
    if (liaison_json_get_object (object, members[i]) != NULL)
      read_object (liaison_json_get_object (object, members[i]));
  for (i = 0; lists[i] != NULL; i++)
    {
      JsonArray *array = liaison_json_get_array (object, lists[i]);

      for (j = 0; array != NULL && j < json_array_get_length (array); j++)
        if (JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, j)))
          read_object (json_array_get_object_element (array, j));
    }
  return 0;
}
