// Replays the bad-input corpus of tests/bad/*.json in a JS host (napi or wasm); format and
// rules: tests/README.md "Bad inputs". One node:test test per case (per batch call for batch
// cases), each also checking that the same engine still answers a good request afterwards.
//
// The cases run in a child process (this same test file, started again with KEFU_BAD_CHILD
// set) so that a crash (a segfault, an abort, a stack overflow) ends only that child: the
// case that was running is recorded as a crash, and a new child goes on with the next case.
import { readFileSync, readdirSync, writeSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSuites, mismatches } from './replay.mjs';

const badDir = new URL('../bad/', import.meta.url);

/** The corpus must keep at least this many cases. */
export const MIN_CASES = 120;

/** Specials a JS host has no value for (tests/README.md "Bad inputs"): Python-only values. */
export const NOT_EXPRESSIBLE = new Set(['set', 'object', 'int']);

/** Every case of every file, in order: `{ id, file, ...case }`. */
export function loadBad() {
  const out = [];
  for (const file of readdirSync(badDir).filter((f) => f.endsWith('.json')).sort()) {
    const suite = JSON.parse(readFileSync(new URL(file, badDir), 'utf8'));
    for (const c of suite.cases) out.push({ id: `${file}: ${c.name}`, file, ...c });
  }
  return out;
}

/** Thrown by the expander for a special this host cannot express. */
export class NotExpressible extends Error {
  constructor(special) {
    super(`not expressible in JS: ${special}`);
    this.special = special;
  }
}

/** The names of every special used anywhere in `v` (including inside other specials). */
export function specialsIn(v, out = new Set()) {
  if (Array.isArray(v)) v.forEach((x) => specialsIn(x, out));
  else if (v !== null && typeof v === 'object') {
    if (typeof v.$bad === 'string') out.add(v.$bad);
    Object.values(v).forEach((x) => specialsIn(x, out));
  }
  return out;
}

/** The specials a case uses, in whichever of its fields they sit. */
export function caseSpecials(c) {
  return specialsIn([c.input, c.input_text, c.policy, c.policy_text, c.batch]);
}

/** A corpus value as this host's value: every `{"$bad": …}` replaced by what it stands for. */
export function expand(v) {
  if (Array.isArray(v)) return v.map(expand);
  if (v !== null && typeof v === 'object') {
    if (typeof v.$bad === 'string') return special(v);
    const out = {};
    for (const [k, x] of Object.entries(v)) out[k] = expand(x);
    return out;
  }
  return v;
}

function special(s) {
  switch (s.$bad) {
    case 'nan':
      return NaN;
    case 'inf':
      return Infinity;
    case '-inf':
      return -Infinity;
    case 'lone_surrogate':
      return `${s.before ?? ''}\uD800${s.after ?? ''}`;
    case 'repeat':
      return s.text.repeat(s.times);
    case 'nest': {
      // Built from the inside out, in a loop: no recursion however deep.
      let v = expand(s.leaf);
      for (let i = 0; i < s.depth; i++) v = 'key' in s ? { [s.key]: v } : [v];
      return v;
    }
    case 'bytes':
      return Uint8Array.from(s.hex.split(/\s+/).filter(Boolean), (h) => parseInt(h, 16));
    case 'undefined':
      return undefined;
    case 'bigint':
      return BigInt(s.value);
    case 'function':
      return function kefuBadInput() {
        return 1;
      };
    case 'symbol':
      return Symbol('kefu');
    case 'date':
      return new Date('2026-03-01T10:00:00+08:00');
    case 'circular': {
      if ('key' in s) {
        const o = expand(s.object ?? {});
        o[s.key] = o;
        return o;
      }
      const l = [];
      l.push(l);
      return l;
    }
    case 'with_key': {
      const o = expand(s.object ?? {});
      o[expand(s.key)] = expand(s.value);
      return o;
    }
    default:
      throw new NotExpressible(s.$bad);
  }
}

/** `input_text` / `policy_text`: a string, or a list of pieces (strings and specials) joined. */
export function expandText(t) {
  return Array.isArray(t) ? t.map(expand).join('') : t;
}

/** A short, bounded rendering for messages (paths can be 100,000 levels long). */
const show = (v) => {
  let s;
  try {
    s = typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? String(v);
  } catch {
    s = String(v);
  }
  return s.length > 160 ? `${s.slice(0, 160)}… (${s.length} chars)` : s;
};

function kefuError(e) {
  if (e instanceof Error && typeof e.code === 'string') return { code: e.code, path: e.path ?? null, kind: e.kind };
  return { thrown: `${e?.constructor?.name ?? typeof e}: ${String(e?.message ?? e).slice(0, 200)}` };
}

