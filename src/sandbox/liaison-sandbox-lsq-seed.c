/* liaison-sandbox-lsq-seed.c: the seeded LeadSquared account: users with API
 * keys, the lead metadata (system fields and mx_ custom fields of several
 * types), task types, the leads of the people who are "in LeadSquared", and
 * their to-dos, appointments and notes. The same seed gives the same account.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "liaison-sandbox-lsq"

#include "liaison-sandbox-lsq-private.h"
#include "liaison-sandbox-people.h"

typedef struct
{
  const char *schema;
  const char *display;
  const char *type;
  const char *render;
  int render_type;
  int max_length;
  gboolean identifier;
  gboolean read_only;
  const char *options[6];
} FieldSeed;

/* One lead field a row: schema name, display name, data type, render type,
 * render code, maximum length, mandatory, read-only, options. */
/* clang-format off */
static const FieldSeed field_seeds[] = {
  { "ProspectID",                "Lead Id",                "String",       "Textbox",      0,   50,    FALSE,  TRUE,   { NULL } },
  { "ProspectAutoId",            "Lead Number",            "Number",       "Textbox",      0,   20,    FALSE,  TRUE,   { NULL } },
  { "FirstName",                 "First Name",             "String",       "Textbox",      0,   100,   FALSE,  FALSE,  { NULL } },
  { "LastName",                  "Last Name",              "String",       "Textbox",      0,   100,   FALSE,  FALSE,  { NULL } },
  { "EmailAddress",              "Email",                  "Email",        "Email",        9,   100,   TRUE,   FALSE,  { NULL } },
  { "Phone",                     "Phone Number",           "Phone",        "Phone",        6,   50,    TRUE,   FALSE,  { NULL } },
  { "Mobile",                    "Mobile Number",          "Phone",        "Phone",        6,   50,    FALSE,  FALSE,  { NULL } },
  { "Company",                   "Company",                "String",       "Textbox",      0,   200,   FALSE,  FALSE,  { NULL } },
  { "JobTitle",                  "Job Title",              "String",       "Textbox",      0,   100,   FALSE,  FALSE,  { NULL } },
  { "Website",                   "Website",                "Website",      "URL",          10,  200,   FALSE,  FALSE,  { NULL } },
  { "TimeZone",                  "Time Zone",              "String",       "Textbox",      0,   50,    FALSE,  FALSE,  { NULL } },
  { "Notes",                     "Notes",                  "String",       "TextArea",     1,   2000,  FALSE,  FALSE,  { NULL } },
  { "Source",                    "Lead Source",            "Select",       "Dropdown",     13,  100,   FALSE,  FALSE,  { "Direct Traffic", "Social Media", "Referral", "Google Ads", "Walk-in", NULL } },
  { "SourceMedium",              "Source Medium",          "String",       "Textbox",      0,   100,   FALSE,  FALSE,  { NULL } },
  { "SourceCampaign",            "Source Campaign",        "String",       "Textbox",      0,   100,   FALSE,  FALSE,  { NULL } },
  { "SourceContent",             "Source Content",         "String",       "Textbox",      0,   100,   FALSE,  FALSE,  { NULL } },
  { "Origin",                    "Lead Origin",            "String",       "Textbox",      0,   100,   FALSE,  TRUE,   { NULL } },
  { "ProspectStage",             "Lead Stage",             "Select",       "Dropdown",     13,  50,    FALSE,  FALSE,  { "Prospect", "Opportunity", "Customer", "Invalid", NULL } },
  { "Score",                     "Lead Score",             "Number",       "Textbox",      0,   10,    FALSE,  FALSE,  { NULL } },
  { "EngagementScore",           "Engagement Score",       "Number",       "Textbox",      0,   10,    FALSE,  TRUE,   { NULL } },
  { "Revenue",                   "Revenue",                "Number",       "Textbox",      0,   20,    FALSE,  FALSE,  { NULL } },
  { "DoNotEmail",                "Do Not Email",           "Boolean",      "CheckBox",     4,   1,     FALSE,  FALSE,  { NULL } },
  { "DoNotCall",                 "Do Not Call",            "Boolean",      "CheckBox",     4,   1,     FALSE,  FALSE,  { NULL } },
  { "DoNotSMS",                  "Do Not SMS",             "Boolean",      "CheckBox",     4,   1,     FALSE,  FALSE,  { NULL } },
  { "DoNotTrack",                "Do Not Track",           "Boolean",      "CheckBox",     4,   1,     FALSE,  FALSE,  { NULL } },
  { "OwnerId",                   "Lead Owner",             "ActiveUsers",  "Dropdown",     13,  50,    FALSE,  FALSE,  { NULL } },
  { "OwnerIdName",               "Owner Name",             "String",       "Textbox",      0,   200,   FALSE,  TRUE,   { NULL } },
  { "OwnerIdEmailAddress",       "Owner Email",            "Email",        "Email",        9,   100,   FALSE,  TRUE,   { NULL } },
  { "CreatedBy",                 "Created By",             "String",       "Textbox",      0,   50,    FALSE,  TRUE,   { NULL } },
  { "CreatedOn",                 "Created On",             "DateTime",     "DateTime",     8,   30,    FALSE,  TRUE,   { NULL } },
  { "ModifiedBy",                "Modified By",            "String",       "Textbox",      0,   50,    FALSE,  TRUE,   { NULL } },
  { "ModifiedOn",                "Modified On",            "DateTime",     "DateTime",     8,   30,    FALSE,  TRUE,   { NULL } },
  { "LeadLastModifiedOn",        "Lead Last Modified On",  "DateTime",     "DateTime",     8,   30,    FALSE,  TRUE,   { NULL } },
  { "StatusCode",                "Status Code",            "Number",       "Textbox",      0,   5,     FALSE,  TRUE,   { NULL } },
  { "StatusReason",              "Status Reason",          "Number",       "Textbox",      0,   5,     FALSE,  TRUE,   { NULL } },
  { "IsLead",                    "Is Lead",                "Boolean",      "CheckBox",     4,   1,     FALSE,  TRUE,   { NULL } },
  { "DeletionStatusCode",        "Deletion Status",        "Number",       "Textbox",      0,   5,     FALSE,  TRUE,   { NULL } },
  { "ProspectActivityDate_Max",  "Last Activity Date",     "DateTime",     "DateTime",     8,   30,    FALSE,  TRUE,   { NULL } },
  { "ProspectActivityName_Max",  "Last Activity",          "String",       "Textbox",      0,   100,   FALSE,  TRUE,   { NULL } },
  { "LastVisitDate",             "Last Visit Date",        "DateTime",     "DateTime",     8,   30,    FALSE,  TRUE,   { NULL } },
  { "NotableEvent",              "Notable Event",          "String",       "Textbox",      0,   100,   FALSE,  TRUE,   { NULL } },
  /* Custom fields of the tenant, one or more of each data type. */
  { "mx_Street1",                "Street 1",               "String",       "Textbox",      0,   200,   FALSE,  FALSE,  { NULL } },
  { "mx_City",                   "City",                   "String",       "Textbox",      0,   100,   FALSE,  FALSE,  { NULL } },
  { "mx_Zip",                    "Zip",                    "String",       "Textbox",      0,   20,    FALSE,  FALSE,  { NULL } },
  { "mx_Country",                "Country",                "String",       "Textbox",      0,   50,    FALSE,  FALSE,  { NULL } },
  { "mx_Date_of_Birth",          "Date of Birth",          "Date",         "Date",         7,   30,    FALSE,  FALSE,  { NULL } },
  { "mx_Preferred_Call_Time",    "Preferred Call Time",    "Time",         "Time",         11,  10,    FALSE,  FALSE,  { NULL } },
  { "mx_Number_of_Visits",       "Number of Visits",       "Number",       "Textbox",      0,   10,    FALSE,  FALSE,  { NULL } },
  { "mx_Lifetime_Value",         "Lifetime Value",         "Number",       "Textbox",      0,   20,    FALSE,  FALSE,  { NULL } },
  { "mx_Treatment",              "Treatment",              "Select",       "Dropdown",     13,  100,   FALSE,  FALSE,  { "Whitening", "Implants", "Braces", "Checkup", NULL } },
  { "mx_Preferred_Language",     "Preferred Language",     "Select",       "Dropdown",     13,  50,    FALSE,  FALSE,  { "English", "Español", "हिन्दी", "中文", NULL } },
  { "mx_Newsletter",             "Newsletter",             "Boolean",      "RadioButton",  3,   1,     FALSE,  FALSE,  { NULL } },
  { "mx_Referral_Email",         "Referred By (Email)",    "Email",        "Email",        9,   100,   FALSE,  FALSE,  { NULL } },
  { "mx_Background",             "Background",             "String",       "TextArea",     1,   2000,  FALSE,  FALSE,  { NULL } },
};
/* clang-format on */

