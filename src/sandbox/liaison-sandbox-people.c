/* liaison-sandbox-people.c: deterministic, awkward test people for both services.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "liaison-sandbox"

#include "liaison-sandbox-people.h"
#include "liaison-sandbox-rng.h"

typedef struct
{
  const char *display;
  const char *ascii; /* for the email address */
  const char *plain; /* how a second system might have typed it */
} Name;

static const Name first_names[] = {
  { "José", "jose", "Jose" },
  { "Zoë", "zoe", "Zoe" },
  { "Anne-Marie", "annemarie", "Anne Marie" },
  { "Łukasz", "lukasz", "Lukasz" },
  { "Søren", "soren", "Soren" },
  { "François", "francois", "Francois" },
  { "Priya", "priya", "Priya" },
  { "Mohammed", "mohammed", "Mohamed" },
  { "Aoife", "aoife", "Aoife" },
  { "Björn", "bjorn", "Bjorn" },
  { "Chloé", "chloe", "Chloe" },
  { "Dmitri", "dmitri", "Dmitry" },
  { "Emma", "emma", "Emma" },
  { "Liam", "liam", "Liam" },
  { "Олена", "olena", "Olena" },
  { "明", "ming", "Ming" },
  { "さくら", "sakura", "Sakura" },
  { "Γιώργος", "giorgos", "Giorgos" },
  { "محمد", "muhammad", "Muhammad" },
  { "Nguyễn Thị", "thi", "Thi" },
  { "Siobhán", "siobhan", "Siobhan" },
  { "Renée", "renee", "Renee" },
  { "Mateo", "mateo", "Mateo" },
  { "Olivia", "olivia", "Olivia" },
  { "Noah", "noah", "Noah" },
  { "Ava", "ava", "Ava" },
  { "Arjun", "arjun", "Arjun" },
  { "Fatima", "fatima", "Fatima" },
  { "Kwame", "kwame", "Kwame" },
  { "Ingrid", "ingrid", "Ingrid" },
};

static const Name last_names[] = {
  { "García", "garcia", "Garcia" },
  { "Müller", "mueller", "Muller" },
  { "O'Brien", "obrien", "OBrien" },
  { "Nowak", "nowak", "Nowak" },
  { "Sørensen", "sorensen", "Sorensen" },
  { "Dubois", "dubois", "Dubois" },
  { "Sharma", "sharma", "Sharma" },
  { "Al-Sayed", "alsayed", "Al Sayed" },
  { "Ní Bhriain", "nibhriain", "Ni Bhriain" },
  { "Lindqvist", "lindqvist", "Lindqvist" },
  { "Lefèvre", "lefevre", "Lefevre" },
  { "Иванов", "ivanov", "Ivanov" },
  { "Smith", "smith", "Smith" },
  { "Johnson", "johnson", "Johnson" },
  { "王", "wang", "Wang" },
  { "佐藤", "sato", "Sato" },
  { "Παπαδόπουλος", "papadopoulos", "Papadopoulos" },
  { "van der Berg", "vanderberg", "Van der Berg" },
  { "Nguyễn", "nguyen", "Nguyen" },
  { "Kowalczyk", "kowalczyk", "Kowalczyk" },
  { "Brown", "brown", "Brown" },
  { "Patel", "patel", "Patel" },
  { "Mensah", "mensah", "Mensah" },
  { "Jørgensen", "jorgensen", "Jorgensen" },
};

typedef struct
{
  const char *city;
  const char *country;
  const char *timezone;
  const char *prefix; /* country calling code */
} Place;

static const Place places[] = {
  { "New York", "US", "America/New_York", "1" },
  { "Chicago", "US", "America/Chicago", "1" },
  { "San Francisco", "US", "America/Los_Angeles", "1" },
  { "Toronto", "CA", "America/Toronto", "1" },
  { "London", "GB", "Europe/London", "44" },
  { "Berlin", "DE", "Europe/Berlin", "49" },
  { "Bengaluru", "IN", "Asia/Kolkata", "91" },
  { "Mumbai", "IN", "Asia/Kolkata", "91" },
  { "São Paulo", "BR", "America/Sao_Paulo", "55" },
  { "Sydney", "AU", "Australia/Sydney", "61" },
};

