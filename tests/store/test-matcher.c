/* test-matcher.c: normalized keys (e-mail, E.164 phones, folded text) and LiaisonMatcher's
 * pairs and ambiguous sets.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "liaison-matcher.h"
#include "liaison-normalize.h"

static void
test_email (void)
{
  const struct
  {
    const char *in, *out;
  } cases[] = {
    { "  Alice@Example.COM ", "alice@example.com" },
    { "ÉMILE@EXÄMPLE.DE", "émile@exämple.de" },
    { "STRASSE@x.de", "strasse@x.de" },
    { "straße@x.de", "strasse@x.de" }, /* full case folding, not lower-casing */
    { "no-at-sign", NULL },
    { "@example.com", NULL },
    { "a@", NULL },
    { "a@b@c", NULL },
    { "a b@example.com", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = liaison_normalize_email (cases[i].in);
      g_assert_cmpstr (got, ==, cases[i].out);
    }
  g_assert_null (liaison_normalize_email (NULL));
}

static void
test_phone (void)
{
  const struct
  {
    const char *in, *region, *out;
  } cases[] = {
    { "(415) 555-0123", "US", "+14155550123" },
    { "1-415-555-0123", "US", "+14155550123" },
    { "415.555.0123 x12", "US", "+14155550123" },
    { "+1 415 555 0123", NULL, "+14155550123" },
    { "(604) 555-0199", "CA", "+16045550199" },
    { "011 44 20 7946 0958", "US", "+442079460958" },
    { "020 7946 0958", "GB", "+442079460958" },
    { "+44 (0)20 7946 0958", NULL, "+442079460958" },
    { "0044 20 7946 0958", "DE", "+442079460958" },
    { "030 123456", "DE", "+4930123456" },
    { "0151 23456789", "DE", "+4915123456789" },
    { "01 23 45 67 89", "FR", "+33123456789" },
    { "098765 43210", "IN", "+919876543210" },
    { "0412 345 678", "AU", "+61412345678" },
    { "0011 1 415 555 0123", "AU", "+14155550123" },
    { "050 123 4567", "AE", "+971501234567" },
    { "8123 4567", "SG", "+6581234567" },
    { "11 91234-5678", "BR", "+5511912345678" },
    { "0 11 91234 5678", "BR", "+5511912345678" },
    { "55 1234 5678", "MX", "+525512345678" },
    { "+52 1 55 1234 5678", NULL, "+525512345678" },
    { "612 34 56 78", "ES", "+34612345678" },
    { "06 1234 5678", "IT", "+390612345678" }, /* Italy keeps its 0 */
    { "+39 06 1234 5678", NULL, "+390612345678" },
    { "06-12345678", "NL", "+31612345678" },
    { "082 123 4567", "ZA", "+27821234567" },
    { "+81 3 1234 5678", NULL, "+81312345678" },
    { "+359 2 123 4567", NULL, "+35921234567" }, /* outside the table but explicit */
    /* Never guessed: */
    { "555-0123", "US", NULL },          /* too short */
    { "020 7946 0958", NULL, NULL },     /* national, country unknown */
    { "020 7946 0958", "XX", NULL },     /* unknown region */
    { "+44 020 7946 0958", NULL, NULL }, /* trunk 0 after the calling code */
    { "123 456 7890", "US", NULL },      /* NANP area codes never start with 1 */
    { "call me maybe", "US", NULL },
    { "++1 415 555 0123", NULL, NULL },
    { "", "US", NULL },
    { "01 23 45 67 8", "FR", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = liaison_normalize_phone (cases[i].in, cases[i].region);
      g_test_message ("%s (%s)", cases[i].in, cases[i].region ? cases[i].region : "-");
      g_assert_cmpstr (got, ==, cases[i].out);
    }
  g_assert_true (liaison_normalize_region_is_known ("gb"));
  g_assert_false (liaison_normalize_region_is_known ("XX"));
}

static void
test_text (void)
{
  g_autofree char *a = liaison_normalize_text ("  Émile Zoë ");
  g_autofree char *b
      = liaison_normalize_search_text ("Ana", "Ana@X.io", "+1 (415) 555-0123", "Acme");

  g_assert_cmpstr (a, ==, "emile zoe");
  g_assert_cmpstr (b, ==,
                   "ana\x1f"
                   "ana@x.io\x1f+1 (415) 555-0123\x1f"
                   "14155550123\x1f"
                   "acme");
}

static gboolean
has_pair (LiaisonMatcher *m, guint64 lsq, guint64 ghl, LiaisonMatchReason reason)
{
  for (guint i = 0; i < liaison_matcher_get_n_pairs (m); i++)
    {
      guint64 a, b;
      LiaisonMatchReason r;
      liaison_matcher_get_pair (m, i, &a, &b, &r);
      if (a == lsq && b == ghl && r == reason)
        return TRUE;
    }
  return FALSE;
}

static void
test_matcher (void)
{
  g_autoptr (LiaisonMatcher) m = liaison_matcher_new ("US");
  const guint64 *lsq, *ghl;
  guint n_lsq, n_ghl;
  LiaisonMatchReason reason;

  /* e-mail, case-folded, wins over a different phone */
  liaison_matcher_add (m, LIAISON_SERVICE_LSQ, 1, " Alice@Example.com", "(415) 555-0101");
  liaison_matcher_add (m, LIAISON_SERVICE_GHL, 101, "alice@EXAMPLE.com", "+1 415 555 0999");
  /* phone only, national vs international spelling */
  liaison_matcher_add (m, LIAISON_SERVICE_LSQ, 2, NULL, "(415) 555-0199");
  liaison_matcher_add (m, LIAISON_SERVICE_GHL, 102, "", "+1 415 555 0199");
  /* two HighLevel candidates for one e-mail: ambiguous, and the phone is not tried */
  liaison_matcher_add (m, LIAISON_SERVICE_LSQ, 3, "dup@x.io", "(415) 555-0303");
  liaison_matcher_add (m, LIAISON_SERVICE_GHL, 103, "dup@x.io", NULL);
  liaison_matcher_add (m, LIAISON_SERVICE_GHL, 104, "DUP@x.io", NULL);
  liaison_matcher_add (m, LIAISON_SERVICE_GHL, 105, NULL, "415-555-0303");
  /* an unnormalizable phone is never matched, however equal */
  liaison_matcher_add (m, LIAISON_SERVICE_LSQ, 4, NULL, "555-0100");
  liaison_matcher_add (m, LIAISON_SERVICE_GHL, 106, NULL, "555-0100");
  /* duplicates within one side are not a match */
  liaison_matcher_add (m, LIAISON_SERVICE_LSQ, 5, "same@x.io", NULL);
  liaison_matcher_add (m, LIAISON_SERVICE_LSQ, 6, "same@x.io", NULL);
  /* e-mail first: 7 pairs with 107 by e-mail, 108 (same phone) stays alone */
  liaison_matcher_add (m, LIAISON_SERVICE_LSQ, 7, "seven@x.io", "+44 20 7946 0958");
  liaison_matcher_add (m, LIAISON_SERVICE_GHL, 107, "Seven@X.io", NULL);
  liaison_matcher_add (m, LIAISON_SERVICE_GHL, 108, NULL, "020 7946 0958 ");
  /* two LeadSquared records share a phone with one HighLevel record: ambiguous */
  liaison_matcher_add (m, LIAISON_SERVICE_LSQ, 8, NULL, "+61 412 345 678");
  liaison_matcher_add (m, LIAISON_SERVICE_LSQ, 9, NULL, "+61412345678");
  liaison_matcher_add (m, LIAISON_SERVICE_GHL, 109, NULL, "+61 (0)412 345 678");
  liaison_matcher_run (m);

  g_assert_cmpuint (liaison_matcher_get_n_pairs (m), ==, 3);
  g_assert_true (has_pair (m, 1, 101, LIAISON_MATCH_EMAIL));
  g_assert_true (has_pair (m, 2, 102, LIAISON_MATCH_PHONE));
  g_assert_true (has_pair (m, 7, 107, LIAISON_MATCH_EMAIL));

  g_assert_cmpuint (liaison_matcher_get_n_ambiguous (m), ==, 2);
  liaison_matcher_get_ambiguous (m, 0, &lsq, &n_lsq, &ghl, &n_ghl, &reason);
  g_assert_cmpint (reason, ==, LIAISON_MATCH_EMAIL);
  g_assert_cmpuint (n_lsq, ==, 1);
  g_assert_cmpuint (lsq[0], ==, 3);
  g_assert_cmpuint (n_ghl, ==, 2);
  g_assert_cmpuint (ghl[0], ==, 103);
  g_assert_cmpuint (ghl[1], ==, 104);
  liaison_matcher_get_ambiguous (m, 1, &lsq, &n_lsq, &ghl, &n_ghl, &reason);
  g_assert_cmpint (reason, ==, LIAISON_MATCH_PHONE);
  g_assert_cmpuint (n_lsq, ==, 2);
  g_assert_cmpuint (n_ghl, ==, 1);
  g_assert_cmpuint (ghl[0], ==, 109);

  /* Running again gives the same answer; clearing forgets everything. */
  liaison_matcher_run (m);
  g_assert_cmpuint (liaison_matcher_get_n_pairs (m), ==, 3);
  liaison_matcher_clear (m);
  liaison_matcher_run (m);
  g_assert_cmpuint (liaison_matcher_get_n_pairs (m), ==, 0);
  g_assert_cmpuint (liaison_matcher_get_n_ambiguous (m), ==, 0);
}

static void
test_matcher_no_region (void)
{
  g_autoptr (LiaisonMatcher) m = liaison_matcher_new (NULL);

  /* Without a default country a national number is nobody's. */
  liaison_matcher_add (m, LIAISON_SERVICE_LSQ, 1, NULL, "(415) 555-0123");
  liaison_matcher_add (m, LIAISON_SERVICE_GHL, 2, NULL, "(415) 555-0123");
  liaison_matcher_add (m, LIAISON_SERVICE_LSQ, 3, NULL, "+1 415 555 0124");
  liaison_matcher_add (m, LIAISON_SERVICE_GHL, 4, NULL, "001 415 555 0124");
  liaison_matcher_run (m);
  g_assert_cmpuint (liaison_matcher_get_n_pairs (m), ==, 1);
  g_assert_true (has_pair (m, 3, 4, LIAISON_MATCH_PHONE));
}

static gboolean
has_held (LiaisonMatcher *m, LiaisonService service, guint64 key, guint n_apart)
{
  for (guint i = 0; i < liaison_matcher_get_n_held_apart (m); i++)
    {
      LiaisonService s;
      guint64 k;
      guint n;

      liaison_matcher_get_held_apart (m, i, &s, &k, &n);
      if (s == service && k == key)
        return n == n_apart;
    }
  return FALSE;
}

/* Records a person kept apart never meet again, by e-mail or by phone; the rest of their group
 * is decided without them. */
static void
test_matcher_keep_apart (void)
{
  g_autoptr (LiaisonMatcher) m = liaison_matcher_new ("US");
  const guint64 *lsq, *ghl;
  guint n_lsq, n_ghl;

  /* a proposed pair kept apart, sharing e-mail and phone: no pair, both held */
  liaison_matcher_add (m, LIAISON_SERVICE_LSQ, 1, "a@x.io", "(415) 555-0101");
  liaison_matcher_add (m, LIAISON_SERVICE_GHL, 101, "A@x.io", "+1 415 555 0101");
  liaison_matcher_keep_apart (m, 1, 101);
  /* one of two LeadSquared candidates kept apart: the other one pairs */
  liaison_matcher_add (m, LIAISON_SERVICE_LSQ, 2, "b@x.io", NULL);
  liaison_matcher_add (m, LIAISON_SERVICE_LSQ, 3, "b@x.io", NULL);
  liaison_matcher_add (m, LIAISON_SERVICE_GHL, 102, "b@x.io", NULL);
  liaison_matcher_keep_apart (m, 2, 102);
  /* kept apart from both candidates: no set at all */
  liaison_matcher_add (m, LIAISON_SERVICE_LSQ, 4, "c@x.io", NULL);
  liaison_matcher_add (m, LIAISON_SERVICE_GHL, 103, "c@x.io", NULL);
  liaison_matcher_add (m, LIAISON_SERVICE_GHL, 104, "c@x.io", NULL);
  liaison_matcher_keep_apart (m, 4, 103);
  liaison_matcher_keep_apart (m, 4, 104);
  /* kept apart by e-mail's partner, still matched by phone to another */
  liaison_matcher_add (m, LIAISON_SERVICE_LSQ, 5, "d@x.io", "+1 415 555 0105");
  liaison_matcher_add (m, LIAISON_SERVICE_GHL, 105, "d@x.io", NULL);
  liaison_matcher_add (m, LIAISON_SERVICE_GHL, 106, NULL, "(415) 555-0105");
  liaison_matcher_keep_apart (m, 5, 105);
  /* a kept-apart pair that shares no key changes nothing */
  liaison_matcher_add (m, LIAISON_SERVICE_LSQ, 7, "e@x.io", NULL);
  liaison_matcher_add (m, LIAISON_SERVICE_GHL, 107, "e@x.io", NULL);
  liaison_matcher_keep_apart (m, 7, 999);
  /* two sets of two, one pair of them kept apart: still ambiguous, all four in it */
  liaison_matcher_add (m, LIAISON_SERVICE_LSQ, 8, "f@x.io", NULL);
  liaison_matcher_add (m, LIAISON_SERVICE_LSQ, 9, "f@x.io", NULL);
  liaison_matcher_add (m, LIAISON_SERVICE_GHL, 108, "f@x.io", NULL);
  liaison_matcher_add (m, LIAISON_SERVICE_GHL, 109, "f@x.io", NULL);
  liaison_matcher_keep_apart (m, 8, 108);
  liaison_matcher_run (m);

  g_assert_cmpuint (liaison_matcher_get_n_pairs (m), ==, 3);
  g_assert_false (has_pair (m, 1, 101, LIAISON_MATCH_EMAIL));
  g_assert_false (has_pair (m, 1, 101, LIAISON_MATCH_PHONE));
  g_assert_true (has_pair (m, 3, 102, LIAISON_MATCH_EMAIL));
  g_assert_true (has_pair (m, 5, 106, LIAISON_MATCH_PHONE));
  g_assert_true (has_pair (m, 7, 107, LIAISON_MATCH_EMAIL));

  g_assert_cmpuint (liaison_matcher_get_n_ambiguous (m), ==, 1);
  liaison_matcher_get_ambiguous (m, 0, &lsq, &n_lsq, &ghl, &n_ghl, NULL);
  g_assert_cmpuint (n_lsq, ==, 2);
  g_assert_cmpuint (n_ghl, ==, 2);

  g_assert_cmpuint (liaison_matcher_get_n_held_apart (m), ==, 7);
  g_assert_true (has_held (m, LIAISON_SERVICE_LSQ, 1, 1));
  g_assert_true (has_held (m, LIAISON_SERVICE_GHL, 101, 1));
  g_assert_true (has_held (m, LIAISON_SERVICE_LSQ, 2, 1));
  g_assert_true (has_held (m, LIAISON_SERVICE_LSQ, 4, 2));
  g_assert_true (has_held (m, LIAISON_SERVICE_GHL, 103, 1));
  g_assert_true (has_held (m, LIAISON_SERVICE_GHL, 104, 1));
  g_assert_true (has_held (m, LIAISON_SERVICE_GHL, 105, 1));
  /* 5 was kept apart from 105 but paired by phone; 102 still had 3 */
  g_assert_false (has_held (m, LIAISON_SERVICE_LSQ, 5, 1));
  g_assert_false (has_held (m, LIAISON_SERVICE_GHL, 102, 1));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/matcher/email", test_email);
  g_test_add_func ("/matcher/phone", test_phone);
  g_test_add_func ("/matcher/text", test_text);
  g_test_add_func ("/matcher/pairs-and-ambiguity", test_matcher);
  g_test_add_func ("/matcher/no-region", test_matcher_no_region);
  g_test_add_func ("/matcher/keep-apart", test_matcher_keep_apart);
  return g_test_run ();
}
