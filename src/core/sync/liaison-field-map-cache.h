/* liaison-field-map-cache.h: what a field map needs to know about a connection, read from the
 * store's cache (the field definitions and users a refresh kept), and the map a profile uses.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-field-map.h"
#include "liaison-store.h"

G_BEGIN_DECLS

/* The cached field definitions (LiaisonFieldDef) and users (LiaisonUser) of one connection, as a
 * refresh stored them; a record that cannot be read is skipped. Reads through the store's reader
 * connection, which is the main thread's: call it there, never from a worker thread.
 * *field_defs / *users may be NULL to skip. */
gboolean liaison_field_map_read_cache (LiaisonStore *store, const char *connection_id,
                                       GPtrArray **field_defs, GPtrArray **users, GError **error);

/* The map stored JSON gives (liaison_store_load_mapping_finish), or the defaults when json is
 * NULL; then, as far as both connections' caches tell (a NULL connection id: not connected),
 * its custom fields are typed, its users set, and the defaults' pairs naming fields the
 * LeadSquared account lacks (mx_State...), or that the accounts' field types make invalid,
 * dropped: the fitted defaults always validate. A saved map is used as saved: fields gone
 * since make validate() refuse it, which says which. */
LiaisonFieldMap *liaison_field_map_new_for_profile (const char *json, LiaisonStore *store,
                                                    const char *lsq_connection,
                                                    const char *ghl_connection, GError **error);

/* The same from definitions and users already read (liaison_field_map_parse_cache on what
 * liaison_store_read_mapping_state_async read on the store's worker): reads nothing. An array
 * may be NULL: not connected, or never read. */
LiaisonFieldMap *liaison_field_map_new_for_accounts (const char *json, GPtrArray *lsq_defs,
                                                     GPtrArray *lsq_users, GPtrArray *ghl_defs,
                                                     GPtrArray *ghl_users, const char *region,
                                                     GError **error);
/* The cached records of one kind (LIAISON_RECORD_FIELD or LIAISON_RECORD_USER) as their raw JSON
 * (strings), made LiaisonFieldDef or LiaisonUser objects; one that cannot be read is skipped. */
GPtrArray *liaison_field_map_parse_cache (GPtrArray *raw, LiaisonRecordKind kind);

G_END_DECLS
