// What anyone sees without logging in (issue 10, item 1): the front page leads to the staff
// login, the migrant's cabinet and the public status check; an unknown address is an HTML 404
// page in the page's language, not JSON; the staff login refuses a wrong password with a message;
// logging out ends the session.

import { DESKTOP, loginWithForm } from '../lib/browser.mjs';
import { inEveryLanguage } from '../lib/i18n.mjs';
import { links, mainText } from '../lib/nav.mjs';
import { QUALITY } from '../lib/harness.mjs';

/** Checks that need pages or fixes not landed yet (the lead flips them). */
export const expectedToFailUntilLanded = [];

async function notFoundPage(t, role) {
  const page = await t.open(role, DESKTOP);
  page.allow(404);
  const r = await page.goto(`${t.base}/no-such-page/here`);
  t.expect(r.status() === 404, `404 for an unknown address, not ${r.status()}`);
  const type = r.headers()['content-type'] || '';
  t.expect(type.includes('text/html'), `an HTML page for an unknown address, not ${type}`);
  t.expect((await page.locator('main h1, h1').count()) > 0, 'a heading on the 404 page');
  const text = await mainText(page);
  t.expect(/не найден|нет такой|404/i.test(text), `a Russian "not found" message: ${text.slice(0, 200)}`);
  t.expect((await links(page)).some((l) => l.href === '/' || l.href.startsWith('/?')), 'a way back to the front page');
  await t.inspect(page, `404-${role ?? 'visitor'}`);
  const phone = await t.visit(role, '/no-such-page/here', `404-${role ?? 'visitor'}`, { widths: [390], allow: [404] });
  t.expect(phone.status === 404, 'the same 404 at 390 px');
}

export const tests = [
  {
    name: 'the front page leads to the staff login, the cabinet and the public check',
    role: 'anonymous',
    run: async (t) => {
      const page = await t.visit(null, '/', 'front-page');
      t.expect(new URL(page.url()).pathname === '/', `the front page itself at /, not a redirect to ${page.url()}`);
      const paths = (await links(page)).map((l) => l.href.split('?')[0]);
      for (const want of ['/login', '/cabinet/login', '/check']) {
        t.expect(paths.includes(want) || (want === '/cabinet/login' && paths.includes('/cabinet')), `a link to ${want} on the front page; it links to ${[...new Set(paths)].join(' ')}`);
      }
    },
  },
  {
    name: 'the staff login page shows its form at both widths',
    role: 'anonymous',
    run: async (t) => {
      const page = await t.visit(null, '/login', 'staff-login');
      t.expect(page.status === 200, `200 for /login, not ${page.status}`);
      t.expect((await page.locator('input[name=username]').count()) === 1 && (await page.locator('input[name=password][type=password]').count()) === 1, 'a username and a password field');
    },
  },
  {
    name: 'a wrong password is refused with a message on the login form',
    role: 'anonymous',
    run: async (t) => {
      // An account that does not exist: no real account gets closer to a lock-out.
      const page = await t.open(null, DESKTOP);
      await page.goto(`${t.base}/login`);
      page.allow(401);
      page.allow(429);
      await page.fill('input[name=username]', 'no-such-user');
      await page.fill('input[name=password]', 'wrong-password');
      await Promise.all([page.waitForNavigation(), page.click('form[action="/login"] button')]);
      t.expect(new URL(page.url()).pathname === '/login', `to stay on /login, not ${page.url()}`);
      const msg = await page.locator('[role=alert], .error').first().textContent().catch(() => null);
      t.expect(msg && msg.trim().length > 0, 'an error message on the form');
      await t.inspect(page, 'login-refused');
    },
  },
  {
    name: 'logging out ends the session',
    role: 'anonymous',
    run: async (t) => {
      // A session of its own: the shared officer session of the other checks stays alive.
      const page = await t.open(null, DESKTOP);
      await loginWithForm(page, t.base, 'officer');
      const button = page.locator('form[action="/logout"] button').first();
      t.expect((await button.count()) === 1, 'a logout button on the officer\'s page');
      await Promise.all([page.waitForNavigation(), button.click()]);
      await page.goto(`${t.base}/persons`);
      t.expect(new URL(page.url()).pathname === '/login', `/persons to send a logged-out visitor to /login, not ${page.url()}`);
    },
  },
  {
    name: 'the front page, the staff login and the checker in all five languages',
    role: 'anonymous',
    run: (t) => inEveryLanguage(t, null, ['/', '/login', '/check']),
  },
  { name: 'an unknown address shows an HTML 404 page, not JSON', role: 'anonymous', run: (t) => notFoundPage(t, null) },
  { name: 'an unknown address shows the HTML 404 page to a logged-in officer too', role: 'officer', run: (t) => notFoundPage(t, 'officer') },
];
