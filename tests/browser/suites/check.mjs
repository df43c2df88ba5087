// The public share-code checker (/check, docs/CABINET.md) for employers, landlords and banks.
// The whole flow with a real code is in the cabinet suite; here: the page at both widths, and a
// wrong code gets a clear message, never a 500 or the person's data.

import { DESKTOP } from '../lib/browser.mjs';
import { birthDate } from '../lib/api.mjs';
import { mainText } from '../lib/nav.mjs';

/** Checks that need pages or fixes not landed yet (the lead flips them). */
export const expectedToFailUntilLanded = [];

export const tests = [
  {
    name: 'the checker page shows its form at both widths',
    role: 'anonymous',
    run: async (t) => {
      const page = await t.visit(null, '/check', 'check');
      t.expect(page.status === 200, `200 for /check, not ${page.status}`);
      for (const f of ['#code', '#birth_date', '#checker_name', '#checker_org']) {
        t.expect((await page.locator(f).count()) === 1, `the field ${f}`);
      }
    },
  },
  {
    name: 'a wrong share code gets a clear message, not a 500 or anyone\'s data',
    role: 'anonymous',
    run: async (t) => {
      const p = await t.api.migrantPerson();
      const page = await t.open(null, DESKTOP);
      for (const s of [400, 404, 409, 422, 429]) page.allow(s);
      await page.goto(`${t.base}/check`);
      await page.fill('#code', 'AAA-BBB-CCC');
      await page.fill('#birth_date', birthDate(p));
      await page.fill('#checker_name', 'Петрова Анна Сергеевна');
      await page.fill('#checker_org', 'ООО «Проверка»');
      const [r] = await Promise.all([page.waitForNavigation(), page.click('form[action="/check"] button')]);
      t.expect(r && r.status() < 500, `no 5xx for a wrong code, not ${r?.status()}`);
      const alert = page.locator('[role=alert], .error').first();
      t.expect((await alert.count()) > 0 && (await alert.textContent()).trim().length > 0, 'an error message for a wrong code');
      t.expect((await page.locator('#result').count()) === 0, 'no result block for a wrong code');
      const surname = (p.names || [])[0]?.surname;
      t.expect(!surname || !(await mainText(page)).includes(surname), 'no person\'s name on the page');
      await t.inspect(page, 'check-wrong-code');
    },
  },
];
