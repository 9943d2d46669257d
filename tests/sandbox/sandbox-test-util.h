/* sandbox-test-util.h: an in-process sandbox on its own thread and raw libsoup
 * requests against it, shared by the sandbox test programs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>
#include <json-glib/json-glib.h>

#include "liaison-sandbox.h"

G_BEGIN_DECLS

#define V_CONTACTS "2021-07-28"
#define V_CALENDARS "2021-04-15"

typedef struct
{
  guint status;
  SoupMessageHeaders *headers;
  char *text;
  JsonNode *json; /* NULL when the body is not JSON */
  GError *error;  /* transport error (reset connection) */
} Resp;

void resp_free (Resp *resp);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Resp, resp_free)

LiaisonSandbox *sandbox_start (guint64 seed, guint contacts, const char *state_file);
Resp *http (const char *base, const char *method, const char *path, const char *token,
            const char *version, const char *content_type, const char *body);
Resp *ghl (LiaisonSandbox *sandbox, const char *method, const char *path, const char *version,
           const char *body);
Resp *ghl_control (LiaisonSandbox *sandbox, const char *method, const char *path, const char *body);
JsonNode *jget (JsonNode *node, const char *path);
const char *jstr (JsonNode *node, const char *path);
gint64 jint (JsonNode *node, const char *path);
guint jlen (JsonNode *node, const char *path);
char *first_contact_id (LiaisonSandbox *sandbox);

G_END_DECLS
