// Browser tests of the personal cabinet and the share-code checker (issue 5, part 6).
//
// Plain node, no test framework: starts the `rosmigration` binary on a fresh temporary SQLite
// demo database, a fake SMS gateway that records what the dispatcher posts, and Debian's
// Chromium through playwright-core; then drives a migrant and an employer through the cabinet:
//
//   migrant logs in with phone + code (the code read from the fake gateway) -> sees the
//   checklist -> books the proposed route -> the daily reminder job runs on the eve of the first
//   visit and the migrant reads the reminder -> creates a share code; employer checks it on
//   /check with the date of birth; migrant sees the check in the cabinet.
//
// Builds nothing: run `cargo build -p rosmigration` first (.ci/run does). Screenshots go to
// target/browser/. Exit code 0 when every step passed.
//
// Environment:
//   ROSMIGRATION_BIN   the binary (default: $CARGO_TARGET_DIR or target/, then debug/rosmigration)
//   CHROMIUM           the browser (default /usr/bin/chromium)
//   BROWSER_LOGIN      "otp" (default): log in with the SMS code; "password": log in as the demo
//                      migrant account with its password instead, for running the rest of the
//                      flow where no SMS dispatcher delivers codes.
//   DEMO_PERSONS       size of the demo region (default 300)
//   ROSMIGRATION_DATA_KEY  the data key of the temporary database (default: a fresh random one)

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TARGET = process.env.CARGO_TARGET_DIR || path.join(ROOT, 'target');
const BIN = process.env.ROSMIGRATION_BIN || path.join(TARGET, 'debug', 'rosmigration');
const SHOTS = path.join(ROOT, 'target', 'browser');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const LOGIN = process.env.BROWSER_LOGIN || 'otp';
const DEMO_PERSONS = process.env.DEMO_PERSONS || '300';
// The environment variable the SMS dispatcher reads its gateway URL from.
const SMS_GATEWAY_ENV = 'ROSMIGRATION_SMS_GATEWAY_URL';
const DEMO_MIGRANT = { username: 'migrant', password: 'demo-migrant-2026' };
const EMPLOYER = { name: 'Петрова Анна Сергеевна', org: 'ООО «Казань Строй»' };

const cleanups = [];
let step = 0;
// The environment the server runs with (database, data key), for CLI runs on the same database.
let serverEnv = null;

