/* liaison-region-row.c: the phone region row (see liaison-region-row.h). Its first item stands
 * for no region; the others are the regions the phone normalizer knows, by translated name.
 * The model is the truth: a choice sets its region, a change of it (Discard, a reload) moves
 * the choice.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-mapping"

#include <glib/gi18n.h>

#include "liaison-normalize.h"
#include "liaison-region-row.h"

static const struct
{
  const char *code;
  const char *name;
} names[] = {
  { "AE", N_ ("United Arab Emirates") },
  { "AT", N_ ("Austria") },
  { "AU", N_ ("Australia") },
  { "BE", N_ ("Belgium") },
  { "BR", N_ ("Brazil") },
  { "CA", N_ ("Canada") },
  { "CH", N_ ("Switzerland") },
  { "DE", N_ ("Germany") },
  { "ES", N_ ("Spain") },
  { "FR", N_ ("France") },
  { "GB", N_ ("United Kingdom") },
  { "IE", N_ ("Ireland") },
  { "IN", N_ ("India") },
  { "IT", N_ ("Italy") },
  { "JP", N_ ("Japan") },
  { "MX", N_ ("Mexico") },
  { "NL", N_ ("Netherlands") },
  { "NZ", N_ ("New Zealand") },
  { "PH", N_ ("Philippines") },
  { "PL", N_ ("Poland") },
  { "PT", N_ ("Portugal") },
  { "SE", N_ ("Sweden") },
  { "SG", N_ ("Singapore") },
  { "US", N_ ("United States") },
  { "ZA", N_ ("South Africa") },
};

char *
liaison_region_row_dup_name (const char *code)
{
  if (code == NULL || !liaison_normalize_region_is_known (code))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (names[i].code, code))
      /* Translators: a country and its ISO 3166 code, "Germany (DE)" */
      return g_strdup_printf (_ ("%s (%s)"), _ (names[i].name), code);
  return g_strdup (code);
}

/* The codes in the row's order after "Not set": by name in the person's language. */
static int
by_name (gconstpointer a, gconstpointer b)
{
  g_autofree char *x = liaison_region_row_dup_name (*(const char *const *) a);
  g_autofree char *y = liaison_region_row_dup_name (*(const char *const *) b);

  return g_utf8_collate (x, y);
}

static void
show_region (AdwComboRow *row, LiaisonMappingModel *model)
{
  const char *region = liaison_mapping_model_get_region (model);
  char **codes = g_object_get_data (G_OBJECT (row), "codes");
  guint selected = 0;

  for (guint i = 0; region != NULL && codes[i] != NULL; i++)
    if (g_str_equal (codes[i], region))
      selected = i + 1;
  g_object_set_data (G_OBJECT (row), "updating", GINT_TO_POINTER (TRUE));
  adw_combo_row_set_selected (row, selected);
  g_object_set_data (G_OBJECT (row), "updating", NULL);
}

static void
on_model_region (LiaisonMappingModel *model, GParamSpec *pspec, AdwComboRow *row)
{
  show_region (row, model);
}

static void
on_selected (AdwComboRow *row, GParamSpec *pspec, LiaisonMappingModel *model)
{
  char **codes = g_object_get_data (G_OBJECT (row), "codes");
  guint selected = adw_combo_row_get_selected (row);
  g_autoptr (GError) error = NULL;

  if (g_object_get_data (G_OBJECT (row), "updating") != NULL
      || selected == GTK_INVALID_LIST_POSITION)
    return;
  /* The row offers only known regions; a refusal would be a bug of the list, said all the same. */
  if (!liaison_mapping_model_set_region (model, selected == 0 ? NULL : codes[selected - 1], &error))
    {
      g_warning ("%s", error->message);
      show_region (row, model);
    }
}

void
liaison_region_row_bind (AdwComboRow *row, LiaisonMappingModel *model)
{
  LiaisonMappingModel *old = g_object_get_data (G_OBJECT (row), "model");
  char **codes = g_object_get_data (G_OBJECT (row), "codes");

  if (old != NULL)
    {
      g_signal_handlers_disconnect_by_data (old, row);
      g_signal_handlers_disconnect_by_data (row, old);
    }
  g_object_set_data_full (G_OBJECT (row), "model", model ? g_object_ref (model) : NULL,
                          g_object_unref);
  if (codes == NULL)
    {
      GtkStringList *list = gtk_string_list_new (NULL);

      codes = liaison_normalize_list_regions ();
      qsort (codes, g_strv_length (codes), sizeof (char *), by_name);
      /* HighLevel's location country is not known to Liaison: no region is a guess. */
      gtk_string_list_append (list, _ ("Not set"));
      for (guint i = 0; codes[i] != NULL; i++)
        {
          g_autofree char *name = liaison_region_row_dup_name (codes[i]);

          gtk_string_list_append (list, name);
        }
      g_object_set_data_full (G_OBJECT (row), "codes", codes, (GDestroyNotify) g_strfreev);
      adw_combo_row_set_model (row, G_LIST_MODEL (list));
      g_object_unref (list);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (row), model != NULL);
  if (model == NULL)
    return;
  show_region (row, model);
  g_signal_connect_object (model, "notify::region", G_CALLBACK (on_model_region), row, 0);
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_selected), model, 0);
}
