// The person search as a staff member uses it: fill the form, submit, read the result list,
// follow pagination. Written against what any version of the page must offer: a form with the
// criteria's field names (name, document_number, citizenship, status, legal_basis, case_number),
// result links to /persons/{id}, and a "next page" link.

import { russianName } from './api.mjs';
import { settle } from './checks.mjs';

const UUID = /\/persons\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i;

/**
 * A real person of the demo region, read through the API as `role`: `{ id, surname, given,
 * name, document, citizenship }` with the Russian writing of the name and a valid document.
 */
export async function demoPerson(api, role = 'officer', citizenship = 'UZB') {
  const page = await api.get(role, `/api/persons?citizenship=${citizenship}&limit=50`);
  for (const item of page.items) {
    // The search answers with a compact list: the profile is read person by person.
    const p = item.documents ? item : await api.get(role, `/api/persons/${item.id}`);
    const n = russianName(p);
    const doc = (p.documents || []).find((d) => d.kind === 'passport' && !d.invalidated);
    if (n && doc) {
      return { id: p.id, surname: n.surname, given: n.given_names, name: `${n.surname} ${n.given_names}`, document: doc.number, citizenship: p.citizenship, profile: p };
    }
  }
  throw new Error(`no ${citizenship} person with a valid passport among the first 50 the API returned`);
}

/** The most frequent Russian surname among `n` persons of a citizenship: a broad search. */
export async function commonSurname(api, role = 'officer', citizenship = 'UZB') {
  const counts = new Map();
  let cursor = '';
  for (let i = 0; i < 2; i++) {
    const page = await api.get(role, `/api/persons?citizenship=${citizenship}&limit=50${cursor ? `&cursor=${cursor}` : ''}`);
    for (const item of page.items) {
      const p = item.names ? item : await api.get(role, `/api/persons/${item.id}`);
      const s = russianName(p)?.surname;
      if (s) counts.set(s, (counts.get(s) || 0) + 1);
    }
    if (!page.next_cursor) break;
    cursor = page.next_cursor;
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
}

/**
 * Fills `fields` ({name: value}) in `form`. A <select> gets the option whose value or text
 * matches; a value `{ any: text }` picks a <select>'s first real option, or types `text` into an
 * input (the legal basis is a list of configured grounds on one version of the page, a text on
 * another).
 */
export async function fillForm(form, fields) {
  for (const [name, value] of Object.entries(fields)) {
    const el = form.locator(`[name=${name}]`).first();
    if ((await el.count()) === 0) throw new Error(`no field named ${name} in the form`);
    const tag = await el.evaluate((e) => e.tagName.toLowerCase());
    if (tag === 'select') {
      const options = await el.locator('option').evaluateAll((os) => os.map((o) => ({ value: o.value, label: o.textContent.trim() })));
      const pick = typeof value === 'object' ? options.find((o) => o.value) : options.find((o) => o.value === value || o.label === value);
      if (!pick) throw new Error(`no option ${JSON.stringify(value)} in the ${name} list: ${options.map((o) => o.value).join(', ')}`);
      await el.selectOption(pick.value);
    } else {
      await el.fill(typeof value === 'object' ? value.any : value);
    }
  }
}

/** Fills the search form on `page` with `fields` (see fillForm) and submits it. */
export async function submitSearch(page, fields) {
  const form = page.locator('form:has([name=name]), form:has([name=document_number])').first();
  await fillForm(form, fields);
  const action = new URL((await form.getAttribute('action')) || page.url(), page.url()).pathname;
  await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === action && r.request().method() === 'GET'),
    form.locator('button[type=submit], button:not([type])').first().click(),
  ]);
  await settle(page);
  // htmx swaps the results in after the response: wait until it has settled. Polled from here:
  // page.waitForFunction polls with eval, which the pages' CSP (no 'unsafe-eval') refuses.
  for (let i = 0; i < 50; i++) {
    if (await page.evaluate(() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling'))) break;
    await page.waitForTimeout(100);
  }
}

/** The person ids the results on the page link to, in order, without repeats. */
export async function resultIds(page) {
  const hrefs = await page.locator('main a[href*="/persons/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  const ids = [];
  for (const h of hrefs) {
    const m = h.match(UUID);
    if (m && !ids.includes(m[1])) ids.push(m[1]);
  }
  return ids;
}

/** The "next page" link of the results, or null on the last page. */
export function nextLink(page) {
  return page.locator('main a[rel=next], main a[href*="cursor="], main a[href*="page="]').last();
}

/** Follows the next-page link; returns the new page's result ids. */
export async function nextPage(page) {
  const link = nextLink(page);
  if ((await link.count()) === 0) return null;
  await Promise.all([page.waitForResponse(() => true), link.click()]);
  await settle(page);
  return resultIds(page);
}

/** The error message the page shows (role=alert or .error), or null. */
export async function errorMessage(page) {
  const el = page.locator('main [role=alert], main .error').first();
  return (await el.count()) ? (await el.textContent()).trim() : null;
}
