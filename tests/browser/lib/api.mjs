// The JSON API as a role sees it, for what a check needs to know beforehand (a real name from
// the demo region, a person's document number) — never to do what the page under test should do.

import { ACCOUNTS } from './browser.mjs';

/** API calls with one bearer token per role. */
export class Api {
  constructor(base) {
    this.base = base;
    this.tokens = new Map();
  }

  async token(role) {
    if (!this.tokens.has(role)) {
      const r = await fetch(`${this.base}/api/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: role, password: ACCOUNTS[role] }),
      });
      if (!r.ok) throw new Error(`API login as ${role}: ${r.status} ${await r.text()}`);
      this.tokens.set(role, (await r.json()).token);
    }
    return this.tokens.get(role);
  }

  /** GET `path` as `role`; the parsed JSON, or an error naming the status and the body. */
  async get(role, path) {
    const r = await fetch(`${this.base}${path}`, { headers: { authorization: `Bearer ${await this.token(role)}` } });
    const text = await r.text();
    if (!r.ok) throw new Error(`GET ${path} as ${role}: ${r.status} ${text.slice(0, 300)}`);
    return JSON.parse(text);
  }

  /** The demo migrant's own person (person no. 0 of the demo region). */
  async migrantPerson() {
    const me = await this.get('migrant', '/api/me');
    if (!me.person_id) throw new Error(`the demo migrant account has no person: ${JSON.stringify(me)}`);
    return this.get('migrant', `/api/persons/${me.person_id}`);
  }
}

/** The name of a person in Russian Cyrillic when recorded, else the first writing. */
export function russianName(p) {
  return (p.names || []).find((n) => n.form === 'russian') || (p.names || [])[0];
}

/** The person's date of birth as `YYYY-MM-DD` (the demo has some with a year or month only). */
export function birthDate(p) {
  const bd = String(p.birth_date);
  return bd.length === 4 ? `${bd}-01-01` : bd.length === 7 ? `${bd}-01` : bd;
}
