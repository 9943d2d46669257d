/* liaison-contact-activity.c: the Tasks, Notes and Appointments of one contact
 * in the detail pane, both services' items together, each row naming its
 * service. What the store holds shows at once; both services are then asked
 * at the same time, their answers replace the cached items and are cached in
 * turn. Selecting another contact cancels the requests of the previous one.
 * One service failing leaves the other's items in place, with a sentence
 * saying what failed and a Retry button.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-contact-detail"

#include <glib/gi18n.h>

#include "liaison-contact-activity-private.h"
#include "liaison-contact-activity.h"

enum
{
  GROUP_TASKS,
  GROUP_NOTES,
  GROUP_APPOINTMENTS,
  N_GROUPS
};

static const LiaisonRecordKind group_kinds[N_GROUPS] = {
  LIAISON_RECORD_TASK,
  LIAISON_RECORD_NOTE,
  LIAISON_RECORD_APPOINTMENT,
};

/* One service's half of the contact. */
typedef struct
{
  LiaisonService service;
  char *connection_id;
  char *contact_id;           /* NULL: the contact is not in this service */
  GPtrArray *items[N_GROUPS]; /* GObjects; NULL: not known (nothing cached, not fetched yet) */
  /* The LiaisonStoreRecords the store holds for the contact, as read on selection and written
   * since: an answer marks the ones it lacks as deleted without reading the list again on the
   * main thread. NULL: not read (no store, or the read failed). */
  GPtrArray *cached[N_GROUPS];
  GError *error; /* the last fetch failed */
  guint pending; /* requests in flight */
} Side;

struct _LiaisonContactActivity
{
  GtkWidget parent_instance;

  LiaisonStore *store;
  LiaisonLsqClient *lsq_client;
  LiaisonGhlClient *ghl_client;
  Side sides[2];                   /* by LiaisonService */
  GCancellable *fetch_cancellable; /* the requests for the contact shown */
  GCancellable *cancellable;       /* the widget's lifetime: cache writes */
  GError *cache_error;             /* the contact's cached items could not be read */

  GtkWidget *status_box;
  GtkSpinner *spinner;
  GtkLabel *status_label;
  GtkWidget *error_box;
  GtkLabel *error_label;
  GtkWidget *retry_button;
  AdwPreferencesGroup *groups[N_GROUPS];
  GtkListBox *lists[N_GROUPS];
  GtkLabel *empties[N_GROUPS];
};

enum
{
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (LiaisonContactActivity, liaison_contact_activity, GTK_TYPE_WIDGET)

static const char *
service_name (LiaisonService service)
{
  return service == LIAISON_SERVICE_LSQ ? _ ("LeadSquared") : _ ("HighLevel");
}

static gboolean
side_present (LiaisonContactActivity *self, Side *side)
{
  return self->store != NULL && side->connection_id != NULL && side->contact_id != NULL;
}

static void
side_clear_items (Side *side)
{
  for (guint g = 0; g < N_GROUPS; g++)
    {
      g_clear_pointer (&side->items[g], g_ptr_array_unref);
      g_clear_pointer (&side->cached[g], g_ptr_array_unref);
    }
  g_clear_error (&side->error);
  side->pending = 0;
}

gboolean
liaison_contact_activity_get_loading (LiaisonContactActivity *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT_ACTIVITY (self), FALSE);

  return self->sides[0].pending > 0 || self->sides[1].pending > 0;
}

/* Showing ---------------------------------------------------------------- */

typedef struct
{
  LiaisonService service;
  GObject *object;
} Entry;

static int
compare_entries (gconstpointer a, gconstpointer b)
{
  const Entry *ea = a;
  const Entry *eb = b;
  int order = liaison_contact_activity_compare (ea->object, eb->object);

  /* Ties keep the two services apart in a steady order. */
  return order != 0 ? order : (int) ea->service - (int) eb->service;
}

