/* liaison-cli-book.h: `liaison-cli book`, booking a contact into a free HighLevel slot (and the
 * LeadSquared appointment task of a linked contact) through the Appointments page's own path.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* argv[0] is "book". Returns 0 booked in every service it should be, 1 failed (or booked in
 * HighLevel only because LeadSquared refused), 2 a command line that cannot be used. */
int liaison_cli_book_main (int argc, char **argv);

G_END_DECLS