typedef struct
{
  const char *name;
  int category; /* 0 appointment, 1 to-do */
  int duration_minutes;
} TaskTypeSeed;

/* clang-format off */
static const TaskTypeSeed task_type_seeds[] = {
  { "Meeting",      0, 60 },
  { "Consultation", 0, 30 },
  { "Call Back",    1, 0 },
  { "Follow Up",    1, 0 },
  { "Send Quote",   1, 0 },
};
/* clang-format on */

static const char *
seed_option (LiaisonSandboxRng *rng, const char *schema)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_seeds); i++)
    if (g_str_equal (field_seeds[i].schema, schema))
      {
        guint n = 0;

        while (field_seeds[i].options[n] != NULL)
          n++;
        return field_seeds[i].options[liaison_sandbox_rng_range (rng, n)];
      }
  g_return_val_if_reached (NULL);
}

static const char *activity_names[]
    = { "Email Opened", "Sales Activity", "Lead Capture", "Inbound Phone Call" };

static char *
hex_key (LiaisonSandboxRng *rng, guint len)
{
  static const char hex[] = "0123456789abcdef";
  char *key = g_malloc (len + 1);

  for (guint i = 0; i < len; i++)
    key[i] = hex[liaison_sandbox_rng_range (rng, 16)];
  key[len] = '\0';
  return key;
}

