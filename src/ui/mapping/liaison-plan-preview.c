/* liaison-plan-preview.c: the Field Mapping page's Preview Sync: the sync planner's plan of a
 * whole run with the pairs as edited (liaison_sync_preview_plan_async, a worker thread; the
 * window stays live and Cancel or Escape stops it), shown as counts per kind and per side,
 * the API calls per account and how long their limits make them take, and each change with
 * its value before and after. Nothing is written.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-mapping"

#include <glib/gi18n.h>

#include "liaison-mapping-preview-private.h"
#include "liaison-sync-preview.h"
#include "liaison-weak-ref-private.h"

/* A plan of thousands of changes is summed up above; the list shows the first ones. */
#define MAX_CHANGES 200

struct _LiaisonPlanPreview
{
  AdwWindow parent_instance;

  GtkStack *stack;
  GtkSpinner *spinner;
  GtkLabel *guard_label;
  AdwPreferencesGroup *counts_group;
  AdwPreferencesGroup *calls_group;
  GtkListBox *changes_list;
  AdwStatusPage *failed_page;

  LiaisonMappingModel *model;
  LiaisonRateLimiter *limiter[2];
  GHashTable *rows; /* name -> AdwActionRow (borrowed) */
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (LiaisonPlanPreview, liaison_plan_preview, ADW_TYPE_WINDOW)

static const char *const service_names[2] = { "LeadSquared", "HighLevel" };

static AdwActionRow *
add_row (LiaisonPlanPreview *self, AdwPreferencesGroup *group, const char *name, const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_group_add (group, row);
  if (name != NULL)
    g_hash_table_replace (self->rows, g_strdup (name), row);
  return ADW_ACTION_ROW (row);
}

static void
add_count (LiaisonPlanPreview *self, const char *name, const char *title, guint total,
           const char *subtitle)
{
  AdwActionRow *row = add_row (self, self->counts_group, name, title, subtitle);
  g_autofree char *text = g_strdup_printf ("%u", total);
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, total > 0 ? "heading" : "dim-label");
  adw_action_row_add_suffix (row, label);
  g_object_set_data (G_OBJECT (row), "total", label);
}

/* "LeadSquared 3 · HighLevel 5" */
static char *
per_side (const guint counts[2])
{
  /* Translators: a count per account, e.g. "LeadSquared 3 · HighLevel 5". */
  return g_strdup_printf (_ ("LeadSquared %u · HighLevel %u"), counts[0], counts[1]);
}

static char *
format_wait (gint64 ms)
{
  guint seconds = (guint) ((ms + 999) / 1000);

  if (seconds < 90)
    return g_strdup_printf (ngettext ("about %u second", "about %u seconds", seconds), seconds);
  if (seconds < 90 * 60)
    return g_strdup_printf (ngettext ("about %u minute", "about %u minutes", (seconds + 30) / 60),
                            (seconds + 30) / 60);
  return g_strdup_printf (ngettext ("about %u hour", "about %u hours", (seconds + 1800) / 3600),
                          (seconds + 1800) / 3600);
}

static char *
calls_text (LiaisonPlanPreview *self, LiaisonSyncPlan *plan, LiaisonService side)
{
  LiaisonRateLimiter *limiter = self->limiter[side];
  guint n = liaison_sync_plan_get_n_calls (plan, side);
  guint burst = liaison_rate_limiter_get_burst (limiter);
  guint seconds = MAX (liaison_rate_limiter_get_interval_ms (limiter) / 1000, 1);
  gint64 remaining = liaison_rate_limiter_get_daily_remaining (limiter);
  g_autofree char *calls = g_strdup_printf (ngettext ("%u call", "%u calls", n), n);
  g_autofree char *wait = NULL;
  g_autofree char *limit = NULL;
  GString *text = g_string_new (calls);

  if (n == 0)
    return g_string_free (text, FALSE);
  if (burst == 0)
    g_string_append (text, _ (", with no limit known for this account"));
  else
    {
      gint64 ms = liaison_rate_limiter_estimate_ms (
          limiter, n, liaison_sync_plan_get_n_bulk_calls (plan, side));

      limit = g_strdup_printf (
          ngettext ("%u call per %u seconds", "%u calls per %u seconds", burst), burst, seconds);
      if (ms < 1000)
        /* Translators: after "12 calls"; the limit, e.g. "10 calls per 5 seconds". */
        g_string_append_printf (text, _ (", within the account's limit of %s: no waiting"), limit);
      else
        {
          wait = format_wait (ms);
          /* Translators: after "120 calls": the limit, e.g. "10 calls per 5 seconds", and the
           * wait it makes, e.g. "about 55 seconds". */
          g_string_append_printf (text, _ ("; the account's limit of %s makes that %s of waiting"),
                                  limit, wait);
        }
    }
  if (remaining >= 0 && remaining < n)
    g_string_append_printf (text,
                            ngettext (". Only %u call is left of today's quota: the rest waits "
                                      "for the next day",
                                      ". Only %u calls are left of today's quota: the rest waits "
                                      "for the next day",
                                      (gulong) remaining),
                            (guint) remaining);
  return g_string_free (text, FALSE);
}

