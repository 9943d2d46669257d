/* liaison-contact-links.c: linking and unlinking as a person does it on the Contacts page.
 * Each change is answered in the window's toast overlay by what happened, with Undo: a
 * link is undone by unlinking it, an unlink by linking the two contacts again (as a manual
 * link). Keeping a match apart is undone by matching it again; matching again has no Undo, since
 * Keep Apart is at hand. Copy Again (a contact an undo took the copy of back) has none either: the
 * store has no call to list it again, and the next sync is what copies it. Undo that fails says why
 * in a toast of its own.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-contacts-page"

#include <glib/gi18n.h>

#include "liaison-contact-links.h"

typedef struct
{
  LiaisonContactList *model;
  GWeakRef overlay; /* the toast overlay around the widget that asked */
  char *lsq_id;
  char *ghl_id;
  char *name;
  gint64 link_id;   /* the link made, or the one ended */
  GPtrArray *pairs; /* the pairs kept apart (LiaisonStoreLink) */
} Change;

static void
change_free (Change *change)
{
  g_clear_object (&change->model);
  g_weak_ref_clear (&change->overlay);
  g_free (change->lsq_id);
  g_free (change->ghl_id);
  g_free (change->name);
  g_clear_pointer (&change->pairs, g_ptr_array_unref);
  g_free (change);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Change, change_free)

static Change *
change_new (GtkWidget *widget, LiaisonContactList *model, gint64 link_id, const char *lsq_id,
            const char *ghl_id, const char *name)
{
  Change *change = g_new0 (Change, 1);

  change->model = g_object_ref (model);
  g_weak_ref_init (&change->overlay, gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY));
  change->lsq_id = g_strdup (lsq_id);
  change->ghl_id = g_strdup (ghl_id);
  change->name = g_strdup (name != NULL && *name != '\0' ? name : _ ("The contact"));
  change->link_id = link_id;
  return change;
}

static Change *
change_copy (Change *change)
{
  Change *copy = g_new0 (Change, 1);
  g_autoptr (GObject) overlay = g_weak_ref_get (&change->overlay);

  copy->model = g_object_ref (change->model);
  g_weak_ref_init (&copy->overlay, overlay);
  copy->lsq_id = g_strdup (change->lsq_id);
  copy->ghl_id = g_strdup (change->ghl_id);
  copy->name = g_strdup (change->name);
  copy->link_id = change->link_id;
  copy->pairs = change->pairs != NULL ? g_ptr_array_ref (change->pairs) : NULL;
  return copy;
}

static void
add_toast (Change *change, AdwToast *toast)
{
  g_autoptr (AdwToastOverlay) overlay = g_weak_ref_get (&change->overlay);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (overlay, toast);
  else
    g_object_unref (toast);
}

/* The toast's title is markup: a name with "&" or "<" must read as it is. */
static AdwToast *
toast_new (const char *format, const char *name)
{
  g_autofree char *escaped = g_markup_escape_text (name, -1);
  g_autofree char *title = g_strdup_printf (format, escaped);

  return adw_toast_new (title);
}

static void
undo_failed (Change *change, const GError *error)
{
  AdwToast *toast;

  /* Translators: %s is the reason, e.g. "database is locked" */
  toast = toast_new (_ ("Could not undo: %s"), error->message);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 0);
  add_toast (change, toast);
}

/* Undo ----------------------------------------------------------------- */

static void
on_undo_link_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (Change) change = user_data;
  g_autoptr (GError) error = NULL;

  if (!liaison_contact_list_unlink_finish (LIAISON_CONTACT_LIST (source), result, &error))
    undo_failed (change, error);
}

static void
on_undo_unlink_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (Change) change = user_data;
  g_autoptr (GError) error = NULL;

  if (liaison_contact_list_link_pair_finish (LIAISON_CONTACT_LIST (source), result, &error) <= 0)
    undo_failed (change, error);
}

/* Undo is a change of its own: it goes on after the page or the toast is gone. */
static void
on_undo_link (AdwToast *toast, Change *change)
{
  liaison_contact_list_unlink_async (change->model, change->link_id, NULL, on_undo_link_done,
                                     change_copy (change));
}