static void
add_user (LiaisonSandboxLsq *self, const char *first, const char *last, const char *email,
          const char *phone, const char *timezone, const char *role, int status)
{
  JsonObject *u = json_object_new ();
  g_autofree char *id = lsq_new_guid (self);
  g_autofree char *access_hex = hex_key (&self->rng, 32);
  g_autofree char *access = g_strconcat ("u$r", access_hex, NULL);
  g_autofree char *secret = hex_key (&self->rng, 40);

  json_object_set_string_member (u, "ID", id);
  json_object_set_string_member (u, "FirstName", first);
  json_object_set_string_member (u, "LastName", last);
  json_object_set_string_member (u, "EmailAddress", email);
  json_object_set_string_member (u, "Role", role);
  json_object_set_int_member (u, "StatusCode", status);
  json_object_set_array_member (u, "MemberOfGroups", json_array_new ());
  json_object_set_null_member (u, "Tag");
  json_object_set_boolean_member (u, "IsPhoneCallAgent", FALSE);
  json_object_set_string_member (u, "PhoneMobile", phone);
  json_object_set_string_member (u, "TimeZone", timezone);
  json_object_set_string_member (u, "_AccessKey", access);
  json_object_set_string_member (u, "_SecretKey", secret);
  liaison_sandbox_table_insert (self->users, u);
  json_object_unref (u);
}

static void
seed_users (LiaisonSandboxLsq *self)
{
  guint n;
  const LiaisonSandboxOwner *owners = liaison_sandbox_people_owners (&n);

  for (guint i = 0; i < n; i++)
    add_user (self, owners[i].first_name, owners[i].last_name, owners[i].email, owners[i].phone,
              owners[i].timezone, i == 0 ? "Administrator" : "Sales_User", 0);
  /* Someone who left: their keys stop working and nothing can be assigned to them. */
  add_user (self, "Dana", "Okafor", "dana.okafor@sandbox.example.com", "+14155550199",
            "America/Chicago", "Sales_User", 1);
}