/* ---- the changes ---- */

static void
add_change (LiaisonPlanPreview *self, const LiaisonSyncChange *change)
{
  const char *side = service_names[change->side == LIAISON_SERVICE_GHL];
  const char *before = change->before ? change->before : _ ("Empty");
  const char *after = change->after ? change->after : _ ("Empty");
  g_autofree char *contact = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();

  if (change->email != NULL)
    contact = g_strdup (change->email);
  else if (change->lsq_id != NULL)
    contact = g_strdup_printf (_ ("LeadSquared contact %s"), change->lsq_id);
  else
    contact = g_strdup_printf (_ ("HighLevel contact %s"), change->ghl_id ? change->ghl_id : "?");

  switch (change->kind)
    {
      case LIAISON_SYNC_CHANGE_UPDATE:
        title = liaison_mapping_pair_title (self->model, change->field);
        /* Translators: contact · account: value before → value after */
        subtitle = g_strdup_printf (_ ("%s · %s: %s → %s"), contact, side, before, after);
        break;
      case LIAISON_SYNC_CHANGE_CONFLICT:
        if (change->field != NULL)
          {
            title = liaison_mapping_pair_title (self->model, change->field);
            subtitle = g_strdup_printf (_ ("%s · Conflict, you decide: LeadSquared “%s”, "
                                           "HighLevel “%s”"),
                                        contact, before, after);
            break;
          }
        /* An ambiguous match says why. */
        G_GNUC_FALLTHROUGH;
      case LIAISON_SYNC_CHANGE_LINK:
      case LIAISON_SYNC_CHANGE_DELETE:
      case LIAISON_SYNC_CHANGE_UNLINK:
      case LIAISON_SYNC_CHANGE_SKIP:
      default:
        title = g_strdup (contact);
        subtitle = g_strdup (change->reason ? change->reason : "");
        break;
      case LIAISON_SYNC_CHANGE_CREATE:
        title = g_strdup (contact);
        subtitle = g_strdup_printf (_ ("Created in %s"), side);
        break;
    }
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_append (self->changes_list, row);
}

static void
show_changes (LiaisonPlanPreview *self, LiaisonSyncPlan *plan)
{
  guint n = 0;
  g_autoptr (GPtrArray) changes = liaison_sync_plan_list_changes (plan, MAX_CHANGES, &n);

  for (guint i = 0; i < changes->len; i++)
    add_change (self, g_ptr_array_index (changes, i));
  if (n == 0 || n > changes->len)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *more
          = n == 0 ? g_strdup (_ ("Nothing to change: both accounts are in step."))
                   : g_strdup_printf (ngettext ("And %u more change, counted above.",
                                                "And %u more changes, counted above.",
                                                n - changes->len),
                                      n - changes->len);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), more);
      gtk_list_box_append (self->changes_list, row);
    }
}

