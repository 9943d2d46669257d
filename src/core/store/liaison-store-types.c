/* liaison-store-types.c: the boxed values and enums of LiaisonStore.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-store"

#include <json-glib/json-glib.h>

#include "liaison-store-types.h"

G_DEFINE_ENUM_TYPE (LiaisonService, liaison_service,
                    G_DEFINE_ENUM_VALUE (LIAISON_SERVICE_LSQ, "lsq"),
                    G_DEFINE_ENUM_VALUE (LIAISON_SERVICE_GHL, "ghl"))
G_DEFINE_ENUM_TYPE (LiaisonRecordKind, liaison_record_kind,
                    G_DEFINE_ENUM_VALUE (LIAISON_RECORD_CONTACT, "contact"),
                    G_DEFINE_ENUM_VALUE (LIAISON_RECORD_TASK, "task"),
                    G_DEFINE_ENUM_VALUE (LIAISON_RECORD_NOTE, "note"),
                    G_DEFINE_ENUM_VALUE (LIAISON_RECORD_APPOINTMENT, "appointment"),
                    G_DEFINE_ENUM_VALUE (LIAISON_RECORD_CALENDAR, "calendar"),
                    G_DEFINE_ENUM_VALUE (LIAISON_RECORD_USER, "user"),
                    G_DEFINE_ENUM_VALUE (LIAISON_RECORD_FIELD, "field"))
G_DEFINE_ENUM_TYPE (LiaisonLinkOrigin, liaison_link_origin,
                    G_DEFINE_ENUM_VALUE (LIAISON_LINK_MATCHED, "matched"),
                    G_DEFINE_ENUM_VALUE (LIAISON_LINK_MANUAL, "manual"),
                    G_DEFINE_ENUM_VALUE (LIAISON_LINK_CREATED, "created"))
G_DEFINE_ENUM_TYPE (LiaisonRefreshPhase, liaison_refresh_phase,
                    G_DEFINE_ENUM_VALUE (LIAISON_REFRESH_FULL, "full"),
                    G_DEFINE_ENUM_VALUE (LIAISON_REFRESH_INCREMENTAL, "incremental"))

/* The database spells values as the enums' nicks. */
static const char *
enum_to_string (GType type, int value)
{
  GEnumClass *klass = g_type_class_ref (type);
  GEnumValue *ev = g_enum_get_value (klass, value);
  const char *nick = ev ? ev->value_nick : NULL;

  g_type_class_unref (klass); /* static types: the nick outlives the reference */
  return nick;
}

static gboolean
enum_from_string (GType type, const char *str, int *value)
{
  GEnumClass *klass;
  GEnumValue *ev;

  if (str == NULL)
    return FALSE;
  klass = g_type_class_ref (type);
  ev = g_enum_get_value_by_nick (klass, str);
  if (ev != NULL)
    *value = ev->value;
  g_type_class_unref (klass);
  return ev != NULL;
}

#define DEFINE_STRING_CONVERSIONS(Type, type_name, TYPE_MACRO)                                     \
  const char *type_name##_to_string (Type v)                                                       \
  {                                                                                                \
    return enum_to_string (TYPE_MACRO, (int) v);                                                   \
  }                                                                                                \
  gboolean type_name##_from_string (const char *str, Type *out)                                    \
  {                                                                                                \
    int v = 0;                                                                                     \
    if (!enum_from_string (TYPE_MACRO, str, &v))                                                   \
      return FALSE;                                                                                \
    *out = (Type) v;                                                                               \
    return TRUE;                                                                                   \
  }

DEFINE_STRING_CONVERSIONS (LiaisonService, liaison_service, LIAISON_TYPE_SERVICE)
DEFINE_STRING_CONVERSIONS (LiaisonRecordKind, liaison_record_kind, LIAISON_TYPE_RECORD_KIND)
DEFINE_STRING_CONVERSIONS (LiaisonLinkOrigin, liaison_link_origin, LIAISON_TYPE_LINK_ORIGIN)
DEFINE_STRING_CONVERSIONS (LiaisonRefreshPhase, liaison_refresh_phase, LIAISON_TYPE_REFRESH_PHASE)

G_DEFINE_BOXED_TYPE (LiaisonStoreConnection, liaison_store_connection,
                     liaison_store_connection_copy, liaison_store_connection_free)
G_DEFINE_BOXED_TYPE (LiaisonStoreRecord, liaison_store_record, liaison_store_record_copy,
                     liaison_store_record_free)
G_DEFINE_BOXED_TYPE (LiaisonStoreCursor, liaison_store_cursor, liaison_store_cursor_copy,
                     liaison_store_cursor_free)
G_DEFINE_BOXED_TYPE (LiaisonStoreLink, liaison_store_link, liaison_store_link_copy,
                     liaison_store_link_free)

LiaisonStoreConnection *
liaison_store_connection_new (LiaisonService service, const char *account_id)
{
  LiaisonStoreConnection *connection = g_new0 (LiaisonStoreConnection, 1);

  connection->service = service;
  connection->account_id = g_strdup (account_id);
  return connection;
}