static GtkWidget *
row_new (const Entry *entry, guint group)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = liaison_contact_activity_dup_title (entry->object);
  g_autofree char *subtitle = liaison_contact_activity_dup_subtitle (entry->object, entry->service);

  /* Titles come from the services: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), group == GROUP_NOTES ? 4 : 2);
  if (group == GROUP_NOTES)
    gtk_widget_set_tooltip_text (row, title);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

static char *
empty_text (guint group, gboolean lsq_known, gboolean ghl_known)
{
  if (lsq_known && ghl_known)
    {
      if (group == GROUP_TASKS)
        return g_strdup (_ ("No tasks in either account"));
      if (group == GROUP_NOTES)
        return g_strdup (_ ("No notes in either account"));
      return g_strdup (_ ("No appointments in either account"));
    }
  /* Only one side was read (the contact is only there, or the other failed). */
  if (group == GROUP_TASKS)
    /* Translators: %s is LeadSquared or HighLevel */
    return g_strdup_printf (_ ("No tasks in %s"),
                            service_name (lsq_known ? LIAISON_SERVICE_LSQ : LIAISON_SERVICE_GHL));
  if (group == GROUP_NOTES)
    /* Translators: %s is LeadSquared or HighLevel */
    return g_strdup_printf (_ ("No notes in %s"),
                            service_name (lsq_known ? LIAISON_SERVICE_LSQ : LIAISON_SERVICE_GHL));
  /* Translators: %s is LeadSquared or HighLevel */
  return g_strdup_printf (_ ("No appointments in %s"),
                          service_name (lsq_known ? LIAISON_SERVICE_LSQ : LIAISON_SERVICE_GHL));
}

static void
render_group (LiaisonContactActivity *self, guint group)
{
  g_autoptr (GArray) entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  gboolean known[2] = { FALSE, FALSE };
  GtkWidget *child;

  for (guint s = 0; s < 2; s++)
    {
      Side *side = &self->sides[s];

      if (!side_present (self, side) || side->items[group] == NULL)
        continue;
      known[s] = TRUE;
      for (guint i = 0; i < side->items[group]->len; i++)
        {
          Entry entry = { side->service, g_ptr_array_index (side->items[group], i) };

          g_array_append_val (entries, entry);
        }
    }
  g_array_sort (entries, compare_entries);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->lists[group]))) != NULL)
    gtk_list_box_remove (self->lists[group], child);
  for (guint i = 0; i < entries->len; i++)
    gtk_list_box_append (self->lists[group], row_new (&g_array_index (entries, Entry, i), group));

  gtk_widget_set_visible (GTK_WIDGET (self->lists[group]), entries->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->empties[group]), entries->len == 0);
  if (entries->len == 0 && (known[0] || known[1]))
    {
      g_autofree char *text = empty_text (group, known[0], known[1]);

      gtk_label_set_label (self->empties[group], text);
    }
  /* A group nobody could read yet says nothing rather than "none". */
  gtk_widget_set_visible (GTK_WIDGET (self->groups[group]), known[0] || known[1]);
}

static char *
error_sentence (Side *side, gboolean cached)
{
  if (cached)
    /* Translators: %s is LeadSquared or HighLevel, then the reason follows */
    return g_strdup_printf (_ ("%s could not be reached, so its items below are from the last "
                               "successful check. %s"),
                            service_name (side->service), side->error->message);
  /* Translators: the first %s is LeadSquared or HighLevel, the second the reason */
  return g_strdup_printf (_ ("The tasks, notes and appointments in %s could not be loaded. %s"),
                          service_name (side->service), side->error->message);
}

/* What the spinner is waiting for, in words: loading where nothing is shown yet, checking for
 * changes where items are shown already. */
static char *
status_text (LiaisonContactActivity *self, const gboolean known[2])
{
  gboolean pending[2], waiting_unknown[2];

  for (guint s = 0; s < 2; s++)
    {
      pending[s] = self->sides[s].pending > 0;
      waiting_unknown[s] = pending[s] && !known[s];
    }
  if (waiting_unknown[0] && waiting_unknown[1])
    return g_strdup (_ ("Loading tasks, notes and appointments…"));
  if (waiting_unknown[0] || waiting_unknown[1])
    /* Translators: %s is LeadSquared or HighLevel */
    return g_strdup_printf (
        _ ("Loading from %s…"),
        service_name (waiting_unknown[0] ? LIAISON_SERVICE_LSQ : LIAISON_SERVICE_GHL));
  if (pending[0] && pending[1])
    return g_strdup (_ ("Checking both accounts for changes…"));
  /* Translators: %s is LeadSquared or HighLevel */
  return g_strdup_printf (_ ("Checking %s for changes…"),
                          service_name (pending[0] ? LIAISON_SERVICE_LSQ : LIAISON_SERVICE_GHL));
}

