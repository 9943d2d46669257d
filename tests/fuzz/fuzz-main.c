/* fuzz-main.c: runs a libFuzzer target over files without libFuzzer, so
 * that the normal (gcc) test suite feeds every target its committed corpus
 * once and a crash that was fixed stays fixed. Arguments are files or
 * folders of files; prints how many inputs ran.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib.h>
#include <stdint.h>
#include <stdio.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static guint
run_path (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len;
  guint runs = 0;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr (GDir) dir = g_dir_open (path, 0, &error);
      g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;
      guint i;

      g_assert_no_error (error);
      while ((name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (names, g_build_filename (path, name, NULL));
      g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
      for (i = 0; i < names->len; i++)
        runs += run_path (g_ptr_array_index (names, i));
      return runs;
    }

  if (!g_file_get_contents (path, &contents, &len, &error))
    g_error ("%s", error->message);
  LLVMFuzzerTestOneInput ((const uint8_t *) contents, len);
  return 1;
}

int
main (int argc, char *argv[])
{
  guint runs = 0;
  int i;

  for (i = 1; i < argc; i++)
    runs += run_path (argv[i]);
  if (runs == 0)
    {
      fprintf (stderr, "no inputs given\n");
      return 1;
    }
  /* TAP, so that meson counts the run. */
  printf ("1..1\nok 1 - %u inputs ran without a crash\n", runs);
  return 0;
}
