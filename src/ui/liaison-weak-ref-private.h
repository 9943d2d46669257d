/* liaison-weak-ref-private.h: the user_data of the widgets' async calls. A
 * request in flight holds only a weak reference, so closing a window does not
 * keep its widgets alive until the answers come, dispose cancels the requests,
 * and an answer that arrives anyway finds NULL and leaves the widget alone.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

static inline gpointer
liaison_weak_ref_new (gpointer object)
{
  GWeakRef *ref = g_new (GWeakRef, 1);

  g_weak_ref_init (ref, object);
  return ref;
}

static inline void
liaison_weak_ref_free (gpointer data)
{
  GWeakRef *ref = data;

  g_weak_ref_clear (ref);
  g_free (ref);
}

/* The same as a GClosureNotify, for signal handlers (g_signal_connect_data). */
static inline void
liaison_weak_ref_closure_free (gpointer data, GClosure *closure)
{
  liaison_weak_ref_free (data);
}

/* A strong reference to the object, or NULL once it is gone (GLib clears weak references
 * before dispose); frees data. */
static inline gpointer
liaison_weak_ref_steal (gpointer data)
{
  gpointer object = g_weak_ref_get ((GWeakRef *) data);

  liaison_weak_ref_free (data);
  return object;
}

G_END_DECLS
