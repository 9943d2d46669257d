/* test-sync-preview.c: a plan as the previews show it, on a plan made by hand: the summary
 * per kind and per side, and the changes in the plan's order with their values as a person
 * reads them, capped with the total kept.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib.h>

#include "liaison-sync-preview.h"

static JsonObject *
object (const char *json)
{
  g_autoptr (JsonNode) node = json_from_string (json, NULL);

  g_assert_nonnull (node);
  return json_object_ref (json_node_get_object (node));
}

static LiaisonSyncItem *
item (LiaisonSyncItemKind kind, const char *lsq_id, const char *ghl_id, LiaisonService target)
{
  LiaisonSyncItem *item = g_new0 (LiaisonSyncItem, 1);

  item->kind = kind;
  item->lsq_id = g_strdup (lsq_id);
  item->ghl_id = g_strdup (ghl_id);
  item->target = target;
  item->email = lsq_id ? g_strdup_printf ("%s@example.com", lsq_id) : NULL;
  return item;
}

static LiaisonSyncPlan *
hand_made_plan (void)
{
  LiaisonSyncPlan *plan = liaison_sync_plan_new ();
  LiaisonSyncItem *update = item (LIAISON_SYNC_ITEM_UPDATE, "l1", "g1", LIAISON_SERVICE_LSQ);
  LiaisonSyncItem *linked = item (LIAISON_SYNC_ITEM_UPDATE, "l2", "g2", LIAISON_SERVICE_LSQ);
  LiaisonStoreConflict *conflict = g_new0 (LiaisonStoreConflict, 1);
  LiaisonSyncItem *skip = item (LIAISON_SYNC_ITEM_SKIP, NULL, "g3", LIAISON_SERVICE_LSQ);

  /* A linked pair: two fields to HighLevel, one to LeadSquared. */
  update->link_id = 7;
  update->ghl_changes = object ("{\"tags\": [\"vip\", \"webinar\"], \"doNotContact\": \"true\"}");
  update->ghl_before = object ("{\"tags\": [\"vip\"], \"doNotContact\": null}");
  update->lsq_changes = object ("{\"city\": \"Pune\"}");
  update->lsq_before = object ("{\"city\": null}");
  liaison_sync_plan_add (plan, update);
  /* A new match with a conflict. */
  linked->reason = g_strdup ("Matched by e-mail address.");
  linked->conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_conflict_free);
  conflict->kind = LIAISON_CONFLICT_FIELD;
  conflict->field = g_strdup ("firstName");
  conflict->lsq_value = g_strdup ("\"Dmitry\"");
  conflict->ghl_value = g_strdup ("null");
  g_ptr_array_add (linked->conflicts, conflict);
  liaison_sync_plan_add (plan, linked);
  liaison_sync_plan_add (plan, item (LIAISON_SYNC_ITEM_CREATE, "l3", NULL, LIAISON_SERVICE_GHL));
  liaison_sync_plan_add (plan, item (LIAISON_SYNC_ITEM_CREATE, NULL, "g4", LIAISON_SERVICE_LSQ));
  skip->reason = g_strdup ("It has neither an e-mail address nor a phone number.");
  liaison_sync_plan_add (plan, skip);
  liaison_sync_plan_add (plan, item (LIAISON_SYNC_ITEM_UNLINK, "l5", "g5", LIAISON_SERVICE_LSQ));
  return plan;
}

static void
test_summary (void)
{
  g_autoptr (LiaisonSyncPlan) plan = hand_made_plan ();
  LiaisonSyncPlanSummary s;

  liaison_sync_plan_summarize (plan, &s);
  g_assert_cmpuint (s.updated[LIAISON_SERVICE_LSQ], ==, 1);
  g_assert_cmpuint (s.updated[LIAISON_SERVICE_GHL], ==, 1);
  g_assert_cmpuint (s.fields[LIAISON_SERVICE_LSQ], ==, 1);
  g_assert_cmpuint (s.fields[LIAISON_SERVICE_GHL], ==, 2);
  g_assert_cmpuint (s.created[LIAISON_SERVICE_LSQ], ==, 1);
  g_assert_cmpuint (s.created[LIAISON_SERVICE_GHL], ==, 1);
  g_assert_cmpuint (s.skipped[LIAISON_SERVICE_LSQ], ==, 1);
  g_assert_cmpuint (s.skipped[LIAISON_SERVICE_GHL], ==, 0);
  g_assert_cmpuint (s.linked, ==, 1);
  g_assert_cmpuint (s.unlinked, ==, 1);
  g_assert_cmpuint (s.conflicts, ==, 1);
  g_assert_cmpuint (s.ambiguous, ==, 0);
  /* The same as the plan's own counts. */
  g_assert_cmpuint (s.created[0] + s.created[1], ==,
                    liaison_sync_plan_count (plan, LIAISON_SYNC_ITEM_CREATE));
  /* One LeadSquared create is one bulk call; the update of l1 one call. */
  g_assert_cmpuint (liaison_sync_plan_get_n_bulk_calls (plan, LIAISON_SERVICE_LSQ), ==, 1);
  g_assert_cmpuint (liaison_sync_plan_get_n_calls (plan, LIAISON_SERVICE_LSQ), ==, 2);
  g_assert_cmpuint (liaison_sync_plan_get_n_bulk_calls (plan, LIAISON_SERVICE_GHL), ==, 0);
}