static void
on_undo_unlink (AdwToast *toast, Change *change)
{
  liaison_contact_list_link_pair_async (change->model, change->lsq_id, change->ghl_id, NULL,
                                        on_undo_unlink_done, change_copy (change));
}

static void
on_undo_keep_apart_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (Change) change = user_data;
  g_autoptr (GError) error = NULL;

  if (!liaison_contact_list_match_again_finish (LIAISON_CONTACT_LIST (source), result, &error))
    undo_failed (change, error);
}

static void
on_undo_keep_apart (AdwToast *toast, Change *change)
{
  liaison_contact_list_match_again_async (change->model, NULL, change->pairs, NULL,
                                          on_undo_keep_apart_done, change_copy (change));
}

static void
change_closure_free (gpointer data, GClosure *closure)
{
  change_free (data);
}

/* The toast owns its copy of the change for as long as Undo can be pressed. Each change's
 * toast takes the place of the one before, as in Files: going through a list of matches, the
 * person sees the last one at once, not after the earlier ones have timed out. */
static void
show_done (Change *change, const char *format, GCallback on_undo)
{
  static GWeakRef last_toast;
  g_autoptr (AdwToast) previous = g_weak_ref_get (&last_toast);
  AdwToast *toast = toast_new (format, change->name);

  if (previous != NULL)
    adw_toast_dismiss (previous);
  g_weak_ref_set (&last_toast, toast);

  if (on_undo != NULL)
    {
      adw_toast_set_button_label (toast, _ ("_Undo"));
      g_signal_connect_data (toast, "button-clicked", on_undo, change_copy (change),
                             change_closure_free, 0);
    }
  add_toast (change, toast);
}

/* Link and unlink ---------------------------------------------------------- */

static void
on_linked (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Change *change = g_task_get_task_data (task);
  GError *error = NULL;

  change->link_id
      = liaison_contact_list_link_pair_finish (LIAISON_CONTACT_LIST (source), result, &error);
  if (change->link_id <= 0)
    {
      g_prefix_error (&error, _ ("The contacts could not be linked: "));
      g_task_return_error (task, error);
      return;
    }
  /* Translators: %s is a contact's name */
  show_done (change, _ ("“%s” linked"), G_CALLBACK (on_undo_link));
  g_task_return_boolean (task, TRUE);
}

void
liaison_contact_links_link_async (GtkWidget *widget, LiaisonContactList *model, const char *lsq_id,
                                  const char *ghl_id, const char *name, GCancellable *cancellable,
                                  GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (LIAISON_IS_CONTACT_LIST (model));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_contact_links_link_async);
  g_task_set_task_data (task, change_new (widget, model, 0, lsq_id, ghl_id, name),
                        (GDestroyNotify) change_free);
  liaison_contact_list_link_pair_async (model, lsq_id, ghl_id, cancellable, on_linked,
                                        g_steal_pointer (&task));
}

static void
on_unlinked (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Change *change = g_task_get_task_data (task);
  GError *error = NULL;

  if (!liaison_contact_list_unlink_finish (LIAISON_CONTACT_LIST (source), result, &error))
    {
      g_prefix_error (&error, _ ("The contacts could not be unlinked: "));
      g_task_return_error (task, error);
      return;
    }
  /* Translators: %s is a contact's name */
  show_done (change, _ ("“%s” unlinked"), G_CALLBACK (on_undo_unlink));
  g_task_return_boolean (task, TRUE);
}

void
liaison_contact_links_unlink_async (GtkWidget *widget, LiaisonContactList *model, gint64 link_id,
                                    const char *lsq_id, const char *ghl_id, const char *name,
                                    GCancellable *cancellable, GAsyncReadyCallback callback,
                                    gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (LIAISON_IS_CONTACT_LIST (model));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_contact_links_unlink_async);
  g_task_set_task_data (task, change_new (widget, model, link_id, lsq_id, ghl_id, name),
                        (GDestroyNotify) change_free);
  liaison_contact_list_unlink_async (model, link_id, cancellable, on_unlinked,
                                     g_steal_pointer (&task));
}

