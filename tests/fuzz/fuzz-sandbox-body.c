/* fuzz-sandbox-body.c: the sandbox's reading of request bodies: JSON (with
 * its depth guard) and forms.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdint.h>

#include "liaison-sandbox-server.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (JsonNode) root = liaison_sandbox_parse_json_body ((const char *) data, size);
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr (GHashTable) form = soup_form_decode (text);

  /* What parsed can be written out again (the sandbox echoes records). */
  if (root != NULL)
    {
      g_autofree char *again = json_to_string (root, FALSE);

      if (again == NULL)
        g_error ("a parsed body could not be written out");
    }
  if (form == NULL && size > 0)
    g_error ("soup_form_decode gave no table");
  return 0;
}
