// The server under test: the `rosmigration` binary on a fresh temporary SQLite database with the
// demo region (`serve --demo`), a fake SMS gateway that records what the dispatcher posts, and the
// CLI on the same database for the daily jobs a test needs (reminders, rules).

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { log } from './harness.mjs';

/** The repository's root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const TARGET = process.env.CARGO_TARGET_DIR || path.join(ROOT, 'target');
/** The binary under test. */
export const BIN = process.env.ROSMIGRATION_BIN || path.join(TARGET, 'debug', 'rosmigration');
/** The environment variable the SMS dispatcher reads its gateway URL from. */
const SMS_GATEWAY_ENV = 'ROSMIGRATION_SMS_GATEWAY_URL';
/** The demo region's size: the issue asks for the default demo (10,000 persons). */
export const DEMO_PERSONS = process.env.DEMO_PERSONS || '10000';
/** How long the demo may take to load before the server answers (a debug build is slow). */
const START_TIMEOUT_MS = Number(process.env.BROWSER_START_TIMEOUT_S || 1200) * 1000;

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
async function startGateway(cleanups) {
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

/**
 * Starts the gateway and the server on a fresh demo database, waits until `/readyz` answers and
 * returns `{ base, env, sms, startSeconds, cli }`. `cleanups` receives what stops them.
 */
export async function startServer(cleanups) {
  if (!fs.existsSync(BIN)) {
    throw new Error(`no binary at ${BIN}: run \`cargo build -p rosmigration\` or set ROSMIGRATION_BIN`);
  }
  const sms = await startGateway(cleanups);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rm-browser-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const port = await freePort();
  const env = {
    ...process.env,
    ROSMIGRATION_DATABASE_URL: `sqlite://${dir}/demo.db`,
    ROSMIGRATION_DATA_KEY: process.env.ROSMIGRATION_DATA_KEY || randomBytes(32).toString('base64'),
    [SMS_GATEWAY_ENV]: sms.url,
    RUST_LOG: process.env.RUST_LOG || 'warn',
  };
  const started = Date.now();
  log(`starting ${path.relative(ROOT, BIN)} serve --demo (${DEMO_PERSONS} persons)`);
  const child = spawn(BIN, ['serve', '--demo', '--demo-persons', DEMO_PERSONS, '--listen', `127.0.0.1:${port}`], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (d) => {
    output += d;
    // The demo's log (SMS among it) can grow long; keep the end for error messages.
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  cleanups.push(
    () =>
      new Promise((r) => {
        if (child.exitCode !== null) return r();
        child.on('exit', r);
        child.kill('SIGTERM');
      }),
  );
  const base = `http://127.0.0.1:${port}`;
  const deadline = started + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${output.slice(-5000)}`);
    try {
      const r = await fetch(`${base}/readyz`);
      if (r.ok) {
        const startSeconds = Math.round((Date.now() - started) / 1000);
        log(`server at ${base}, ready after ${startSeconds} s`);
        return { base, env, sms, startSeconds, cli: (args) => cli(env, args), output: () => output };
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the server did not become ready within ${START_TIMEOUT_MS / 1000} s:\n${output.slice(-5000)}`);
}

/** Runs the `rosmigration` CLI on the server's database and returns its output. */
function cli(env, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`rosmigration ${args.join(' ')}: exit ${code}\n${out}`)),
    );
  });
}
