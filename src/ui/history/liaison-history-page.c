/* liaison-history-page.c: LiaisonHistoryPage. Every read goes through the store's asynchronous
 * history calls (liaison-store-history.h), a page at a time: runs 50 at a time, newest first;
 * the changes of the run chosen (or of all runs) 40 at a time with the filters and search in
 * the store's query; the charts from the runs of the last 14 days. Nothing here blocks the main
 * loop and nothing here knows SQL.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-history"

#include <glib/gi18n.h>

#include "liaison-debug.h"
#include "liaison-history-chart.h"
#include "liaison-history-page-private.h"
#include "liaison-history-page.h"
#include "liaison-history-requests.h"
#include "liaison-store-history.h"

#define RUNS_PAGE 50
#define OPERATIONS_PAGE 40
#define CHART_DAYS 14
/* Runs read for the charts: 14 days of a sync every 5 minutes. */
#define CHART_RUNS 4100
/* Runs on the chart of API requests. */
#define REQUESTS_RUNS 30

struct _LiaisonHistoryPage
{
  GtkWidget parent_instance;

  LiaisonStore *store;
  LiaisonSyncEngine *engine;
  GCancellable *undo_cancellable;
  gboolean undoing;
  GCancellable *cancellable;     /* the runs and the charts */
  GCancellable *ops_cancellable; /* the changes shown */
  GCancellable *export_cancellable;
  GtkFileChooserNative *chooser;
  GFile *export_file;
  LiaisonHistoryFilter *filter;
  GHashTable *runs; /* id -> LiaisonStoreRun listed */
  gint64 oldest_run;
  gint64 last_operation;
  gint64 now_ms;
  guint busy;
  guint loaded_idle;
  char *shown; /* the newest run and its state as last listed: nothing to redo when unchanged */

  AdwToastOverlay *toast_overlay;
  GtkStack *state_stack;
  AdwStatusPage *empty_status;
  AdwLeaflet *leaflet;
  GtkWidget *operations_pane;
  LiaisonHistoryChart *changes_chart;
  LiaisonHistoryChart *errors_chart;
  LiaisonHistoryRequestsChart *requests_chart;
  GtkListBox *runs_list;
  GtkWidget *older_button;
  GtkLabel *run_title;
  GtkLabel *run_summary;
  GtkWidget *undo_button;
  GtkWidget *export_button;
  GtkSearchEntry *search_entry;
  GtkDropDown *kind_dropdown;
  GtkDropDown *result_dropdown;
  GtkWidget *contact_chip;
  AdwButtonContent *contact_chip_content;
  GtkWidget *field_chip;
  AdwButtonContent *field_chip_content;
  GtkStack *operations_stack;
  GtkListBox *operations_list;
  GtkWidget *more_button;
  AdwStatusPage *none_status;
};