static void
test_changes (void)
{
  g_autoptr (LiaisonSyncPlan) plan = hand_made_plan ();
  guint n = 0;
  g_autoptr (GPtrArray) all = liaison_sync_plan_list_changes (plan, 0, &n);
  g_autoptr (GPtrArray) some = NULL;
  g_autoptr (JsonNode) json = liaison_sync_plan_to_json (plan);
  LiaisonSyncChange *c;

  /* One line per operation of the plan's JSON form, in its order. */
  g_assert_cmpuint (n, ==, all->len);
  g_assert_cmpuint (all->len, ==,
                    json_array_get_length (
                        json_object_get_array_member (json_node_get_object (json), "operations")));
  g_assert_cmpuint (all->len, ==, 9);
  c = g_ptr_array_index (all, 0);
  g_assert_cmpint (c->kind, ==, LIAISON_SYNC_CHANGE_UPDATE);
  g_assert_cmpint (c->side, ==, LIAISON_SERVICE_LSQ);
  g_assert_cmpstr (c->field, ==, "city");
  g_assert_null (c->before);
  g_assert_cmpstr (c->after, ==, "Pune");
  c = g_ptr_array_index (all, 1);
  g_assert_cmpint (c->side, ==, LIAISON_SERVICE_GHL);
  g_assert_cmpstr (c->field, ==, "doNotContact");
  g_assert_cmpstr (c->after, ==, "Yes");
  c = g_ptr_array_index (all, 2);
  g_assert_cmpstr (c->field, ==, "tags");
  g_assert_cmpstr (c->before, ==, "vip");
  g_assert_cmpstr (c->after, ==, "vip, webinar");
  c = g_ptr_array_index (all, 3);
  g_assert_cmpint (c->kind, ==, LIAISON_SYNC_CHANGE_LINK);
  g_assert_cmpstr (c->reason, ==, "Matched by e-mail address.");
  g_assert_cmpstr (c->email, ==, "l2@example.com");
  c = g_ptr_array_index (all, 4);
  g_assert_cmpint (c->kind, ==, LIAISON_SYNC_CHANGE_CONFLICT);
  g_assert_cmpstr (c->field, ==, "firstName");
  g_assert_cmpstr (c->before, ==, "Dmitry");
  g_assert_null (c->after);
  c = g_ptr_array_index (all, 5);
  g_assert_cmpint (c->kind, ==, LIAISON_SYNC_CHANGE_CREATE);
  g_assert_cmpint (c->side, ==, LIAISON_SERVICE_GHL);
  c = g_ptr_array_index (all, 7);
  g_assert_cmpint (c->kind, ==, LIAISON_SYNC_CHANGE_SKIP);
  g_assert_cmpstr (c->ghl_id, ==, "g3");
  g_assert_cmpstr (c->reason, ==, "It has neither an e-mail address nor a phone number.");
  c = g_ptr_array_index (all, 8);
  g_assert_cmpint (c->kind, ==, LIAISON_SYNC_CHANGE_UNLINK);

  /* A cap keeps the first lines and still counts them all. */
  some = liaison_sync_plan_list_changes (plan, 4, &n);
  g_assert_cmpuint (some->len, ==, 4);
  g_assert_cmpuint (n, ==, 9);
  g_assert_cmpint (((LiaisonSyncChange *) g_ptr_array_index (some, 3))->kind, ==,
                   LIAISON_SYNC_CHANGE_LINK);
}

int
main (int argc, char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sync-preview/summary", test_summary);
  g_test_add_func ("/sync-preview/changes", test_changes);
  return g_test_run ();
}
