/* liaison-sandbox-rng.c: seeded generator for deterministic sandbox data.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "liaison-sandbox"

#include "liaison-sandbox-rng.h"

static guint64
splitmix64 (guint64 *x)
{
  guint64 z = (*x += 0x9e3779b97f4a7c15ULL);

  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

void
liaison_sandbox_rng_init (LiaisonSandboxRng *rng, guint64 seed)
{
  guint64 x = seed;

  for (guint i = 0; i < 4; i++)
    rng->s[i] = splitmix64 (&x);
}

static inline guint64
rotl (guint64 x, int k)
{
  return (x << k) | (x >> (64 - k));
}

guint64
liaison_sandbox_rng_next (LiaisonSandboxRng *rng)
{
  guint64 *s = rng->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

guint32
liaison_sandbox_rng_range (LiaisonSandboxRng *rng, guint32 n)
{
  if (n == 0)
    return 0;
  /* The modulo bias is below 2^-32 for the small ranges used here. */
  return (guint32) (liaison_sandbox_rng_next (rng) % n);
}

double
liaison_sandbox_rng_double (LiaisonSandboxRng *rng)
{
  return (double) (liaison_sandbox_rng_next (rng) >> 11) * (1.0 / 9007199254740992.0);
}

gboolean
liaison_sandbox_rng_chance (LiaisonSandboxRng *rng, double p)
{
  return liaison_sandbox_rng_double (rng) < p;
}

/* Ids shaped like HighLevel's: 20 characters of [0-9A-Za-z]. */
char *
liaison_sandbox_rng_id (LiaisonSandboxRng *rng, guint len)
{
  static const char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  char *id = g_malloc (len + 1);

  for (guint i = 0; i < len; i++)
    id[i] = alphabet[liaison_sandbox_rng_range (rng, sizeof alphabet - 1)];
  id[len] = '\0';
  return id;
}

/* Stored as decimal strings: JSON numbers cannot hold 64 bits exactly. */
JsonNode *
liaison_sandbox_rng_to_json (const LiaisonSandboxRng *rng)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < 4; i++)
    {
      char buf[32];

      g_snprintf (buf, sizeof buf, "%" G_GUINT64_FORMAT, rng->s[i]);
      json_array_add_string_element (array, buf);
    }
  json_node_take_array (node, array);
  return node;
}

gboolean
liaison_sandbox_rng_from_json (LiaisonSandboxRng *rng, JsonNode *node)
{
  JsonArray *array;
  LiaisonSandboxRng tmp;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  if (json_array_get_length (array) != 4)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    {
      const char *s = json_array_get_string_element (array, i);
      guint64 v;

      if (s == NULL || !g_ascii_string_to_unsigned (s, 10, 0, G_MAXUINT64, &v, NULL))
        return FALSE;
      tmp.s[i] = v;
    }
  *rng = tmp;
  return TRUE;
}
