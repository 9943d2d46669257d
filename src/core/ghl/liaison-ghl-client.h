/* liaison-ghl-client.h: typed, asynchronous access to one HighLevel
 * location through the API v2 (contacts, tags, tasks, notes, calendars,
 * free slots, appointments, custom fields, users).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-ghl-mapping.h"
#include "liaison-http.h"

G_BEGIN_DECLS

/* The Version header each API group requires (ghl-openapi/apps). */
#define LIAISON_GHL_VERSION_CONTACTS "2021-07-28"
#define LIAISON_GHL_VERSION_CALENDARS "2021-04-15"
#define LIAISON_GHL_DEFAULT_URL "https://services.leadconnectorhq.com"

#define LIAISON_TYPE_GHL_CLIENT (liaison_ghl_client_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonGhlClient, liaison_ghl_client, LIAISON, GHL_CLIENT, GObject)

LiaisonGhlClient *liaison_ghl_client_new (LiaisonHttp *http, const char *location_id);
LiaisonHttp *liaison_ghl_client_get_http (LiaisonGhlClient *self);
const char *liaison_ghl_client_get_location_id (LiaisonGhlClient *self);
LiaisonHttpPriority liaison_ghl_client_get_priority (LiaisonGhlClient *self);
void liaison_ghl_client_set_priority (LiaisonGhlClient *self, LiaisonHttpPriority priority);

/* Contacts */
void liaison_ghl_client_get_contact_async (LiaisonGhlClient *self, const char *contact_id,
                                           GCancellable *cancellable, GAsyncReadyCallback callback,
                                           gpointer user_data);
LiaisonContact *liaison_ghl_client_get_contact_finish (LiaisonGhlClient *self, GAsyncResult *result,
                                                       GError **error);
void liaison_ghl_client_create_contact_async (LiaisonGhlClient *self, LiaisonContact *contact,
                                              GCancellable *cancellable,
                                              GAsyncReadyCallback callback, gpointer user_data);
LiaisonContact *liaison_ghl_client_create_contact_finish (LiaisonGhlClient *self,
                                                          GAsyncResult *result, GError **error);
void liaison_ghl_client_update_contact_async (LiaisonGhlClient *self, LiaisonContact *contact,
                                              GCancellable *cancellable,
                                              GAsyncReadyCallback callback, gpointer user_data);
LiaisonContact *liaison_ghl_client_update_contact_finish (LiaisonGhlClient *self,
                                                          GAsyncResult *result, GError **error);
void liaison_ghl_client_upsert_contact_async (LiaisonGhlClient *self, LiaisonContact *contact,
                                              GCancellable *cancellable,
                                              GAsyncReadyCallback callback, gpointer user_data);
LiaisonContact *liaison_ghl_client_upsert_contact_finish (LiaisonGhlClient *self,
                                                          GAsyncResult *result, gboolean *created,
                                                          GError **error);
void liaison_ghl_client_delete_contact_async (LiaisonGhlClient *self, const char *contact_id,
                                              GCancellable *cancellable,
                                              GAsyncReadyCallback callback, gpointer user_data);
gboolean liaison_ghl_client_delete_contact_finish (LiaisonGhlClient *self, GAsyncResult *result,
                                                   GError **error);
void liaison_ghl_client_search_contacts_async (LiaisonGhlClient *self, GDateTime *updated_since,
                                               const char *cursor, guint page_limit,
                                               GCancellable *cancellable,
                                               GAsyncReadyCallback callback, gpointer user_data);
GPtrArray *liaison_ghl_client_search_contacts_finish (LiaisonGhlClient *self, GAsyncResult *result,
                                                      char **next_cursor, guint *total,
                                                      GError **error);
void liaison_ghl_client_find_duplicate_async (LiaisonGhlClient *self, const char *email,
                                              const char *phone, GCancellable *cancellable,
                                              GAsyncReadyCallback callback, gpointer user_data);
LiaisonContact *liaison_ghl_client_find_duplicate_finish (LiaisonGhlClient *self,
                                                          GAsyncResult *result, GError **error);
void liaison_ghl_client_list_business_contacts_async (LiaisonGhlClient *self,
                                                      const char *business_id, guint skip,
                                                      guint limit, GCancellable *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer user_data);
GPtrArray *liaison_ghl_client_list_business_contacts_finish (LiaisonGhlClient *self,
                                                             GAsyncResult *result, GError **error);
void liaison_ghl_client_add_tags_async (LiaisonGhlClient *self, const char *contact_id,
                                        const char *const *tags, GCancellable *cancellable,
                                        GAsyncReadyCallback callback, gpointer user_data);
void liaison_ghl_client_remove_tags_async (LiaisonGhlClient *self, const char *contact_id,
                                           const char *const *tags, GCancellable *cancellable,
                                           GAsyncReadyCallback callback, gpointer user_data);
char **liaison_ghl_client_tags_finish (LiaisonGhlClient *self, GAsyncResult *result,
                                       GError **error);

/* Tasks and notes (per contact) */
void liaison_ghl_client_list_tasks_async (LiaisonGhlClient *self, const char *contact_id,
                                          GCancellable *cancellable, GAsyncReadyCallback callback,
                                          gpointer user_data);
void liaison_ghl_client_get_task_async (LiaisonGhlClient *self, const char *contact_id,
                                        const char *task_id, GCancellable *cancellable,
                                        GAsyncReadyCallback callback, gpointer user_data);
void liaison_ghl_client_create_task_async (LiaisonGhlClient *self, LiaisonTask *task,
                                           GCancellable *cancellable, GAsyncReadyCallback callback,
                                           gpointer user_data);
void liaison_ghl_client_update_task_async (LiaisonGhlClient *self, LiaisonTask *task,
                                           GCancellable *cancellable, GAsyncReadyCallback callback,
                                           gpointer user_data);