function errorProblems(want, got) {
  if (got === undefined) return [`expected ${want.code} at ${show(want.path)}, got a result`];
  if ('thrown' in got) return [`expected ${want.code} at ${show(want.path)}, got a non-kefu exception ${got.thrown}`];
  const out = [];
  if (got.code !== want.code || got.path !== want.path) {
    out.push(`expected ${want.code} at ${show(want.path)}, got ${got.code} at ${show(got.path)}`);
  } else if (!('kind' in want)) {
    out.push(`the case names no kind (its error's is ${got.kind})`);
  } else if (got.kind !== want.kind) {
    out.push(`expected the kind ${want.kind}, got ${got.kind}`);
  }
  return out;
}

/** A good request per kind from tests/cases (default policy, an object input, an `expect`). */
function goodRequests() {
  const good = new Map();
  for (const suite of loadSuites()) {
    if (good.has(suite.kind)) continue;
    const c = suite.cases.find(
      (x) => 'expect' in x && !('policy' in x) && x.input !== null && typeof x.input === 'object' && !Array.isArray(x.input),
    );
    if (c) good.set(suite.kind, { name: `${suite.file}: ${c.name}`, input: c.input, expect: c.expect });
  }
  return good;
}

/** The calls a case makes: one, or one per batch call of the host. */
function variants(c, batches) {
  return c.kind.startsWith('batch:') ? Object.keys(batches) : [''];
}

/** Run one case (all its variants) in this process; returns one result per variant. */
async function runCase(c, Engine, batches, good, platforms) {
  const results = [];
  for (const variant of variants(c, batches)) {
    const t0 = performance.now();
    const problems = [];
    let status = 'pass';
    let special = null;
    try {
      const isBatch = c.kind.startsWith('batch:');
      let kind = isBatch ? c.kind.slice('batch:'.length) : c.kind;
      // Platform payloads and write-backs go to the host's module functions.
      const toPlatform = kind.startsWith('to_platform:') ? kind.slice('to_platform:'.length) : null;
      const [fromPlatform, platformKind] = kind.startsWith('platform:') ? kind.slice('platform:'.length).split(':') : [null, null];
      if (toPlatform) kind = 'order_flag';
      if (fromPlatform) kind = platformKind;
      let engine;
      if (kind === 'policy') {
        const doc = 'policy_text' in c ? expandText(c.policy_text) : expand(c.policy);
        let got;
        try {
          new Engine(doc);
        } catch (e) {
          got = kefuError(e);
        }
        problems.push(...errorProblems(c.expect_error, got));
        engine = new Engine(); // no engine was made: a fresh default one must still work
      } else {
        engine = 'policy' in c ? new Engine(expand(c.policy)) : new Engine();
        let result;
        let got;
        try {
          if (fromPlatform) {
            result = platforms.fromPlatform(fromPlatform, kind, expand(c.input), c.facts ?? null);
          } else if (toPlatform) {
            result = platforms.toPlatform(toPlatform, expand(c.input), c.memo ?? null);
          } else if (isBatch) {
            result = await batches[variant](engine, kind, expand(c.batch));
          } else if ('input_text' in c) {
            result = engine.evaluate(kind, expandText(c.input_text));
          } else {
            const input = expand(c.input);
            // A string argument is JSON text, so a string value goes as its JSON (tests/README.md).
            result = engine.evaluate(kind, typeof input === 'string' ? JSON.stringify(input) : input);
          }
        } catch (e) {
          if (e instanceof NotExpressible) throw e;
          got = kefuError(e);
        }
        if ('expect_items' in c) {
          if (got) problems.push(`expected ${c.expect_items.length} items, the call failed: ${show(got)}`);
          else if (!Array.isArray(result) || result.length !== c.expect_items.length) {
            problems.push(`expected ${c.expect_items.length} items, got ${show(result)}`);
          } else {
            c.expect_items.forEach((want, i) => {
              const item = result[i];
              if (item?.index !== i) problems.push(`item ${i}: index ${show(item?.index)}`);
              if (want.ok === true) {
                if (item?.ok !== true) problems.push(`item ${i}: expected ok, got ${show(item?.error)}`);
              } else if (item?.ok !== false) {
                problems.push(`item ${i}: expected ${want.code} at ${show(want.path)}, got a decision`);
              } else {
                problems.push(...errorProblems(want, item.error).map((p) => `item ${i}: ${p}`));
              }
            });
          }
        } else {
          problems.push(...errorProblems(c.expect_error, got));
        }
      }
      // The same engine must still answer a good request of the kind, correctly.
      const goodKind = good.has(kind) ? kind : 'check_return';
      const g = good.get(goodKind);
      try {
        const answer = engine.evaluate(goodKind, g.input);
        problems.push(...mismatches(g.expect, answer).map((p) => `good request afterwards (${g.name}): ${p}`));
      } catch (e) {
        problems.push(`good request afterwards (${g.name}) failed: ${show(kefuError(e))}`);
      }
    } catch (e) {
      if (e instanceof NotExpressible) {
        status = 'not_expressible';
        special = e.special;
      } else {
        problems.push(`the runner failed: ${e?.stack ?? e}`);
      }
    }
    if (status === 'pass' && problems.length) status = 'fail';
    results.push({ variant, status, special, problems, ms: Math.round(performance.now() - t0) });
  }
  return results;
}

