/* liaison-contact-row-private.h: how LiaisonContactList fills a row.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-contact-row.h"

G_BEGIN_DECLS

typedef struct
{
  LiaisonLinkStatus status;
  char *display_name;
  char *email;
  char *phone;
  char *company;
  char *owner;
  gint64 modified_at;
  char *lsq_id;
  char *ghl_id;
  gint64 link_id;
  guint n_candidates;
  gint64 record_id; /* a contact on one side only: its records.id, to find its match set by */
  /* An undo took the copy of this contact back (the not_copied list): its side, the undo's run
   * and the run it undid; not_copied_side is -1 when it is not listed. */
  int not_copied_side;
  gint64 not_copied_run;
  gint64 not_copied_undone_run;
  gint64 not_copied_record; /* its records.id */
} LiaisonContactRowData;

/* Takes the strings of data. */
LiaisonContactRow *liaison_contact_row_new_take (LiaisonContactRowData *data);
const LiaisonContactRowData *liaison_contact_row_get_data (LiaisonContactRow *self);

G_END_DECLS
