/* liaison-sandbox-rng.h: the sandbox's own seeded generator, so that a seed gives
 * the same data set on every machine and GLib version (g_random makes no such promise).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* xoshiro256** seeded through splitmix64: small, fast and well distributed. */
typedef struct
{
  guint64 s[4];
} LiaisonSandboxRng;

void liaison_sandbox_rng_init (LiaisonSandboxRng *rng, guint64 seed);
guint64 liaison_sandbox_rng_next (LiaisonSandboxRng *rng);
guint32 liaison_sandbox_rng_range (LiaisonSandboxRng *rng, guint32 n);
double liaison_sandbox_rng_double (LiaisonSandboxRng *rng);
gboolean liaison_sandbox_rng_chance (LiaisonSandboxRng *rng, double p);
char *liaison_sandbox_rng_id (LiaisonSandboxRng *rng, guint len);
JsonNode *liaison_sandbox_rng_to_json (const LiaisonSandboxRng *rng);
gboolean liaison_sandbox_rng_from_json (LiaisonSandboxRng *rng, JsonNode *node);

G_END_DECLS