const MARK = 'KEFU-BAD ';

/** Child: run the cases from KEFU_BAD_FROM on, one line per case start and per result. */
async function child(Engine, batches, platforms) {
  const cases = loadBad();
  const good = goodRequests();
  const line = (o) => writeSync(1, `${MARK}${JSON.stringify(o)}\n`); // synchronous: survives a crash
  for (let i = Number(process.env.KEFU_BAD_FROM ?? 0); i < cases.length; i++) {
    line({ i, start: true });
    line({ i, results: await runCase(cases[i], Engine, batches, good, platforms) });
  }
  line({ done: true });
}

/** Parent: run every case in children, starting a new child after a case that killed one. */
function runAll(self, cases) {
  const results = new Map(); // case index -> results
  let from = 0;
  while (from < cases.length) {
    const env = { ...process.env, KEFU_BAD_CHILD: '1', KEFU_BAD_FROM: String(from) };
    delete env.NODE_TEST_CONTEXT;
    const run = spawnSync(process.execPath, [fileURLToPath(self)], {
      env,
      encoding: 'utf8',
      maxBuffer: 1 << 28,
      timeout: 300_000,
    });
    let started = null;
    let done = false;
    for (const l of (run.stdout ?? '').split('\n')) {
      if (!l.startsWith(MARK)) continue;
      const o = JSON.parse(l.slice(MARK.length));
      if (o.done) done = true;
      else if (o.start) started = o.i;
      else {
        results.set(o.i, o.results);
        started = null;
      }
    }
    if (done) break;
    const how = run.error?.code === 'ETIMEDOUT' ? 'hang (killed after 300 s)' : `died: exit ${run.status}, signal ${run.signal}`;
    const stderr = (run.stderr ?? '').trim().split('\n').slice(-3).join(' | ').slice(0, 400);
    if (started === null) {
      // Died between cases (or before the first): nothing to blame, stop here.
      for (let i = from; i < cases.length; i++) {
        if (!results.has(i)) results.set(i, [{ variant: '', status: 'fail', problems: [`child ${how} before this case ran: ${stderr}`] }]);
      }
      break;
    }
    results.set(started, [{ variant: '', status: 'crash', problems: [`CRASH: the process ${how} in this case: ${stderr}`] }]);
    from = started + 1;
  }
  return results;
}

/**
 * Register one test per bad case for a JS host. `Engine`: the host's engine class; `options.self`:
 * the calling test file's `import.meta.url` (run again as the child); `options.batches`: the
 * host's batch calls by name, `(engine, kind, requests) => items | Promise<items>`;
 * `options.platforms`: the host's `fromPlatform` and `toPlatform`.
 */
export function replayBad(host, Engine, { self, batches, platforms }) {
  if (process.env.KEFU_BAD_CHILD) {
    child(Engine, batches, platforms).catch((e) => {
      writeSync(2, `${e?.stack ?? e}\n`);
      process.exitCode = 3;
    });
    return;
  }
  const cases = loadBad();
  const results = runAll(self, cases);
  const count = { ran: 0, passed: 0, failed: 0, crashed: 0, notExpressible: 0 };
  const skipped = new Set();
  cases.forEach((c, i) => {
    for (const r of results.get(i) ?? []) {
      const title = `${host} ${c.id}${r.variant ? ` [${r.variant}]` : ''}`;
      if (r.status === 'not_expressible') {
        count.notExpressible++;
        skipped.add(c.id);
        test(title, { skip: `not expressible in JS (${r.special})` }, () => {});
        continue;
      }
      count.ran++;
      if (r.status === 'pass') count.passed++;
      else if (r.status === 'crash') count.crashed++;
      else count.failed++;
      test(title, () => assert.deepEqual(r.problems, []));
    }
  });
  console.log(
    `${host}: ${cases.length} bad cases; ${count.ran} calls ran (${count.passed} passed, ${count.failed} failed, ${count.crashed} crashed), ${count.notExpressible} not expressible in JS`,
  );

  test(`${host}: the bad-input corpus has at least ${MIN_CASES} cases`, () => {
    assert.ok(cases.length >= MIN_CASES, `${cases.length} cases`);
  });

  test(`${host}: exactly the cases with specials JS cannot express were not run`, () => {
    const want = cases.filter((c) => [...caseSpecials(c)].some((s) => NOT_EXPRESSIBLE.has(s))).map((c) => c.id);
    assert.deepEqual([...skipped].sort(), want.sort());
  });
}