function log(msg) {
  console.log(`[browser] ${msg}`);
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** A fake SMS gateway: records every `POST` body ({id, to, text}) and answers 200. */
async function startGateway() {
  const messages = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      try {
        messages.push(JSON.parse(body));
      } catch {
        messages.push({ raw: body });
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  const port = await freePort();
  await new Promise((r) => server.listen(port, '127.0.0.1', r));
  cleanups.push(() => new Promise((r) => server.close(r)));
  return { url: `http://127.0.0.1:${port}/sms`, messages };
}

/** Starts the server on a fresh demo database and waits until it answers. */
async function startServer(gatewayUrl) {
  if (!fs.existsSync(BIN)) {
    throw new Error(`no binary at ${BIN}: run \`cargo build -p rosmigration\` or set ROSMIGRATION_BIN`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rm-browser-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const port = await freePort();
  const env = {
    ...process.env,
    ROSMIGRATION_DATABASE_URL: `sqlite://${dir}/demo.db`,
    ROSMIGRATION_DATA_KEY: process.env.ROSMIGRATION_DATA_KEY || randomBytes(32).toString('base64'),
    [SMS_GATEWAY_ENV]: gatewayUrl,
    RUST_LOG: process.env.RUST_LOG || 'warn',
  };
  serverEnv = env;
  const child = spawn(BIN, ['serve', '--demo', '--demo-persons', DEMO_PERSONS, '--listen', `127.0.0.1:${port}`], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  cleanups.push(
    () =>
      new Promise((r) => {
        if (child.exitCode !== null) return r();
        child.on('exit', r);
        child.kill('SIGTERM');
      }),
  );
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${output}`);
    try {
      const r = await fetch(`${base}/readyz`);
      if (r.ok) return base;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server did not become ready within 3 minutes:\n${output}`);
}

/** The demo migrant's phone and date of birth, read through the API as that migrant. */
async function demoMigrant(base) {
  const r = await fetch(`${base}/api/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(DEMO_MIGRANT),
  });
  if (!r.ok) throw new Error(`demo migrant login failed: ${r.status} ${await r.text()}`);
  const { token } = await r.json();
  const auth = { authorization: `Bearer ${token}` };
  const me = await (await fetch(`${base}/api/me`, { headers: auth })).json();
  const id = me.person_id;
  if (!id) throw new Error(`the demo migrant account has no person: ${JSON.stringify(me)}`);
  const p = await (await fetch(`${base}/api/persons/${id}`, { headers: auth })).json();
  const phone = (p.contacts || []).find((c) => c.kind === 'phone');
  if (!phone) throw new Error(`the demo migrant (person ${id}) has no phone in the demo data`);
  const bd = String(p.birth_date);
  const birthDate = bd.length === 4 ? `${bd}-01-01` : bd.length === 7 ? `${bd}-01` : bd;
  const name = p.names.find((n) => n.form === 'russian') || p.names[0];
  return { id, phone: phone.value, birthDate, surname: name.surname };
}

async function shot(page, name) {
  step += 1;
  const file = path.join(SHOTS, `${String(step).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  log(`screenshot ${path.relative(ROOT, file)}`);
}

function expect(cond, msg) {
  if (!cond) throw new Error(`expectation failed: ${msg}`);
}

/** Waits for an SMS to `phone` on the fake gateway and returns the 6-digit code in it. */
async function codeFromGateway(gateway, phone, since) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const m = gateway.messages.slice(since).find((x) => x.to === phone && /\b\d{6}\b/.test(x.text || ''));
    if (m) return m.text.match(/\b(\d{6})\b/)[1];
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(
    `no SMS with a code reached the fake gateway for ${phone} within 30 s: is the SMS dispatcher ` +
      `running and reading ${SMS_GATEWAY_ENV}? (BROWSER_LOGIN=password runs the rest of the flow without it)`,
  );
}

/** The migrant logs in: phone, then the code from the SMS. */
async function loginWithCode(page, base, gateway, migrant) {
  await page.goto(`${base}/cabinet/login`);
  await shot(page, 'login');
  const since = gateway.messages.length;
  await page.fill('#phone', migrant.phone);
  await Promise.all([page.waitForURL(/\/cabinet\/code/), page.click('button[type=submit]')]);
  const code = await codeFromGateway(gateway, migrant.phone, since);
  log(`code ${code} arrived by SMS`);
  await page.fill('#code', code);
  await Promise.all([page.waitForURL(`${base}/cabinet`), page.click('button[type=submit]')]);
}

/** The same session through the password form of the demo migrant account. */
async function loginWithPassword(page, base) {
  await page.goto(`${base}/login`);
  await page.fill('input[name=username]', DEMO_MIGRANT.username);
  await page.fill('input[name=password]', DEMO_MIGRANT.password);
  await Promise.all([page.waitForLoadState('load'), page.click('button[type=submit]')]);
  await page.goto(`${base}/cabinet`);
}

/** Runs the `rosmigration` CLI on the server's database and returns its output. */
async function cli(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, args, { env: serverEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`rosmigration ${args.join(' ')}: exit ${code}\n${out}`))));
  });
}

/**
 * The migrant books the proposed route (/cabinet/booking): every leg's "book" button in turn
 * (after each booking the route is proposed again around the held bookings), until no leg is
 * left. Returns the local day (YYYY-MM-DD) of the earliest booking.
 */
async function bookRoute(page) {
  await page.click('nav.menu a[href="/cabinet/booking"]');
  await page.waitForURL(/\/cabinet\/booking/);
  expect((await page.locator('[data-testid=route] li').count()) > 0, 'a proposed route with at least one leg');
  await shot(page, 'route');
  let booked = 0;
  while ((await page.locator('[data-testid^=book-]').count()) > 0) {
    const button = page.locator('[data-testid^=book-]').first();
    const what = await button.getAttribute('data-testid');
    await Promise.all([page.waitForURL(/ok=booked|error=/), button.click()]);
    const flash = await page.textContent('[role=status], [role=alert]');
    expect(page.url().includes('ok=booked'), `booking ${what} succeeded, not: ${flash}`);
    booked += 1;
    expect(booked <= 8, 'the route ends');
  }
  const list = await page.textContent('[data-testid=my-bookings]');
  log(`booked ${booked} visit(s): ${list.replace(/\s+/g, ' ').trim()}`);
  await shot(page, 'bookings');
  const days = [...list.matchAll(/(\d{2})\.(\d{2})\.(\d{4}) \d{2}:\d{2}/g)].map((m) => `${m[3]}-${m[2]}-${m[1]}`);
  expect(days.length >= booked, `a date for every booking in: ${list}`);
  return days.sort()[0];
}

