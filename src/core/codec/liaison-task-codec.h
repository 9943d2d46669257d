/* liaison-task-codec.h: a task as the store keeps it (see liaison-codec.h).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-codec.h"
#include "liaison-task.h"

G_BEGIN_DECLS

/* contact_id: the contact the task was listed for (the record's parent). */
LiaisonStoreRecord *liaison_task_codec_to_record (LiaisonTask *task, const char *contact_id);
LiaisonTask *liaison_task_codec_from_json (const char *raw, GError **error);

G_END_DECLS
