/* liaison-cli-json.h: the JSON that liaison-cli prints for Liaison's models.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef JsonNode *(*LiaisonCliModelToJson) (GObject *model);

/* A node holding object (array), which it takes: the caller's reference becomes the node's. */
JsonNode *liaison_cli_json_take_object (JsonObject *object);
JsonNode *liaison_cli_json_take_array (JsonArray *array);
JsonNode *liaison_cli_json_from_model (GObject *model);
JsonNode *liaison_cli_json_from_models (GPtrArray *models, LiaisonCliModelToJson one);

G_END_DECLS
