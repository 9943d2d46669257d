/* liaison-mapping-model.c: see liaison-mapping-model.h. The field lists and labels are in
 * liaison-mapping-fields.c.
 *
 * The saved map, the phone region and the field definitions and users a refresh cached are
 * read in one store worker job (liaison_store_read_mapping_state_async): the main thread never
 * waits for the disk. check_saved reads the map and the region again to learn of a save made
 * elsewhere (liaison-cli shares the store).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-models"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liaison-field-map-cache.h"
#include "liaison-mapping-model-private.h"
#include "liaison-mapping-pair-private.h"
#include "liaison-store-sync.h"

static void liaison_mapping_model_list_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LiaisonMappingModel, liaison_mapping_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      liaison_mapping_model_list_init))

enum
{
  PROP_0,
  PROP_LOADED,
  PROP_MODIFIED,
  PROP_VALID,
  PROP_REGION,
  PROP_REVIEWED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- GListModel ---- */

static GType
list_get_item_type (GListModel *list)
{
  return LIAISON_TYPE_MAPPING_PAIR;
}

static guint
list_get_n_items (GListModel *list)
{
  return LIAISON_MAPPING_MODEL (list)->items->len;
}

static gpointer
list_get_item (GListModel *list, guint position)
{
  LiaisonMappingModel *self = LIAISON_MAPPING_MODEL (list);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
liaison_mapping_model_list_init (GListModelInterface *iface)
{
  iface->get_item_type = list_get_item_type;
  iface->get_n_items = list_get_n_items;
  iface->get_item = list_get_item;
}

/* ---- the object ---- */

static void
liaison_mapping_model_dispose (GObject *object)
{
  LiaisonMappingModel *self = LIAISON_MAPPING_MODEL (object);

  g_clear_object (&self->store);
  g_clear_object (&self->map);
  g_clear_object (&self->saved);
  for (guint s = 0; s < 2; s++)
    {
      g_clear_pointer (&self->defs[s], g_ptr_array_unref);
      g_clear_pointer (&self->users[s], g_ptr_array_unref);
      g_clear_object (&self->fields[s]);
    }
  g_clear_pointer (&self->items, g_ptr_array_unref);
  G_OBJECT_CLASS (liaison_mapping_model_parent_class)->dispose (object);
}

static void
liaison_mapping_model_finalize (GObject *object)
{
  LiaisonMappingModel *self = LIAISON_MAPPING_MODEL (object);

  for (guint s = 0; s < 2; s++)
    g_free (self->connection[s]);
  g_free (self->saved_json);
  g_free (self->saved_region);
  g_free (self->region);
  G_OBJECT_CLASS (liaison_mapping_model_parent_class)->finalize (object);
}

static void
liaison_mapping_model_get_property (GObject *object, guint prop_id, GValue *value,
                                    GParamSpec *pspec)
{
  LiaisonMappingModel *self = LIAISON_MAPPING_MODEL (object);

  switch (prop_id)
    {
      case PROP_LOADED:
        g_value_set_boolean (value, self->loaded);
        break;
      case PROP_MODIFIED:
        g_value_set_boolean (value, self->modified);
        break;
      case PROP_VALID:
        g_value_set_boolean (value, self->valid);
        break;
      case PROP_REGION:
        g_value_set_string (value, self->region);
        break;
      case PROP_REVIEWED:
        g_value_set_boolean (value, self->reviewed);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_mapping_model_class_init (LiaisonMappingModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = liaison_mapping_model_dispose;
  object_class->finalize = liaison_mapping_model_finalize;
  object_class->get_property = liaison_mapping_model_get_property;

  properties[PROP_LOADED] = g_param_spec_boolean ("loaded", NULL, NULL, FALSE, flags);
  properties[PROP_MODIFIED] = g_param_spec_boolean ("modified", NULL, NULL, FALSE, flags);
  properties[PROP_VALID] = g_param_spec_boolean ("valid", NULL, NULL, TRUE, flags);
  properties[PROP_REGION] = g_param_spec_string ("region", NULL, NULL, NULL, flags);
  properties[PROP_REVIEWED] = g_param_spec_boolean ("reviewed", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_mapping_model_init (LiaisonMappingModel *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->valid = TRUE;
  for (guint s = 0; s < 2; s++)
    self->fields[s] = g_list_store_new (LIAISON_TYPE_FIELD_DEF);
}

LiaisonMappingModel *
liaison_mapping_model_new (LiaisonStore *store, const char *lsq_connection,
                           const char *ghl_connection)
{
  LiaisonMappingModel *self;

  g_return_val_if_fail (LIAISON_IS_STORE (store), NULL);
  self = g_object_new (LIAISON_TYPE_MAPPING_MODEL, NULL);
  self->store = g_object_ref (store);
  self->connection[LIAISON_SERVICE_LSQ] = g_strdup (lsq_connection);
  self->connection[LIAISON_SERVICE_GHL] = g_strdup (ghl_connection);
  return self;
}

/* ---- state ---- */

static char *
map_text (LiaisonFieldMap *map)
{
  g_autoptr (JsonNode) node = liaison_field_map_to_json (map);

  return json_to_string (node, FALSE);
}

static void
set_flag (LiaisonMappingModel *self, gboolean *flag, gboolean value, guint prop)
{
  if (*flag == value)
    return;
  *flag = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

/* Which validation sentences belong to which pair: the sentences the map of the first i + 1
 * pairs has and that of the first i has not are pair i's (its own, and a field it writes that
 * an earlier pair writes too). */
static void
update_problems (LiaisonMappingModel *self)
{
  guint n = liaison_field_map_get_n_pairs (self->map);
  g_autoptr (LiaisonFieldMap) prefix = liaison_field_map_copy (self->map);
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  gboolean valid = TRUE;

  for (guint i = n; i > 0; i--)
    {
      g_autoptr (GError) error = NULL;

      if (!liaison_field_map_validate (prefix, self->defs[0], self->defs[1], &error))
        g_ptr_array_insert (lines, 0, g_strsplit (error->message, "\n", -1));
      else
        g_ptr_array_insert (lines, 0, g_new0 (char *, 1));
      liaison_field_map_remove_pair (prefix, liaison_field_map_get_key (prefix, i - 1));
    }
  for (guint i = 0; i < n && i < self->items->len; i++)
    {
      char **now = g_ptr_array_index (lines, i);
      char **before = i > 0 ? g_ptr_array_index (lines, i - 1) : NULL;
      g_autoptr (GString) own = g_string_new (NULL);

      for (guint k = 0; now[k] != NULL; k++)
        if (*now[k] != '\0'
            && (before == NULL || !g_strv_contains ((const char *const *) before, now[k])))
          g_string_append_printf (own, "%s%s", own->len > 0 ? "\n" : "", now[k]);
      liaison_mapping_pair_set_problem (g_ptr_array_index (self->items, i), own->str);
      valid = valid && own->len == 0;
    }
  set_flag (self, &self->valid, valid, PROP_VALID);
}

static void
update_modified (LiaisonMappingModel *self)
{
  gboolean modified;

  if (self->map == NULL || self->saved == NULL)
    modified = FALSE;
  else
    {
      g_autofree char *a = map_text (self->map);
      g_autofree char *b = map_text (self->saved);

      /* Edits undone by hand leave nothing to save; a damaged saved map is replaced. */
      modified = g_strcmp0 (a, b) != 0 || self->saved_damaged;
      if (!modified)
        self->is_default = self->saved_is_default;
      modified = modified || g_strcmp0 (self->region, self->saved_region) != 0;
    }
  set_flag (self, &self->modified, modified, PROP_MODIFIED);
}

static LiaisonMappingPair *
item_for (LiaisonMappingModel *self, guint i)
{
  const char *key = liaison_field_map_get_key (self->map, i);
  const char *lsq = liaison_field_map_get_field (self->map, i, LIAISON_SERVICE_LSQ);
  const char *ghl = liaison_field_map_get_field (self->map, i, LIAISON_SERVICE_GHL);
  g_autofree char *lsq_label = liaison_mapping_model_dup_label (self, LIAISON_SERVICE_LSQ, lsq);
  g_autofree char *ghl_label = liaison_mapping_model_dup_label (self, LIAISON_SERVICE_GHL, ghl);
  LiaisonMappingPair *item = liaison_mapping_pair_new (key, lsq, ghl, lsq_label, ghl_label);

  liaison_mapping_pair_update (item, liaison_field_map_get_direction (self->map, i),
                               liaison_field_map_get_transform (self->map, i),
                               liaison_field_map_get_policy (self->map, i));
  return item;
}

static gboolean
same_item (LiaisonMappingPair *a, LiaisonMappingPair *b)
{
  if (g_strcmp0 (liaison_mapping_pair_get_key (a), liaison_mapping_pair_get_key (b)) != 0)
    return FALSE;
  for (guint s = 0; s < 2; s++)
    if (g_strcmp0 (liaison_mapping_pair_get_field (a, s), liaison_mapping_pair_get_field (b, s))
            != 0
        || g_strcmp0 (liaison_mapping_pair_get_label (a, s), liaison_mapping_pair_get_label (b, s))
               != 0)
      return FALSE;
  return TRUE;
}

/* The items anew from the copy (after it was replaced, or a pair added or removed). When the
 * pairs are the same ones (a reload after a refresh that changed nothing the map names), the
 * items stay and only their values follow, so that views keep their rows. */
static void
rebuild (LiaisonMappingModel *self)
{
  guint removed = self->items->len;
  guint n = self->map != NULL ? liaison_field_map_get_n_pairs (self->map) : 0;
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean same = n == removed;

  for (guint i = 0; i < n; i++)
    {
      g_ptr_array_add (items, item_for (self, i));
      same = same && same_item (g_ptr_array_index (items, i), g_ptr_array_index (self->items, i));
    }
  if (same)
    for (guint i = 0; i < n; i++)
      liaison_mapping_pair_update (g_ptr_array_index (self->items, i),
                                   liaison_field_map_get_direction (self->map, i),
                                   liaison_field_map_get_transform (self->map, i),
                                   liaison_field_map_get_policy (self->map, i));
  else
    {
      g_ptr_array_unref (self->items);
      self->items = g_steal_pointer (&items);
    }
  if (self->map != NULL)
    update_problems (self);
  update_modified (self);
  if (!same)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, n);
}

/* After an edit of pair i in place. */
void
liaison_mapping_model_changed_pair (LiaisonMappingModel *self, guint i)
{
  self->is_default = FALSE;
  liaison_mapping_pair_update (
      g_ptr_array_index (self->items, i), liaison_field_map_get_direction (self->map, i),
      liaison_field_map_get_transform (self->map, i), liaison_field_map_get_policy (self->map, i));
  update_problems (self);
  update_modified (self);
}

void
liaison_mapping_model_fit (LiaisonMappingModel *self, LiaisonFieldMap *map)
{
  liaison_field_map_set_field_defs (map, self->defs[0], self->defs[1]);
  liaison_field_map_set_users (map, self->users[0], self->users[1]);
  /* The region as edited; unchanged, the store's (which may be given at its opening). */
  liaison_field_map_set_default_region (map, g_strcmp0 (self->region, self->saved_region) == 0
                                                 ? liaison_store_get_default_region (self->store)
                                                 : self->region);
}

/* ---- loading ---- */

static void
take_side (LiaisonMappingModel *self, LiaisonSide side, LiaisonStoreMappingState *state)
{
  g_autoptr (GPtrArray) defs = NULL;
  g_autoptr (GPtrArray) users = NULL;

  g_clear_pointer (&self->defs[side], g_ptr_array_unref);
  g_clear_pointer (&self->users[side], g_ptr_array_unref);
  self->fields_known[side] = FALSE;
  if (self->connection[side] == NULL || state->fields[side] == NULL)
    return;
  defs = liaison_field_map_parse_cache (state->fields[side], LIAISON_RECORD_FIELD);
  users = liaison_field_map_parse_cache (state->users[side], LIAISON_RECORD_USER);
  /* Users and fields are read before the contacts in every refresh, and every account has a
   * user: without either, no refresh has read this account yet. */
  self->fields_known[side] = defs->len > 0 || users->len > 0;
  /* An account whose fields were never read tells nothing about what it lacks. */
  if (defs->len > 0)
    self->defs[side] = g_steal_pointer (&defs);
  if (users->len > 0)
    self->users[side] = g_steal_pointer (&users);
}

static LiaisonFieldMap *
map_for (LiaisonMappingModel *self, const char *json, GError **error)
{
  return liaison_field_map_new_for_accounts (json, self->defs[0], self->users[0], self->defs[1],
                                             self->users[1],
                                             liaison_store_get_default_region (self->store), error);
}

static void
on_state_loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  LiaisonMappingModel *self = g_task_get_source_object (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) map_error = NULL;
  g_autoptr (LiaisonStoreMappingState) state
      = liaison_store_read_mapping_state_finish (LIAISON_STORE (source), result, &error);

  if (state == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  for (guint s = 0; s < 2; s++)
    take_side (self, s, state);
  liaison_mapping_fields_fill (self);

  g_clear_object (&self->saved);
  self->saved = map_for (self, state->json, &map_error);
  self->saved_is_default = state->json == NULL;
  self->saved_damaged = self->saved == NULL;
  if (self->saved == NULL)
    {
      /* The saved map cannot be read: the defaults stand in, and a save replaces it. */
      self->saved = map_for (self, NULL, &error);
      self->saved_is_default = FALSE;
      if (self->saved == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  g_free (self->saved_json);
  self->saved_json = g_steal_pointer (&state->json);
  g_free (self->saved_region);
  self->saved_region = g_steal_pointer (&state->region);
  g_free (self->region);
  self->region = g_strdup (self->saved_region);
  self->reviewed = state->reviewed;
  g_clear_object (&self->map);
  self->map = liaison_field_map_copy (self->saved);
  self->is_default = self->saved_is_default || map_error != NULL;
  rebuild (self);
  set_flag (self, &self->loaded, TRUE, PROP_LOADED);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGION]);
  if (map_error != NULL)
    g_task_return_error (task, g_steal_pointer (&map_error));
  else
    g_task_return_boolean (task, TRUE);
}

void
liaison_mapping_model_load_async (LiaisonMappingModel *self, GCancellable *cancellable,
                                  GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (LIAISON_IS_MAPPING_MODEL (self));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_mapping_model_load_async);
  liaison_store_read_mapping_state_async (self->store, self->connection[0], self->connection[1],
                                          cancellable, on_state_loaded, g_steal_pointer (&task));
}

gboolean
liaison_mapping_model_load_finish (LiaisonMappingModel *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- getters ---- */

gboolean
liaison_mapping_model_get_loaded (LiaisonMappingModel *self)
{
  g_return_val_if_fail (LIAISON_IS_MAPPING_MODEL (self), FALSE);
  return self->loaded;
}

gboolean
liaison_mapping_model_get_connected (LiaisonMappingModel *self, LiaisonSide side)
{
  g_return_val_if_fail (LIAISON_IS_MAPPING_MODEL (self), FALSE);
  return self->connection[side] != NULL;
}

gboolean
liaison_mapping_model_get_fields_known (LiaisonMappingModel *self, LiaisonSide side)
{
  g_return_val_if_fail (LIAISON_IS_MAPPING_MODEL (self), FALSE);
  return self->connection[side] != NULL && self->fields_known[side];
}

gboolean
liaison_mapping_model_get_modified (LiaisonMappingModel *self)
{
  g_return_val_if_fail (LIAISON_IS_MAPPING_MODEL (self), FALSE);
  return self->modified;
}

gboolean
liaison_mapping_model_get_valid (LiaisonMappingModel *self)
{
  g_return_val_if_fail (LIAISON_IS_MAPPING_MODEL (self), FALSE);
  return self->valid;
}

gboolean
liaison_mapping_model_get_is_default (LiaisonMappingModel *self)
{
  g_return_val_if_fail (LIAISON_IS_MAPPING_MODEL (self), FALSE);
  return self->is_default;
}

char *
liaison_mapping_model_dup_json (LiaisonMappingModel *self)
{
  g_return_val_if_fail (LIAISON_IS_MAPPING_MODEL (self), NULL);
  return self->map != NULL ? map_text (self->map) : NULL;
}

LiaisonFieldMap *
liaison_mapping_model_dup_map (LiaisonMappingModel *self)
{
  LiaisonFieldMap *copy;

  g_return_val_if_fail (LIAISON_IS_MAPPING_MODEL (self), NULL);
  if (self->map == NULL)
    return NULL;
  copy = liaison_field_map_copy (self->map);
  liaison_mapping_model_fit (self, copy);
  return copy;
}

/* ---- edits ---- */

int
liaison_mapping_model_index_of (LiaisonMappingModel *self, const char *key)
{
  g_return_val_if_fail (LIAISON_IS_MAPPING_MODEL (self), -1);
  return self->map != NULL ? liaison_field_map_find (self->map, key) : -1;
}

gboolean
liaison_mapping_model_set_direction (LiaisonMappingModel *self, const char *key,
                                     LiaisonSyncDirection direction)
{
  int i = liaison_mapping_model_index_of (self, key);

  if (i < 0)
    return FALSE;
  if (liaison_field_map_get_direction (self->map, i) != direction)
    {
      liaison_field_map_set_direction (self->map, i, direction);
      liaison_mapping_model_changed_pair (self, i);
    }
  return TRUE;
}

gboolean
liaison_mapping_model_set_policy (LiaisonMappingModel *self, const char *key,
                                  LiaisonConflictPolicy policy)
{
  int i = liaison_mapping_model_index_of (self, key);

  if (i < 0)
    return FALSE;
  if (liaison_field_map_get_policy (self->map, i) != policy)
    {
      liaison_field_map_set_policy (self->map, i, policy);
      liaison_mapping_model_changed_pair (self, i);
    }
  return TRUE;
}

gboolean
liaison_mapping_model_remove_pair (LiaisonMappingModel *self, const char *key)
{
  if (liaison_mapping_model_index_of (self, key) < 0)
    return FALSE;
  liaison_field_map_remove_pair (self->map, key);
  self->is_default = FALSE;
  rebuild (self);
  return TRUE;
}

const char *
liaison_mapping_model_add_pair (LiaisonMappingModel *self, const char *lsq_field,
                                const char *ghl_field, GError **error)
{
  g_autoptr (JsonObject) pair = NULL;
  int i;

  g_return_val_if_fail (LIAISON_IS_MAPPING_MODEL (self) && self->map != NULL, NULL);
  pair = liaison_mapping_fields_new_pair (self, lsq_field, ghl_field, error);
  if (pair == NULL || !liaison_field_map_put_pair (self->map, pair, error))
    return NULL;
  liaison_mapping_model_fit (self, self->map);
  self->is_default = FALSE;
  rebuild (self);
  i = liaison_field_map_find (self->map, json_object_get_string_member (pair, "key"));
  return liaison_field_map_get_key (self->map, i);
}

void
liaison_mapping_model_reset (LiaisonMappingModel *self)
{
  g_autoptr (GError) error = NULL;
  LiaisonFieldMap *defaults;

  g_return_if_fail (LIAISON_IS_MAPPING_MODEL (self));
  defaults = map_for (self, NULL, &error);
  if (defaults == NULL)
    {
      /* Only a cache that cannot be read gets here: the plain defaults, fitted to nothing. */
      g_warning ("The defaults cannot be fitted to the accounts: %s", error->message);
      defaults = liaison_field_map_new_default ();
      liaison_mapping_model_fit (self, defaults);
    }
  g_clear_object (&self->map);
  self->map = defaults;
  self->is_default = TRUE;
  rebuild (self);
}

void
liaison_mapping_model_discard (LiaisonMappingModel *self)
{
  g_return_if_fail (LIAISON_IS_MAPPING_MODEL (self));
  if (self->saved == NULL)
    return;
  g_clear_object (&self->map);
  self->map = liaison_field_map_copy (self->saved);
  self->is_default = self->saved_is_default;
  if (g_strcmp0 (self->region, self->saved_region) != 0)
    {
      g_free (self->region);
      self->region = g_strdup (self->saved_region);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGION]);
    }
  rebuild (self);
}

/* ---- the phone region ---- */

const char *
liaison_mapping_model_get_region (LiaisonMappingModel *self)
{
  g_return_val_if_fail (LIAISON_IS_MAPPING_MODEL (self), NULL);
  return self->region;
}

gboolean
liaison_mapping_model_set_region (LiaisonMappingModel *self, const char *region, GError **error)
{
  g_return_val_if_fail (LIAISON_IS_MAPPING_MODEL (self), FALSE);
  if (region != NULL && *region == '\0')
    region = NULL;
  if (region != NULL && !liaison_store_check_phone_region (region, error))
    return FALSE;
  if (g_strcmp0 (region, self->region) == 0)
    return TRUE;
  g_free (self->region);
  self->region = g_strdup (region);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGION]);
  update_modified (self);
  return TRUE;
}

gboolean
liaison_mapping_model_get_reviewed (LiaisonMappingModel *self)
{
  g_return_val_if_fail (LIAISON_IS_MAPPING_MODEL (self), FALSE);
  return self->reviewed;
}

/* ---- what is saved elsewhere ---- */

static void
on_state_checked (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  LiaisonMappingModel *self = g_task_get_source_object (task);
  GError *error = NULL;
  g_autoptr (LiaisonStoreMappingState) state
      = liaison_store_read_mapping_state_finish (LIAISON_STORE (source), result, &error);
  gboolean region_moved;

  if (state == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  region_moved = g_strcmp0 (state->region, self->saved_region) != 0;
  /* Another process saved a region: the store reads phone numbers in it from now on, as a
   * store opened now would. */
  if (region_moved)
    liaison_store_set_default_region (self->store, state->region);
  g_task_return_boolean (task, region_moved || g_strcmp0 (state->json, self->saved_json) != 0);
}

void
liaison_mapping_model_check_saved_async (LiaisonMappingModel *self, GCancellable *cancellable,
                                         GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (LIAISON_IS_MAPPING_MODEL (self));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_mapping_model_check_saved_async);
  if (!self->loaded)
    {
      g_task_return_boolean (task, FALSE);
      return;
    }
  liaison_store_read_mapping_state_async (self->store, NULL, NULL, cancellable, on_state_checked,
                                          g_steal_pointer (&task));
}

gboolean
liaison_mapping_model_check_saved_finish (LiaisonMappingModel *self, GAsyncResult *result,
                                          GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- saving ---- */

typedef struct
{
  LiaisonFieldMap *map; /* what is being saved */
  gboolean is_default;
  char *json;
  char *region;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->map);
  g_free (data->json);
  g_free (data->region);
  g_free (data);
}

static void
on_region_saved (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  LiaisonMappingModel *self = g_task_get_source_object (task);
  SaveData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!liaison_store_save_phone_region_finish (LIAISON_STORE (source), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_free (self->saved_region);
  self->saved_region = g_strdup (data->region);
  update_modified (self);
  g_task_return_boolean (task, TRUE);
}

static void
on_mapping_saved (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  LiaisonMappingModel *self = g_task_get_source_object (task);
  SaveData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!liaison_store_save_mapping_finish (LIAISON_STORE (source), result, NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_set_object (&self->saved, data->map);
  self->saved_is_default = data->is_default;
  self->saved_damaged = FALSE;
  g_free (self->saved_json);
  self->saved_json = g_strdup (data->json);
  if (!self->reviewed)
    {
      self->reviewed = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVIEWED]);
    }
  update_modified (self);
  /* The region is saved with the pairs, once they are. */
  if (g_strcmp0 (data->region, self->saved_region) != 0)
    {
      liaison_store_save_phone_region_async (self->store, data->region,
                                             g_task_get_cancellable (task), on_region_saved,
                                             g_object_ref (task));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
liaison_mapping_model_save_async (LiaisonMappingModel *self, GCancellable *cancellable,
                                  GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GError) error = NULL;
  SaveData *data;

  g_return_if_fail (LIAISON_IS_MAPPING_MODEL (self));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_mapping_model_save_async);
  if (self->map == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               _ ("The field map has not been read yet."));
      return;
    }
  if (!liaison_field_map_validate (self->map, self->defs[0], self->defs[1], &error))
    {
      update_problems (self);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  data = g_new0 (SaveData, 1);
  data->map = liaison_field_map_copy (self->map);
  data->is_default = self->is_default;
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  data->region = g_strdup (self->region);
  /* The defaults are not stored: a later release's defaults then apply. */
  if (!data->is_default)
    data->json = map_text (data->map);
  liaison_store_save_mapping_async (self->store, data->json, cancellable, on_mapping_saved,
                                    g_steal_pointer (&task));
}

gboolean
liaison_mapping_model_save_finish (LiaisonMappingModel *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
