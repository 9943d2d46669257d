/* liaison-plan-view.c: a sync plan as people read it (see liaison-plan-view.h).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>

#include "liaison-conflict-item.h"
#include "liaison-plan-view.h"
#include "liaison-rate-limiter.h"

typedef struct
{
  guint updates, creates, deletes;
} SideCounts;

static void
count_side (LiaisonSyncPlan *plan, LiaisonService side, SideCounts *counts)
{
  GPtrArray *items = liaison_sync_plan_get_items (plan);

  *counts = (SideCounts){ 0 };
  for (guint i = 0; i < items->len; i++)
    {
      const LiaisonSyncItem *item = g_ptr_array_index (items, i);

      if (item->kind == LIAISON_SYNC_ITEM_UPDATE && liaison_sync_item_writes (item, side))
        counts->updates++;
      else if (item->kind == LIAISON_SYNC_ITEM_CREATE && item->target == side)
        counts->creates++;
      else if (item->kind == LIAISON_SYNC_ITEM_DELETE && item->target == side)
        counts->deletes++;
    }
}

char *
liaison_plan_view_side_summary (LiaisonSyncPlan *plan, LiaisonService side)
{
  SideCounts c;
  g_autofree char *updates = NULL;
  g_autofree char *creates = NULL;
  g_autofree char *deletes = NULL;

  count_side (plan, side, &c);
  updates = g_strdup_printf (g_dngettext (NULL, "%u update", "%u updates", c.updates), c.updates);
  creates = g_strdup_printf (g_dngettext (NULL, "%u new contact", "%u new contacts", c.creates),
                             c.creates);
  deletes = g_strdup_printf (g_dngettext (NULL, "%u delete", "%u deletes", c.deletes), c.deletes);
  /* Translators: what a sync would write to one service: updates, creates, deletes. */
  return g_strdup_printf (_ ("%s, %s, %s"), updates, creates, deletes);
}

guint
liaison_plan_view_quota_seconds (LiaisonService side, guint n_calls)
{
  g_autoptr (LiaisonRateLimiter) limiter = side == LIAISON_SERVICE_LSQ
                                               ? liaison_rate_limiter_new_for_lsq ()
                                               : liaison_rate_limiter_new_for_ghl ();
  guint burst = MAX (liaison_rate_limiter_get_burst (limiter), 1);
  guint interval_ms = liaison_rate_limiter_get_interval_ms (limiter);

  /* The first burst goes at once; each further one waits an interval. */
  if (n_calls <= burst)
    return 0;
  return (guint) (((guint64) (n_calls - 1) / burst) * interval_ms / 1000);
}

static GtkWidget *
row (const char *title, const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
  gtk_widget_add_css_class (row, "property");
  return row;
}

static GtkWidget *
boxed_list (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  return list;
}

static char *
duration (guint seconds)
{
  if (seconds < 60)
    return g_strdup_printf (g_dngettext (NULL, "%u second", "%u seconds", seconds), seconds);
  return g_strdup_printf (
      g_dngettext (NULL, "about %u minute", "about %u minutes", (seconds + 59) / 60),
      (seconds + 59) / 60);
}

/* A canonical value of obj's member for people; "" for none or empty. */
static char *
member_display (JsonObject *obj, const char *key)
{
  g_autofree char *json = NULL;

  if (obj == NULL || !json_object_has_member (obj, key))
    return g_strdup ("");
  json = json_to_string (json_object_get_member (obj, key), FALSE);
  return liaison_conflict_value_to_display (json);
}

static void
add_changes (GtkWidget *list, const LiaisonSyncItem *item, LiaisonService side, guint *n_shown,
             guint *n_more)
{
  JsonObject *changes = side == LIAISON_SERVICE_LSQ ? item->lsq_changes : item->ghl_changes;
  JsonObject *before = side == LIAISON_SERVICE_LSQ ? item->lsq_before : item->ghl_before;
  g_autoptr (GList) keys = NULL;

  if (changes == NULL)
    return;
  keys = json_object_get_members (changes);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      const char *key = l->data;
      g_autofree char *was = NULL;
      g_autofree char *now = NULL;
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;

      if (*n_shown >= LIAISON_PLAN_VIEW_MAX_CHANGES)
        {
          (*n_more)++;
          continue;
        }
      was = member_display (before, key);
      now = member_display (changes, key);
      /* Translators: a contact's e-mail (or id), the field, and the side written. */
      title = g_strdup_printf (
          _ ("%s · %s → %s"),
          item->email ? item->email : (item->lsq_id ? item->lsq_id : item->ghl_id), key,
          side == LIAISON_SERVICE_LSQ ? _ ("LeadSquared") : _ ("HighLevel"));
      /* Translators: a value before and after the sync. */
      subtitle
          = g_strdup_printf (_ ("%s ⟶ %s"), *was ? was : _ ("(empty)"), *now ? now : _ ("(empty)"));
      gtk_list_box_append (GTK_LIST_BOX (list), row (title, subtitle));
      (*n_shown)++;
    }
}