/* Copy again ------------------------------------------------------------ */

static void
on_copy_again (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Change *change = g_task_get_task_data (task);
  GError *error = NULL;

  if (!liaison_contact_list_copy_again_finish (LIAISON_CONTACT_LIST (source), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* No Undo: the store has no call that puts a record back on the list, and a sync is what
   * copies it, so nothing has happened yet that would need one. */
  /* Translators: %s is a contact's name */
  show_done (change, _ ("“%s” will be copied by the next sync"), NULL);
  g_task_return_boolean (task, TRUE);
}

void
liaison_contact_links_copy_again_async (GtkWidget *widget, LiaisonContactList *model,
                                        LiaisonContactRow *row, GCancellable *cancellable,
                                        GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (LIAISON_IS_CONTACT_LIST (model));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_contact_links_copy_again_async);
  g_task_set_task_data (task,
                        change_new (widget, model, 0, liaison_contact_row_get_lsq_id (row),
                                    liaison_contact_row_get_ghl_id (row),
                                    liaison_contact_row_get_display_name (row)),
                        (GDestroyNotify) change_free);
  liaison_contact_list_copy_again_async (model, row, cancellable, on_copy_again,
                                         g_steal_pointer (&task));
}

/* Every change of this file ends here; a failure says which change failed and why. */
gboolean
liaison_contact_links_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Keep apart and match again ------------------------------------------------ */

/* A change to the contact of row, told by its name. */
static GTask *
row_change_new (GtkWidget *widget, LiaisonContactList *model, LiaisonContactRow *row,
                gpointer source_tag, GCancellable *cancellable, GAsyncReadyCallback callback,
                gpointer user_data)
{
  GTask *task;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  g_return_val_if_fail (LIAISON_IS_CONTACT_LIST (model), NULL);
  g_return_val_if_fail (LIAISON_IS_CONTACT_ROW (row), NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (
      task, change_new (widget, model, 0, NULL, NULL, liaison_contact_row_get_display_name (row)),
      (GDestroyNotify) change_free);
  return task;
}

static void
on_kept_apart (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Change *change = g_task_get_task_data (task);
  GError *error = NULL;

  change->pairs
      = liaison_contact_list_keep_apart_finish (LIAISON_CONTACT_LIST (source), result, &error);
  if (change->pairs == NULL)
    {
      g_prefix_error (&error, _ ("The contacts could not be kept apart: "));
      g_task_return_error (task, error);
      return;
    }
  /* Translators: %s is a contact's name */
  show_done (change, _ ("“%s” kept apart"), G_CALLBACK (on_undo_keep_apart));
  g_task_return_boolean (task, TRUE);
}

void
liaison_contact_links_keep_apart_async (GtkWidget *widget, LiaisonContactList *model,
                                        LiaisonContactRow *row, GCancellable *cancellable,
                                        GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task = row_change_new (widget, model, row, liaison_contact_links_keep_apart_async,
                                cancellable, callback, user_data);

  if (task != NULL)
    liaison_contact_list_keep_apart_async (model, row, cancellable, on_kept_apart, task);
}

static void
on_matched_again (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Change *change = g_task_get_task_data (task);
  GError *error = NULL;

  if (!liaison_contact_list_match_again_finish (LIAISON_CONTACT_LIST (source), result, &error))
    {
      g_prefix_error (&error, _ ("The contacts could not be matched again: "));
      g_task_return_error (task, error);
      return;
    }
  /* Translators: %s is a contact's name; it is again proposed or ambiguous */
  show_done (change, _ ("“%s” can be matched again"), NULL);
  g_task_return_boolean (task, TRUE);
}

void
liaison_contact_links_match_again_async (GtkWidget *widget, LiaisonContactList *model,
                                         LiaisonContactRow *row, GCancellable *cancellable,
                                         GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task = row_change_new (widget, model, row, liaison_contact_links_match_again_async,
                                cancellable, callback, user_data);

  if (task != NULL)
    liaison_contact_list_match_again_async (model, row, NULL, cancellable, on_matched_again, task);
}
