/* liaison-contact-web.c: where each side of a contact is on its service's website, for the
 * detail pane's "Open in LeadSquared" and "Open in HighLevel". Pure functions of the account's
 * API address and the record's ids.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-contact-detail"

#include <string.h>

#include "liaison-contact-detail.h"

/* The lower-case host of an API base URL, or NULL. */
static char *
api_host (const char *api_url)
{
  g_autoptr (GUri) uri = NULL;

  if (api_url == NULL)
    return NULL;
  uri = g_uri_parse (api_url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return NULL;
  return g_ascii_strdown (g_uri_get_host (uri), -1);
}

/* The sandbox listens on loopback and has no website to open. */
static gboolean
host_is_loopback (const char *host)
{
  g_autoptr (GInetAddress) address = NULL;

  if (g_str_equal (host, "localhost") || g_str_has_suffix (host, ".localhost"))
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* The lead's page in LeadSquared's web app, for an account reached through api_url; NULL for
 * the sandbox and for hosts whose web app is not known.
 *
 * The LeadSquared fact sheet lists only API hosts. The web app of each region is the API host
 * without its "api-" prefix, and run.leadsquared.com for the default region: that is how
 * LeadSquared's own web-app configuration names them (PLATFORM_APP_BASE_URL
 * https://us11.leadsquared.com for region 11, https://run.leadsquared.com for region 1), and
 * the lead links of public integrations use https://in21.leadsquared.com/... and
 * https://run.leadsquared.com/LeadManagement/LeadDetails?LeadID=<id>. */
char *
liaison_contact_detail_lsq_web_url (const char *api_url, const char *lead_id)
{
  g_autofree char *host = api_host (api_url);
  g_autofree char *escaped = NULL;
  const char *web_host;
  const char *domain;

  if (host == NULL || lead_id == NULL || *lead_id == '\0' || host_is_loopback (host))
    return NULL;
  if (g_str_equal (host, "api.leadsquared.com"))
    web_host = "run.leadsquared.com";
  else if (g_str_has_prefix (host, "api-") && (domain = strchr (host, '.')) != NULL
           && g_str_equal (domain, ".leadsquared.com") && domain > host + 4)
    web_host = host + 4;
  else
    return NULL;
  escaped = g_uri_escape_string (lead_id, NULL, FALSE);
  return g_strdup_printf ("https://%s/LeadManagement/LeadDetails?LeadID=%s", web_host, escaped);
}

/* The contact's page in HighLevel's web app; NULL for the sandbox. Every location is at
 * app.gohighlevel.com, whichever API host it is reached through. */
char *
liaison_contact_detail_ghl_web_url (const char *api_url, const char *location_id,
                                    const char *contact_id)
{
  g_autofree char *host = api_host (api_url);
  g_autofree char *location = NULL;
  g_autofree char *contact = NULL;

  if (host == NULL || host_is_loopback (host) || location_id == NULL || *location_id == '\0'
      || contact_id == NULL || *contact_id == '\0')
    return NULL;
  location = g_uri_escape_string (location_id, NULL, FALSE);
  contact = g_uri_escape_string (contact_id, NULL, FALSE);
  return g_strdup_printf ("https://app.gohighlevel.com/v2/location/%s/contacts/detail/%s", location,
                          contact);
}