static const char *companies[] = {
  "Acme Dental",
  "Blue Fjord Consulting",
  "Café Lumière",
  "Northwind Realty",
  "Sakura Wellness",
  "Müller & Söhne GmbH",
  "Vertex Fitness",
  "Orchid Clinics",
  NULL,
  NULL, /* some people have no company */
};

static const char *domains[]
    = { "example.com", "example.org", "mail.example.net", "example.co.uk" };

static const LiaisonSandboxOwner owners[] = {
  { "Maya", "Chen", "maya.chen@sandbox.example.com", "+14155550101", "America/New_York" },
  { "Rahul", "Iyer", "rahul.iyer@sandbox.example.com", "+919876500102", "Asia/Kolkata" },
  { "Sofia", "Rossi", "sofia.rossi@sandbox.example.com", "+390655500103", "Europe/Rome" },
  { "Tom", "Becker", "tom.becker@sandbox.example.com", "+4930555000104", "Europe/Berlin" },
};

const LiaisonSandboxOwner *
liaison_sandbox_people_owners (guint *n_owners)
{
  *n_owners = G_N_ELEMENTS (owners);
  return owners;
}

/* A local number written the way people write them: the digits are what
 * matter, the punctuation varies. */
static char *
make_phone (LiaisonSandboxRng *rng, const Place *place, guint style)
{
  guint a = 200 + liaison_sandbox_rng_range (rng, 700);
  guint b = 555;
  guint c = liaison_sandbox_rng_range (rng, 10000);

  if (g_str_equal (place->prefix, "1"))
    {
      switch (style % 5)
        {
          case 0:
            return g_strdup_printf ("+1 %03u-%03u-%04u", a, b, c);
          case 1:
            return g_strdup_printf ("(%03u) %03u-%04u", a, b, c);
          case 2:
            return g_strdup_printf ("%03u.%03u.%04u", a, b, c);
          case 3:
            return g_strdup_printf ("+1%03u%03u%04u", a, b, c);
          default:
            return g_strdup_printf ("1-%03u-%03u-%04u", a, b, c);
        }
    }
  switch (style % 3)
    {
      case 0:
        return g_strdup_printf ("+%s %03u %03u %04u", place->prefix, a, b, c);
      case 1:
        return g_strdup_printf ("+%s%03u%03u%04u", place->prefix, a, b, c);
      default:
        return g_strdup_printf ("+%s-%03u%03u%04u", place->prefix, a, b, c);
    }
}

