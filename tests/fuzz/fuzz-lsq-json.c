/* fuzz-lsq-json.c: the LeadSquared JSON of leads (flat objects and
 * LeadPropertyList rows), tasks, appointments, notes, users, lead fields
 * and bulk row results, with its three date formats.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdint.h>
#include <string.h>

#include "liaison-json.h"
#include "liaison-lsq-json.h"

typedef gpointer (*Reader) (JsonObject *object, GError **error);

static void
read_with (Reader read, JsonObject *object)
{
  g_autoptr (GError) error = NULL;
  gpointer value = read (object, &error);

  if (value == NULL && error == NULL)
    g_error ("a reader failed without saying why");
  g_clear_object (&value);
}

static void
read_node (JsonNode *node, GHashTable *field_types)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonContact) contact = liaison_lsq_contact_from_json (node, field_types, &error);
  g_autoptr (LiaisonNote) note = NULL;
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return;
  object = json_node_get_object (node);
  read_with ((Reader) liaison_lsq_activity_from_json, object);
  read_with ((Reader) liaison_lsq_task_from_json, object);
  read_with ((Reader) liaison_lsq_appointment_from_json, object);
  read_with ((Reader) liaison_lsq_user_from_json, object);
  read_with ((Reader) liaison_lsq_field_def_from_json, object);
  g_clear_error (&error);
  note = liaison_lsq_note_from_json (object, "lead-1", &error);
}

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GBytes) bytes = g_bytes_new (data, size);
  g_autoptr (JsonNode) root = liaison_json_parse_bytes (bytes, LIAISON_JSON_MAX_DEPTH, NULL);
  g_autoptr (GHashTable) field_types = liaison_lsq_field_types_new ();
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr (GDateTime) time = liaison_json_parse_time (text);

  if (root == NULL)
    return 0;
  rows = liaison_lsq_row_results_from_json (root, 0, 3, &error);
  read_node (root, field_types);
  if (JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);
      guint i;

      for (i = 0; i < json_array_get_length (array); i++)
        read_node (json_array_get_element (array, i), field_types);
    }
  else if (JSON_NODE_HOLDS_OBJECT (root))
    {
      static const char *lists[] = { "Leads", "List", "TaskList", "Notes", NULL };
      guint i, j;

      for (i = 0; lists[i] != NULL; i++)
        {
          JsonArray *array = liaison_json_get_array (json_node_get_object (root), lists[i]);

          for (j = 0; array != NULL && j < json_array_get_length (array); j++)
            read_node (json_array_get_element (array, j), field_types);
        }
    }
  return 0;
}