LiaisonStoreConnection *
liaison_store_connection_copy (const LiaisonStoreConnection *connection)
{
  LiaisonStoreConnection *copy = g_memdup2 (connection, sizeof *connection);

  copy->id = g_strdup (connection->id);
  copy->account_id = g_strdup (connection->account_id);
  copy->display_name = g_strdup (connection->display_name);
  copy->host = g_strdup (connection->host);
  copy->details = g_strdup (connection->details);
  return copy;
}

void
liaison_store_connection_free (LiaisonStoreConnection *connection)
{
  if (connection == NULL)
    return;
  g_free (connection->id);
  g_free (connection->account_id);
  g_free (connection->display_name);
  g_free (connection->host);
  g_free (connection->details);
  g_free (connection);
}

char *
liaison_store_connection_dup_detail (const LiaisonStoreConnection *connection, const char *member)
{
  g_autoptr (JsonNode) node = NULL;
  JsonObject *object;
  JsonNode *value;

  g_return_val_if_fail (member != NULL, NULL);
  if (connection == NULL || connection->details == NULL
      || (node = json_from_string (connection->details, NULL)) == NULL
      || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  object = json_node_get_object (node);
  value = json_object_get_member (object, member);
  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value)
      || json_node_get_value_type (value) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (value));
}

LiaisonStoreRecord *
liaison_store_record_new (LiaisonRecordKind kind, const char *remote_id, const char *raw)
{
  LiaisonStoreRecord *record = g_new0 (LiaisonStoreRecord, 1);

  record->kind = kind;
  record->remote_id = g_strdup (remote_id);
  record->raw = g_strdup (raw);
  return record;
}

LiaisonStoreRecord *
liaison_store_record_copy (const LiaisonStoreRecord *record)
{
  LiaisonStoreRecord *copy = g_memdup2 (record, sizeof *record);

  copy->remote_id = g_strdup (record->remote_id);
  copy->parent_id = g_strdup (record->parent_id);
  copy->raw = g_strdup (record->raw);
  copy->display_name = g_strdup (record->display_name);
  copy->email = g_strdup (record->email);
  copy->phone = g_strdup (record->phone);
  copy->company = g_strdup (record->company);
  copy->owner = g_strdup (record->owner);
  copy->connection_id = g_strdup (record->connection_id);
  copy->content_hash = g_strdup (record->content_hash);
  copy->email_norm = g_strdup (record->email_norm);
  copy->phone_norm = g_strdup (record->phone_norm);
  return copy;
}

void
liaison_store_record_free (LiaisonStoreRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->remote_id);
  g_free (record->parent_id);
  g_free (record->raw);
  g_free (record->display_name);
  g_free (record->email);
  g_free (record->phone);
  g_free (record->company);
  g_free (record->owner);
  g_free (record->connection_id);
  g_free (record->content_hash);
  g_free (record->email_norm);
  g_free (record->phone_norm);
  g_free (record);
}

LiaisonStoreCursor *
liaison_store_cursor_new (LiaisonRefreshPhase phase)
{
  LiaisonStoreCursor *cursor = g_new0 (LiaisonStoreCursor, 1);

  cursor->phase = phase;
  return cursor;
}

LiaisonStoreCursor *
liaison_store_cursor_copy (const LiaisonStoreCursor *cursor)
{
  LiaisonStoreCursor *copy = g_memdup2 (cursor, sizeof *cursor);

  copy->cursor = g_strdup (cursor->cursor);
  copy->page_token = g_strdup (cursor->page_token);
  return copy;
}

void
liaison_store_cursor_free (LiaisonStoreCursor *cursor)
{
  if (cursor == NULL)
    return;
  g_free (cursor->cursor);
  g_free (cursor->page_token);
  g_free (cursor);
}

LiaisonStoreLink *
liaison_store_link_new (LiaisonRecordKind kind, const char *lsq_connection, const char *lsq_id,
                        const char *ghl_connection, const char *ghl_id, LiaisonLinkOrigin origin)
{
  LiaisonStoreLink *link = g_new0 (LiaisonStoreLink, 1);

  link->kind = kind;
  link->lsq_connection = g_strdup (lsq_connection);
  link->lsq_id = g_strdup (lsq_id);
  link->ghl_connection = g_strdup (ghl_connection);
  link->ghl_id = g_strdup (ghl_id);
  link->origin = origin;
  return link;
}

LiaisonStoreLink *
liaison_store_link_copy (const LiaisonStoreLink *link)
{
  LiaisonStoreLink *copy = g_memdup2 (link, sizeof *link);

  copy->lsq_connection = g_strdup (link->lsq_connection);
  copy->lsq_id = g_strdup (link->lsq_id);
  copy->ghl_connection = g_strdup (link->ghl_connection);
  copy->ghl_id = g_strdup (link->ghl_id);
  copy->base_snapshot = g_strdup (link->base_snapshot);
  copy->base_hash = g_strdup (link->base_hash);
  return copy;
}

void
liaison_store_link_free (LiaisonStoreLink *link)
{
  if (link == NULL)
    return;
  g_free (link->lsq_connection);
  g_free (link->lsq_id);
  g_free (link->ghl_connection);
  g_free (link->ghl_id);
  g_free (link->base_snapshot);
  g_free (link->base_hash);
  g_free (link);
}