static void
seed_fields (LiaisonSandboxLsq *self)
{
  g_autofree char *system_created = lsq_format_wcf (self->anchor_ms - 900 * LSQ_DAY_MS);
  JsonObject *admin = liaison_sandbox_table_index (self->users, 0);
  g_autofree char *admin_name = lsq_user_name (admin);

  for (guint i = 0; i < G_N_ELEMENTS (field_seeds); i++)
    {
      const FieldSeed *f = &field_seeds[i];
      JsonObject *o = json_object_new ();
      gboolean custom = g_str_has_prefix (f->schema, "mx_");
      g_autofree char *max_length = g_strdup_printf ("%d", f->max_length);
      g_autofree char *attr_id = lsq_new_guid (self);
      g_autofree char *created = custom ? lsq_format_wcf (self->anchor_ms - (400 - i) * LSQ_DAY_MS)
                                        : g_strdup (system_created);

      json_object_set_string_member (o, "Entity", "1");
      json_object_set_string_member (o, "SchemaName", f->schema);
      json_object_set_string_member (o, "DisplayName", f->display);
      json_object_set_string_member (o, "DataType", f->type);
      json_object_set_boolean_member (o, "IsMandatory", FALSE);
      if (f->options[0] != NULL)
        {
          JsonArray *options = json_array_new ();

          for (guint k = 0; f->options[k] != NULL; k++)
            {
              JsonObject *option = json_object_new ();

              json_object_set_string_member (option, "Value", f->options[k]);
              json_array_add_object_element (options, option);
            }
          json_object_set_array_member (o, "Options", options);
        }
      json_object_set_string_member (o, "MaxLength", max_length);
      json_object_set_string_member (o, "EntityAttributeId", attr_id);
      json_object_set_string_member (o, "Name", f->schema);
      json_object_set_int_member (o, "EntityAttributeType", custom ? 2 : 1);
      json_object_set_int_member (o, "RenderType", f->render_type);
      json_object_set_string_member (o, "RenderTypeTextValue", f->render);
      json_object_set_boolean_member (o, "IsVisible", TRUE);
      json_object_set_boolean_member (o, "IsSearchable", TRUE);
      json_object_set_null_member (o, "DefaultValue");
      json_object_set_string_member (o, "CreatedBy",
                                     custom ? lsq_get_string (admin, "ID") : "System");
      json_object_set_string_member (o, "CreatedOn", created);
      json_object_set_string_member (o, "ModifiedOn", created);
      json_object_set_string_member (o, "CreatedByName", custom ? admin_name : "System");
      json_object_set_boolean_member (o, "IsLeadIdentifier", f->identifier);
      json_object_set_int_member (o, "LockAfterCreate", f->read_only ? 1 : 0);
      json_object_set_boolean_member (o, "IsSortable", TRUE);
      json_object_set_boolean_member (o, "_ReadOnly", f->read_only);
      liaison_sandbox_table_insert (self->fields, o);
      json_object_unref (o);
    }
}

static void
seed_task_types (LiaisonSandboxLsq *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (task_type_seeds); i++)
    {
      JsonObject *t = json_object_new ();
      g_autofree char *id = lsq_new_guid (self);

      json_object_set_string_member (t, "Id", id);
      json_object_set_string_member (t, "Name", task_type_seeds[i].name);
      json_object_set_int_member (t, "Category", task_type_seeds[i].category);
      json_object_set_boolean_member (t, "IsDefault", i == 0 || i == 2);
      json_object_set_int_member (t, "_DurationMinutes", task_type_seeds[i].duration_minutes);
      liaison_sandbox_table_insert (self->task_types, t);
      json_object_unref (t);
    }
}

static void
set_time (JsonObject *lead, const char *member, gint64 ms)
{
  g_autofree char *text = lsq_format_ms (ms);

  json_object_set_string_member (lead, member, text);
}