static void
render (LiaisonContactActivity *self)
{
  g_autoptr (GString) errors = g_string_new (NULL);
  g_autofree char *status = NULL;
  gboolean loading = liaison_contact_activity_get_loading (self);
  gboolean known[2] = { FALSE, FALSE };
  gboolean any_present = FALSE;

  for (guint g = 0; g < N_GROUPS; g++)
    render_group (self, g);

  for (guint s = 0; s < 2; s++)
    {
      Side *side = &self->sides[s];

      if (!side_present (self, side))
        continue;
      any_present = TRUE;
      for (guint g = 0; g < N_GROUPS; g++)
        known[s] |= side->items[g] != NULL;
      if (side->error != NULL)
        {
          g_autofree char *sentence = error_sentence (side, known[s]);

          if (errors->len > 0)
            g_string_append_c (errors, '\n');
          g_string_append (errors, sentence);
        }
    }

  /* Retry asks the services again; it cannot help a store that cannot be read. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "activity.retry", errors->len > 0 && !loading);
  if (self->cache_error != NULL && any_present)
    {
      g_autofree char *sentence = NULL;

      /* Translators: %s is the reason, as the database put it */
      sentence = g_strdup_printf (_ ("Liaison’s copy of this contact’s tasks, notes and "
                                     "appointments could not be read: %s. They are asked from "
                                     "the services instead; if this keeps happening, quit "
                                     "Liaison, check that your home folder has free space and "
                                     "can be written to, and start it again."),
                                  self->cache_error->message);
      if (errors->len > 0)
        g_string_append_c (errors, '\n');
      g_string_append (errors, sentence);
    }
  gtk_label_set_label (self->error_label, errors->str);
  gtk_widget_set_visible (self->error_box, errors->len > 0);
  if (loading)
    {
      status = status_text (self, known);
      gtk_label_set_label (self->status_label, status);
    }
  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_widget_set_visible (self->status_box, loading);
  gtk_widget_set_visible (GTK_WIDGET (self), any_present);
}

/* The cache ------------------------------------------------------------- */

/* Still a synchronous read on the main thread, of a list that grows with the contact's items
 * (one indexed query per kind and side): the store offers no asynchronous read of a contact's
 * children. A liaison_store_list_children_async/_finish on its reader, or one call returning
 * all three kinds of a contact at once, would let selection stay off the store entirely. */
static GPtrArray *
read_cached (LiaisonContactActivity *self, Side *side, guint group)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) records = NULL;
  GPtrArray *items;

  records = liaison_store_list_children (self->store, side->connection_id, group_kinds[group],
                                         side->contact_id, &error);
  if (records == NULL)
    {
      /* One sentence is enough: the first failure explains it. render shows it, so the log
       * gets a message rather than a warning. */
      if (self->cache_error == NULL)
        {
          g_message ("Could not read the cached %s of a contact: %s",
                     liaison_record_kind_to_string (group_kinds[group]), error->message);
          self->cache_error = g_steal_pointer (&error);
        }
      return NULL;
    }
  g_clear_pointer (&side->cached[group], g_ptr_array_unref);
  side->cached[group] = g_ptr_array_ref (records);
  /* Nothing cached is "not known yet", not "none": it may never have been fetched. */
  if (records->len == 0)
    return NULL;
  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < records->len; i++)
    {
      g_autoptr (GError) decode_error = NULL;
      GObject *object
          = liaison_contact_activity_from_record (g_ptr_array_index (records, i), &decode_error);

      if (object != NULL)
        g_ptr_array_add (items, object);
      else
        g_warning ("Skipped a cached item: %s", decode_error->message);
    }
  return items;
}

