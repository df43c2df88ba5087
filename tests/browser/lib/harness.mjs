// The test harness: no framework, just named checks, their results and the closing summary.
//
// A suite file (suites/*.mjs) exports `tests`: a list of `{ name, role, run }`, and
// `expectedToFailUntilLanded`: the names of its checks that exercise pages or fixes that have not
// landed yet. A listed check that fails is reported on its own line and does not fail the run; a
// listed check that passes is reported as "now passes" so that the lead can remove it from the
// list. Every other failure fails the run.
//
// A check fails when its `run` throws, or when it recorded problems with `t.problem(...)` (a bad
// response status, an accessibility violation, a page wider than the phone): those do not stop
// the check, so that one misaligned table does not hide whether the search found the person.

/**
 * The check every suite ends with: each page it opened passes axe (no serious or critical
 * violation) and fits 390 px. A suite may list it in `expectedToFailUntilLanded`.
 */
export const QUALITY = 'every page the suite opened passes axe and fits 390 px';

/** Thrown by `expect`: a content check that failed, with what was expected. */
export class ExpectationFailed extends Error {}

/** Fails the current check with `msg` unless `cond` holds. */
export function expect(cond, msg) {
  if (!cond) throw new ExpectationFailed(`expected ${msg}`);
}

/** Prints one line of the run's log. */
export function log(msg) {
  console.log(`[browser] ${msg}`);
}

/** One check's outcome. */
class Result {
  constructor(suite, name, expectedToFail) {
    this.suite = suite;
    this.name = name;
    this.expectedToFail = expectedToFail;
    this.problems = [];
    this.error = null;
    this.ms = 0;
  }

  get failed() {
    return this.error !== null || this.problems.length > 0;
  }

  /** What went wrong, one line per problem. */
  details() {
    const lines = [...this.problems];
    if (this.error) lines.unshift(this.error.stack && !(this.error instanceof ExpectationFailed) ? this.error.stack : this.error.message);
    return lines;
  }
}

/** Collects results across suites and prints the summary. */
export class Report {
  constructor() {
    this.results = [];
    this.notes = [];
  }

  /**
   * Runs one check. `fn` receives the `Result`'s `problem` function; whatever it throws is the
   * check's failure.
   */
  async run(suite, name, expectedToFail, fn) {
    const r = new Result(suite, name, expectedToFail);
    const started = Date.now();
    log(`── ${suite}: ${name}${expectedToFail ? ' (expected to fail until landed)' : ''}`);
    try {
      await fn((msg) => {
        r.problems.push(msg);
        log(`   problem: ${msg}`);
      });
    } catch (e) {
      r.error = e;
    }
    r.ms = Date.now() - started;
    this.results.push(r);
    const verdict = !r.failed ? 'ok' : expectedToFail ? 'FAILED (expected until landed)' : 'FAILED';
    log(`   ${verdict} (${(r.ms / 1000).toFixed(1)} s)`);
    // Problems were printed as they came; the error (with its stack when unexpected) closes.
    if (r.error) log(`     ${r.details()[0].split('\n').join('\n       ')}`);
    return r;
  }

  /** A line printed in the summary (e.g. the 4xx responses a crawler met). */
  note(msg) {
    this.notes.push(msg);
  }

  /** Prints the summary and returns the process's exit code. */
  summary() {
    const passed = this.results.filter((r) => !r.failed);
    const failed = this.results.filter((r) => r.failed && !r.expectedToFail);
    const pending = this.results.filter((r) => r.failed && r.expectedToFail);
    const flip = passed.filter((r) => r.expectedToFail);
    console.log('');
    for (const n of this.notes) console.log(`[browser] note: ${n}`);
    if (pending.length) {
      console.log(`[browser] expected to fail until landed (${pending.length}), not counted as failures:`);
      for (const r of pending) console.log(`[browser]   ${r.suite}: ${r.name} — ${r.details()[0]?.split('\n')[0] ?? ''}`);
    }
    if (flip.length) {
      console.log(`[browser] now passing, remove from expectedToFailUntilLanded (${flip.length}):`);
      for (const r of flip) console.log(`[browser]   ${r.suite}: ${r.name}`);
    }
    if (failed.length) {
      console.log(`[browser] failed (${failed.length}):`);
      for (const r of failed) {
        console.log(`[browser]   ${r.suite}: ${r.name}`);
        for (const l of r.details().slice(0, 12)) console.log(`[browser]       ${l.split('\n')[0]}`);
      }
    }
    console.log(`browser: ${passed.length} passed, ${failed.length} failed`);
    return failed.length ? 1 : 0;
  }
}
