/* liaison-field-defs.c: field definitions from the store (see liaison-field-defs.h).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sync"

#include <json-glib/json-glib.h>

#include "liaison-field-defs.h"
#include "liaison-json.h"
#include "liaison-store-lists.h"

LiaisonFieldDef *
liaison_field_def_from_record (LiaisonService service, const LiaisonStoreRecord *record)
{
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GEnumClass) types = NULL;
  JsonObject *object;
  GEnumValue *type;
  LiaisonFieldDef *def;
  const char *id, *key;

  if (record == NULL || record->raw == NULL || (node = json_from_string (record->raw, NULL)) == NULL
      || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  object = json_node_get_object (node);
  id = liaison_json_get_string (object, "id");
  if (id == NULL || *id == '\0')
    return NULL;
  key = liaison_json_get_string (object, "key");
  types = g_type_class_ref (LIAISON_TYPE_FIELD_TYPE);
  type = g_enum_get_value_by_nick (types, liaison_json_get_string (object, "dataType") ?: "other");

  def = liaison_field_def_new ();
  liaison_field_def_set_id (def, id);
  liaison_field_def_set_key (def, key != NULL ? key : id);
  liaison_field_def_set_name (def, liaison_json_get_string (object, "name"));
  liaison_field_def_set_data_type (def, type != NULL ? type->value : LIAISON_FIELD_TYPE_OTHER);
  liaison_field_def_set_is_custom (def,
                                   service == LIAISON_SERVICE_GHL || g_str_has_prefix (id, "mx_"));
  return def;
}

typedef struct
{
  char *connection[2];
  GPtrArray *defs[2];
  LiaisonService side; /* being read */
} LoadData;

static void
load_data_free (LoadData *data)
{
  for (guint s = 0; s < 2; s++)
    {
      g_free (data->connection[s]);
      g_clear_pointer (&data->defs[s], g_ptr_array_unref);
    }
  g_free (data);
}

static void load_next (GTask *task);

static void
on_side_listed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  LoadData *data = g_task_get_task_data (task);
  g_autoptr (GPtrArray) records = NULL;
  GError *error = NULL;

  records = liaison_store_list_records_finish (LIAISON_STORE (source), result, &error);
  if (records == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (records->len > 0)
    {
      data->defs[data->side] = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < records->len; i++)
        {
          LiaisonFieldDef *def
              = liaison_field_def_from_record (data->side, g_ptr_array_index (records, i));

          if (def != NULL)
            g_ptr_array_add (data->defs[data->side], def);
        }
    }
  data->side++;
  load_next (g_steal_pointer (&task));
}

/* LeadSquared, then HighLevel; a side without a connection is passed over. */
static void
load_next (GTask *task)
{
  LoadData *data = g_task_get_task_data (task);

  while (data->side <= LIAISON_SERVICE_GHL && data->connection[data->side] == NULL)
    data->side++;
  if (data->side > LIAISON_SERVICE_GHL)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  liaison_store_list_records_async (g_task_get_source_object (task), data->connection[data->side],
                                    LIAISON_RECORD_FIELD, g_task_get_cancellable (task),
                                    on_side_listed, task);
}

void
liaison_field_defs_load_async (LiaisonStore *store, const char *lsq_connection,
                               const char *ghl_connection, GCancellable *cancellable,
                               GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task;
  LoadData *data = g_new0 (LoadData, 1);

  g_return_if_fail (LIAISON_IS_STORE (store));
  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_field_defs_load_async);
  data->connection[LIAISON_SERVICE_LSQ] = g_strdup (lsq_connection);
  data->connection[LIAISON_SERVICE_GHL] = g_strdup (ghl_connection);
  data->side = LIAISON_SERVICE_LSQ;
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  load_next (task);
}

gboolean
liaison_field_defs_load_finish (LiaisonStore *store, GAsyncResult *result, GPtrArray **lsq_defs,
                                GPtrArray **ghl_defs, GError **error)
{
  LoadData *data;

  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  data = g_task_get_task_data (G_TASK (result));
  if (lsq_defs != NULL)
    *lsq_defs = g_steal_pointer (&data->defs[LIAISON_SERVICE_LSQ]);
  if (ghl_defs != NULL)
    *ghl_defs = g_steal_pointer (&data->defs[LIAISON_SERVICE_GHL]);
  return TRUE;
}