static void
on_cached (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  /* The items are on screen already; a failed write only costs the next start its head start. */
  if (!liaison_store_commit_page_finish (LIAISON_STORE (source), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not cache a contact's items: %s", error->message);
}

/* Stores items as the contact's children of that kind, and marks the cached ones the service
 * no longer lists as deleted. */
static void
write_cache (LiaisonContactActivity *self, Side *side, guint group, GPtrArray *items)
{
  g_autoptr (GPtrArray) records
      = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_record_free);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *cached = side->cached[group];
  GPtrArray *now_cached
      = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_record_free);

  for (guint i = 0; i < items->len; i++)
    {
      GObject *object = g_ptr_array_index (items, i);
      LiaisonStoreRecord *record = liaison_contact_activity_to_record (object, side->contact_id);

      if (record == NULL)
        continue;
      g_hash_table_add (seen, (gpointer) liaison_contact_activity_id_of (object));
      g_ptr_array_add (records, record);
      g_ptr_array_add (now_cached, liaison_store_record_copy (record));
    }
  for (guint i = 0; cached != NULL && i < cached->len; i++)
    {
      LiaisonStoreRecord *old = g_ptr_array_index (cached, i);

      if (!g_hash_table_contains (seen, old->remote_id))
        {
          LiaisonStoreRecord *gone = liaison_store_record_copy (old);

          gone->deleted = TRUE;
          g_ptr_array_add (records, gone);
        }
    }
  /* What the store will hold once this write is done: the next answer compares with it. */
  g_clear_pointer (&side->cached[group], g_ptr_array_unref);
  side->cached[group] = now_cached;
  if (records->len == 0)
    return;
  liaison_store_commit_page_async (self->store, side->connection_id, group_kinds[group], records,
                                   NULL, self->cancellable, on_cached, NULL);
}

/* Fetching --------------------------------------------------------------- */

typedef struct
{
  GWeakRef self;             /* a request in flight does not keep the widget alive */
  GCancellable *cancellable; /* of the contact the request was made for */
  LiaisonService service;
  guint group; /* N_GROUPS: LeadSquared's tasks, which hold its appointments too */
} Request;

static Request *
request_new (LiaisonContactActivity *self, LiaisonService service, guint group)
{
  Request *request = g_new0 (Request, 1);

  g_weak_ref_init (&request->self, self);
  request->cancellable = g_object_ref (self->fetch_cancellable);
  request->service = service;
  request->group = group;
  return request;
}

static void
request_free (Request *request)
{
  g_weak_ref_clear (&request->self);
  g_object_unref (request->cancellable);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

static void
set_items (LiaisonContactActivity *self, Side *side, guint group, GPtrArray *items)
{
  g_clear_pointer (&side->items[group], g_ptr_array_unref);
  side->items[group] = g_ptr_array_ref (items);
  write_cache (self, side, group, items);
}

/* Records one answer; FALSE when it belongs to a contact no longer shown. */
static gboolean
request_done (Request *request, GPtrArray *items, GError *error)
{
  g_autoptr (LiaisonContactActivity) self = NULL;
  Side *side;

  /* Dispose cancels too: a cancelled request's widget may be gone. */
  if (g_cancellable_is_cancelled (request->cancellable))
    return FALSE;
  self = g_weak_ref_get (&request->self);
  if (self == NULL)
    return FALSE;
  side = &self->sides[request->service];
  g_return_val_if_fail (side->pending > 0, FALSE);
  side->pending--;

  if (items == NULL)
    {
      g_debug ("Could not fetch a contact's items from %s: %s", service_name (side->service),
               error->message);
      /* One sentence per service is enough: the first failure explains it. */
      if (side->error == NULL)
        side->error = g_error_copy (error);
    }
  else if (request->group < N_GROUPS)
    set_items (self, side, request->group, items);
  else
    {
      /* LeadSquared keeps to-dos and appointments as tasks of two categories. */
      g_autoptr (GPtrArray) tasks = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr (GPtrArray) appointments = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < items->len; i++)
        {
          GObject *object = g_ptr_array_index (items, i);

          if (LIAISON_IS_APPOINTMENT (object))
            g_ptr_array_add (appointments, g_object_ref (object));
          else if (LIAISON_IS_TASK (object))
            g_ptr_array_add (tasks, g_object_ref (object));
        }
      set_items (self, side, GROUP_TASKS, tasks);
      set_items (self, side, GROUP_APPOINTMENTS, appointments);
    }

  render (self);
  if (!liaison_contact_activity_get_loading (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  return TRUE;
}

static void
on_ghl_list (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (Request) request = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) items = NULL;

  items = liaison_ghl_client_list_finish (LIAISON_GHL_CLIENT (source), result, &error);
  request_done (request, items, error);
}

static void
on_lsq_list (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (Request) request = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) items = NULL;

  items = liaison_lsq_client_list_finish (LIAISON_LSQ_CLIENT (source), result, &error);
  request_done (request, items, error);
}

