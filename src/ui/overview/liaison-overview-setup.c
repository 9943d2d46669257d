/* liaison-overview-setup.c: LiaisonOverviewSetup (see liaison-overview-setup.h). A boxed list of
 * three steps; each says whether it is done, the step to take now, or waiting for an earlier
 * one, and carries the buttons that take it. Nothing here reads the store: the Overview page
 * passes what it read.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-overview"

#include <glib/gi18n.h>

#include "liaison-format.h"
#include "liaison-overview-setup.h"

struct _LiaisonOverviewSetup
{
  AdwBin parent_instance;

  guint next_step;

  GtkImage *icon[3];
  GtkLabel *state[3];
  GtkLabel *detail[3];
  GtkButton *accounts_button;
  GtkButton *mapping_button;
  GtkButton *preview_button;
  GtkButton *sync_button;
};

G_DEFINE_FINAL_TYPE (LiaisonOverviewSetup, liaison_overview_setup, ADW_TYPE_BIN)

typedef enum
{
  STEP_DONE,
  STEP_NEXT,
  STEP_LATER,
} StepState;

static void
set_step (LiaisonOverviewSetup *self, guint i, StepState state, const char *detail)
{
  static const char *const icons[]
      = { "object-select-symbolic", "go-next-symbolic", "content-loading-symbolic" };
  static const char *const classes[] = { "success", "accent", "dim-label" };
  const char *text;

  gtk_image_set_from_icon_name (self->icon[i], icons[state]);
  for (guint c = 0; c < G_N_ELEMENTS (classes); c++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->icon[i]), classes[c]);
  gtk_widget_add_css_class (GTK_WIDGET (self->icon[i]), classes[state]);
  if (state == STEP_DONE)
    text = _ ("Done");
  else if (state == STEP_NEXT)
    text = _ ("Next");
  else
    text = i == 1 ? _ ("After step 1") : _ ("After steps 1 and 2");
  gtk_label_set_label (self->state[i], text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->state[i]), "accent");
  gtk_widget_remove_css_class (GTK_WIDGET (self->state[i]), "success");
  if (state != STEP_LATER)
    gtk_widget_add_css_class (GTK_WIDGET (self->state[i]), classes[state]);
  gtk_label_set_label (self->detail[i], detail);
}

static void
suggest (GtkButton *button, gboolean suggested)
{
  if (suggested)
    gtk_widget_add_css_class (GTK_WIDGET (button), "suggested-action");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (button), "suggested-action");
}

/* One account's line of step 1. */
static char *
account_text (LiaisonSession *session, LiaisonService service, gboolean *ok)
{
  const LiaisonStoreConnection *c = liaison_session_get_connection (session, service);
  const char *error = liaison_session_get_error (session, service);
  gboolean lsq = service == LIAISON_SERVICE_LSQ;

  *ok = c != NULL && error == NULL;
  if (c == NULL)
    return g_strdup (lsq ? _ ("LeadSquared: not connected") : _ ("HighLevel: not connected"));
  if (error != NULL)
    return g_strdup_printf (lsq ? _ ("LeadSquared: cannot be used (%s); connect it again")
                                : _ ("HighLevel: cannot be used (%s); connect it again"),
                            error);
  return g_strdup_printf (lsq ? _ ("LeadSquared: connected to %s")
                              : _ ("HighLevel: connected to %s"),
                          c->display_name && *c->display_name ? c->display_name : c->account_id);
}

