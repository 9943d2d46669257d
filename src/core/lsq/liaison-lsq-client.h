/* liaison-lsq-client.h: typed, asynchronous access to one LeadSquared
 * account through the API v2 (region discovery, leads, lead metadata,
 * notes, tasks and appointments, users).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-http.h"
#include "liaison-lsq-json.h"

G_BEGIN_DECLS

/* Region discovery works on any host; this is the documented default. */
#define LIAISON_LSQ_DEFAULT_URL "https://api.leadsquared.com"
/* Lead/Bulk/CreateOrUpdate takes at most this many leads per call. */
#define LIAISON_LSQ_BULK_BATCH 25
/* Leads.RecentlyModified returns at most this many leads per call. */
#define LIAISON_LSQ_MAX_PAGE_SIZE 5000

#define LIAISON_TYPE_LSQ_CLIENT (liaison_lsq_client_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonLsqClient, liaison_lsq_client, LIAISON, LSQ_CLIENT, GObject)

LiaisonLsqClient *liaison_lsq_client_new (LiaisonHttp *http);
LiaisonHttp *liaison_lsq_client_get_http (LiaisonLsqClient *self);
LiaisonHttpPriority liaison_lsq_client_get_priority (LiaisonLsqClient *self);
void liaison_lsq_client_set_priority (LiaisonLsqClient *self, LiaisonHttpPriority priority);
void liaison_lsq_client_set_field_defs (LiaisonLsqClient *self, GPtrArray *field_defs);

/* Region discovery: asks UserByAccessKey.Get on base_url (NULL: the default
 * host) and returns a client for the account's regional API host. */
void liaison_lsq_client_discover_async (const char *base_url, LiaisonAuthorizer *keys,
                                        GCancellable *cancellable, GAsyncReadyCallback callback,
                                        gpointer user_data);
LiaisonLsqClient *liaison_lsq_client_discover_finish (GAsyncResult *result, LiaisonUser **user,
                                                      GError **error);
void liaison_lsq_client_get_key_user_async (LiaisonLsqClient *self, GCancellable *cancellable,
                                            GAsyncReadyCallback callback, gpointer user_data);
LiaisonUser *liaison_lsq_client_get_key_user_finish (LiaisonLsqClient *self, GAsyncResult *result,
                                                     char **api_url, GError **error);

/* Leads */
void liaison_lsq_client_get_lead_async (LiaisonLsqClient *self, const char *lead_id,
                                        GCancellable *cancellable, GAsyncReadyCallback callback,
                                        gpointer user_data);
LiaisonContact *liaison_lsq_client_get_lead_finish (LiaisonLsqClient *self, GAsyncResult *result,
                                                    GError **error);
void liaison_lsq_client_find_leads_by_email_async (LiaisonLsqClient *self, const char *email,
                                                   GCancellable *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer user_data);
void liaison_lsq_client_find_leads_by_phone_async (LiaisonLsqClient *self, const char *phone,
                                                   GCancellable *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer user_data);
void liaison_lsq_client_recently_modified_async (LiaisonLsqClient *self, GDateTime *from,
                                                 GDateTime *to, guint page_index, guint page_size,
                                                 GCancellable *cancellable,
                                                 GAsyncReadyCallback callback, gpointer user_data);
GPtrArray *liaison_lsq_client_recently_modified_finish (LiaisonLsqClient *self,
                                                        GAsyncResult *result, guint *record_count,
                                                        gboolean *more, GError **error);
void liaison_lsq_client_create_lead_async (LiaisonLsqClient *self, LiaisonContact *contact,
                                           GCancellable *cancellable, GAsyncReadyCallback callback,
                                           gpointer user_data);
void liaison_lsq_client_update_lead_async (LiaisonLsqClient *self, LiaisonContact *contact,
                                           GCancellable *cancellable, GAsyncReadyCallback callback,
                                           gpointer user_data);
void liaison_lsq_client_create_or_update_lead_async (LiaisonLsqClient *self,
                                                     LiaisonContact *contact, const char *search_by,
                                                     GCancellable *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer user_data);
void liaison_lsq_client_bulk_create_or_update_async (LiaisonLsqClient *self, GPtrArray *contacts,
                                                     const char *search_by,
                                                     GCancellable *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer user_data);
