/* fuzz-normalize.c: the e-mail and phone normalizers and the search text
 * behind matching. The input is split at the first newline: the value, then
 * a default region for phone numbers.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdint.h>
#include <string.h>

#include "liaison-normalize.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  char *newline = strchr (text, '\n');
  const char *region = "US";
  g_autofree char *email = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *phone_in = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *search = NULL;

  if (newline != NULL)
    {
      *newline = '\0';
      region = newline + 1;
    }
  email = liaison_normalize_email (text);
  phone = liaison_normalize_phone (text, region);
  phone_in = liaison_normalize_phone (text, "IN");
  liaison_normalize_region_is_known (region);
  plain = liaison_normalize_text (text);
  search = liaison_normalize_search_text (text, text, text, region);
  return 0;
}
