// The crawler test (issue 10, item 8): each role logs in, starts from its landing page (`/`
// redirects there) and follows every same-origin GET link (never logout, language switches or
// links that name an action; forms are never submitted), up to CRAWL_MAX_PAGES pages. Two checks
// per role: no 5xx anywhere (the 4xx met are listed in the summary), and every route template
// passes axe and fits 390 px (screenshots of each template at both widths in
// target/browser/crawl/). The anonymous visitor crawls from the front page too.

import { ACCOUNTS } from '../lib/browser.mjs';
import { CRAWL_MAX, crawl } from '../lib/crawl.mjs';

const ROLES = ['anonymous', ...Object.keys(ACCOUNTS)];

/**
 * Checks that need pages or fixes not landed yet (the lead flips them): the staff layout that
 * passes axe and fits 390 px, the employer's and university's landing pages (a 500 today), and
 * the officer's desk, whose work-list links open searches of more than one page (a 500 today).
 */
export const expectedToFailUntilLanded = [];

// One crawl per role serves both of its checks: the first check crawls, the second reads.
const crawls = new Map();

async function crawlAs(t, role) {
  if (!crawls.has(role)) {
    const quality = [];
    const statuses = [];
    const state = role === 'anonymous' ? undefined : await t.sessions.state(role);
    const r = await crawl({
      base: t.base,
      start: '/',
      open: (w) => t.pages.open(w, state),
      suite: `crawl/${role}`,
      problem: (m) => statuses.push(m),
      quality: (m) => quality.push(m),
    });
    t.note(
      `${role}: ${r.visited} page(s)${r.capped ? ` (capped at ${CRAWL_MAX})` : ''}, ${r.templates.length} route template(s): ${r.templates.join(' ')}`,
    );
    for (const e of [...new Set(r.clientErrors)].slice(0, 20)) t.note(`${role}: 4xx ${e}`);
    if (r.heavy.length) t.note(`${role}: pages over 60 KB of HTML: ${r.heavy.join(', ')}`);
    crawls.set(role, { ...r, quality, statuses });
  }
  return crawls.get(role);
}

export const tests = ROLES.flatMap((role) => [
  {
    name: `${role}: every page reachable from the landing page answers without a 5xx`,
    role,
    run: async (t) => {
      const r = await crawlAs(t, role);
      for (const m of r.statuses) t.problem(m);
      t.expect(r.visited > 0, 'at least the landing page');
    },
  },
  {
    name: `${role}: every route template passes axe and fits 390 px`,
    role,
    run: async (t) => {
      const r = await crawlAs(t, role);
      for (const m of r.quality) t.problem(m);
      // Passing needs pages: a landing page that answered with an error inspected nothing.
      t.expect(r.templates.length > 0, 'at least one page that answered, to inspect');
    },
  },
]);
