// Replays the shared cases of tests/cases/*.json in a JS host (napi or wasm), one node:test
// test per case. Format: tests/README.md.
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';

const casesDir = new URL('../cases/', import.meta.url);

/** Where `expected` does not hold in `actual` (subset rules of tests/README.md). */
export function mismatches(expected, actual, at = '', out = []) {
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) {
      out.push(`${at}: want an object, got ${JSON.stringify(actual)}`);
      return out;
    }
    for (const [k, ev] of Object.entries(expected)) {
      if (k === 'reason_codes') {
        const want = [...ev].sort();
        const got = (actual.reasons ?? []).map((r) => r.code).sort();
        if (JSON.stringify(want) !== JSON.stringify(got)) out.push(`${at}/${k}: want ${want}, got ${got}`);
      } else if (!(k in actual)) {
        out.push(`${at}/${k}: missing`);
      } else {
        mismatches(ev, actual[k], `${at}/${k}`, out);
      }
    }
  } else if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) {
      out.push(`${at}: want ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
      return out;
    }
    expected.forEach((ev, i) => mismatches(ev, actual[i], `${at}/${i}`, out));
  } else if (expected !== actual) {
    out.push(`${at}: want ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
  return out;
}

export function loadSuites() {
  return readdirSync(casesDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, ...JSON.parse(readFileSync(new URL(file, casesDir), 'utf8')) }));
}

/** The error as the shared cases see it. */
export function errorShape(e) {
  if (!(e instanceof Error) || typeof e.code !== 'string') throw e;
  return { code: e.code, kind: e.kind, message: e.message, path: e.path ?? null, problems: e.problems ?? [] };
}

/** Kinds whose named method takes the request object itself. */
const OBJECT_KINDS = new Set(['check_return', 'classify_complaint', 'refund_timeline', 'order_flag', 'order_action', 'sla', 'dispatch_estimate']);
const camel = (kind) => kind.replace(/_([a-z])/g, (_, c) => c.toUpperCase());

/**
 * Where the lean form of a decision does not agree with the whole decision: each of its
 * fields must be the whole decision's (null where that has none), `reason_codes` the codes
 * of its reasons; the exact set of fields per kind is checked in core (`main_fields`).
 */
export function leanMismatches(whole, lean) {
  if (lean === null || typeof lean !== 'object' || Array.isArray(lean)) return [`lean: not an object: ${JSON.stringify(lean)}`];
  const keys = Object.keys(lean);
  const out = keys.length === 0 ? ['lean: no fields'] : [];
  for (const k of keys) {
    const want = k === 'reason_codes' ? (whole.reasons ?? []).map((r) => r.code) : (k in whole ? whole[k] : null);
    try {
      assert.deepStrictEqual(lean[k], want);
    } catch {
      out.push(`lean /${k}: ${JSON.stringify(lean[k])}, whole decision: ${JSON.stringify(want)}`);
    }
  }
  return out;
}

const LEAN = Object.freeze({ lean: true });

/** Register one test per shared case; `Engine` is the host's engine class. */
export function replayAll(host, Engine) {
  const engines = new Map();
  const engineFor = (policy) => {
    const key = JSON.stringify(policy ?? null);
    if (!engines.has(key)) {
      try {
        engines.set(key, { engine: policy === undefined ? new Engine() : new Engine(policy) });
      } catch (e) {
        engines.set(key, { error: errorShape(e) });
      }
    }
    return engines.get(key);
  };
  for (const suite of loadSuites()) {
    for (const c of suite.cases) {
      test(`${host} ${suite.file}: ${c.name}`, () => {
        const built = engineFor(c.policy);
        let result;
        let error = built.error;
        if (!error) {
          try {
            // Hosts read a string argument as JSON text, so a string *value* goes as its JSON.
            const input = typeof c.input === 'string' ? JSON.stringify(c.input) : c.input;
            const arg = 'input_text' in c ? c.input_text : input;
            // Kinds with a request object also have a named method (checkReturn, sla, …):
            // replay through it, so both it and `evaluate` (the calendar kinds) are exercised.
            const method = OBJECT_KINDS.has(suite.kind) ? camel(suite.kind) : null;
            result = method ? built.engine[method](arg) : built.engine.evaluate(suite.kind, arg);
          } catch (e) {
            error = errorShape(e);
          }
        }
        if (!built.error) {
          // The same request in the lean form: the whole decision's fields, or the same error.
          const input = typeof c.input === 'string' ? JSON.stringify(c.input) : c.input;
          const arg = 'input_text' in c ? c.input_text : input;
          const method = OBJECT_KINDS.has(suite.kind) ? camel(suite.kind) : null;
          let lean, leanError;
          try {
            lean = method ? built.engine[method](arg, LEAN) : built.engine.evaluate(suite.kind, arg, LEAN);
          } catch (e) {
            leanError = errorShape(e);
          }
          assert.deepEqual(leanError, error, 'lean: the same error as the whole call');
          if (!error) assert.deepEqual(leanMismatches(result, lean), []);
        }
        if ('expect' in c) {
          assert.equal(error, undefined, `unexpected error ${JSON.stringify(error)}`);
          assert.deepEqual(mismatches(c.expect, result), []);
        } else {
          assert.ok(error, `expected an error, got ${JSON.stringify(result)}`);
          assert.deepEqual(mismatches(c.expect_error, error), []);
        }
      });
    }
  }
}

/**
 * Every suite again as batches, one per policy (tests/README.md "Batches"): item i must match
 * case i — a decision for `expect`, an error for `expect_error` — in order. `run(engine, kind,
 * requests)` is the host's batch call (sync or a Promise); cases given as JSON text are
 * single-call cases and are left out.
 */
export function replayBatches(host, Engine, run) {
  for (const suite of loadSuites()) {
    const groups = new Map();
    for (const c of suite.cases) {
      if ('input_text' in c || typeof c.input === 'string') continue;
      const key = JSON.stringify(c.policy ?? null);
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(c);
    }
    for (const [key, cases] of groups) {
      test(`${host} batch ${suite.file} (policy ${key.slice(0, 40)})`, async () => {
        let engine;
        try {
          engine = key === 'null' ? new Engine() : new Engine(JSON.parse(key));
        } catch (e) {
          errorShape(e); // a bad policy is a single-call case; its batch is not run
          return;
        }
        // Repeated so that a host deciding on several threads gives each a share.
        const rows = Array.from({ length: Math.max(cases.length, 300) }, (_, i) => cases[i % cases.length]);
        const items = await run(engine, suite.kind, rows.map((c) => c.input));
        assert.equal(items.length, rows.length);
        const problems = [];
        items.forEach((item, i) => {
          const c = rows[i];
          if (item.index !== i) problems.push(`${i}: index ${item.index}`);
          if ('expect' in c) {
            if (!item.ok) problems.push(`${i} ${c.name}: unexpected error ${JSON.stringify(item.error)}`);
            else problems.push(...mismatches(c.expect, item.decision, `${i}`));
          } else if (item.ok) {
            problems.push(`${i} ${c.name}: expected an error`);
          } else {
            problems.push(...mismatches(c.expect_error, item.error, `${i}`));
          }
        });
        assert.deepEqual(problems.slice(0, 10), []);
      });
    }
  }
}