static void
show_plan (LiaisonPlanPreview *self, LiaisonSyncPlan *plan)
{
  LiaisonSyncPlanSummary s;
  g_autofree char *updated = NULL;
  g_autofree char *fields = NULL;
  g_autofree char *created = NULL;
  g_autofree char *deleted = NULL;
  g_autofree char *skipped = NULL;
  g_autofree char *conflicts = NULL;
  g_autofree char *updated_text = NULL;

  liaison_sync_plan_summarize (plan, &s);
  updated = per_side (s.updated);
  fields = per_side (s.fields);
  /* Translators: contacts updated per account, then the field values written per account. */
  updated_text = g_strdup_printf (_ ("Contacts: %s. Fields: %s"), updated, fields);
  add_count (self, "updated", _ ("Contacts Updated"), s.updated[0] + s.updated[1], updated_text);
  created = per_side (s.created);
  add_count (self, "created", _ ("Contacts Created"), s.created[0] + s.created[1], created);
  deleted = per_side (s.deleted);
  add_count (self, "deleted", _ ("Contacts Deleted"), s.deleted[0] + s.deleted[1], deleted);
  add_count (self, "linked", _ ("Pairs Linked by a Match"), s.linked,
             _ ("Contacts found on both sides by e-mail address or phone number"));
  add_count (self, "unlinked", _ ("Links Removed"), s.unlinked,
             _ ("A contact is gone on one side; the other one stays"));
  conflicts = g_strdup_printf (_ ("Fields both sides changed: %u. Ambiguous matches: %u"),
                               s.conflicts, s.ambiguous);
  add_count (self, "conflicts", _ ("Conflicts for You to Decide"), s.conflicts + s.ambiguous,
             conflicts);
  skipped = per_side (s.skipped);
  add_count (self, "skipped", _ ("Skipped"), s.skipped[0] + s.skipped[1], skipped);

  for (guint side = 0; side < 2; side++)
    {
      g_autofree char *text = calls_text (self, plan, side);

      add_row (self, self->calls_group, side == 0 ? "calls-lsq" : "calls-ghl", service_names[side],
               text);
    }
  if (liaison_sync_plan_get_delete_guard (plan) != NULL)
    {
      gtk_label_set_text (self->guard_label, liaison_sync_plan_get_delete_guard (plan));
      gtk_widget_set_visible (GTK_WIDGET (self->guard_label), TRUE);
    }
  show_changes (self, plan);
}

static void
on_planned (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LiaisonPlanPreview) self = g_weak_ref_get (user_data);
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonSyncPlan) plan = liaison_sync_preview_plan_finish (result, &error);

  liaison_weak_ref_free (user_data);
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_spinner_set_spinning (self->spinner, FALSE);
  if (plan == NULL)
    {
      adw_status_page_set_description (self->failed_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "failed");
      return;
    }
  show_plan (self, plan);
  gtk_stack_set_visible_child_name (self->stack, "plan");
}

LiaisonPlanPreview *
liaison_plan_preview_new (GtkWindow *parent, LiaisonStore *store, const char *lsq_connection,
                          const char *ghl_connection, LiaisonMappingModel *model,
                          LiaisonFieldMap *map, LiaisonRateLimiter *lsq_limiter,
                          LiaisonRateLimiter *ghl_limiter)
{
  LiaisonPlanPreview *self;

  g_return_val_if_fail (LIAISON_IS_STORE (store), NULL);
  g_return_val_if_fail (LIAISON_IS_FIELD_MAP (map), NULL);
  self = g_object_new (LIAISON_TYPE_PLAN_PREVIEW, "transient-for", parent, NULL);
  self->model = model ? g_object_ref (model) : NULL;
  self->limiter[0] = lsq_limiter ? g_object_ref (lsq_limiter) : liaison_rate_limiter_new_for_lsq ();
  self->limiter[1] = ghl_limiter ? g_object_ref (ghl_limiter) : liaison_rate_limiter_new_for_ghl ();
  liaison_sync_preview_plan_async (store, map, lsq_connection, ghl_connection, self->cancellable,
                                   on_planned, liaison_weak_ref_new (self));
  return self;
}

const char *
liaison_plan_preview_get_state (LiaisonPlanPreview *self)
{
  g_return_val_if_fail (LIAISON_IS_PLAN_PREVIEW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

AdwActionRow *
liaison_plan_preview_get_row (LiaisonPlanPreview *self, const char *name)
{
  g_return_val_if_fail (LIAISON_IS_PLAN_PREVIEW (self), NULL);
  return g_hash_table_lookup (self->rows, name);
}

GtkListBox *
liaison_plan_preview_get_changes (LiaisonPlanPreview *self)
{
  g_return_val_if_fail (LIAISON_IS_PLAN_PREVIEW (self), NULL);
  return self->changes_list;
}

/* ---- GObject ---- */

static void
liaison_plan_preview_dispose (GObject *object)
{
  LiaisonPlanPreview *self = LIAISON_PLAN_PREVIEW (object);

  /* Closing the window is how a person cancels. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->model);
  g_clear_object (&self->limiter[0]);
  g_clear_object (&self->limiter[1]);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  G_OBJECT_CLASS (liaison_plan_preview_parent_class)->dispose (object);
}

static void
liaison_plan_preview_class_init (LiaisonPlanPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_plan_preview_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/liaison-plan-preview.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonPlanPreview, stack);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPlanPreview, spinner);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPlanPreview, guard_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPlanPreview, counts_group);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPlanPreview, calls_group);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPlanPreview, changes_list);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPlanPreview, failed_page);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
liaison_plan_preview_init (LiaisonPlanPreview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}
