/* liaison-store-history-csv.c: the sync history as CSV (RFC 4180): one row per operation, with
 * its run, time, record ids, field, before and after values, result, error and cause.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-store"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "liaison-store-history-private.h"

#define EXPORT_PAGE 2000

/* Column names are not translated: the file is read by programs as much as by people. */
static const char *const header[]
    = { "run",   "operation", "at",    "action", "side",  "lsq_id", "ghl_id",
        "field", "before",    "after", "result", "error", "cause" };

void
liaison_csv_append_field (GString *line, const char *value)
{
  if (value == NULL || strpbrk (value, "\",\r\n") == NULL)
    {
      g_string_append (line, value ? value : "");
      return;
    }
  g_string_append_c (line, '"');
  for (const char *p = value; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}

GPtrArray *
liaison_csv_parse (const char *text, GError **error)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr (GPtrArray) row = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) field = g_string_new (NULL);
  const char *p = text;

  while (*p)
    {
      if (*p == '"')
        {
          for (p++;; p++)
            {
              if (*p == '\0')
                {
                  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _ ("The CSV file ends inside a quoted field. Export it again."));
                  return NULL;
                }
              if (*p == '"' && p[1] == '"')
                p++;
              else if (*p == '"')
                break;
              g_string_append_c (field, *p);
            }
          p++;
        }
      while (*p && *p != ',' && *p != '\r' && *p != '\n')
        g_string_append_c (field, *p++);
      g_ptr_array_add (row, g_strdup (field->str));
      g_string_truncate (field, 0);
      if (*p == ',')
        {
          p++;
          continue;
        }
      if (*p == '\r')
        p++;
      if (*p == '\n')
        p++;
      g_ptr_array_add (row, NULL);
      g_ptr_array_add (rows, g_ptr_array_steal (row, NULL));
      g_ptr_array_set_free_func (row, g_free);
    }
  return g_steal_pointer (&rows);
}

static void
append_row (GString *out, const char *const *values, guint n)
{
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      liaison_csv_append_field (out, values[i]);
    }
  g_string_append (out, "\r\n");
}

static void
append_operation (GString *out, const LiaisonStoreOperation *op)
{
  g_autofree char *run = g_strdup_printf ("%" G_GINT64_FORMAT, op->run_id);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, op->id);
  g_autoptr (GDateTime) when = g_date_time_new_from_unix_utc (op->at / 1000);
  g_autofree char *at = when ? g_date_time_format_iso8601 (when) : NULL;
  const char *values[] = { run,
                           id,
                           at,
                           liaison_operation_action_to_string (op->action),
                           liaison_service_to_string (op->service),
                           op->lsq_id,
                           op->ghl_id,
                           op->field,
                           op->before,
                           op->after,
                           liaison_operation_status_to_string (op->status),
                           op->error,
                           op->cause };

  append_row (out, values, G_N_ELEMENTS (values));
}

static gint64
export_csv (LiaisonStoreDb *db, const LiaisonHistoryFilter *filter, GOutputStream *out,
            GCancellable *cancellable, GError **error)
{
  g_autoptr (GString) text = g_string_new (NULL);
  LiaisonHistoryFilter ordered = *filter;
  gint64 last = 0, n = 0;

  /* The export reads forward, a page at a time, whatever order the page shows. */
  ordered.newest_first = FALSE;
  append_row (text, header, G_N_ELEMENTS (header));
  for (;;)
    {
      g_autoptr (GPtrArray) page
          = liaison_store_db_query_operations (db, &ordered, last, EXPORT_PAGE, error);

      if (page == NULL)
        return -1;
      for (guint i = 0; i < page->len; i++)
        append_operation (text, g_ptr_array_index (page, i));
      if (!g_output_stream_write_all (out, text->str, text->len, NULL, cancellable, error))
        return -1;
      g_string_truncate (text, 0);
      n += page->len;
      if (page->len < EXPORT_PAGE)
        break;
      last = ((LiaisonStoreOperation *) g_ptr_array_index (page, page->len - 1))->id;
    }
  return n;
}

gint64
liaison_store_export_csv (LiaisonStore *self, const LiaisonHistoryFilter *filter,
                          GOutputStream *out, GCancellable *cancellable, GError **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), -1);
  return export_csv (liaison_store_get_reader (self), filter, out, cancellable, error);
}

typedef struct
{
  LiaisonHistoryFilter *filter;
  GFile *file;
  gint64 n;
} ExportData;

static void
export_data_free (ExportData *data)
{
  liaison_history_filter_free (data->filter);
  g_clear_object (&data->file);
  g_free (data);
}

static void
export_job (LiaisonStore *self, LiaisonStoreDb *db, GTask *task)
{
  ExportData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr (GFileOutputStream) out = NULL;
  GError *error = NULL;

  out = g_file_replace (data->file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable,
                        &error);
  if (out != NULL)
    data->n = export_csv (db, data->filter, G_OUTPUT_STREAM (out), cancellable, &error);
  if (out != NULL && data->n >= 0)
    g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, &error);
  if (error != NULL)
    {
      g_autofree char *name = g_file_get_parse_name (data->file);

      g_task_return_new_error (task, error->domain, error->code,
                               _ ("Could not write the history to “%s”: %s. Choose another "
                                  "folder, or free some space, and export again."),
                               name, error->message);
      g_error_free (error);
    }
  else
    g_task_return_boolean (task, TRUE);
}

void
liaison_store_export_csv_async (LiaisonStore *self, const LiaisonHistoryFilter *filter, GFile *file,
                                GCancellable *cancellable, GAsyncReadyCallback callback,
                                gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  ExportData *data = g_new0 (ExportData, 1);

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (G_IS_FILE (file));
  data->filter = liaison_history_filter_copy (filter);
  data->file = g_object_ref (file);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_export_csv_async);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);
  liaison_store_push_job (self, task, export_job);
}

gint64
liaison_store_export_csv_finish (LiaisonStore *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), -1);
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return -1;
  return ((ExportData *) g_task_get_task_data (G_TASK (result)))->n;
}
