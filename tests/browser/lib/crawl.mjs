// The crawler: from a role's landing page, follows every same-origin link a browser would follow
// with GET, up to a cap, and records every response the pages load. Pages of a route template not
// seen before go first, then pagination, then the rest, so that the cap cuts off the 400th
// person's page rather than the review queue.

import { DESKTOP, PHONE } from './browser.mjs';
import { inspect, settle } from './checks.mjs';
import { template } from './urls.mjs';

/** A page's HTML above this size is listed in the summary (the issue: < 60 KB). */
const PAGE_BUDGET = 60 * 1024;

/** Pages visited per role at most (`CRAWL_MAX_PAGES`). */
export const CRAWL_MAX = Number(process.env.CRAWL_MAX_PAGES || 200);

// Links that log out, switch the language (a cookie), or name an action: never followed, even if
// a page offers one as a link. Writes are forms (POST), which the crawler never submits.
const NEVER = [
  /^\/(cabinet\/)?logout\b/,
  /^\/(cabinet\/)?lang\//,
  /^\/static\//,
  /\/(delete|cancel|revoke|disable|enable|merge|unmerge|discard|replay|decide|decision|reject|approve|close|next|served|no-show|reset|verify|book|reschedule)(\/|$|\?)/,
];

function isPagination(url) {
  return /[?&](cursor|page|after|before|offset)=/.test(url.search);
}

/**
 * Crawls as one role. `open(width)` makes a logged-in page (see Pages.open); `problem` receives
 * every 5xx; `quality` receives axe and width problems of the template pages. Returns
 * `{ visited, templates, clientErrors, heavy, capped }` (heavy: templates whose first page's HTML
 * is over 60 KB).
 */
export async function crawl({ base, start, open, suite, problem, quality }) {
  const origin = new URL(base).origin;
  const page = await open(DESKTOP);
  const phone = await open(PHONE);
  // 4xx are listed, not failures here; 5xx fail.
  const clientErrors = [];
  const onResponse = (r) => {
    const s = r.status();
    if (s >= 500) problem(`${s} for ${r.request().method()} ${r.url()} (from ${fromOf.get(r.url()) ?? 'a page'})`);
    else if (s >= 400) clientErrors.push(`${s} ${r.url()} (from ${fromOf.get(r.url()) ?? 'a page'})`);
  };
  for (const p of [page, phone]) {
    p.removeAllListeners('response');
    p.on('response', onResponse);
  }

  const seen = new Set();
  const fromOf = new Map();
  const templates = new Map();
  const heavy = [];
  const queue = [];
  const push = (href, from) => {
    let u;
    try {
      u = new URL(href, from);
    } catch {
      return;
    }
    if (u.origin !== origin || !/^https?:$/.test(u.protocol)) return;
    u.hash = '';
    const key = u.toString();
    if (seen.has(key) || NEVER.some((re) => re.test(u.pathname + u.search))) return;
    seen.add(key);
    fromOf.set(key, new URL(from).pathname + new URL(from).search);
    queue.push(u);
  };
  push(start, base);
  let visited = 0;
  while (queue.length && visited < CRAWL_MAX) {
    // New templates first, then pagination, then the rest (in the order found).
    let i = queue.findIndex((u) => !templates.has(template(u.pathname)));
    if (i < 0) i = queue.findIndex(isPagination);
    if (i < 0) i = 0;
    const url = queue.splice(i, 1)[0];
    visited += 1;
    let response;
    try {
      response = await page.goto(url.toString());
    } catch (e) {
      // A download (e.g. a CSV export) is not a page: fetch it with the same cookies instead.
      if (/Download is starting/.test(e.message)) {
        const r = await page.request.get(url.toString());
        if (r.status() >= 500) problem(`${r.status()} for GET ${url} (a download)`);
        continue;
      }
      problem(`GET ${url}: ${e.message.split('\n')[0]}`);
      continue;
    }
    // Where a redirect led counts as seen too (`/` leads to the landing page).
    const landed = new URL(page.url());
    landed.hash = '';
    seen.add(landed.toString());
    const type = response?.headers()['content-type'] || '';
    if (!type.includes('text/html')) continue;
    await settle(page);
    const tpl = template(new URL(page.url()).pathname);
    if (!templates.has(tpl) && (response?.status() ?? 0) < 400) {
      templates.set(tpl, page.url());
      // The budget: every staff page under 60 KB before compression.
      const bytes = (await response.body().catch(() => Buffer.alloc(0))).length;
      if (bytes > PAGE_BUDGET) heavy.push(`${tpl} ${Math.round(bytes / 1024)} KB`);
      await inspect(page, suite, tpl, quality);
      await phone.goto(page.url());
      await inspect(phone, suite, tpl, quality);
    }
    const hrefs = await page.$$eval('a[href]', (as) => as.filter((a) => !a.hasAttribute('download')).map((a) => a.getAttribute('href')));
    for (const h of hrefs) push(h, page.url());
  }
  return { visited, templates: [...templates.keys()], clientErrors, heavy, capped: queue.length > 0 };
}
