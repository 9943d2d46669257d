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
} LiaisonContactRowData;

/* Takes the strings of data. */
LiaisonContactRow *liaison_contact_row_new_take (LiaisonContactRowData *data);

G_END_DECLS