/**
 * The daily reminder job runs on the day before the first booking; the migrant finds the
 * "booking tomorrow" reminder among the cabinet's messages.
 */
async function seeReminder(page, bookingDay) {
  const d = new Date(`${bookingDay}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  const eve = d.toISOString().slice(0, 10);
  const out = await cli(['reminders', 'run', '--on', eve, '--quiet']);
  log(`reminders run --on ${eve}: ${out.trim().split('\n').pop()}`);
  await page.click('nav.menu a[href="/cabinet/messages"]');
  await page.waitForURL(/\/cabinet\/messages/);
  const text = await page.textContent('main');
  const [y, m, day] = bookingDay.split('-');
  expect(text.includes('Завтра'), `a "tomorrow" reminder among the messages: ${text}`);
  expect(text.includes(`${day}.${m}.${y}`), `the booking's date ${day}.${m}.${y} in the reminder: ${text}`);
  await shot(page, 'reminder');
}

async function main() {
  fs.mkdirSync(SHOTS, { recursive: true });
  const gateway = await startGateway();
  log(`fake SMS gateway at ${gateway.url}`);
  const base = await startServer(gateway.url);
  log(`server at ${base}`);
  const migrant = await demoMigrant(base);
  log(`demo migrant ${migrant.id}, phone ${migrant.phone}`);

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    // playwright gives every launch a fresh temporary user-data-dir.
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  cleanups.push(() => browser.close());
  // A cheap phone for the migrant, a desktop for the employer.
  const phoneCtx = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'ru-RU' });
  const deskCtx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ru-RU' });
  const page = await phoneCtx.newPage();

  if (LOGIN === 'password') {
    log('BROWSER_LOGIN=password: logging in with the demo password instead of an SMS code');
    await loginWithPassword(page, base);
  } else {
    await loginWithCode(page, base, gateway, migrant);
  }
  expect(page.url() === `${base}/cabinet`, `the cabinet's home after login, not ${page.url()}`);
  expect((await page.textContent('h1')).includes('Здравствуйте'), 'a greeting on the home page');
  await shot(page, 'home');

  await page.click('nav.menu a[href="/cabinet/checklist"]');
  await page.waitForURL(`${base}/cabinet/checklist`);
  await shot(page, 'checklist');

  const firstBooking = await bookRoute(page);
  await seeReminder(page, firstBooking);

  await page.click('nav.menu a[href="/cabinet/share"]');
  await page.waitForURL(`${base}/cabinet/share`);
  await page.selectOption('#purpose', 'right_to_work');
  await Promise.all([page.waitForURL(/\/cabinet\/share/), page.click('form[action="/cabinet/share"] button')]);
  const code = (await page.textContent('.bigcode')).trim();
  expect(/^[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}$/.test(code), `a share code, not ${code}`);
  log(`share code ${code}`);
  await shot(page, 'share-code');

  const employer = await deskCtx.newPage();
  await employer.goto(`${base}/check`);
  await employer.fill('#code', code.toLowerCase());
  await employer.fill('#birth_date', migrant.birthDate);
  await employer.fill('#checker_name', EMPLOYER.name);
  await employer.fill('#checker_org', EMPLOYER.org);
  await Promise.all([employer.waitForLoadState('load'), employer.click('form[action="/check"] button')]);
  await employer.waitForSelector('#result', { timeout: 10_000 });
  const result = await employer.textContent('#result');
  expect(result.includes(migrant.surname), `the person's name in the result: ${result}`);
  expect(result.includes('фото в реестре нет'), `"no photo on file": ${result}`);
  await shot(employer, 'employer-check');

  await page.reload();
  const checks = await page.textContent('.checks');
  expect(checks.includes(EMPLOYER.name) && checks.includes(EMPLOYER.org), `the check in the cabinet: ${checks}`);
  await shot(page, 'migrant-sees-check');

  await page.click('nav.menu a[href="/cabinet/access"]');
  await page.waitForURL(`${base}/cabinet/access`);
  expect((await page.textContent('main')).includes(EMPLOYER.org), 'the check in "who looked at my data"');
  await shot(page, 'access-log');
  log(`all steps passed; screenshots in ${path.relative(ROOT, SHOTS)}/`);
}

let failed = false;
try {
  await main();
} catch (e) {
  failed = true;
  console.error(`[browser] FAILED: ${e.message}`);
}
for (const c of cleanups.reverse()) {
  try {
    await c();
  } catch {
    // best effort
  }
}
process.exit(failed ? 1 : 0);
