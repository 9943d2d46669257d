/* liaison-task-codec.c: a task as one JSON object, the same for both services, so that cached
 * tasks of HighLevel and LeadSquared decode alike.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-codec"

#include "liaison-codec-private.h"
#include "liaison-json.h"
#include "liaison-task-codec.h"

LiaisonStoreRecord *
liaison_task_codec_to_record (LiaisonTask *task, const char *contact_id)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autofree char *raw = NULL;
  LiaisonStoreRecord *record;

  g_return_val_if_fail (LIAISON_IS_TASK (task), NULL);
  if (liaison_task_get_id (task) == NULL)
    return NULL;

  json_builder_begin_object (builder);
  liaison_codec_put_string (builder, "id", liaison_task_get_id (task));
  liaison_codec_put_string (builder, "contactId", contact_id);
  liaison_codec_put_string (builder, "title", liaison_task_get_title (task));
  liaison_codec_put_string (builder, "body", liaison_task_get_body (task));
  liaison_codec_put_string (builder, "assignedTo", liaison_task_get_assigned_to (task));
  json_builder_set_member_name (builder, "completed");
  json_builder_add_boolean_value (builder, liaison_task_get_completed (task));
  liaison_codec_put_utc_time (builder, "dueDate", liaison_task_get_due_date (task));
  liaison_codec_put_utc_time (builder, "completedAt", liaison_task_get_completed_at (task));
  liaison_codec_put_utc_time (builder, "dateAdded", liaison_task_get_date_added (task));
  liaison_codec_put_utc_time (builder, "dateUpdated", liaison_task_get_date_updated (task));
  raw = liaison_codec_finish (builder);

  record = liaison_store_record_new (LIAISON_RECORD_TASK, liaison_task_get_id (task), raw);
  record->parent_id = g_strdup (contact_id);
  record->display_name = g_strdup (liaison_task_get_title (task));
  record->modified_at = liaison_codec_time_to_ms (liaison_task_get_date_updated (task));
  return record;
}

LiaisonTask *
liaison_task_codec_from_json (const char *raw, GError **error)
{
  g_autoptr (JsonNode) keep = NULL;
  JsonObject *object = liaison_codec_parse (raw, "task", &keep, error);
  LiaisonTask *task;
  struct
  {
    const char *member;
    void (*set) (LiaisonTask *, GDateTime *);
  } times[] = {
    { "dueDate", liaison_task_set_due_date },
    { "completedAt", liaison_task_set_completed_at },
    { "dateAdded", liaison_task_set_date_added },
    { "dateUpdated", liaison_task_set_date_updated },
  };

  if (object == NULL)
    return NULL;
  task = liaison_task_new ();
  liaison_task_set_id (task, liaison_json_get_string (object, "id"));
  liaison_task_set_contact_id (task, liaison_json_get_string (object, "contactId"));
  liaison_task_set_title (task, liaison_json_get_string (object, "title"));
  liaison_task_set_body (task, liaison_json_get_string (object, "body"));
  liaison_task_set_assigned_to (task, liaison_json_get_string (object, "assignedTo"));
  liaison_task_set_completed (task, liaison_json_get_boolean (object, "completed", FALSE));
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autoptr (GDateTime) time = liaison_json_get_time (object, times[i].member);

      if (time != NULL)
        times[i].set (task, time);
    }
  return task;
}
