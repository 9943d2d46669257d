/* liaison-normalize.c: normalized e-mail addresses, E.164 phone numbers and folded text.
 *
 * The phone normalizer is deliberately small and honest: it knows the calling code, trunk
 * prefix, international prefix and national number lengths of a table of countries, and returns
 * NULL for anything it cannot place with certainty. A NULL key is never matched, so an unusual
 * number stays unmatched rather than being paired with the wrong person.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sync"

#include <string.h>

#include "liaison-normalize.h"

typedef struct
{
  const char *region;      /* ISO 3166-1 alpha-2 */
  const char *cc;          /* country calling code */
  const char *trunk;       /* national (trunk) prefix, "" where none is dialled */
  const char *intl_prefix; /* what is dialled before a calling code from this country */
  guint8 min_nsn;          /* national significant number length */
  guint8 max_nsn;
} Country;

/* Lengths are those of the national numbering plans (ITU-T E.164 assignments); Italy keeps its
 * leading 0 because it is part of the number there, not a trunk prefix. */
static const Country countries[] = {
  { "US", "1", "1", "011", 10, 10 }, { "CA", "1", "1", "011", 10, 10 },
  { "GB", "44", "0", "00", 9, 10 },  { "DE", "49", "0", "00", 6, 13 },
  { "FR", "33", "0", "00", 9, 9 },   { "IN", "91", "0", "00", 10, 10 },
  { "AU", "61", "0", "0011", 9, 9 }, { "AE", "971", "0", "00", 8, 9 },
  { "SG", "65", "", "000", 8, 8 },   { "BR", "55", "0", "00", 10, 11 },
  { "MX", "52", "", "00", 10, 10 },  { "ES", "34", "", "00", 9, 9 },
  { "IT", "39", "", "00", 6, 11 },   { "NL", "31", "0", "00", 9, 9 },
  { "ZA", "27", "0", "00", 9, 9 },   { "IE", "353", "0", "00", 7, 9 },
  { "NZ", "64", "0", "00", 8, 10 },  { "CH", "41", "0", "00", 9, 9 },
  { "AT", "43", "0", "00", 4, 13 },  { "BE", "32", "0", "00", 8, 9 },
  { "PT", "351", "", "00", 9, 9 },   { "SE", "46", "0", "00", 7, 9 },
  { "PL", "48", "", "00", 9, 9 },    { "JP", "81", "0", "010", 9, 10 },
  { "PH", "63", "0", "00", 8, 10 },
};

static const Country *
country_for_region (const char *region)
{
  if (region == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
    if (g_ascii_strcasecmp (countries[i].region, region) == 0)
      return &countries[i];
  return NULL;
}

gboolean
liaison_normalize_region_is_known (const char *region)
{
  return country_for_region (region) != NULL;
}

/* The codes of every region national numbers can be read in, in the table's order. */
char **
liaison_normalize_list_regions (void)
{
  char **codes = g_new0 (char *, G_N_ELEMENTS (countries) + 1);

  for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
    codes[i] = g_strdup (countries[i].region);
  return codes;
}

/* Calling codes are prefix-free, so at most one entry's code starts the number. */
static const Country *
country_for_digits (const char *digits)
{
  for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
    if (g_str_has_prefix (digits, countries[i].cc))
      return &countries[i];
  return NULL;
}

char *
liaison_normalize_email (const char *email)
{
  g_autofree char *copy = NULL;
  g_autofree char *nfkc = NULL;
  const char *at;

  if (email == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (email));
  if (!g_utf8_validate (copy, -1, NULL))
    return NULL;
  at = strchr (copy, '@');
  /* One @ with something on both sides, no blanks: anything else is not an address to match. */
  if (at == NULL || at == copy || at[1] == '\0' || strchr (at + 1, '@') != NULL
      || strpbrk (copy, " \t\r\n") != NULL)
    return NULL;
  nfkc = g_utf8_normalize (copy, -1, G_NORMALIZE_ALL_COMPOSE);
  if (nfkc == NULL)
    return NULL;
  return g_utf8_casefold (nfkc, -1);
}

/* Collects the digits of a phone number, dropping the usual separators and a trailing
 * extension. Returns FALSE for anything else (letters, several plus signs). */
static gboolean
collect_digits (const char *phone, GString *digits, gboolean *plus)
{
  const char *p = phone;

  *plus = FALSE;
  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);
      int value = g_unichar_digit_value (c);

      if (value >= 0)
        g_string_append_c (digits, (char) ('0' + value));
      else if (c == '+' && digits->len == 0 && !*plus)
        *plus = TRUE;
      else if (c == '(' && g_str_has_prefix (p, "(0)") && (*plus || digits->len > 0))
        {
          /* "+44 (0)20 ..." writes the trunk prefix for national callers: not part of it. */
          p += 3;
          continue;
        }
      else if (c == 'x' || c == 'X' || c == '#' || c == ';' || g_str_has_prefix (p, "ext"))
        break; /* an extension: not part of the number being matched */
      else if (!(c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/' || c == '\t'
                 || c == 0x00A0 || c == 0x2010 || c == 0x2011 || c == 0x2013))
        return FALSE;
      p = g_utf8_next_char (p);
    }
  return digits->len > 0;
}

