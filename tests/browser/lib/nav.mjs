// Finding a role's pages the way a user does: through the links of the navigation and the
// landing page, not by typing addresses.

import { settle } from './checks.mjs';

/** Every same-origin link on the page as `{ href, text }` (href as a path with its query). */
export async function links(page) {
  const origin = new URL(page.url()).origin;
  const all = await page.locator('a[href]').evaluateAll((as) => as.map((a) => ({ href: a.href, text: a.textContent.trim() })));
  return all
    .filter((l) => l.href.startsWith(origin))
    .map((l) => ({ href: l.href.slice(origin.length), text: l.text }));
}

/** The first link whose path matches `re`, or null. */
export async function linkTo(page, re) {
  return (await links(page)).find((l) => re.test(l.href.split('?')[0])) || null;
}

/**
 * Follows the first link on `page` whose path matches `re`; fails naming what the page offered
 * when there is none.
 */
export async function follow(page, re, what) {
  const l = await linkTo(page, re);
  if (!l) {
    const offered = [...new Set((await links(page)).map((x) => x.href.split('?')[0]))].slice(0, 30).join(' ');
    throw new Error(`expected a link to ${what} (${re}) on ${new URL(page.url()).pathname}; it links to: ${offered}`);
  }
  await page.goto(new URL(l.href, page.url()).toString());
  await settle(page);
  return page;
}

/** The text of `main` (or the body), spaces collapsed. */
export async function mainText(page) {
  const main = page.locator('main');
  const text = (await main.count()) ? await main.first().innerText() : await page.locator('body').innerText();
  return text.replace(/\s+/g, ' ').trim();
}
