/* liaison-sandbox-people.h: the seeded cast of "people" both simulated services
 * are filled from, so the two sides overlap the way real accounts do: some people
 * only in one system, some in both with small differences, a few duplicates.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *first_name;
  const char *last_name;
  const char *email;
  const char *phone;
  const char *timezone;
} LiaisonSandboxOwner;

typedef struct
{
  guint index;
  /* How the person appears in HighLevel. */
  char *first_name;
  char *last_name;
  char *email;
  char *phone; /* as a person typed it; each service normalizes (or not) */
  /* How the same person appears in LeadSquared (small differences on purpose). */
  char *lsq_first_name;
  char *lsq_last_name;
  char *lsq_email;
  char *lsq_phone;
  char *company;
  char *city;
  char *country; /* ISO 3166 alpha-2 */
  char *timezone;
  guint owner; /* index into liaison_sandbox_people_owners () */
  gboolean in_ghl;
  gboolean in_lsq;
  gint duplicate_of; /* -1, or the index of the person whose email or phone this repeats */
  guint created_days_ago;
  guint updated_days_ago;
} LiaisonSandboxPerson;

const LiaisonSandboxOwner *liaison_sandbox_people_owners (guint *n_owners);
GPtrArray *liaison_sandbox_people_generate (guint64 seed, guint count);

G_END_DECLS
