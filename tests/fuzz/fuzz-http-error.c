/* fuzz-http-error.c: the error-body mapping of both services (HighLevel's
 * {statusCode, message}, LeadSquared's {Status, ExceptionType,
 * ExceptionMessage}) over the one safe reply parse, and the redaction of
 * bodies and server messages for logs.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdint.h>
#include <string.h>

#include "liaison-http-error.h"
#include "liaison-json.h"
#include "liaison-redact.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static const guint statuses[] = { 200, 302, 400, 401, 404, 422, 429, 500, 503 };
  static const char *types[] = { "application/json", "text/plain", "text/html", NULL };
  g_autoptr (GBytes) bytes = g_bytes_new (data, size);
  g_autoptr (JsonNode) root = liaison_json_parse_bytes (bytes, LIAISON_JSON_MAX_DEPTH, NULL);
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autofree char *redacted = liaison_redact_text (text);
  g_autofree char *body = liaison_redact_body ("application/json", bytes, 512);
  g_autofree char *form = liaison_redact_body ("application/x-www-form-urlencoded", bytes, 512);
  g_autofree char *path = liaison_redact_path (text);
  guint i, j;

  for (i = 0; i < G_N_ELEMENTS (statuses); i++)
    for (j = 0; j < G_N_ELEMENTS (types); j++)
      {
        LiaisonHttpFault fault;
        g_autoptr (GError) error = liaison_http_error_from_response (
            j % 2 == 0 ? "HighLevel" : "LeadSquared", "get the contact", NULL, statuses[i],
            types[j], bytes, types[j] != NULL && strstr (types[j], "html") ? NULL : root, &fault);

        if (error != NULL && !g_utf8_validate (error->message, -1, NULL))
          g_error ("an error message is not UTF-8");
      }
  return 0;
}
