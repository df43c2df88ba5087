// A part of a page (the person's timeline, golden record, access log) that may be a section of
// the page or a page of its own linked from it: found by its test id, its id, its heading, or
// the link to it. The text of the part is returned for the content checks.

import { settle } from './checks.mjs';
import { linkTo, mainText } from './nav.mjs';

/**
 * `spec`: `{ testid, heading: RegExp, path: RegExp }`. Returns `{ text, where }` or null.
 * `page` may navigate (to the part's own page) — pass a page the check no longer needs.
 */
export async function findPart(page, spec) {
  const direct = page.locator(`[data-testid=${spec.testid}], #${spec.testid}`).first();
  if (await direct.count()) return { text: (await direct.innerText()).replace(/\s+/g, ' '), where: `#${spec.testid}` };
  if (spec.path) {
    const l = await linkTo(page, spec.path);
    if (l) {
      await page.goto(new URL(l.href, page.url()).toString());
      await settle(page);
      return { text: await mainText(page), where: l.href };
    }
  }
  if (spec.heading) {
    const sections = page.locator('main section, main article, main details');
    const n = await sections.count();
    for (let i = 0; i < n; i++) {
      const s = sections.nth(i);
      const h = s.locator('h1, h2, h3, summary').first();
      if ((await h.count()) && spec.heading.test(await h.innerText())) return { text: (await s.innerText()).replace(/\s+/g, ' '), where: `section "${(await h.innerText()).trim()}"` };
    }
  }
  return null;
}

/** A date as pages write it (dd.mm.yyyy, or ISO). */
export const DATE = /\b\d{2}\.\d{2}\.\d{4}\b|\b\d{4}-\d{2}-\d{2}\b/;