static void
seed_activities (LiaisonSandboxLsq *self, JsonObject *lead, JsonObject *owner, gint64 modified)
{
  const char *lead_id = lsq_get_string (lead, "ProspectID");
  const char *first = lsq_get_string (lead, "FirstName");

  if (liaison_sandbox_rng_chance (&self->rng, 0.35))
    {
      g_autoptr (JsonObject) body = json_object_new ();
      JsonObject *type = json_object_new ();
      gint64 due = self->anchor_ms
                   + ((gint64) liaison_sandbox_rng_range (&self->rng, 20) - 8) * LSQ_DAY_MS;
      g_autofree char *due_text = lsq_format_plain (due - due % 60000);
      g_autofree char *name = g_strdup_printf ("Call %s back", first ? first : "the lead");
      JsonObject *task;

      json_object_set_string_member (body, "Name", name);
      json_object_set_string_member (body, "Description",
                                     "Follow up on the quote — prefers mornings.");
      json_object_set_string_member (body, "RelatedEntityId", lead_id);
      json_object_set_string_member (body, "DueDate", due_text);
      json_object_set_string_member (body, "OwnerId", lsq_get_string (owner, "ID"));
      json_object_set_int_member (body, "Reminder", 30);
      json_object_set_string_member (
          type, "Name", task_type_seeds[2 + liaison_sandbox_rng_range (&self->rng, 3)].name);
      json_object_set_object_member (body, "TaskType", type);
      task = lsq_task_create (self, body, owner, modified);
      if (task != NULL && liaison_sandbox_rng_chance (&self->rng, 0.3))
        {
          json_object_set_int_member (task, "StatusCode", 1);
          json_object_set_int_member (task, "PercentCompleted", 100);
          set_time (task, "CompletedOn", modified);
        }
    }
  if (liaison_sandbox_rng_chance (&self->rng, 0.25))
    {
      g_autoptr (JsonObject) body = json_object_new ();
      JsonObject *type = json_object_new ();
      /* Appointments on the half hour, in working hours UTC. */
      gint64 day = (self->anchor_ms / LSQ_DAY_MS
                    + (gint64) liaison_sandbox_rng_range (&self->rng, 30) - 10)
                   * LSQ_DAY_MS;
      gint64 start
          = day + (9 * 60 + 30 * (gint64) liaison_sandbox_rng_range (&self->rng, 16)) * 60000;
      guint t = liaison_sandbox_rng_range (&self->rng, 2);
      g_autofree char *start_text = lsq_format_plain (start);
      g_autofree char *end_text
          = lsq_format_plain (start + task_type_seeds[t].duration_minutes * 60000);
      g_autofree char *name
          = g_strdup_printf ("%s with %s", task_type_seeds[t].name, first ? first : "lead");

      json_object_set_string_member (body, "Name", name);
      json_object_set_string_member (body, "Description", "Café Lumière, 2nd floor");
      json_object_set_string_member (body, "RelatedEntityId", lead_id);
      json_object_set_string_member (body, "DueDate", start_text);
      json_object_set_string_member (body, "EndDate", end_text);
      json_object_set_string_member (body, "OwnerId", lsq_get_string (owner, "ID"));
      json_object_set_string_member (body, "Location", "Clinic — Room 2");
      json_object_set_string_member (body, "NotifyBy", "1100");
      json_object_set_string_member (type, "Name", task_type_seeds[t].name);
      json_object_set_object_member (body, "TaskType", type);
      lsq_task_create (self, body, owner, modified);
    }
  if (liaison_sandbox_rng_chance (&self->rng, 0.3))
    {
      g_autofree char *text
          = g_strdup_printf ("Spoke with %s: wants a quote for Implants; ¿habla español? "
                             "Prefers WhatsApp.",
                             first ? first : "the lead");

      lsq_note_create (self, lead, text, NULL, owner, modified);
    }
}

