/* liaison-calendar-data.c: the item list the calendar-data models share (see
 * liaison-calendar-data-private.h). The records' form is in src/core/codec/.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-models"

#include "liaison-calendar-data-private.h"

void
liaison_calendar_data_items_init (LiaisonCalendarDataItems *items)
{
  items->objects = g_ptr_array_new_with_free_func (g_object_unref);
  items->ids = g_ptr_array_new_with_free_func (g_free);
  items->hashes = g_ptr_array_new_with_free_func (g_free);
}

void
liaison_calendar_data_items_clear (LiaisonCalendarDataItems *items)
{
  g_clear_pointer (&items->objects, g_ptr_array_unref);
  g_clear_pointer (&items->ids, g_ptr_array_unref);
  g_clear_pointer (&items->hashes, g_ptr_array_unref);
}

void
liaison_calendar_data_items_replace (LiaisonCalendarDataItems *items, GListModel *model,
                                     GPtrArray *records, LiaisonCalendarDataDecode decode)
{
  g_autoptr (GHashTable) old_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  LiaisonCalendarDataItems fresh;
  LiaisonCalendarDataItems old = *items;
  guint prefix = 0, suffix = 0, n_old, n_new;

  for (guint i = 0; i < old.ids->len; i++)
    g_hash_table_insert (old_by_id, old.ids->pdata[i], GUINT_TO_POINTER (i + 1));

  liaison_calendar_data_items_init (&fresh);
  for (guint i = 0; i < records->len; i++)
    {
      LiaisonStoreRecord *row = records->pdata[i];
      guint old_pos = GPOINTER_TO_UINT (g_hash_table_lookup (old_by_id, row->remote_id));
      gpointer object = NULL;

      /* An unchanged record keeps its object, so views bound to it are left alone. */
      if (old_pos != 0 && g_strcmp0 (old.hashes->pdata[old_pos - 1], row->content_hash) == 0)
        object = g_object_ref (old.objects->pdata[old_pos - 1]);
      else
        {
          g_autoptr (GError) error = NULL;

          object = decode (row->raw, &error);
          if (object == NULL)
            {
              g_warning ("Skipping a cached record that does not read back: %s", error->message);
              continue;
            }
        }
      g_ptr_array_add (fresh.objects, object);
      g_ptr_array_add (fresh.ids, g_strdup (row->remote_id));
      g_ptr_array_add (fresh.hashes, g_strdup (row->content_hash));
    }

  n_old = old.objects->len;
  n_new = fresh.objects->len;
  while (prefix < n_old && prefix < n_new
         && old.objects->pdata[prefix] == fresh.objects->pdata[prefix])
    prefix++;
  while (suffix < n_old - prefix && suffix < n_new - prefix
         && old.objects->pdata[n_old - 1 - suffix] == fresh.objects->pdata[n_new - 1 - suffix])
    suffix++;

  /* The model must read the new items when the signal runs. */
  *items = fresh;
  if (prefix + suffix < MAX (n_old, n_new))
    g_list_model_items_changed (model, prefix, n_old - prefix - suffix, n_new - prefix - suffix);
  liaison_calendar_data_items_clear (&old);
}

GPtrArray *
liaison_calendar_data_gone (GPtrArray *cached, GHashTable *seen)
{
  GPtrArray *gone = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_record_free);

  for (guint i = 0; i < cached->len; i++)
    {
      const LiaisonStoreRecord *row = cached->pdata[i];
      LiaisonStoreRecord *record;

      if (g_hash_table_contains (seen, row->remote_id))
        continue;
      record = liaison_store_record_copy (row);
      record->deleted = TRUE;
      g_ptr_array_add (gone, record);
    }
  return gone;
}
