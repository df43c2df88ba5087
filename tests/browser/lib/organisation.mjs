// Checks shared by the organisation accounts (employer, university): the landing page lists the
// organisation's own people, one of them opens in the reduced view, anyone else stays closed.

import { DESKTOP } from './browser.mjs';
import { mainText } from './nav.mjs';
import { demoPerson, errorMessage, resultIds } from './search.mjs';

// What the reduced view never shows (issue 10, item 6): payments with amounts, border crossings,
// medical and exam results.
const NOT_REDUCED = /пересечени[ея] границ|₽|руб\.|оплат[аы] патента|медицинск\w* заключени|результат\w* экзамен/i;

/** The checks of an organisation account `role`, its own people called `whom`. */
export function organisationTests(role, whom) {
  const own = async (t) => {
    const page = await t.open(role, DESKTOP);
    await page.goto(await t.sessions.landing(role));
    return { page, ids: await resultIds(page) };
  };
  return [
    {
      name: `logs in through the form and lands on the list of its ${whom}`,
      role,
      run: async (t) => {
        const landing = new URL(await t.sessions.landing(role));
        t.expect(!['/login', '/'].includes(landing.pathname), `a workstation page after the login, not ${landing.pathname}`);
        const page = await t.visit(role, landing.pathname + landing.search, 'landing');
        t.expect(page.status === 200, `200 for the landing page, not ${page.status}`);
        const ids = await resultIds(page);
        t.expect(ids.length > 0, `its ${whom} listed on the landing page: ${(await errorMessage(page)) ?? (await mainText(page)).slice(0, 200)}`);
      },
    },
    {
      name: `opens one of its ${whom} in the reduced view`,
      role,
      run: async (t) => {
        const { ids } = await own(t);
        t.expect(ids.length > 0, `its ${whom} listed on the landing page`);
        const page = await t.visit(role, `/persons/${ids[0]}`, 'person');
        t.expect(page.status === 200, `200 for one of its ${whom}, not ${page.status}`);
        const text = await mainText(page);
        t.expect((await page.locator('main h1').count()) > 0, 'the person\'s name as the heading');
        const leak = text.match(NOT_REDUCED);
        t.expect(!leak, `no payments, crossings, medical or exam results in the reduced view, found "${leak?.[0]}"`);
      },
    },
    {
      name: 'a person who is not its own stays closed',
      role,
      run: async (t) => {
        // Its own people as the API lists them: this check does not depend on the landing page.
        const ids = (await t.api.get(role, '/api/persons?limit=200')).items.map((p) => p.id);
        const stranger = await demoPerson(t.api, 'officer');
        t.expect(!ids.includes(stranger.id), `the test's stranger ${stranger.id} not among its own`);
        const page = await t.open(role, DESKTOP);
        page.allow(403);
        page.allow(404);
        const r = await page.goto(`${t.base}/persons/${stranger.id}`);
        t.expect([403, 404].includes(r.status()), `403 or 404 for someone else's person, not ${r.status()}`);
        const text = await mainText(page);
        t.expect(!text.includes(stranger.document), 'no passport number of someone else\'s person');
      },
    },
  ];
}