/* The same digits in another notation, as a second system would show them. */
static char *
reformat_phone (const char *phone)
{
  GString *digits = g_string_new (NULL);

  for (const char *p = phone; *p; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
  if (digits->len == 10)
    g_string_prepend (digits, "1");
  g_string_prepend (digits, "+");
  if (digits->len > 4)
    g_string_insert_c (digits, digits->str[1] == '1' ? 2 : 3, '-');
  return g_string_free (digits, FALSE);
}

static char *
mixed_case (const char *email)
{
  g_autofree char *local = g_strdup (email);
  g_autofree char *domain = NULL;
  char *at = strchr (local, '@');

  if (at == NULL)
    return g_strdup (email);
  *at = '\0';
  domain = g_ascii_strup (at + 1, -1);
  local[0] = g_ascii_toupper (local[0]);
  return g_strdup_printf ("%s@%s", local, domain);
}

static void
person_free (LiaisonSandboxPerson *p)
{
  g_free (p->first_name);
  g_free (p->last_name);
  g_free (p->email);
  g_free (p->phone);
  g_free (p->lsq_first_name);
  g_free (p->lsq_last_name);
  g_free (p->lsq_email);
  g_free (p->lsq_phone);
  g_free (p->company);
  g_free (p->city);
  g_free (p->country);
  g_free (p->timezone);
  g_free (p);
}

GPtrArray *
liaison_sandbox_people_generate (guint64 seed, guint count)
{
  GPtrArray *people = g_ptr_array_new_with_free_func ((GDestroyNotify) person_free);
  LiaisonSandboxRng rng;
  g_autoptr (GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  liaison_sandbox_rng_init (&rng, seed);
  for (guint i = 0; i < count; i++)
    {
      LiaisonSandboxPerson *p = g_new0 (LiaisonSandboxPerson, 1);
      const Name *first
          = &first_names[liaison_sandbox_rng_range (&rng, G_N_ELEMENTS (first_names))];
      const Name *last = &last_names[liaison_sandbox_rng_range (&rng, G_N_ELEMENTS (last_names))];
      const Place *place = &places[liaison_sandbox_rng_range (&rng, G_N_ELEMENTS (places))];
      const char *company = companies[liaison_sandbox_rng_range (&rng, G_N_ELEMENTS (companies))];
      const char *domain = domains[liaison_sandbox_rng_range (&rng, G_N_ELEMENTS (domains))];
      guint roll = liaison_sandbox_rng_range (&rng, 100);
      g_autofree char *local = g_strdup_printf ("%s.%s", first->ascii, last->ascii);
      char *email = g_strdup_printf ("%s@%s", local, domain);

      for (guint n = 2; g_hash_table_contains (used, email); n++)
        {
          g_free (email);
          email = g_strdup_printf ("%s%u@%s", local, n, domain);
        }
      g_hash_table_add (used, g_strdup (email));

      p->index = i;
      p->first_name = g_strdup (first->display);
      p->last_name = g_strdup (last->display);
      p->email = email;
      p->phone = make_phone (&rng, place, liaison_sandbox_rng_range (&rng, 5));
      p->company = g_strdup (company);
      p->city = g_strdup (place->city);
      p->country = g_strdup (place->country);
      p->timezone = g_strdup (place->timezone);
      p->owner = liaison_sandbox_rng_range (&rng, G_N_ELEMENTS (owners));
      p->duplicate_of = -1;
      p->created_days_ago = 1 + liaison_sandbox_rng_range (&rng, 400);
      p->updated_days_ago = liaison_sandbox_rng_range (&rng, p->created_days_ago);

      /* 60 % in both systems, 20 % only in HighLevel, 20 % only in LeadSquared. */
      p->in_ghl = roll < 80;
      p->in_lsq = roll < 60 || roll >= 80;

      p->lsq_first_name = g_strdup (p->first_name);
      p->lsq_last_name = g_strdup (p->last_name);
      p->lsq_email = g_strdup (p->email);
      p->lsq_phone = g_strdup (p->phone);
      if (p->in_ghl && p->in_lsq)
        {
          guint diff = liaison_sandbox_rng_range (&rng, 10);

          if (diff == 0)
            {
              g_free (p->lsq_email);
              p->lsq_email = mixed_case (p->email);
            }
          else if (diff == 1)
            {
              g_free (p->lsq_phone);
              p->lsq_phone = reformat_phone (p->phone);
            }
          else if (diff == 2)
            {
              g_free (p->lsq_first_name);
              g_free (p->lsq_last_name);
              p->lsq_first_name = g_strdup (first->plain);
              p->lsq_last_name = g_strdup (last->plain);
            }
        }

      /* About one in twenty-five repeats an earlier person's email (in another
       * case) or phone under another name: the duplicates real accounts have. */
      if (i > 4 && liaison_sandbox_rng_range (&rng, 25) == 0)
        {
          LiaisonSandboxPerson *orig
              = g_ptr_array_index (people, liaison_sandbox_rng_range (&rng, i));

          p->duplicate_of = (gint) orig->index;
          if (liaison_sandbox_rng_chance (&rng, 0.5))
            {
              g_free (p->email);
              g_free (p->lsq_email);
              p->email = mixed_case (orig->email);
              p->lsq_email = g_strdup (p->email);
            }
          else
            {
              g_free (p->phone);
              g_free (p->lsq_phone);
              p->phone = g_strdup (orig->phone);
              p->lsq_phone = reformat_phone (orig->phone);
            }
        }
      g_ptr_array_add (people, p);
    }
  return people;
}