void
liaison_plan_view_show (GtkBox *box, LiaisonSyncPlan *plan)
{
  GtkWidget *child;
  GtkWidget *counts = boxed_list ();
  GtkWidget *changes = boxed_list ();
  GPtrArray *items = liaison_sync_plan_get_items (plan);
  guint calls[2], seconds[2];
  guint n_shown = 0, n_more = 0;
  g_autofree char *lsq = liaison_plan_view_side_summary (plan, LIAISON_SERVICE_LSQ);
  g_autofree char *ghl = liaison_plan_view_side_summary (plan, LIAISON_SERVICE_GHL);
  g_autofree char *other = NULL;
  g_autofree char *calls_text = NULL;
  g_autofree char *lsq_time = NULL;
  g_autofree char *ghl_time = NULL;
  GtkWidget *heading;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);

  for (guint s = 0; s < 2; s++)
    {
      calls[s] = liaison_sync_plan_get_n_calls (plan, s);
      seconds[s] = liaison_plan_view_quota_seconds (s, calls[s]);
    }
  other = g_strdup_printf (
      /* Translators: ambiguous matches, unlinks and skipped records of a planned sync. */
      _ ("%u ambiguous matches to answer, %u links to drop, %u skipped"),
      liaison_sync_plan_count (plan, LIAISON_SYNC_ITEM_AMBIGUOUS),
      liaison_sync_plan_count (plan, LIAISON_SYNC_ITEM_UNLINK),
      liaison_sync_plan_count (plan, LIAISON_SYNC_ITEM_SKIP));
  lsq_time = duration (seconds[0]);
  ghl_time = duration (seconds[1]);
  calls_text = g_strdup_printf (
      /* Translators: API calls per service, then how long their quotas make them take. */
      _ ("LeadSquared %u (%s at its quota), HighLevel %u (%s at its quota)"), calls[0], lsq_time,
      calls[1], ghl_time);

  gtk_list_box_append (GTK_LIST_BOX (counts), row (_ ("To LeadSquared"), lsq));
  gtk_list_box_append (GTK_LIST_BOX (counts), row (_ ("To HighLevel"), ghl));
  gtk_list_box_append (GTK_LIST_BOX (counts), row (_ ("Also"), other));
  gtk_list_box_append (GTK_LIST_BOX (counts), row (_ ("API Calls"), calls_text));
  if (liaison_sync_plan_get_delete_guard (plan) != NULL)
    gtk_list_box_append (GTK_LIST_BOX (counts),
                         row (_ ("Deletes Held Back"), liaison_sync_plan_get_delete_guard (plan)));
  gtk_box_append (box, counts);

  for (guint i = 0; i < items->len; i++)
    {
      const LiaisonSyncItem *item = g_ptr_array_index (items, i);

      if (item->kind != LIAISON_SYNC_ITEM_UPDATE)
        continue;
      add_changes (changes, item, LIAISON_SERVICE_LSQ, &n_shown, &n_more);
      add_changes (changes, item, LIAISON_SERVICE_GHL, &n_shown, &n_more);
    }
  if (n_more > 0)
    {
      g_autofree char *more = g_strdup_printf (
          g_dngettext (NULL, "and %u more change", "and %u more changes", n_more), n_more);

      gtk_list_box_append (GTK_LIST_BOX (changes), row (more, NULL));
    }
  if (n_shown > 0)
    {
      heading = gtk_label_new (_ ("Field Changes"));
      gtk_widget_add_css_class (heading, "heading");
      gtk_label_set_xalign (GTK_LABEL (heading), 0);
      gtk_widget_set_margin_top (heading, 12);
      gtk_box_append (box, heading);
      gtk_box_append (box, changes);
    }
  else
    {
      g_object_ref_sink (changes);
      g_object_unref (changes);
    }
}