static char *
international (const char *digits)
{
  const Country *country = country_for_digits (digits);
  gsize len = strlen (digits);

  if (country != NULL)
    {
      const char *nsn = digits + strlen (country->cc);
      gsize nsn_len = strlen (nsn);

      /* Mexico dropped the mobile "1" after +52 in 2019; both spellings are one number. */
      if (g_str_equal (country->cc, "52") && nsn_len == 11 && nsn[0] == '1')
        return g_strconcat ("+52", nsn + 1, NULL);
      if (nsn_len < country->min_nsn || nsn_len > country->max_nsn)
        return NULL;
      if (g_str_equal (country->cc, "1") && (nsn[0] < '2' || nsn[3] < '2'))
        return NULL; /* NANP area codes and exchanges never start with 0 or 1 */
      return g_strconcat ("+", digits, NULL);
    }
  /* A calling code outside the table: the writer gave it explicitly, so the number is
   * already international; only its length can be checked. */
  if (len < 8 || len > 15 || digits[0] == '0')
    return NULL;
  return g_strconcat ("+", digits, NULL);
}

char *
liaison_normalize_phone (const char *phone, const char *default_region)
{
  g_autoptr (GString) digits = NULL;
  const Country *home;
  const char *nsn;
  gboolean plus;
  gsize nsn_len;

  if (phone == NULL || !g_utf8_validate (phone, -1, NULL))
    return NULL;
  digits = g_string_new (NULL);
  if (!collect_digits (phone, digits, &plus))
    return NULL;
  if (plus)
    return international (digits->str);

  home = country_for_region (default_region);
  if (home != NULL && g_str_has_prefix (digits->str, home->intl_prefix))
    return international (digits->str + strlen (home->intl_prefix));
  /* "00" is the international prefix almost everywhere; where it is not (US, AU, JP...), no
   * national number starts with it either. */
  if (g_str_has_prefix (digits->str, "00"))
    return international (digits->str + 2);
  if (home == NULL)
    return NULL; /* a national number, but of which country? Never guess. */

  nsn = digits->str;
  nsn_len = digits->len;
  if (home->trunk[0] != '\0' && g_str_has_prefix (nsn, home->trunk)
      && nsn_len - strlen (home->trunk) >= home->min_nsn
      && nsn_len - strlen (home->trunk) <= home->max_nsn)
    {
      nsn += strlen (home->trunk);
      nsn_len -= strlen (home->trunk);
    }
  else if (home->trunk[0] == '0' && nsn[0] == '0')
    return NULL; /* a trunk prefix with a number of the wrong length */
  if (nsn_len < home->min_nsn || nsn_len > home->max_nsn)
    return NULL;
  if (g_str_equal (home->cc, "1") && (nsn[0] < '2' || nsn[3] < '2'))
    return NULL;
  return g_strconcat ("+", home->cc, nsn, NULL);
}

/* Folded for comparison: canonical decomposition without the accents, then case folding, so
 * that "Émile" sorts and searches like "emile". */
char *
liaison_normalize_text (const char *text)
{
  g_autofree char *nfd = NULL;
  g_autoptr (GString) bare = NULL;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_strdup ("");
  nfd = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  if (nfd == NULL)
    return g_strdup ("");
  bare = g_string_sized_new (strlen (nfd));
  for (const char *p = nfd; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c < 0x80)
        g_string_append_c (bare, (char) c);
      else if (!g_unichar_ismark (c))
        g_string_append_unichar (bare, c);
    }
  g_strstrip (bare->str);
  return g_utf8_casefold (bare->str, -1);
}

/* One line per record with every field a person may type into the search entry; fields are
 * separated by \x1f so that a query never matches across two fields. */
char *
liaison_normalize_search_text (const char *display_name, const char *email, const char *phone,
                               const char *company)
{
  g_autofree char *name = liaison_normalize_text (display_name);
  g_autofree char *mail = liaison_normalize_text (email);
  g_autofree char *firm = liaison_normalize_text (company);
  g_autofree char *tel = liaison_normalize_text (phone);
  g_autoptr (GString) digits = g_string_new (NULL);

  for (const char *p = phone; p != NULL && *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
  return g_strjoin ("\x1f", name, mail, tel, digits->str, firm, NULL);
}
