// Untranslated texts: a message the translations lack is rendered as its Fluent id (e.g.
// `nav-desk`), so a page whose visible text contains an id of assets/locales/ru/*.ftl shows a
// missing message.

import fs from 'node:fs';
import path from 'node:path';

import { ROOT } from './server.mjs';

/** The languages every page is rendered in, Russian first. */
export const LANGUAGES = ['ru', 'uz', 'tg', 'ky', 'en'];

function messageIds() {
  const dir = path.join(ROOT, 'assets', 'locales', 'ru');
  const ids = new Set();
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.ftl'))) {
    for (const line of fs.readFileSync(path.join(dir, f), 'utf8').split('\n')) {
      const m = line.match(/^([a-z][a-z0-9]*(?:-[a-z0-9]+)+)\s*=/);
      if (m) ids.add(m[1]);
    }
  }
  return ids;
}

const IDS = messageIds();

/** The Fluent ids shown as text on the page (none when every message is translated). */
export async function rawMessageIds(page) {
  const text = await page.locator('body').innerText();
  const tokens = text.match(/[a-z][a-z0-9]*(?:-[a-z0-9]+)+/g) || [];
  return [...new Set(tokens.filter((w) => IDS.has(w)))];
}

/**
 * Opens each of `paths` in every language (switched with /lang/<code>, as the page's language
 * links do) as `role`; each page must be marked with the language and show no message id.
 */
export async function inEveryLanguage(t, role, paths) {
  for (const lang of LANGUAGES) {
    const page = await t.open(role);
    await page.goto(`${t.base}/lang/${lang}`);
    for (const p of paths) {
      const r = await page.goto(new URL(p, t.base).toString());
      t.expect(r.status() < 400, `${p} in ${lang} to answer, not ${r.status()}`);
      const marked = await page.locator('html').getAttribute('lang');
      t.expect(marked === lang, `<html lang="${lang}"> on ${p} after choosing ${lang}, not "${marked}"`);
      const raw = await rawMessageIds(page);
      t.expect(raw.length === 0, `every text of ${p} translated in ${lang}; shown as ids: ${raw.join(', ')}`);
      await t.inspect(page, `${lang}-${p}`);
    }
  }
}
