// The adaptation centre (docs/ACCESS.md: look-up by document number): lands on the look-up,
// finds a person by the passport number and sees the reduced view, without contacts.

import { mainText } from '../lib/nav.mjs';
import { demoPerson, errorMessage, resultIds, submitSearch } from '../lib/search.mjs';
import { QUALITY } from '../lib/harness.mjs';

/** Checks that need pages or fixes not landed yet (the lead flips them). */
export const expectedToFailUntilLanded = [];

const ROLE = 'adaptation';

export const tests = [
  {
    name: 'logs in through the form and lands on the look-up by document number',
    role: ROLE,
    run: async (t) => {
      const landing = new URL(await t.sessions.landing(ROLE));
      t.expect(!['/login', '/'].includes(landing.pathname), `a workstation page after the login, not ${landing.pathname}`);
      const page = await t.visit(ROLE, landing.pathname, 'landing');
      t.expect(page.status === 200, `200 for the landing page, not ${page.status}`);
      t.expect((await page.locator('main form [name=document_number]').count()) === 1, 'a document-number field');
    },
  },
  {
    name: 'finds a person by passport number and opens the reduced view without contacts',
    role: ROLE,
    run: async (t) => {
      const who = await demoPerson(t.api, 'officer');
      const page = await t.visit(ROLE, new URL(await t.sessions.landing(ROLE)).pathname, 'landing', { widths: [1280] });
      await submitSearch(page, { document_number: who.document });
      const ids = await resultIds(page);
      t.expect(ids.includes(who.id), `${who.name} found by ${who.document}: ${ids.join(', ') || (await errorMessage(page)) || 'nothing'}`);
      await t.inspect(page, 'found-by-document');
      await page.click(`main a[href*="/persons/${who.id}"]`);
      await page.waitForURL(new RegExp(`/persons/${who.id}`));
      const text = await mainText(page);
      t.expect(text.includes(who.surname), `${who.surname} on the person's page`);
      const phone = (who.profile.contacts || []).find((c) => c.kind === 'phone');
      t.expect(!phone || !text.includes(phone.value), 'no phone number in the reduced view');
      await t.inspect(page, 'reduced-view');
    },
  },
];