static void
fetch_side (LiaisonContactActivity *self, Side *side)
{
  if (!side_present (self, side) || side->pending > 0)
    return;
  g_clear_error (&side->error);

  if (side->service == LIAISON_SERVICE_GHL && self->ghl_client != NULL)
    {
      /* Three requests at once: HighLevel lists each kind on its own route. */
      side->pending = 3;
      liaison_ghl_client_list_tasks_async (self->ghl_client, side->contact_id,
                                           self->fetch_cancellable, on_ghl_list,
                                           request_new (self, side->service, GROUP_TASKS));
      liaison_ghl_client_list_notes_async (self->ghl_client, side->contact_id,
                                           self->fetch_cancellable, on_ghl_list,
                                           request_new (self, side->service, GROUP_NOTES));
      liaison_ghl_client_list_contact_appointments_async (
          self->ghl_client, side->contact_id, self->fetch_cancellable, on_ghl_list,
          request_new (self, side->service, GROUP_APPOINTMENTS));
    }
  else if (side->service == LIAISON_SERVICE_LSQ && self->lsq_client != NULL)
    {
      side->pending = 2;
      /* Only a task read in full tells a to-do from an appointment. */
      liaison_lsq_client_list_lead_tasks_async (self->lsq_client, side->contact_id, TRUE,
                                                self->fetch_cancellable, on_lsq_list,
                                                request_new (self, side->service, N_GROUPS));
      liaison_lsq_client_list_notes_async (self->lsq_client, side->contact_id,
                                           self->fetch_cancellable, on_lsq_list,
                                           request_new (self, side->service, GROUP_NOTES));
    }
}