static void
seed_lead (LiaisonSandboxLsq *self, LiaisonSandboxPerson *p)
{
  guint n_users = liaison_sandbox_table_size (self->users) - 1; /* the inactive one owns nothing */
  JsonObject *owner = liaison_sandbox_table_index (self->users, p->owner % n_users);
  gint64 created = self->anchor_ms - (gint64) p->created_days_ago * LSQ_DAY_MS
                   + liaison_sandbox_rng_range (&self->rng, LSQ_DAY_MS);
  gint64 modified = self->anchor_ms - (gint64) p->updated_days_ago * LSQ_DAY_MS
                    - liaison_sandbox_rng_range (&self->rng, 12 * 3600 * 1000);
  JsonObject *lead;
  char buf[64];

  created -= created % 1000;
  modified -= modified % 1000;
  if (modified < created)
    modified = created;
  lead = lsq_lead_new (self, owner, created);
  json_object_set_string_member (
      lead, "Origin", liaison_sandbox_rng_chance (&self->rng, 0.5) ? "Import" : "Quick Add Form");
  json_object_set_string_member (lead, "FirstName", p->lsq_first_name);
  json_object_set_string_member (lead, "LastName", p->lsq_last_name);
  json_object_set_string_member (lead, "EmailAddress", p->lsq_email);
  /* Some people gave only a mobile number. */
  json_object_set_string_member (
      lead, liaison_sandbox_rng_chance (&self->rng, 0.25) ? "Mobile" : "Phone", p->lsq_phone);
  if (p->company != NULL)
    json_object_set_string_member (lead, "Company", p->company);
  json_object_set_string_member (lead, "mx_City", p->city);
  json_object_set_string_member (lead, "mx_Country", p->country);
  json_object_set_string_member (lead, "TimeZone", p->timezone);
  json_object_set_string_member (lead, "Source", seed_option (&self->rng, "Source"));
  json_object_set_string_member (lead, "ProspectStage", seed_option (&self->rng, "ProspectStage"));
  g_snprintf (buf, sizeof buf, "%u", liaison_sandbox_rng_range (&self->rng, 120));
  json_object_set_string_member (lead, "Score", buf);
  json_object_set_string_member (lead, "DoNotEmail",
                                 liaison_sandbox_rng_chance (&self->rng, 0.1) ? "1" : "0");
  if (liaison_sandbox_rng_chance (&self->rng, 0.6))
    {
      gint64 dob = self->anchor_ms
                   - ((gint64) 6570 + liaison_sandbox_rng_range (&self->rng, 22000)) * LSQ_DAY_MS;
      g_autofree char *dob_text = lsq_format_ms (dob - dob % LSQ_DAY_MS);

      json_object_set_string_member (lead, "mx_Date_of_Birth", dob_text);
      g_snprintf (buf, sizeof buf, "%02u:%s", 8 + liaison_sandbox_rng_range (&self->rng, 10),
                  liaison_sandbox_rng_chance (&self->rng, 0.5) ? "00" : "30");
      json_object_set_string_member (lead, "mx_Preferred_Call_Time", buf);
      g_snprintf (buf, sizeof buf, "%u", liaison_sandbox_rng_range (&self->rng, 25));
      json_object_set_string_member (lead, "mx_Number_of_Visits", buf);
      g_snprintf (buf, sizeof buf, "%u.%02u", liaison_sandbox_rng_range (&self->rng, 9000),
                  liaison_sandbox_rng_range (&self->rng, 100));
      json_object_set_string_member (lead, "mx_Lifetime_Value", buf);
      json_object_set_string_member (lead, "mx_Treatment",
                                     seed_option (&self->rng, "mx_Treatment"));
      json_object_set_string_member (lead, "mx_Preferred_Language",
                                     seed_option (&self->rng, "mx_Preferred_Language"));
      json_object_set_string_member (lead, "mx_Newsletter",
                                     liaison_sandbox_rng_chance (&self->rng, 0.5) ? "1" : "0");
    }
  if (liaison_sandbox_rng_chance (&self->rng, 0.7))
    {
      set_time (lead, "ProspectActivityDate_Max", modified);
      json_object_set_string_member (
          lead, "ProspectActivityName_Max",
          activity_names[liaison_sandbox_rng_range (&self->rng, G_N_ELEMENTS (activity_names))]);
    }
  lsq_lead_touch (lead, owner, modified);
  liaison_sandbox_table_insert (self->leads, lead);
  seed_activities (self, lead, owner, modified);
  json_object_unref (lead);
}

void
lsq_seed (LiaisonSandboxLsq *self, GPtrArray *people)
{
  seed_users (self);
  seed_fields (self);
  seed_task_types (self);
  for (guint i = 0; people != NULL && i < people->len; i++)
    {
      LiaisonSandboxPerson *p = g_ptr_array_index (people, i);

      /* Seeded as is, duplicates included: accounts imported before an email or
       * phone was made unique hold such records. */
      if (p->in_lsq)
        seed_lead (self, p);
    }
}
