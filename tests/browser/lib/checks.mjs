// What every page must satisfy, whatever it shows: an accessibility check with axe-core (no
// violation of impact serious or critical), no horizontal scroll at the phone's width, and a
// screenshot for the reader of the run.

import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { PHONE } from './browser.mjs';
import { ROOT } from './server.mjs';
import { rawMessageIds } from './i18n.mjs';
import { template } from './urls.mjs';

/** Where screenshots go: target/browser/<suite>/. */
export const SHOTS = path.join(ROOT, 'target', 'browser');

// The pages' Content-Security-Policy (script-src 'self') refuses inline scripts, so axe is not
// added as a <script> tag: its source is evaluated through the DevTools protocol instead.
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const BLOCKING = new Set(['serious', 'critical']);

/** A file-name-safe form of a label. */
export function slug(s) {
  return (
    String(s)
      .toLowerCase()
      .replace(/[^a-z0-9а-яё]+/gi, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'page'
  );
}

/** Runs axe-core on the page and reports every serious or critical violation to `problem`. */
export async function axe(page, problem) {
  const where = `${template(new URL(page.url()).pathname)} at ${page.viewportSize().width} px`;
  const hasAxe = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!hasAxe) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
  const blocking = violations.filter((v) => BLOCKING.has(v.impact));
  for (const v of blocking) {
    const nodes = v.nodes.slice(0, 3).join(', ') + (v.nodes.length > 3 ? `, … (${v.nodes.length})` : '');
    problem(`axe ${v.id} (${v.impact}) on ${where}: ${v.help} — ${nodes}`);
  }
  return blocking.length;
}

/**
 * At the phone's width the page must not scroll sideways; names the widest elements when it does.
 */
export async function fitsWidth(page, problem) {
  const r = await page.evaluate(() => {
    const vw = window.innerWidth;
    const sw = document.documentElement.scrollWidth;
    const wide = [];
    if (sw > vw + 1) {
      for (const el of document.body.querySelectorAll('*')) {
        const b = el.getBoundingClientRect();
        if (b.right > vw + 1 && b.width > 0) {
          const id = el.id ? `#${el.id}` : '';
          const cls = el.classList.length ? `.${[...el.classList].join('.')}` : '';
          wide.push(`${el.tagName.toLowerCase()}${id}${cls} (${Math.round(b.right)} px)`);
        }
      }
    }
    return { vw, sw, wide: wide.slice(0, 4) };
  });
  if (r.sw > r.vw + 1) {
    problem(`${template(new URL(page.url()).pathname)} is ${r.sw} px wide on a ${r.vw} px screen; too wide: ${r.wide.join(', ')}`);
    return false;
  }
  return true;
}

let counters = new Map();

/** A full-page screenshot in target/browser/<suite>/ (crawl/<role>/ for the crawler), numbered in the order taken. */
export async function shot(page, suite, label) {
  const dir = path.join(SHOTS, ...suite.split('/').map(slug));
  fs.mkdirSync(dir, { recursive: true });
  const n = (counters.get(suite) || 0) + 1;
  counters.set(suite, n);
  const file = path.join(dir, `${String(n).padStart(3, '0')}-${slug(label)}-${page.viewportSize().width}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return path.relative(ROOT, file);
}

/** Waits for the page's own requests (htmx fragments loaded on load) to settle, briefly. */
export async function settle(page) {
  await page.waitForLoadState('load');
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => {});
}

/** The checks of a page as it is now: axe, the phone's width, untranslated texts, a screenshot. */
export async function inspect(page, suite, label, problem) {
  await settle(page);
  await axe(page, problem);
  const raw = await rawMessageIds(page);
  if (raw.length) problem(`untranslated message id(s) shown on ${template(new URL(page.url()).pathname)}: ${raw.join(', ')}`);
  if (page.viewportSize().width <= PHONE) await fitsWidth(page, problem);
  return shot(page, suite, label);
}
