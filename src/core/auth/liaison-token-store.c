/* liaison-token-store.c: the keyring side of the accounts.
 *
 * One schema, flagged SECRET_SCHEMA_NONE, with two attributes that are not
 * secret (which service, which connection or client id); the secret itself
 * is a JSON object so that a token set is replaced in one write and can
 * never be half old, half new. Everything is asynchronous: a locked keyring
 * may ask the person for a password, and the GUI must not freeze meanwhile.
 * A lookup that finds nothing answers NULL without an error.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-auth"

#include "liaison-auth-private.h"
#include "liaison-auth-types.h"
#include "liaison-debug.h"
#include "liaison-token-store.h"

struct _LiaisonTokenStore
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (LiaisonTokenStore, liaison_token_store, G_TYPE_OBJECT)

enum
{
  SIGNAL_STORED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  char *service;
  char *account;
} Item;

static void
item_free (Item *item)
{
  g_free (item->service);
  g_free (item->account);
  g_free (item);
}

static Item *
item_new (const char *service, const char *account)
{
  Item *item = g_new0 (Item, 1);

  item->service = g_strdup (service);
  item->account = g_strdup (account);
  return item;
}

const SecretSchema *
liaison_token_store_get_schema (void)
{
  static const SecretSchema schema = {
    APPLICATION_ID ".Credentials",
    SECRET_SCHEMA_NONE,
    {
        { "service", SECRET_SCHEMA_ATTRIBUTE_STRING },
        { "account", SECRET_SCHEMA_ATTRIBUTE_STRING },
        { NULL, 0 },
    },
  };

  return &schema;
}

static void
liaison_token_store_class_init (LiaisonTokenStoreClass *klass)
{
  /* After an item was written: lets a caller (and the tests) see that a
   * rotated refresh token reached the keyring. */
  signals[SIGNAL_STORED]
      = g_signal_new ("stored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                      G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
liaison_token_store_init (LiaisonTokenStore *self)
{
}

LiaisonTokenStore *
liaison_token_store_new (void)
{
  return g_object_new (LIAISON_TYPE_TOKEN_STORE, NULL);
}

static GHashTable *
attributes_for (const char *service, const char *account)
{
  GHashTable *attributes = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (attributes, (gpointer) "service", (gpointer) service);
  g_hash_table_insert (attributes, (gpointer) "account", (gpointer) account);
  return attributes;
}

/* Keeps cancellation as it is; anything else becomes a keyring error that
 * says what to do. */
static GError *
keyring_error (GError *error, const char *doing)
{
  GError *wrapped;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return error;
  wrapped = g_error_new (LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_KEYRING,
                         "Could not %s the keyring: %s. Make sure a keyring service (such as GNOME "
                         "Keyring) is running and unlocked, then try again.",
                         doing, error->message);
  g_error_free (error);
  return wrapped;
}

static void
on_stored (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  LiaisonTokenStore *self = g_task_get_source_object (task);
  Item *item = g_task_get_task_data (task);
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      g_task_return_error (task, keyring_error (error, "write to"));
      return;
    }
  LIAISON_TRACE (LIAISON_DEBUG_AUTH, "keyring: stored the %s item of %s", item->service,
                 item->account);
  g_signal_emit (self, signals[SIGNAL_STORED], 0, item->service, item->account);
  g_task_return_boolean (task, TRUE);
}

/* Writes (or replaces) the item of one service and account. */
void
liaison_token_store_save_async (LiaisonTokenStore *self, const char *service, const char *account,
                                const char *label, JsonObject *secret, GCancellable *cancellable,
                                GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GHashTable) attributes = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (JsonGenerator) generator = NULL;
  char *text;

  g_return_if_fail (LIAISON_IS_TOKEN_STORE (self));
  g_return_if_fail (service != NULL && account != NULL && secret != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_token_store_save_async);
  g_task_set_task_data (task, item_new (service, account), (GDestroyNotify) item_free);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, secret);
  generator = json_generator_new ();
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);

  attributes = attributes_for (service, account);
  /* libsecret copies the password at once; the copy here is wiped right away. */
  secret_password_storev (liaison_token_store_get_schema (), attributes, SECRET_COLLECTION_DEFAULT,
                          label != NULL ? label : "Liaison", text, cancellable, on_stored,
                          g_steal_pointer (&task));
  liaison_auth_free_secret (text);
}

gboolean
liaison_token_store_save_finish (LiaisonTokenStore *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liaison_token_store_save_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_looked_up (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (JsonParser) parser = NULL;
  GError *error = NULL;
  JsonNode *root;
  char *text;

  text = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, keyring_error (error, "read from"));
      return;
    }
  if (text == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, text, -1, NULL)
      || (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      secret_password_free (text);
      g_task_return_new_error (task, LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_KEYRING,
                               "The keyring item that Liaison saved is damaged. Remove the "
                               "connection in Accounts and connect again.");
      return;
    }
  secret_password_free (text);
  g_task_return_pointer (task, json_object_ref (json_node_get_object (root)),
                         (GDestroyNotify) json_object_unref);
}