G_DEFINE_FINAL_TYPE (LiaisonHistoryPage, liaison_history_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void load_operations (LiaisonHistoryPage *self, gboolean reset);

/* LIAISON_DEBUG=ui: once nothing is read any more (a read that starts another is not done) and
 * the window's stack has shown the page in full, it says so, for build-aux/screenshots. */
static gboolean
say_loaded (gpointer user_data)
{
  LiaisonHistoryPage *self = user_data;
  GtkWidget *stack = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_STACK);

  if (stack != NULL && gtk_stack_get_transition_running (GTK_STACK (stack)))
    return G_SOURCE_CONTINUE;
  self->loaded_idle = 0;
  if (self->busy == 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
    g_debug ("The History page is loaded: %u runs listed", g_hash_table_size (self->runs));
  return G_SOURCE_REMOVE;
}

void
liaison_history_page_add_busy (LiaisonHistoryPage *self, int delta)
{
  gboolean was = self->busy > 0;

  self->busy = (guint) ((int) self->busy + delta);
  if (was != (self->busy > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  if (self->busy == 0 && self->loaded_idle == 0 && self->runs != NULL /* not disposed */
      && liaison_debug_enabled (LIAISON_DEBUG_UI))
    self->loaded_idle = g_timeout_add (50, say_loaded, self);
}

gboolean
liaison_history_page_get_busy (LiaisonHistoryPage *self)
{
  g_return_val_if_fail (LIAISON_IS_HISTORY_PAGE (self), FALSE);
  return self->busy > 0;
}

void
liaison_history_page_toast (LiaisonHistoryPage *self, const char *text)
{
  AdwToast *t = adw_toast_new (text);

  adw_toast_set_timeout (t, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static gboolean
cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* ---- the header of the changes ---- */

/* "Undo Run…": for a finished run, not a dry run, with both accounts, one undo at a time. */
static void
update_undo (LiaisonHistoryPage *self)
{
  LiaisonStoreRun *run = g_hash_table_lookup (self->runs, &self->filter->run_id);
  gboolean can = self->engine != NULL && run != NULL && !run->dry_run && !self->undoing
                 && g_strcmp0 (run->status, "running") != 0;
  const char *tip = _ ("Undo Run…");

  gtk_widget_set_visible (self->undo_button, run != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.undo-run", can);
  if (run != NULL && run->dry_run)
    tip = _ ("A dry run changed nothing to undo");
  else if (run != NULL && self->engine == NULL)
    tip = _ ("Connect both accounts to undo a run");
  gtk_widget_set_tooltip_text (self->undo_button, tip);
}

void
liaison_history_page_set_undoing (LiaisonHistoryPage *self, gboolean undoing)
{
  self->undoing = undoing;
  if (self->runs != NULL) /* not disposed */
    update_undo (self);
}

static void
update_header (LiaisonHistoryPage *self)
{
  LiaisonStoreRun *run = g_hash_table_lookup (self->runs, &self->filter->run_id);
  g_autofree char *title = NULL;
  g_autofree char *summary = NULL;

  update_undo (self);
  if (run == NULL)
    {
      gtk_label_set_text (self->run_title, _ ("All Runs"));
      gtk_label_set_text (self->run_summary, _ ("Every change of every run, newest first."));
      return;
    }
  title = liaison_history_run_title (run);
  gtk_label_set_text (self->run_title, title);
  summary = liaison_history_run_summary (run);
  gtk_label_set_text (self->run_summary, summary);
}

/* ---- the changes ---- */

typedef struct
{
  LiaisonHistoryPage *self;
  gboolean reset;
} OperationsRead;

static gboolean
filtering (LiaisonHistoryPage *self)
{
  return (self->filter->search && *self->filter->search) || self->filter->contact
         || self->filter->field || self->filter->action >= 0 || self->filter->status >= 0;
}

static void
on_operations (GObject *source, GAsyncResult *result, gpointer user_data)
{
  OperationsRead *read = user_data;
  g_autoptr (LiaisonHistoryPage) self = read->self;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows
      = liaison_store_query_operations_finish (LIAISON_STORE (source), result, &error);
  gboolean reset = read->reset;

  g_free (read);
  liaison_history_page_add_busy (self, -1);
  if (rows == NULL)
    {
      if (!cancelled (error))
        liaison_history_page_toast (self, error->message);
      return;
    }
  if (reset)
    clear_list (self->operations_list);
  for (guint i = 0; i < rows->len; i++)
    gtk_list_box_append (self->operations_list,
                         liaison_history_operation_row_new (g_ptr_array_index (rows, i)));
  if (rows->len > 0)
    self->last_operation = ((LiaisonStoreOperation *) g_ptr_array_index (rows, rows->len - 1))->id;
  gtk_widget_set_visible (self->more_button, rows->len == OPERATIONS_PAGE);
  if (reset && rows->len == 0)
    {
      if (filtering (self))
        {
          adw_status_page_set_title (self->none_status, _ ("No Matching Changes"));
          adw_status_page_set_description (
              self->none_status,
              _ ("Nothing here matches the search and filters. Clear them to see every change."));
        }
      else
        {
          adw_status_page_set_title (self->none_status, _ ("No Changes"));
          adw_status_page_set_description (
              self->none_status, _ ("This run found nothing to write to either service."));
        }
      gtk_stack_set_visible_child_name (self->operations_stack, "none");
    }
  else if (reset)
    gtk_stack_set_visible_child_name (self->operations_stack, "list");
}

static void
read_filters (LiaisonHistoryPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  guint kind = gtk_drop_down_get_selected (self->kind_dropdown);
  guint result = gtk_drop_down_get_selected (self->result_dropdown);

  g_free (self->filter->search);
  self->filter->search = text && *text ? g_strdup (text) : NULL;
  self->filter->action = kind == 0 || kind == GTK_INVALID_LIST_POSITION ? -1 : (int) kind - 1;
  self->filter->status = result == 0 || result == GTK_INVALID_LIST_POSITION ? -1 : (int) result - 1;
  self->filter->newest_first = TRUE;
}

static void
load_operations (LiaisonHistoryPage *self, gboolean reset)
{
  OperationsRead *read;

  if (self->store == NULL)
    return;
  read_filters (self);
  if (reset)
    {
      g_cancellable_cancel (self->ops_cancellable);
      g_clear_object (&self->ops_cancellable);
      self->ops_cancellable = g_cancellable_new ();
      self->last_operation = 0;
    }
  read = g_new0 (OperationsRead, 1);
  read->self = g_object_ref (self);
  read->reset = reset;
  liaison_history_page_add_busy (self, 1);
  liaison_store_query_operations_async (self->store, self->filter, self->last_operation,
                                        OPERATIONS_PAGE, self->ops_cancellable, on_operations,
                                        read);
}

static void
on_filter_changed (LiaisonHistoryPage *self)
{
  load_operations (self, TRUE);
}

static void
on_more_clicked (GtkButton *button, LiaisonHistoryPage *self)
{
  load_operations (self, FALSE);
}

static void
update_chips (LiaisonHistoryPage *self)
{
  /* Translators: a filter of the history, %s is a record's id */
  liaison_history_set_chip (self->contact_chip, self->contact_chip_content, _ ("Contact %s"),
                            self->filter->contact);
  /* Translators: a filter of the history, %s is a field's key */
  liaison_history_set_chip (self->field_chip, self->field_chip_content, _ ("Field %s"),
                            self->filter->field);
}

/* Keeps only one contact's or one field's changes (value NULL: all of them again). */
static void
set_filter_text (LiaisonHistoryPage *self, char **member, const char *value)
{
  g_free (*member);
  *member = g_strdup (value);
  update_chips (self);
  load_operations (self, TRUE);
}

static void
only_contact (GtkWidget *widget, const char *action, GVariant *parameter)
{
  LiaisonHistoryPage *self = LIAISON_HISTORY_PAGE (widget);

  set_filter_text (self, &self->filter->contact, g_variant_get_string (parameter, NULL));
}

static void
only_field (GtkWidget *widget, const char *action, GVariant *parameter)
{
  LiaisonHistoryPage *self = LIAISON_HISTORY_PAGE (widget);

  set_filter_text (self, &self->filter->field, g_variant_get_string (parameter, NULL));
}

static void
on_contact_chip_clicked (GtkButton *button, LiaisonHistoryPage *self)
{
  set_filter_text (self, &self->filter->contact, NULL);
}

static void
on_field_chip_clicked (GtkButton *button, LiaisonHistoryPage *self)
{
  set_filter_text (self, &self->filter->field, NULL);
}

/* ---- the runs ---- */

static void
select_run_row (LiaisonHistoryPage *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->runs_list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if ((gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (child), "run-id"))
        == self->filter->run_id)
      {
        gtk_list_box_select_row (self->runs_list, GTK_LIST_BOX_ROW (child));
        return;
      }
}

static void
add_runs (LiaisonHistoryPage *self, GPtrArray *rows)
{
  for (guint i = 0; i < rows->len; i++)
    {
      LiaisonStoreRun *run = g_ptr_array_index (rows, i);

      gtk_list_box_append (self->runs_list, liaison_history_run_row_new (run));
      g_hash_table_insert (self->runs, &run->id, run);
    }
  g_ptr_array_set_free_func (rows, NULL);
  if (rows->len > 0)
    self->oldest_run = ((LiaisonStoreRun *) g_ptr_array_index (rows, rows->len - 1))->id;
  gtk_widget_set_visible (self->older_button, rows->len == RUNS_PAGE);
}

static void
on_runs (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LiaisonHistoryPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows
      = liaison_store_list_runs_page_finish (LIAISON_STORE (source), result, &error);

  liaison_history_page_add_busy (self, -1);
  if (rows == NULL)
    {
      if (cancelled (error))
        return;
      adw_status_page_set_title (self->empty_status, _ ("The History Cannot Be Read"));
      adw_status_page_set_description (self->empty_status, error->message);
      gtk_stack_set_visible_child_name (self->state_stack, "empty");
      return;
    }
  if (rows->len > 0)
    {
      LiaisonStoreRun *newest = g_ptr_array_index (rows, 0);
      g_autofree char *shown = g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s",
                                                newest->id, newest->finished_at, newest->status);

      /* Shown again with nothing new: keep the lists as they are (and where they scrolled). */
      if (g_strcmp0 (shown, self->shown) == 0)
        return;
      g_free (self->shown);
      self->shown = g_steal_pointer (&shown);
    }
  clear_list (self->runs_list);
  g_hash_table_remove_all (self->runs);
  if (rows->len == 0)
    {
      gtk_stack_set_visible_child_name (self->state_stack, "empty");
      return;
    }
  gtk_list_box_append (self->runs_list, liaison_history_run_row_new (NULL));
  add_runs (self, rows);
  if (!g_hash_table_contains (self->runs, &self->filter->run_id))
    self->filter->run_id = 0;
  select_run_row (self);
  update_header (self);
  gtk_stack_set_visible_child_name (self->state_stack, "history");
  load_operations (self, TRUE);
}

static void
on_older_runs (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LiaisonHistoryPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows
      = liaison_store_list_runs_page_finish (LIAISON_STORE (source), result, &error);

  liaison_history_page_add_busy (self, -1);
  if (rows == NULL)
    {
      if (!cancelled (error))
        liaison_history_page_toast (self, error->message);
      return;
    }
  add_runs (self, rows);
}

static void
on_older_clicked (GtkButton *button, LiaisonHistoryPage *self)
{
  liaison_history_page_add_busy (self, 1);
  liaison_store_list_runs_page_async (self->store, self->oldest_run, RUNS_PAGE, self->cancellable,
                                      on_older_runs, g_object_ref (self));
}

static void
on_run_activated (GtkListBox *list, GtkListBoxRow *row, LiaisonHistoryPage *self)
{
  self->filter->run_id = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "run-id"));
  update_header (self);
  load_operations (self, TRUE);
  adw_leaflet_set_visible_child (self->leaflet, self->operations_pane);
}

static void
on_back_clicked (GtkButton *button, LiaisonHistoryPage *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
on_chart_runs (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LiaisonHistoryPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows
      = liaison_store_list_runs_page_finish (LIAISON_STORE (source), result, &error);
  g_autoptr (GArray) days = NULL;
  g_autoptr (GArray) requests = NULL;

  liaison_history_page_add_busy (self, -1);
  if (rows == NULL)
    {
      if (!cancelled (error))
        g_warning ("The charts of the history cannot be drawn: %s", error->message);
      return;
    }
  days = liaison_history_days_from_runs (
      rows, self->now_ms > 0 ? self->now_ms : g_get_real_time () / 1000, CHART_DAYS);
  liaison_history_chart_set_days (self->changes_chart, days);
  liaison_history_chart_set_days (self->errors_chart, days);
  requests = liaison_history_requests_from_runs (rows, REQUESTS_RUNS);
  liaison_history_requests_chart_set_runs (self->requests_chart, requests);
}

void
liaison_history_page_reload (LiaisonHistoryPage *self)
{
  g_return_if_fail (LIAISON_IS_HISTORY_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (self->store == NULL)
    {
      gtk_stack_set_visible_child_name (self->state_stack, "empty");
      return;
    }
  if (g_hash_table_size (self->runs) == 0)
    gtk_stack_set_visible_child_name (self->state_stack, "loading");
  liaison_history_page_add_busy (self, 2);
  liaison_store_list_runs_page_async (self->store, 0, RUNS_PAGE, self->cancellable, on_runs,
                                      g_object_ref (self));
  liaison_store_list_runs_page_async (self->store, 0, CHART_RUNS, self->cancellable, on_chart_runs,
                                      g_object_ref (self));
}

static void
on_links_changed (LiaisonStore *store, LiaisonRecordKind kind, LiaisonHistoryPage *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    liaison_history_page_reload (self);
}

void
liaison_history_page_set_store (LiaisonHistoryPage *self, LiaisonStore *store)
{
  g_return_if_fail (LIAISON_IS_HISTORY_PAGE (self));

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  g_hash_table_remove_all (self->runs);
  g_clear_pointer (&self->shown, g_free);
  self->filter->run_id = 0;
  if (store != NULL)
    g_signal_connect_object (store, "links-changed", G_CALLBACK (on_links_changed), self, 0);
  liaison_history_page_reload (self);
}

void
liaison_history_page_set_engine (LiaisonHistoryPage *self, LiaisonSyncEngine *engine)
{
  g_return_if_fail (LIAISON_IS_HISTORY_PAGE (self));
  g_set_object (&self->engine, engine);
  update_undo (self);
}

LiaisonSyncEngine *
liaison_history_page_get_engine (LiaisonHistoryPage *self, GCancellable **undo_cancellable)
{
  *undo_cancellable = self->undo_cancellable;
  return self->engine;
}

static void
undo_run (GtkWidget *widget, const char *action, GVariant *parameter)
{
  LiaisonHistoryPage *self = LIAISON_HISTORY_PAGE (widget);

  if (self->engine != NULL && self->filter->run_id > 0 && !self->undoing)
    liaison_history_undo_run (self, self->filter->run_id);
}

void
liaison_history_page_set_now (LiaisonHistoryPage *self, gint64 now_ms)
{
  g_return_if_fail (LIAISON_IS_HISTORY_PAGE (self));
  self->now_ms = now_ms;
}

static void
on_map (LiaisonHistoryPage *self)
{
  if (self->store != NULL)
    liaison_history_page_reload (self);
}

/* ---- export ---- */

static void
on_exported (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LiaisonHistoryPage) self = user_data;
  g_autoptr (GError) error = NULL;
  gint64 n = liaison_store_export_csv_finish (LIAISON_STORE (source), result, &error);
  g_autofree char *name = NULL;
  g_autofree char *said = NULL;

  liaison_history_page_add_busy (self, -1);
  gtk_widget_set_sensitive (self->export_button, TRUE);
  if (n < 0)
    {
      if (!cancelled (error))
        liaison_history_page_toast (self, error->message);
      return;
    }
  name = g_file_get_parse_name (self->export_file);
  said = g_strdup_printf (
      ngettext ("%u change exported to %s", "%u changes exported to %s", (gulong) n), (guint) n,
      name);
  liaison_history_page_toast (self, said);
}

void
liaison_history_page_export_to (LiaisonHistoryPage *self, GFile *file)
{
  g_return_if_fail (LIAISON_IS_HISTORY_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->store == NULL)
    return;
  read_filters (self);
  g_cancellable_cancel (self->export_cancellable);
  g_clear_object (&self->export_cancellable);
  self->export_cancellable = g_cancellable_new ();
  g_set_object (&self->export_file, file);
  gtk_widget_set_sensitive (self->export_button, FALSE);
  liaison_history_page_add_busy (self, 1);
  liaison_store_export_csv_async (self->store, self->filter, file, self->export_cancellable,
                                  on_exported, g_object_ref (self));
}

static void
on_chooser_response (GtkNativeDialog *dialog, int response, LiaisonHistoryPage *self)
{
  g_autoptr (GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_clear_object (&self->chooser);
  if (file != NULL)
    liaison_history_page_export_to (self, file);
}

static void
on_export_clicked (GtkButton *button, LiaisonHistoryPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr (GtkFileFilter) csv = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (self->chooser != NULL || self->store == NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (
      _ ("Export Changes"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
      GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Export"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (csv, _ ("CSV files"));
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), csv);
  name = self->filter->run_id > 0
             ? g_strdup_printf ("liaison-run-%" G_GINT64_FORMAT ".csv", self->filter->run_id)
             : g_strdup ("liaison-history.csv");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- the object ---- */

static void
liaison_history_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  LiaisonHistoryPage *self = LIAISON_HISTORY_PAGE (object);

  switch (prop_id)
    {
      case PROP_BUSY:
        g_value_set_boolean (value, self->busy > 0);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_history_page_dispose (GObject *object)
{
  LiaisonHistoryPage *self = LIAISON_HISTORY_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->ops_cancellable);
  g_cancellable_cancel (self->export_cancellable);
  g_cancellable_cancel (self->undo_cancellable);
  g_clear_handle_id (&self->loaded_idle, g_source_remove);
  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), LIAISON_TYPE_HISTORY_PAGE);
  g_clear_object (&self->store);
  g_clear_object (&self->engine);
  g_clear_object (&self->undo_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->ops_cancellable);
  g_clear_object (&self->export_cancellable);
  g_clear_object (&self->export_file);
  g_clear_pointer (&self->runs, g_hash_table_unref);
  g_clear_pointer (&self->filter, liaison_history_filter_free);
  g_clear_pointer (&self->shown, g_free);

  G_OBJECT_CLASS (liaison_history_page_parent_class)->dispose (object);
}

static void
liaison_history_page_class_init (LiaisonHistoryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = liaison_history_page_get_property;
  object_class->dispose = liaison_history_page_dispose;

  properties[PROP_BUSY]
      = g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LIAISON_TYPE_HISTORY_CHART);
  g_type_ensure (LIAISON_TYPE_HISTORY_REQUESTS_CHART);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/liaison-history-page.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, LiaisonHistoryPage, name)
  CHILD (toast_overlay);
  CHILD (state_stack);
  CHILD (empty_status);
  CHILD (leaflet);
  CHILD (operations_pane);
  CHILD (changes_chart);
  CHILD (errors_chart);
  CHILD (requests_chart);
  CHILD (runs_list);
  CHILD (older_button);
  CHILD (run_title);
  CHILD (run_summary);
  CHILD (undo_button);
  CHILD (export_button);
  CHILD (search_entry);
  CHILD (kind_dropdown);
  CHILD (result_dropdown);
  CHILD (contact_chip);
  CHILD (contact_chip_content);
  CHILD (field_chip);
  CHILD (field_chip_content);
  CHILD (operations_stack);
  CHILD (operations_list);
  CHILD (more_button);
  CHILD (none_status);
#undef CHILD
  gtk_widget_class_bind_template_callback (widget_class, on_run_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_older_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_more_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_contact_chip_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_field_chip_clicked);
  gtk_widget_class_install_action (widget_class, "history.only-contact", "s", only_contact);
  gtk_widget_class_install_action (widget_class, "history.only-field", "s", only_field);
  gtk_widget_class_install_action (widget_class, "history.undo-run", NULL, undo_run);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
liaison_history_page_init (LiaisonHistoryPage *self)
{
  self->filter = liaison_history_filter_new ();
  self->filter->newest_first = TRUE;
  self->runs = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                      (GDestroyNotify) liaison_store_run_free);
  self->cancellable = g_cancellable_new ();
  self->ops_cancellable = g_cancellable_new ();
  self->undo_cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  liaison_history_chart_set_errors (self->errors_chart, TRUE);
  gtk_stack_set_visible_child_name (self->state_stack, "empty");
  update_undo (self);
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
}
