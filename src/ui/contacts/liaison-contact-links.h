/* liaison-contact-links.h: linking, unlinking and keeping matches apart from the Contacts page,
 * each answered by a toast with Undo.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "liaison-contact-list.h"

G_BEGIN_DECLS

/* Links the lead lsq_id with the contact ghl_id, then says so, by the contact's name, in the
 * toast overlay around widget, with Undo. */
void liaison_contact_links_link_async (GtkWidget *widget, LiaisonContactList *model,
                                       const char *lsq_id, const char *ghl_id, const char *name,
                                       GCancellable *cancellable, GAsyncReadyCallback callback,
                                       gpointer user_data);

/* Ends the link link_id between lsq_id and ghl_id, then says so with Undo, which links the
 * two again. */
void liaison_contact_links_unlink_async (GtkWidget *widget, LiaisonContactList *model,
                                         gint64 link_id, const char *lsq_id, const char *ghl_id,
                                         const char *name, GCancellable *cancellable,
                                         GAsyncReadyCallback callback, gpointer user_data);

/* Keeps the proposed or ambiguous contact of row apart from the other side's contacts it was
 * matched with, then says so with Undo, which matches them again. */
void liaison_contact_links_keep_apart_async (GtkWidget *widget, LiaisonContactList *model,
                                             LiaisonContactRow *row, GCancellable *cancellable,
                                             GAsyncReadyCallback callback, gpointer user_data);
/* Lets the contact of row (kept apart) be matched again, and says so. */
void liaison_contact_links_match_again_async (GtkWidget *widget, LiaisonContactList *model,
                                              LiaisonContactRow *row, GCancellable *cancellable,
                                              GAsyncReadyCallback callback, gpointer user_data);

/* Lets the contact of row, which an undo took the copy of back, be copied by the next sync, and
 * says so. */
void liaison_contact_links_copy_again_async (GtkWidget *widget, LiaisonContactList *model,
                                             LiaisonContactRow *row, GCancellable *cancellable,
                                             GAsyncReadyCallback callback, gpointer user_data);

/* The end of each of these changes: FALSE with error set to a sentence on what failed. */
gboolean liaison_contact_links_finish (GAsyncResult *result, GError **error);

G_END_DECLS
