/* liaison-format.c: times in the person's own time zone, short where the
 * context makes the rest obvious; link states in words.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>

#include "liaison-format.h"

char *
liaison_format_time_ms (gint64 ms_utc)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  return liaison_format_time_ms_at (ms_utc, now);
}

/* As liaison_format_time_ms(), with "now" given, so that what "today" and "this year" mean can
 * be tested on any day. */
char *
liaison_format_time_ms_at (gint64 ms_utc, GDateTime *now_time)
{
  g_autoptr (GDateTime) utc = NULL;
  g_autoptr (GDateTime) local = NULL;
  g_autoptr (GDateTime) now = NULL;

  g_return_val_if_fail (now_time != NULL, NULL);

  if (ms_utc <= 0)
    return g_strdup ("");

  utc = g_date_time_new_from_unix_utc (ms_utc / 1000);
  if (utc == NULL)
    return g_strdup ("");
  local = g_date_time_to_local (utc);
  now = g_date_time_to_local (now_time);

  if (g_date_time_get_year (local) == g_date_time_get_year (now)
      && g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now))
    /* Translators: a time of today, see strftime(3); %R is hours:minutes */
    /* xgettext:no-c-format */
    return g_date_time_format (local, _ ("%R"));

  if (g_date_time_get_year (local) == g_date_time_get_year (now))
    /* Translators: a date this year, see strftime(3): "27 Nov" */
    /* xgettext:no-c-format */
    return g_date_time_format (local, _ ("%-d %b"));

  /* Translators: a date in another year, see strftime(3): "24 Jan 2027" */
  /* xgettext:no-c-format */
  return g_date_time_format (local, _ ("%-d %b %Y"));
}

char *
liaison_format_date_time (GDateTime *time)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  return liaison_format_date_time_at (time, now);
}

char *
liaison_format_date_time_at (GDateTime *time, GDateTime *now_time)
{
  g_autoptr (GDateTime) local = NULL;
  g_autoptr (GDateTime) now = NULL;

  g_return_val_if_fail (now_time != NULL, NULL);

  if (time == NULL)
    return NULL;
  local = g_date_time_to_local (time);
  now = g_date_time_to_local (now_time);
  if (g_date_time_get_year (local) == g_date_time_get_year (now))
    /* Translators: a date and time this year, see strftime(3): "Fri 27 Nov, 14:30" */
    /* xgettext:no-c-format */
    return g_date_time_format (local, _ ("%a %-d %b, %R"));
  /* Translators: a date and time in another year, see strftime(3): "27 Nov 2025, 14:30" */
  /* xgettext:no-c-format */
  return g_date_time_format (local, _ ("%-d %b %Y, %R"));
}

const char *
liaison_format_link_status (LiaisonLinkStatus status)
{
  switch ((guint) status)
    {
      case LIAISON_LINK_STATUS_LINKED:
        return _ ("Linked");
      case LIAISON_LINK_STATUS_PROPOSED:
        return _ ("Proposed");
      case LIAISON_LINK_STATUS_AMBIGUOUS:
        return _ ("Ambiguous");
      case LIAISON_LINK_STATUS_LSQ_ONLY:
        return _ ("LeadSquared only");
      case LIAISON_LINK_STATUS_GHL_ONLY:
        return _ ("HighLevel only");
      case LIAISON_LINK_STATUS_KEPT_APART:
        return _ ("Kept apart");
      default:
        return "";
    }
}

