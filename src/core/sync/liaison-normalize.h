/* liaison-normalize.h: the keys records are matched and searched by: e-mail addresses, phone
 * numbers in E.164, name sort keys and search text. The store fills its denormalized columns
 * with these, and LiaisonMatcher compares them, so both always agree.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *liaison_normalize_email (const char *email);
char *liaison_normalize_phone (const char *phone, const char *default_region);
gboolean liaison_normalize_region_is_known (const char *region);
char **liaison_normalize_list_regions (void);
char *liaison_normalize_text (const char *text);
char *liaison_normalize_search_text (const char *display_name, const char *email, const char *phone,
                                     const char *company);

G_END_DECLS