void
liaison_overview_setup_update (LiaisonOverviewSetup *self, LiaisonSession *session,
                               LiaisonSyncScheduler *scheduler, gboolean reviewed)
{
  gboolean accounts;
  g_autofree char *accounts_detail = NULL;
  g_autofree char *sync_detail = NULL;
  const char *mapping_detail;

  g_return_if_fail (LIAISON_IS_OVERVIEW_SETUP (self));

  if (session != NULL)
    {
      gboolean lsq_ok, ghl_ok;
      g_autofree char *lsq = account_text (session, LIAISON_SERVICE_LSQ, &lsq_ok);
      g_autofree char *ghl = account_text (session, LIAISON_SERVICE_GHL, &ghl_ok);

      accounts = lsq_ok && ghl_ok;
      accounts_detail = g_strdup_printf ("%s\n%s", lsq, ghl);
    }
  else
    {
      accounts = scheduler != NULL && !liaison_sync_scheduler_get_needs_accounts (scheduler);
      accounts_detail = g_strdup (accounts ? _ ("Both accounts are connected.")
                                           : _ ("LeadSquared and HighLevel, each with its own "
                                                "sign-in."));
    }

  if (reviewed)
    mapping_detail = _ ("Saved. You can change the pairs at any time on the Field Mapping page.");
  else
    mapping_detail = _ ("Check which fields travel, in which direction, and which side wins when "
                        "both changed the same field. Save the pairs, or keep the defaults with "
                        "Use These Pairs.");

  if (scheduler != NULL && !reviewed
      && liaison_sync_scheduler_get_state (scheduler) == LIAISON_SCHEDULER_WAITING)
    sync_detail = g_strdup (_ ("Preview Sync shows every change before anything is written; "
                               "Sync Now writes them. Scheduled syncs wait until the field "
                               "mapping has been reviewed."));
  else if (scheduler != NULL
           && liaison_sync_scheduler_get_state (scheduler) == LIAISON_SCHEDULER_WAITING)
    {
      g_autofree char *at
          = liaison_format_time_ms (liaison_sync_scheduler_get_next_run (scheduler));

      sync_detail = g_strdup_printf (
          _ ("Preview Sync shows every change before anything is written. Sync Now writes them; "
             "otherwise Liaison runs the first sync on its own at %s."),
          at);
    }
  else
    sync_detail = g_strdup (_ ("Preview Sync shows every change before anything is written; "
                               "Sync Now writes them to both accounts."));

  self->next_step = !accounts ? 1 : !reviewed ? 2 : 3;
  set_step (self, 0, accounts ? STEP_DONE : STEP_NEXT, accounts_detail);
  set_step (self, 1,
            reviewed && accounts ? STEP_DONE
            : accounts           ? STEP_NEXT
                                 : STEP_LATER,
            mapping_detail);
  set_step (self, 2, self->next_step == 3 ? STEP_NEXT : STEP_LATER, sync_detail);

  suggest (self->accounts_button, self->next_step == 1);
  suggest (self->mapping_button, self->next_step == 2);
  suggest (self->sync_button, self->next_step == 3);
  /* The mapping pairs fields of both accounts, and a sync needs both. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->mapping_button), accounts);
  gtk_widget_set_sensitive (GTK_WIDGET (self->preview_button), accounts);
}

guint
liaison_overview_setup_get_next_step (LiaisonOverviewSetup *self)
{
  g_return_val_if_fail (LIAISON_IS_OVERVIEW_SETUP (self), 0);
  return self->next_step;
}

static void
liaison_overview_setup_class_init (LiaisonOverviewSetupClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/liaison-overview-setup.ui");
  gtk_widget_class_bind_template_child_full (widget_class, "icon1", FALSE,
                                             G_STRUCT_OFFSET (LiaisonOverviewSetup, icon[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "icon2", FALSE,
                                             G_STRUCT_OFFSET (LiaisonOverviewSetup, icon[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "icon3", FALSE,
                                             G_STRUCT_OFFSET (LiaisonOverviewSetup, icon[2]));
  gtk_widget_class_bind_template_child_full (widget_class, "state1", FALSE,
                                             G_STRUCT_OFFSET (LiaisonOverviewSetup, state[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "state2", FALSE,
                                             G_STRUCT_OFFSET (LiaisonOverviewSetup, state[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "state3", FALSE,
                                             G_STRUCT_OFFSET (LiaisonOverviewSetup, state[2]));
  gtk_widget_class_bind_template_child_full (widget_class, "detail1", FALSE,
                                             G_STRUCT_OFFSET (LiaisonOverviewSetup, detail[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "detail2", FALSE,
                                             G_STRUCT_OFFSET (LiaisonOverviewSetup, detail[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "detail3", FALSE,
                                             G_STRUCT_OFFSET (LiaisonOverviewSetup, detail[2]));
  gtk_widget_class_bind_template_child (widget_class, LiaisonOverviewSetup, accounts_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonOverviewSetup, mapping_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonOverviewSetup, preview_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonOverviewSetup, sync_button);
}

static void
liaison_overview_setup_init (LiaisonOverviewSetup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  liaison_overview_setup_update (self, NULL, NULL, FALSE);
}