char *
liaison_format_link_explanation (LiaisonContactRow *row)
{
  switch ((guint) liaison_contact_row_get_status (row))
    {
      case LIAISON_LINK_STATUS_LINKED:
        return g_strdup (_ ("These two contacts are linked: a sync keeps them in step."));
      case LIAISON_LINK_STATUS_PROPOSED:
        return g_strdup (_ ("These contacts share an email address or phone number. Link them "
                            "to keep them in step, or leave them apart."));
      case LIAISON_LINK_STATUS_AMBIGUOUS:
        {
          guint n = liaison_contact_row_get_n_candidates (row);

          return g_strdup_printf (
              ngettext ("%u contact on the other side shares this email address or phone number. "
                        "Liaison does not guess which one is the same person.",
                        "%u contacts on the other side share this email address or phone number. "
                        "Liaison does not guess which one is the same person.",
                        n),
              n);
        }
      case LIAISON_LINK_STATUS_LSQ_ONLY:
        return g_strdup (
            _ ("This contact is only in LeadSquared; no HighLevel contact has the same "
               "email address or phone number."));
      case LIAISON_LINK_STATUS_GHL_ONLY:
        return g_strdup (_ ("This contact is only in HighLevel; no LeadSquared lead has the same "
                            "email address or phone number."));
      case LIAISON_LINK_STATUS_KEPT_APART:
        {
          guint n = liaison_contact_row_get_n_candidates (row);

          return g_strdup_printf (
              ngettext ("You kept this contact apart from %u contact on the other side with the "
                        "same email address or phone number: they are not matched or copied.",
                        "You kept this contact apart from %u contacts on the other side with the "
                        "same email address or phone number: they are not matched or copied.",
                        n),
              n);
        }
      default:
        return g_strdup ("");
    }
}

/* For a contact an undo took the copy of back (liaison_contact_row_get_not_copied): which undo,
 * and that the next sync leaves it alone until Copy Again. */
char *
liaison_format_not_copied_explanation (LiaisonContactRow *row)
{
  gint64 undo_run = 0, undone_run = 0;
  gboolean lsq = liaison_contact_row_get_not_copied_id (row) != NULL
                 && g_strcmp0 (liaison_contact_row_get_not_copied_id (row),
                               liaison_contact_row_get_lsq_id (row))
                        == 0;

  liaison_contact_row_get_not_copied (row, &undo_run, &undone_run);
  return g_strdup_printf (
      lsq
          /* Translators: the first number is the run that was undone, the second the undo */
          ? _ ("Not copied: run %lld copied this lead to HighLevel, and the undo "
               "in run %lld took that copy back. The next sync leaves it alone; "
               "Copy Again lets it copy the lead again.")
          /* Translators: the first number is the run that was undone, the second the undo */
          : _ ("Not copied: run %lld copied this contact to LeadSquared, and the "
               "undo in run %lld took that copy back. The next sync leaves it "
               "alone; Copy Again lets it copy the contact again."),
      (long long) undone_run, (long long) undo_run);
}

/* What a HighLevel sign-in's scopes (space-separated, as granted) let Liaison do, in words:
 * "read contacts, change contacts and read users". A scope with no words here is named as
 * it is. Words never break inside a token the way the raw list did ("locations/
 * customFields.write"). */
char *
liaison_format_ghl_scopes (const char *scope)
{
  static const struct
  {
    const char *scope;
    const char *words;
  } known[] = {
    { "contacts.readonly", N_ ("read contacts") },
    { "contacts.write", N_ ("change contacts") },
    { "calendars.readonly", N_ ("read calendars") },
    { "calendars.write", N_ ("change calendars") },
    { "calendars/events.readonly", N_ ("read appointments") },
    { "calendars/events.write", N_ ("book and change appointments") },
    { "locations.readonly", N_ ("read the location") },
    { "locations/customFields.readonly", N_ ("read custom fields") },
    { "locations/customFields.write", N_ ("change custom fields") },
    { "users.readonly", N_ ("read users") },
    { "businesses.readonly", N_ ("read businesses") },
  };
  g_auto (GStrv) scopes = g_strsplit_set (scope != NULL ? scope : "", " ", -1);
  g_autoptr (GPtrArray) words = g_ptr_array_new ();
  GString *text = g_string_new (NULL);

  for (guint i = 0; scopes[i] != NULL; i++)
    {
      const char *word = scopes[i];

      if (*word == '\0')
        continue;
      for (guint k = 0; k < G_N_ELEMENTS (known); k++)
        if (g_str_equal (known[k].scope, scopes[i]))
          word = _ (known[k].words);
      g_ptr_array_add (words, (gpointer) word);
    }
  if (words->len == 0)
    return g_string_free (g_string_append (text, _ ("do nothing: HighLevel granted no scopes")),
                          FALSE);
  for (guint i = 0; i < words->len; i++)
    {
      if (i > 0)
        /* Translators: between the last two items of a list, and between the others */
        g_string_append (text, i + 1 == words->len ? _ (" and ") : _ (", "));
      g_string_append (text, g_ptr_array_index (words, i));
    }
  return g_string_free (text, FALSE);
}