/* Reads the item of one service and account; NULL without an error when
 * there is none. */
void
liaison_token_store_load_async (LiaisonTokenStore *self, const char *service, const char *account,
                                GCancellable *cancellable, GAsyncReadyCallback callback,
                                gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GHashTable) attributes = NULL;

  g_return_if_fail (LIAISON_IS_TOKEN_STORE (self));
  g_return_if_fail (service != NULL && account != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_token_store_load_async);
  attributes = attributes_for (service, account);
  secret_password_lookupv (liaison_token_store_get_schema (), attributes, cancellable, on_looked_up,
                           g_steal_pointer (&task));
}

JsonObject *
liaison_token_store_load_finish (LiaisonTokenStore *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liaison_token_store_load_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_cleared (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  gboolean removed;

  removed = secret_password_clear_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, keyring_error (error, "remove an item from"));
      return;
    }
  /* TRUE + 1: the call succeeded, and whether anything was there. */
  g_task_return_int (task, removed ? 2 : 1);
}

/* Removes the item of one service and account, if there is one. */
void
liaison_token_store_clear_async (LiaisonTokenStore *self, const char *service, const char *account,
                                 GCancellable *cancellable, GAsyncReadyCallback callback,
                                 gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GHashTable) attributes = NULL;

  g_return_if_fail (LIAISON_IS_TOKEN_STORE (self));
  g_return_if_fail (service != NULL && account != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_token_store_clear_async);
  attributes = attributes_for (service, account);
  secret_password_clearv (liaison_token_store_get_schema (), attributes, cancellable, on_cleared,
                          g_steal_pointer (&task));
}

gboolean
liaison_token_store_clear_finish (LiaisonTokenStore *self, GAsyncResult *result, gboolean *removed,
                                  GError **error)
{
  gssize value;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liaison_token_store_clear_async,
                        FALSE);

  value = g_task_propagate_int (G_TASK (result), error);
  if (removed != NULL)
    *removed = value == 2;
  return value > 0;
}

static void
on_client_secret_saved (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;

  if (!liaison_token_store_save_finish (LIAISON_TOKEN_STORE (source), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* The marketplace app's client secret, entered once by the person; the
 * client id is not secret and names the item. */
void
liaison_token_store_save_client_secret_async (LiaisonTokenStore *self, const char *client_id,
                                              const char *client_secret, GCancellable *cancellable,
                                              GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (JsonObject) secret = NULL;

  g_return_if_fail (LIAISON_IS_TOKEN_STORE (self));
  g_return_if_fail (client_id != NULL && *client_id != '\0');
  g_return_if_fail (client_secret != NULL && *client_secret != '\0');

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_token_store_save_client_secret_async);
  secret = json_object_new ();
  json_object_set_string_member (secret, "clientSecret", client_secret);
  liaison_token_store_save_async (self, LIAISON_SECRET_GHL_CLIENT, client_id,
                                  "Liaison: HighLevel app client secret", secret, cancellable,
                                  on_client_secret_saved, g_steal_pointer (&task));
}

gboolean
liaison_token_store_save_client_secret_finish (LiaisonTokenStore *self, GAsyncResult *result,
                                               GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_client_secret_loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (JsonObject) secret = NULL;
  GError *error = NULL;
  const char *value;

  secret = liaison_token_store_load_finish (LIAISON_TOKEN_STORE (source), result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  value = secret != NULL && json_object_has_member (secret, "clientSecret")
                  && JSON_NODE_HOLDS_VALUE (json_object_get_member (secret, "clientSecret"))
              ? json_object_get_string_member (secret, "clientSecret")
              : NULL;
  g_task_return_pointer (task, value != NULL && *value != '\0' ? g_strdup (value) : NULL,
                         (GDestroyNotify) liaison_auth_free_secret);
}

/* NULL without an error: no secret was entered for this client id. */
void
liaison_token_store_load_client_secret_async (LiaisonTokenStore *self, const char *client_id,
                                              GCancellable *cancellable,
                                              GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (LIAISON_IS_TOKEN_STORE (self));
  g_return_if_fail (client_id != NULL && *client_id != '\0');

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_token_store_load_client_secret_async);
  liaison_token_store_load_async (self, LIAISON_SECRET_GHL_CLIENT, client_id, cancellable,
                                  on_client_secret_loaded, g_steal_pointer (&task));
}

char *
liaison_token_store_load_client_secret_finish (LiaisonTokenStore *self, GAsyncResult *result,
                                               GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
