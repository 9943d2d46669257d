/* liaison-contact-row.h: LiaisonContactRow, one line of the unified contact list: a linked
 * pair, a proposed match, an ambiguous candidate, or a contact on one side only.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Flags, so that a status filter is a set of them. */
typedef enum /*< flags >*/
{
  LIAISON_LINK_STATUS_LINKED = 1 << 0,
  LIAISON_LINK_STATUS_PROPOSED = 1 << 1,
  LIAISON_LINK_STATUS_AMBIGUOUS = 1 << 2,
  LIAISON_LINK_STATUS_LSQ_ONLY = 1 << 3,
  LIAISON_LINK_STATUS_GHL_ONLY = 1 << 4,
  /* on one side, kept apart by a person from the other side's contacts with its e-mail or phone */
  LIAISON_LINK_STATUS_KEPT_APART = 1 << 5,
} LiaisonLinkStatus;

#define LIAISON_LINK_STATUS_ALL                                                                    \
  (LIAISON_LINK_STATUS_LINKED | LIAISON_LINK_STATUS_PROPOSED | LIAISON_LINK_STATUS_AMBIGUOUS       \
   | LIAISON_LINK_STATUS_LSQ_ONLY | LIAISON_LINK_STATUS_GHL_ONLY | LIAISON_LINK_STATUS_KEPT_APART)

#define LIAISON_TYPE_LINK_STATUS (liaison_link_status_get_type ())
GType liaison_link_status_get_type (void);

#define LIAISON_TYPE_CONTACT_ROW (liaison_contact_row_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonContactRow, liaison_contact_row, LIAISON, CONTACT_ROW, GObject)

LiaisonLinkStatus liaison_contact_row_get_status (LiaisonContactRow *self);
const char *liaison_contact_row_get_display_name (LiaisonContactRow *self);
const char *liaison_contact_row_get_email (LiaisonContactRow *self);
const char *liaison_contact_row_get_phone (LiaisonContactRow *self);
const char *liaison_contact_row_get_company (LiaisonContactRow *self);
const char *liaison_contact_row_get_owner (LiaisonContactRow *self);
gint64 liaison_contact_row_get_modified_at (LiaisonContactRow *self);
const char *liaison_contact_row_get_lsq_id (LiaisonContactRow *self);
const char *liaison_contact_row_get_ghl_id (LiaisonContactRow *self);
gint64 liaison_contact_row_get_link_id (LiaisonContactRow *self);
guint liaison_contact_row_get_n_candidates (LiaisonContactRow *self);
/* TRUE when an undo took back the copy of this contact a run made on the other service, so that
 * the next sync leaves it alone: the run of the undo and the run it undid (either may be NULL). */
gboolean liaison_contact_row_get_not_copied (LiaisonContactRow *self, gint64 *undo_run,
                                             gint64 *undone_run);
/* The id of the record on the not_copied list (the LeadSquared or HighLevel side), or NULL. */
const char *liaison_contact_row_get_not_copied_id (LiaisonContactRow *self);

G_END_DECLS
