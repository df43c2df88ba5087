// Browser tests of every page of every role (issue 10) and of the migrant's cabinet (issue 5).
//
// Plain node, no test framework: starts the `rosmigration` binary on a fresh temporary SQLite
// database with the demo region (10,000 persons by default), a fake SMS gateway, and Debian's
// Chromium through playwright-core; then runs the suites in suites/ (one per workstation, plus
// the crawler) and prints one closing line `browser: N passed, N failed`. Exit code 0 when no
// check failed; checks listed in a suite's `expectedToFailUntilLanded` are reported apart.
//
//   node run.mjs                       every suite
//   node run.mjs officer police        the suites named (files in suites/)
//   node run.mjs --role officer        only the checks of one role (the crawler's too)
//   node run.mjs --grep pagination     only the checks whose name contains the text
//
// Builds nothing: run `cargo build -p rosmigration` first (.ci/run does). Screenshots go to
// target/browser/<suite>/. Environment (see README.md): ROSMIGRATION_BIN, CHROMIUM, DEMO_PERSONS,
// CRAWL_MAX_PAGES, BROWSER_LOGIN, BROWSER_START_TIMEOUT_S, ROSMIGRATION_DATA_KEY.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { Api } from './lib/api.mjs';
import { DESKTOP, PHONE, Pages, Sessions, launch } from './lib/browser.mjs';
import { SHOTS, inspect } from './lib/checks.mjs';
import { QUALITY, Report, expect, log } from './lib/harness.mjs';
import { seedIntake } from './lib/seed.mjs';
import { startServer } from './lib/server.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
// The order suites run in: the cabinet's flow first (it books slots the service points then see).
const ORDER = ['public', 'cabinet', 'check', 'officer', 'tax', 'police', 'admin', 'analyst', 'point', 'employer', 'university', 'adaptation', 'crawl'];

function parseArgs(argv) {
  const o = { suites: [], role: null, grep: null };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--role') o.role = argv[++i];
    else if (argv[i] === '--grep') o.grep = argv[++i];
    else if (argv[i] === '--help' || argv[i] === '-h') {
      console.log('usage: node run.mjs [suite ...] [--role ROLE] [--grep TEXT]; suites: ' + ORDER.join(', '));
      process.exit(0);
    } else o.suites.push(argv[i].replace(/\.mjs$/, '').replace(/^suites\//, ''));
  }
  return o;
}

/** The context a check's `run(t)` receives. */
function context({ suite, server, browser, sessions, api, problem, quality }) {
  const pages = new Pages(browser, problem);
  const t = {
    base: server.base,
    server,
    api,
    sessions,
    suite,
    problem,
    expect,
    log,
    pages,
    /** A page at `width`, logged in as `role` (none: not logged in). */
    open: async (role, width = DESKTOP) => pages.open(width, role ? await sessions.state(role) : undefined),
    /**
     * axe, the phone's width and a screenshot of the page as it is now. What axe and the width
     * find goes to the suite's own QUALITY check, so that a content check says only whether the
     * page did its job.
     */
    inspect: (page, label) => inspect(page, suite, label, quality),
    /**
     * Opens `url` as `role` at both widths with the page checks; returns the desktop page (its
     * `phone` the other, its `status` the main response's status) for the content checks.
     */
    visit: async (role, url, label, { widths = [DESKTOP, PHONE], allow = [] } = {}) => {
      let first = null;
      for (const w of widths) {
        const page = await t.open(role, w);
        for (const s of allow) page.allow(s);
        const r = await page.goto(new URL(url, server.base).toString());
        page.status = r?.status() ?? 0;
        await t.inspect(page, label);
        if (first) first.phone = page;
        else first = page;
      }
      return first;
    },
  };
  return t;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const unknown = args.suites.filter((s) => !ORDER.includes(s));
  if (unknown.length) throw new Error(`no suite named ${unknown.join(', ')}; suites: ${ORDER.join(', ')}`);
  const names = args.suites.length ? ORDER.filter((s) => args.suites.includes(s)) : ORDER;
  const suites = [];
  for (const name of names) {
    const m = await import(path.join(HERE, 'suites', `${name}.mjs`));
    const tests = (m.tests || []).filter(
      (x) => (!args.role || x.role === args.role) && (!args.grep || x.name.includes(args.grep)),
    );
    const expected = new Set(m.expectedToFailUntilLanded || []);
    for (const n of expected) if (n !== QUALITY && !m.tests.some((x) => x.name === n)) throw new Error(`suites/${name}.mjs lists an unknown check: ${n}`);
    if (tests.length) suites.push({ name, tests, expected });
  }
  if (!suites.length) throw new Error('no check matches the arguments');

  const report = new Report();
  const cleanups = [];
  fs.mkdirSync(SHOTS, { recursive: true });
  try {
    const server = await startServer(cleanups);
    report.note(`the demo region loaded and the server answered after ${server.startSeconds} s`);
    const browser = await launch();
    cleanups.push(() => browser.close());
    const sessions = new Sessions(browser, server.base);
    const api = new Api(server.base);
    report.note(await seedIntake(api));
    for (const s of suites) {
      // The suite's axe and width findings, each once (they name the route template, not the id).
      const found = new Set();
      let inspected = 0;
      const quality = (m) => found.add(m);
      for (const test of s.tests) {
        await report.run(s.name, test.name, s.expected.has(test.name), async (problem) => {
          const t = context({ suite: s.name, server, browser, sessions, api, problem, quality });
          const inspect1 = t.inspect;
          t.inspect = async (page, label) => {
            inspected += 1;
            return inspect1(page, label);
          };
          t.note = (msg) => report.note(`${s.name}: ${msg}`);
          try {
            await test.run(t);
          } finally {
            await t.pages.close();
          }
        });
      }
      if (inspected && s.name !== 'crawl') {
        await report.run(s.name, QUALITY, s.expected.has(QUALITY), async (problem) => {
          for (const m of found) problem(m);
        });
      }
    }
  } catch (e) {
    await report.run('harness', 'start the server and the browser', false, () => {
      throw e;
    });
  } finally {
    for (const c of cleanups.reverse()) {
      try {
        await c();
      } catch {
        // best effort
      }
    }
  }
  log(`screenshots in ${path.relative(process.cwd(), SHOTS)}/`);
  return report.summary();
}

try {
  process.exit(await main());
} catch (e) {
  // A wrong argument or a suite that does not load: say which, without a stack.
  console.error(`[browser] ${e.message}`);
  process.exit(2);
}
