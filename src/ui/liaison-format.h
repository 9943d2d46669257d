/* liaison-format.h: how times and link states read in the interface.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "liaison-contact-row.h"

G_BEGIN_DECLS

char *liaison_format_time_ms (gint64 ms_utc);
char *liaison_format_time_ms_at (gint64 ms_utc, GDateTime *now);
char *liaison_format_date_time (GDateTime *time);
char *liaison_format_date_time_at (GDateTime *time, GDateTime *now);
const char *liaison_format_link_status (LiaisonLinkStatus status);
char *liaison_format_link_explanation (LiaisonContactRow *row);
char *liaison_format_not_copied_explanation (LiaisonContactRow *row);

/* The scopes of a HighLevel sign-in in words, for "Liaison may …". */
char *liaison_format_ghl_scopes (const char *scope);

G_END_DECLS
