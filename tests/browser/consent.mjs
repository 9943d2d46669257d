// consent.mjs: a person at a real browser, for the 'browser' test suite. Set
// as LIAISON_BROWSER, it is started with the consent page's address last:
//
//   node consent.mjs --action=allow|deny [--screenshot=FILE] [--page-out=FILE]
//                    [--timeout-ms=N] URL
//
// It starts Debian's chromium headless through playwright-core (never a
// browser of Playwright's own), loads the consent page, clicks the Allow or
// Deny button found by its role and visible text, waits until the redirect
// to Liaison's loopback listener has loaded and shows "You can close this
// tab", closes chromium, then exits 0. --page-out saves the status and text
// of that last page as JSON (not its address, which carried the code), once
// chromium has exited; --screenshot saves a PNG of it. Any failure prints one line on stderr and exits non-zero.
//
// Copyright 2026 The Liaison authors
// SPDX-License-Identifier: GPL-3.0-or-later

import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const CLOSE_TEXT = 'You can close this tab';

function fail(code, message) {
  process.stderr.write(`consent.mjs: ${message}\n`);
  process.exitCode = code;
}

let options;
try {
  options = parseArgs({
    allowPositionals: true,
    options: {
      action: { type: 'string' },
      screenshot: { type: 'string' },
      'page-out': { type: 'string' },
      'timeout-ms': { type: 'string', default: '60000' },
    },
  });
} catch (error) {
  fail(2, error.message);
  process.exit();
}
const { values, positionals } = options;
const action = values.action;
const timeoutMs = Number.parseInt(values['timeout-ms'], 10);
if ((action !== 'allow' && action !== 'deny') || positionals.length !== 1
    || !(timeoutMs > 0)) {
  fail(2, 'usage: node consent.mjs --action=allow|deny [--screenshot=FILE] '
          + '[--page-out=FILE] [--timeout-ms=N] URL');
  process.exit();
}

// Where the consent page will send the browser back: Liaison's listener.
const consentUrl = new URL(positionals[0]);
const redirectUri = consentUrl.searchParams.get('redirect_uri');
if (redirectUri === null) {
  fail(2, 'the consent page address has no redirect_uri');
  process.exit();
}

// Loaded after the arguments are checked, so that a usage error does not
// depend on node_modules.
const { chromium } = await import('playwright-core');

const executablePath = process.env.LIAISON_CHROMIUM || '/usr/bin/chromium';
// This machine's network is closed: without the background-networking
// flags chromium keeps trying Google's hosts. The password store is
// 'basic' so that chromium leaves the test's keyring alone.
const args = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--password-store=basic',
];

let report = null;
const profile = mkdtempSync(join(tmpdir(), 'liaison-chromium-'));
let context = null;

async function finish() {
  if (context !== null) {
    const closing = context;
    context = null;
    await closing.close().catch(() => {});
  }
  rmSync(profile, { recursive: true, force: true });
}

// Liaison may stop waiting (cancel, timeout) and the test may end us: never
// leave a chromium behind.
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) {
  process.on(signal, () => {
    fail(1, `stopped by ${signal}`);
    finish().finally(() => process.exit());
  });
}
const deadline = setTimeout(() => {
  fail(3, `gave up after ${timeoutMs} ms`);
  finish().finally(() => process.exit());
}, timeoutMs);

try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args,
    viewport: { width: 900, height: 640 },
  });
  const page = context.pages()[0] ?? await context.newPage();
  page.setDefaultTimeout(timeoutMs);

  const consent = await page.goto(consentUrl.href, { waitUntil: 'load' });
  if (consent === null || !consent.ok()) {
    throw new Error(`the consent page answered ${consent === null ? 'nothing' : consent.status()}`);
  }

  // The button a person would see and click.
  const button = page.getByRole('button', { name: action === 'allow' ? 'Allow' : 'Deny',
                                            exact: true });
  const answered = page.waitForResponse(
    (response) => response.url().startsWith(redirectUri)
                  && response.request().isNavigationRequest());
  await button.click();
  const answer = await answered;
  await page.waitForURL((url) => url.href.startsWith(redirectUri), { waitUntil: 'load' });
  await page.getByText(CLOSE_TEXT).waitFor({ state: 'visible' });

  if (values.screenshot !== undefined) {
    await page.screenshot({ path: values.screenshot, fullPage: true });
  }
  report = { status: answer.status(), title: await page.title(),
             text: await page.locator('body').innerText() };
} catch (error) {
  const first = String(error?.message ?? error).split('\n')[0];
  fail(1, `${action} failed: ${first}`);
} finally {
  clearTimeout(deadline);
  await finish();
}

// Written once chromium is gone, in one step: whoever waits for this file
// knows that no browser process is left.
if (report !== null && values['page-out'] !== undefined) {
  const partial = `${values['page-out']}.partial`;
  writeFileSync(partial, JSON.stringify(report));
  renameSync(partial, values['page-out']);
}