void liaison_ghl_client_complete_task_async (LiaisonGhlClient *self, const char *contact_id,
                                             const char *task_id, gboolean completed,
                                             GCancellable *cancellable,
                                             GAsyncReadyCallback callback, gpointer user_data);
LiaisonTask *liaison_ghl_client_task_finish (LiaisonGhlClient *self, GAsyncResult *result,
                                             GError **error);
void liaison_ghl_client_delete_task_async (LiaisonGhlClient *self, const char *contact_id,
                                           const char *task_id, GCancellable *cancellable,
                                           GAsyncReadyCallback callback, gpointer user_data);
void liaison_ghl_client_list_notes_async (LiaisonGhlClient *self, const char *contact_id,
                                          GCancellable *cancellable, GAsyncReadyCallback callback,
                                          gpointer user_data);
void liaison_ghl_client_get_note_async (LiaisonGhlClient *self, const char *contact_id,
                                        const char *note_id, GCancellable *cancellable,
                                        GAsyncReadyCallback callback, gpointer user_data);
void liaison_ghl_client_create_note_async (LiaisonGhlClient *self, LiaisonNote *note,
                                           GCancellable *cancellable, GAsyncReadyCallback callback,
                                           gpointer user_data);
void liaison_ghl_client_update_note_async (LiaisonGhlClient *self, LiaisonNote *note,
                                           GCancellable *cancellable, GAsyncReadyCallback callback,
                                           gpointer user_data);
LiaisonNote *liaison_ghl_client_note_finish (LiaisonGhlClient *self, GAsyncResult *result,
                                             GError **error);
void liaison_ghl_client_delete_note_async (LiaisonGhlClient *self, const char *contact_id,
                                           const char *note_id, GCancellable *cancellable,
                                           GAsyncReadyCallback callback, gpointer user_data);

/* Calendars and appointments */
void liaison_ghl_client_list_contact_appointments_async (LiaisonGhlClient *self,
                                                         const char *contact_id,
                                                         GCancellable *cancellable,
                                                         GAsyncReadyCallback callback,
                                                         gpointer user_data);
void liaison_ghl_client_list_calendars_async (LiaisonGhlClient *self, GCancellable *cancellable,
                                              GAsyncReadyCallback callback, gpointer user_data);
void liaison_ghl_client_get_calendar_async (LiaisonGhlClient *self, const char *calendar_id,
                                            GCancellable *cancellable, GAsyncReadyCallback callback,
                                            gpointer user_data);
LiaisonCalendar *liaison_ghl_client_get_calendar_finish (LiaisonGhlClient *self,
                                                         GAsyncResult *result, GError **error);
void liaison_ghl_client_get_free_slots_async (LiaisonGhlClient *self, const char *calendar_id,
                                              GDateTime *from, GDateTime *to, const char *time_zone,
                                              const char *user_id, guint slot_minutes,
                                              GCancellable *cancellable,
                                              GAsyncReadyCallback callback, gpointer user_data);
void liaison_ghl_client_list_events_async (LiaisonGhlClient *self, const char *calendar_id,
                                           GDateTime *from, GDateTime *to,
                                           GCancellable *cancellable, GAsyncReadyCallback callback,
                                           gpointer user_data);
void liaison_ghl_client_create_appointment_async (LiaisonGhlClient *self,
                                                  LiaisonAppointment *appointment,
                                                  GCancellable *cancellable,
                                                  GAsyncReadyCallback callback, gpointer user_data);
void liaison_ghl_client_update_appointment_async (LiaisonGhlClient *self,
                                                  LiaisonAppointment *appointment,
                                                  GCancellable *cancellable,
                                                  GAsyncReadyCallback callback, gpointer user_data);
void liaison_ghl_client_get_appointment_async (LiaisonGhlClient *self, const char *event_id,
                                               GCancellable *cancellable,
                                               GAsyncReadyCallback callback, gpointer user_data);
LiaisonAppointment *liaison_ghl_client_appointment_finish (LiaisonGhlClient *self,
                                                           GAsyncResult *result, GError **error);
void liaison_ghl_client_delete_appointment_async (LiaisonGhlClient *self, const char *event_id,
                                                  GCancellable *cancellable,
                                                  GAsyncReadyCallback callback, gpointer user_data);
void liaison_ghl_client_list_custom_fields_async (LiaisonGhlClient *self, GCancellable *cancellable,
                                                  GAsyncReadyCallback callback, gpointer user_data);
void liaison_ghl_client_list_users_async (LiaisonGhlClient *self, GCancellable *cancellable,
                                          GAsyncReadyCallback callback, gpointer user_data);
/* The location's name ("Sandbox Dental"). */
void liaison_ghl_client_get_location_name_async (LiaisonGhlClient *self, GCancellable *cancellable,
                                                 GAsyncReadyCallback callback, gpointer user_data);
char *liaison_ghl_client_get_location_name_finish (LiaisonGhlClient *self, GAsyncResult *result,
                                                   GError **error);
/* The location's country as HighLevel keeps it ("US"); "" when it has none. */
void liaison_ghl_client_get_location_country_async (LiaisonGhlClient *self,
                                                    GCancellable *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer user_data);
char *liaison_ghl_client_get_location_country_finish (LiaisonGhlClient *self, GAsyncResult *result,
                                                      GError **error);

/* Shared by every list_* and get_free_slots: a GPtrArray of models. */
GPtrArray *liaison_ghl_client_list_finish (LiaisonGhlClient *self, GAsyncResult *result,
                                           GError **error);
/* Shared by every delete_*. */
gboolean liaison_ghl_client_delete_finish (LiaisonGhlClient *self, GAsyncResult *result,
                                           GError **error);

G_END_DECLS