GPtrArray *liaison_lsq_client_bulk_create_or_update_finish (LiaisonLsqClient *self,
                                                            GAsyncResult *result, GError **error);
void liaison_lsq_client_get_metadata_async (LiaisonLsqClient *self, GCancellable *cancellable,
                                            GAsyncReadyCallback callback, gpointer user_data);

/* Notes of a lead */
void liaison_lsq_client_create_note_async (LiaisonLsqClient *self, LiaisonNote *note,
                                           GCancellable *cancellable, GAsyncReadyCallback callback,
                                           gpointer user_data);
void liaison_lsq_client_list_notes_async (LiaisonLsqClient *self, const char *lead_id,
                                          GCancellable *cancellable, GAsyncReadyCallback callback,
                                          gpointer user_data);
void liaison_lsq_client_update_note_async (LiaisonLsqClient *self, LiaisonNote *note,
                                           GCancellable *cancellable, GAsyncReadyCallback callback,
                                           gpointer user_data);

/* Tasks: to-dos (LiaisonTask) and appointments (LiaisonAppointment) */
void liaison_lsq_client_create_task_async (LiaisonLsqClient *self, LiaisonTask *task,
                                           const char *task_type, GCancellable *cancellable,
                                           GAsyncReadyCallback callback, gpointer user_data);
void liaison_lsq_client_create_appointment_async (LiaisonLsqClient *self,
                                                  LiaisonAppointment *appointment,
                                                  const char *task_type, GCancellable *cancellable,
                                                  GAsyncReadyCallback callback, gpointer user_data);
void liaison_lsq_client_update_task_async (LiaisonLsqClient *self, LiaisonTask *task,
                                           GCancellable *cancellable, GAsyncReadyCallback callback,
                                           gpointer user_data);
void liaison_lsq_client_update_appointment_async (LiaisonLsqClient *self,
                                                  LiaisonAppointment *appointment,
                                                  GCancellable *cancellable,
                                                  GAsyncReadyCallback callback, gpointer user_data);
void liaison_lsq_client_complete_task_async (LiaisonLsqClient *self, const char *task_id,
                                             GCancellable *cancellable,
                                             GAsyncReadyCallback callback, gpointer user_data);
void liaison_lsq_client_get_task_async (LiaisonLsqClient *self, const char *task_id,
                                        GCancellable *cancellable, GAsyncReadyCallback callback,
                                        gpointer user_data);
GObject *liaison_lsq_client_get_task_finish (LiaisonLsqClient *self, GAsyncResult *result,
                                             GError **error);
/* At most LIAISON_LSQ_DELETE_TASKS_MAX task ids per DeleteTasks. */
#define LIAISON_LSQ_DELETE_TASKS_MAX 5000
void liaison_lsq_client_delete_tasks_async (LiaisonLsqClient *self, const char *const *task_ids,
                                            GCancellable *cancellable,
                                            GAsyncReadyCallback callback, gpointer user_data);
gint64 liaison_lsq_client_delete_tasks_finish (LiaisonLsqClient *self, GAsyncResult *result,
                                               GError **error);
void liaison_lsq_client_list_lead_tasks_async (LiaisonLsqClient *self, const char *lead_id,
                                               gboolean details, GCancellable *cancellable,
                                               GAsyncReadyCallback callback, gpointer user_data);

/* Users */
void liaison_lsq_client_list_users_async (LiaisonLsqClient *self, GCancellable *cancellable,
                                          GAsyncReadyCallback callback, gpointer user_data);

/* Shared finishes. id_finish: the new record's id (creates, CreateOrUpdate).
 * done_finish: updates and MarkComplete. list_finish: every find_, list_
 * and get_metadata, a GPtrArray of models. */
char *liaison_lsq_client_id_finish (LiaisonLsqClient *self, GAsyncResult *result, GError **error);
gboolean liaison_lsq_client_done_finish (LiaisonLsqClient *self, GAsyncResult *result,
                                         GError **error);
GPtrArray *liaison_lsq_client_list_finish (LiaisonLsqClient *self, GAsyncResult *result,
                                           GError **error);

G_END_DECLS
