// Chromium, the demo accounts, logging in through the real form, and the pages a check opens:
// every page records the responses it loads (htmx requests among them) and turns an unexpected
// 4xx/5xx or a script error into a problem of the check.

import { chromium } from 'playwright-core';

import { expect, log } from './harness.mjs';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/** The two widths every page is seen at: a desktop and a phone. */
export const DESKTOP = 1280;
export const PHONE = 390;

/** The demo accounts (docs/DEMO.md; the passwords are public demo data). */
export const ACCOUNTS = {
  admin: 'demo-admin-2026',
  officer: 'demo-officer-2026',
  tax: 'demo-tax-2026',
  employer: 'demo-employer-2026',
  university: 'demo-university-2026',
  adaptation: 'demo-adaptation-2026',
  police: 'demo-police-2026',
  analyst: 'demo-analyst-2026',
  migrant: 'demo-migrant-2026',
  'med-point': 'demo-medpoint-2026',
  'exam-point': 'demo-exampoint-2026',
  'mmc-point': 'demo-mmcpoint-2026',
  'mvd-point': 'demo-mvdpoint-2026',
};

/** Launches Debian's Chromium with the flags that work in this environment. */
export async function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    // playwright gives every launch a fresh temporary user-data-dir.
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Pages of one check: every page made here records its responses and reports unexpected ones
 * to `problem`. `page.allow(status, pattern?)` declares a status the check expects (e.g. the
 * 404 of an unknown address); `page.responses` lists `{status, method, url}` of everything loaded.
 */
export class Pages {
  constructor(browser, problem) {
    this.browser = browser;
    this.problem = problem;
    this.contexts = [];
  }

  /** A new page at `width` px, logged in with `state` (a role's cookies) when given. */
  async open(width, state) {
    const ctx = await this.browser.newContext({
      viewport: { width, height: width === PHONE ? 844 : 900 },
      locale: 'ru-RU',
      storageState: state,
    });
    this.contexts.push(ctx);
    const page = await ctx.newPage();
    page.setDefaultTimeout(30_000);
    page.responses = [];
    const allowed = [];
    page.allow = (status, pattern) => allowed.push({ status, pattern });
    page.on('response', (r) => {
      const req = r.request();
      const entry = { status: r.status(), method: req.method(), url: r.url(), htmx: !!req.headers()['hx-request'] };
      page.responses.push(entry);
      if (entry.status < 400) return;
      const ok = allowed.some((a) => a.status === entry.status && (!a.pattern || a.pattern.test(entry.url)));
      if (!ok) this.problem(`${entry.status} for ${entry.method} ${entry.url}${entry.htmx ? ' (htmx)' : ''} at ${width} px`);
    });
    page.on('pageerror', (e) => this.problem(`script error on ${page.url()} at ${width} px: ${e.message}`));
    return page;
  }

  /** Closes every context the check opened. */
  async close() {
    for (const c of this.contexts) await c.close().catch(() => {});
    this.contexts = [];
  }
}

/**
 * Logs `role` in through the staff login form on `page` and returns where the login led.
 * Fails with the form's error message when the login is refused.
 */
export async function loginWithForm(page, base, role) {
  const password = ACCOUNTS[role];
  expect(password, `a demo account named ${role}`);
  await page.goto(`${base}/login`);
  await page.fill('input[name=username]', role);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForNavigation(), page.click('form[action="/login"] button[type=submit], form[action="/login"] button')]);
  await page.waitForLoadState('load');
  if (new URL(page.url()).pathname === '/login') {
    const msg = await page.locator('[role=alert], .error').first().textContent().catch(() => null);
    throw new Error(`login as ${role} was refused: ${msg ?? '(no message on the page)'}`);
  }
  return page.url();
}

/**
 * Each role logs in through the form once per run; later checks start from its cookies, so that
 * the login limits of one address do not throttle a run of many checks.
 */
export class Sessions {
  constructor(browser, base) {
    this.browser = browser;
    this.base = base;
    this.states = new Map();
    this.landings = new Map();
  }

  /** The role's cookies, logging in through the form the first time. */
  async state(role) {
    if (!this.states.has(role)) {
      const ctx = await this.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ru-RU' });
      try {
        const page = await ctx.newPage();
        const landing = await loginWithForm(page, this.base, role);
        log(`   ${role} logged in, landed on ${new URL(landing).pathname}`);
        this.landings.set(role, landing);
        this.states.set(role, await ctx.storageState());
      } finally {
        await ctx.close();
      }
    }
    return this.states.get(role);
  }

  /** Where the role's login led (the first time it logged in during this run). */
  async landing(role) {
    await this.state(role);
    return this.landings.get(role);
  }
}
