/* liaison-contact-list-find.c: the contacts a person can link the shown one with: those on one
 * side only that match a search, and the other side's members of an ambiguous set, which are
 * the records the matcher grouped (by normalized e-mail, or phone in E.164), not those whose
 * displayed text looks alike.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-models"

#include "liaison-contact-list-private.h"
#include "liaison-normalize.h"

/* Rows of contacts only on side that contain text, whatever the list's filters (see .h). */
GPtrArray *
liaison_contact_list_find_single (LiaisonContactList *self, LiaisonService side, const char *text,
                                  guint max)
{
  g_autofree char *folded = liaison_normalize_text (text);
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_object_unref);
  const LiaisonContactIndex *index;

  g_return_val_if_fail (LIAISON_IS_CONTACT_LIST (self), rows);
  index = liaison_contact_list_get_index (self);
  for (guint i = 0; index != NULL && i < index->n_entries && rows->len < max; i++)
    {
      const LiaisonContactEntry *e = &index->entries[i];
      gboolean single = side == LIAISON_SERVICE_LSQ ? e->lsq_rec != 0 && e->ghl_rec == 0
                                                    : e->ghl_rec != 0 && e->lsq_rec == 0;

      if (single
          && liaison_contact_list_entry_matches (
              index, e,
              LIAISON_LINK_STATUS_AMBIGUOUS | LIAISON_LINK_STATUS_LSQ_ONLY
                  | LIAISON_LINK_STATUS_GHL_ONLY | LIAISON_LINK_STATUS_KEPT_APART,
              folded))
        g_ptr_array_add (rows, liaison_contact_list_make_row (self, i));
    }
  return rows;
}

/* The other side's members of the ambiguous set of row (see .h). */
GPtrArray *
liaison_contact_list_find_candidates (LiaisonContactList *self, LiaisonContactRow *row)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GArray) found = NULL;
  const LiaisonContactIndex *index;

  g_return_val_if_fail (LIAISON_IS_CONTACT_LIST (self), rows);
  g_return_val_if_fail (LIAISON_IS_CONTACT_ROW (row), rows);
  index = liaison_contact_list_get_index (self);
  if (index == NULL)
    return rows;
  found = liaison_contact_index_find_set (index, liaison_contact_row_get_data (row)->record_id);
  for (guint i = 0; i < found->len; i++)
    g_ptr_array_add (rows, liaison_contact_list_make_row (self, g_array_index (found, guint32, i)));
  return rows;
}
