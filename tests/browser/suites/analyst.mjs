// The analyst (docs/ACCESS.md: aggregates only): lands on a page of counts, never sees a person,
// and the person search stays closed to the role even by address.

import { DESKTOP } from '../lib/browser.mjs';
import { mainText } from '../lib/nav.mjs';
import { demoPerson } from '../lib/search.mjs';
import { QUALITY } from '../lib/harness.mjs';

/** Checks that need pages or fixes not landed yet (the lead flips them). */
export const expectedToFailUntilLanded = [];

const ROLE = 'analyst';

export const tests = [
  {
    name: 'logs in through the form and lands on the registry\'s aggregates',
    role: ROLE,
    run: async (t) => {
      const landing = new URL(await t.sessions.landing(ROLE));
      t.expect(!['/login', '/', '/persons'].includes(landing.pathname), `a page of aggregates after the login, not ${landing.pathname}`);
      const page = await t.visit(ROLE, landing.pathname, 'aggregates');
      const text = await mainText(page);
      t.expect(/\d{2,}/.test(text), `counts on the analyst's page: ${text.slice(0, 300)}`);
      const who = await demoPerson(t.api, 'officer');
      t.expect(!text.includes(who.document) && !text.includes(who.name), 'no person on the analyst\'s page');
    },
  },
  {
    name: 'the person search and a person\'s page stay closed to the analyst',
    role: ROLE,
    run: async (t) => {
      const who = await demoPerson(t.api, 'officer');
      for (const url of ['/persons?name=' + encodeURIComponent(who.surname), `/persons/${who.id}`]) {
        const page = await t.open(ROLE, DESKTOP);
        page.allow(403);
        page.allow(404);
        const r = await page.goto(`${t.base}${url}`);
        const text = await mainText(page);
        t.expect(!text.includes(who.document), `no passport number on ${url} (status ${r.status()})`);
        t.expect(!text.includes(`${who.surname} ${who.given}`), `no person's name on ${url} (status ${r.status()})`);
      }
    },
  },
];