/* Both services at once; a side without a client shows what is cached. */
static void
fetch (LiaisonContactActivity *self, gboolean failed_only)
{
  gboolean was_loading = liaison_contact_activity_get_loading (self);

  for (guint s = 0; s < 2; s++)
    if (!failed_only || self->sides[s].error != NULL)
      fetch_side (self, &self->sides[s]);
  render (self);
  if (was_loading != liaison_contact_activity_get_loading (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* Drops the requests in flight; their answers are ignored when they come. */
static void
restart_requests (LiaisonContactActivity *self)
{
  g_cancellable_cancel (self->fetch_cancellable);
  g_clear_object (&self->fetch_cancellable);
  self->fetch_cancellable = g_cancellable_new ();
  self->sides[0].pending = 0;
  self->sides[1].pending = 0;
}

void
liaison_contact_activity_retry (LiaisonContactActivity *self)
{
  g_return_if_fail (LIAISON_IS_CONTACT_ACTIVITY (self));

  fetch (self, TRUE);
}

static void
retry_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  liaison_contact_activity_retry (LIAISON_CONTACT_ACTIVITY (widget));
}

/* Public ----------------------------------------------------------------- */

void
liaison_contact_activity_set_contact (LiaisonContactActivity *self, const char *lsq_id,
                                      const char *ghl_id)
{
  gboolean was_loading;

  g_return_if_fail (LIAISON_IS_CONTACT_ACTIVITY (self));

  /* The list reloads its rows now and then: the same contact is not fetched again. */
  if (g_strcmp0 (lsq_id, self->sides[LIAISON_SERVICE_LSQ].contact_id) == 0
      && g_strcmp0 (ghl_id, self->sides[LIAISON_SERVICE_GHL].contact_id) == 0)
    return;

  was_loading = liaison_contact_activity_get_loading (self);
  restart_requests (self);
  g_clear_error (&self->cache_error);
  for (guint s = 0; s < 2; s++)
    {
      Side *side = &self->sides[s];

      side_clear_items (side);
      g_free (side->contact_id);
      side->contact_id = g_strdup (s == LIAISON_SERVICE_LSQ ? lsq_id : ghl_id);
      if (side_present (self, side))
        for (guint g = 0; g < N_GROUPS; g++)
          side->items[g] = read_cached (self, side, g);
    }
  fetch (self, FALSE);
  if (was_loading && !liaison_contact_activity_get_loading (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

void
liaison_contact_activity_set_source (LiaisonContactActivity *self, LiaisonStore *store,
                                     const char *lsq_connection_id, const char *ghl_connection_id)
{
  g_return_if_fail (LIAISON_IS_CONTACT_ACTIVITY (self));

  g_set_object (&self->store, store);
  g_free (self->sides[LIAISON_SERVICE_LSQ].connection_id);
  self->sides[LIAISON_SERVICE_LSQ].connection_id = g_strdup (lsq_connection_id);
  g_free (self->sides[LIAISON_SERVICE_GHL].connection_id);
  self->sides[LIAISON_SERVICE_GHL].connection_id = g_strdup (ghl_connection_id);
  /* Whatever is shown came from the old source: forget it. */
  liaison_contact_activity_set_contact (self, NULL, NULL);
}

void
liaison_contact_activity_set_clients (LiaisonContactActivity *self, LiaisonLsqClient *lsq_client,
                                      LiaisonGhlClient *ghl_client)
{
  gboolean was_loading;

  g_return_if_fail (LIAISON_IS_CONTACT_ACTIVITY (self));

  if (self->lsq_client == lsq_client && self->ghl_client == ghl_client)
    return;
  g_set_object (&self->lsq_client, lsq_client);
  g_set_object (&self->ghl_client, ghl_client);

  /* An account was connected or replaced: ask again with the new clients. */
  was_loading = liaison_contact_activity_get_loading (self);
  restart_requests (self);
  fetch (self, FALSE);
  if (was_loading && !liaison_contact_activity_get_loading (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* GObject ---------------------------------------------------------------- */

static void
liaison_contact_activity_dispose (GObject *object)
{
  LiaisonContactActivity *self = LIAISON_CONTACT_ACTIVITY (object);

  g_cancellable_cancel (self->fetch_cancellable);
  g_clear_object (&self->fetch_cancellable);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_error (&self->cache_error);
  for (guint s = 0; s < 2; s++)
    {
      side_clear_items (&self->sides[s]);
      g_clear_pointer (&self->sides[s].connection_id, g_free);
      g_clear_pointer (&self->sides[s].contact_id, g_free);
    }
  g_clear_object (&self->store);
  g_clear_object (&self->lsq_client);
  g_clear_object (&self->ghl_client);

  gtk_widget_dispose_template (GTK_WIDGET (self), LIAISON_TYPE_CONTACT_ACTIVITY);

  G_OBJECT_CLASS (liaison_contact_activity_parent_class)->dispose (object);
}

static void
liaison_contact_activity_get_property (GObject *object, guint prop_id, GValue *value,
                                       GParamSpec *pspec)
{
  LiaisonContactActivity *self = LIAISON_CONTACT_ACTIVITY (object);

  switch (prop_id)
    {
      case PROP_LOADING:
        g_value_set_boolean (value, liaison_contact_activity_get_loading (self));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_contact_activity_class_init (LiaisonContactActivityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_contact_activity_dispose;
  object_class->get_property = liaison_contact_activity_get_property;

  properties[PROP_LOADING]
      = g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/liaison-contact-activity.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactActivity, status_box);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactActivity, spinner);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactActivity, status_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactActivity, error_box);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactActivity, error_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactActivity, retry_button);
  gtk_widget_class_bind_template_child_full (widget_class, "tasks_group", FALSE,
                                             G_STRUCT_OFFSET (LiaisonContactActivity, groups[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "notes_group", FALSE,
                                             G_STRUCT_OFFSET (LiaisonContactActivity, groups[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "appointments_group", FALSE,
                                             G_STRUCT_OFFSET (LiaisonContactActivity, groups[2]));
  gtk_widget_class_bind_template_child_full (widget_class, "tasks_list", FALSE,
                                             G_STRUCT_OFFSET (LiaisonContactActivity, lists[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "notes_list", FALSE,
                                             G_STRUCT_OFFSET (LiaisonContactActivity, lists[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "appointments_list", FALSE,
                                             G_STRUCT_OFFSET (LiaisonContactActivity, lists[2]));
  gtk_widget_class_bind_template_child_full (widget_class, "tasks_empty", FALSE,
                                             G_STRUCT_OFFSET (LiaisonContactActivity, empties[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "notes_empty", FALSE,
                                             G_STRUCT_OFFSET (LiaisonContactActivity, empties[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "appointments_empty", FALSE,
                                             G_STRUCT_OFFSET (LiaisonContactActivity, empties[2]));

  gtk_widget_class_install_action (widget_class, "activity.retry", NULL, retry_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
liaison_contact_activity_init (LiaisonContactActivity *self)
{
  GtkLayoutManager *layout;

  gtk_widget_init_template (GTK_WIDGET (self));

  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 18);

  self->sides[LIAISON_SERVICE_LSQ].service = LIAISON_SERVICE_LSQ;
  self->sides[LIAISON_SERVICE_GHL].service = LIAISON_SERVICE_GHL;
  self->fetch_cancellable = g_cancellable_new ();
  self->cancellable = g_cancellable_new ();
  render (self);
}
