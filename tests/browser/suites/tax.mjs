// The tax officer (docs/ACCESS.md: search and profiles): lands on the search, finds a real person
// by name and by document number, pages through a broad search, opens the person.

import { mainText } from '../lib/nav.mjs';
import { demoPerson, errorMessage, nextPage, resultIds, submitSearch } from '../lib/search.mjs';
import { QUALITY } from '../lib/harness.mjs';

/** Checks that need pages or fixes not landed yet (the lead flips them). */
export const expectedToFailUntilLanded = [];

const ROLE = 'tax';

export const tests = [
  {
    name: 'logs in through the form and lands on the search',
    role: ROLE,
    run: async (t) => {
      const landing = new URL(await t.sessions.landing(ROLE));
      t.expect(!['/login', '/'].includes(landing.pathname), `a workstation page after the login, not ${landing.pathname}`);
      const page = await t.visit(ROLE, landing.pathname, 'landing');
      t.expect(page.status === 200, `200 for the landing page, not ${page.status}`);
      t.expect((await page.locator('form [name=name], form [name=document_number]').count()) > 0, 'a search form on the landing page');
    },
  },
  {
    name: 'a search by document number finds the person and opens the page',
    role: ROLE,
    run: async (t) => {
      const who = await demoPerson(t.api, ROLE);
      const page = await t.visit(ROLE, '/persons', 'search');
      await submitSearch(page, { document_number: who.document });
      const ids = await resultIds(page);
      t.expect(ids.includes(who.id), `${who.name} among the results for document ${who.document}: ${ids.join(', ') || (await errorMessage(page)) || 'nothing'}`);
      await t.inspect(page, 'search-by-document');
      await page.click(`main a[href*="/persons/${who.id}"]`);
      await page.waitForURL(new RegExp(`/persons/${who.id}`));
      const text = await mainText(page);
      t.expect(text.includes(who.surname) && text.includes(who.document), `the name and passport of ${who.name} on the person's page`);
      await t.inspect(page, 'person');
    },
  },
  {
    name: 'a search by surname and given name finds the person',
    role: ROLE,
    run: async (t) => {
      const who = await demoPerson(t.api, ROLE);
      const page = await t.visit(ROLE, '/persons', 'search', { widths: [1280] });
      await submitSearch(page, { name: who.name });
      let ids = await resultIds(page);
      for (let n = 2; !ids.includes(who.id) && n <= 5; n++) ids = (await nextPage(page)) ?? [];
      t.expect(ids.includes(who.id), `${who.name} among the results of a search for "${who.name}": ${ids.length} listed; the page says ${(await errorMessage(page)) ?? (await mainText(page)).slice(0, 400)}`);
    },
  },
  {
    name: 'a citizenship search pages to page 2 and 3',
    role: ROLE,
    run: async (t) => {
      const page = await t.visit(ROLE, '/persons', 'search', { widths: [1280] });
      await submitSearch(page, { citizenship: 'TJK' });
      const seen = await resultIds(page);
      t.expect(seen.length > 0, `results on page 1: ${(await errorMessage(page)) ?? ''}`);
      for (const n of [2, 3]) {
        const ids = await nextPage(page);
        t.expect(ids && ids.length > 0, `results on page ${n}: ${(await errorMessage(page)) ?? ''}`);
        t.expect(!ids.some((id) => seen.includes(id)), `other persons on page ${n}`);
        seen.push(...ids);
        await t.inspect(page, `citizenship-page-${n}`);
      }
    },
  },
];
