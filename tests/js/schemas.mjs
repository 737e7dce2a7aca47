// Issue 19: every shared request and every decision a JS host gives (whole and lean)
// validates against its kind's JSON Schema in schemas/ (ajv, draft 2020-12; formats are
// annotations there, so not asserted). One node:test test per suite.
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';

const root = new URL('../../', import.meta.url);
const schema = (name) => JSON.parse(readFileSync(new URL(`schemas/${name}.schema.json`, root), 'utf8'));

/** Check every suite of tests/cases in `host` (napi or wasm): `Engine` is the host's class,
 * `Ajv2020` the validator class from the host's own node_modules. */
export function checkSchemas(host, Engine, Ajv2020) {
  const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
  const compiled = new Map(); // a kind's documents once, however many suites it has
  const validator = (name) => {
    if (!compiled.has(name)) compiled.set(name, ajv.compile(schema(name)));
    return compiled.get(name);
  };
  const dir = new URL('tests/cases/', root);
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const suite = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
    const [request, decision, lean] = ['request', 'decision', 'lean'].map((p) => validator(`${suite.kind}.${p}`));
    test(`${host} ${file}: requests and decisions follow schemas/${suite.kind}.*`, () => {
      let checked = 0;
      for (const c of suite.cases) {
        if (!('input' in c)) continue;
        let whole, leanForm;
        try {
          const engine = new Engine(c.policy ?? undefined);
          whole = engine.evaluate(suite.kind, c.input);
          leanForm = engine.evaluate(suite.kind, c.input, { lean: true });
        } catch (e) {
          if (e.code) continue; // refused: a schema cannot say every rule
          throw e;
        }
        for (const [v, doc, what] of [[request, c.input, 'request'], [decision, whole, 'decision'], [lean, leanForm, 'lean']]) {
          assert.ok(v(doc), `${c.name}: ${what}: ${JSON.stringify(v.errors)}`);
        }
        checked += 1;
      }
      // Every case that expects a decision was decided and checked.
      assert.equal(checked, suite.cases.filter((c) => 'input' in c && 'expect' in c).length);
    });
  }
  test(`${host}: the schema refuses a verdict kefu never gives`, () => {
    const v = validator('check_return.decision');
    const d = new Engine().checkReturn({ reason: 'no_reason', category: 'apparel', signed_at: '2026-03-01T23:59:00+08:00', requested_at: '2026-03-08T21:30:00+08:00' });
    assert.ok(v(d));
    assert.ok(!v({ ...d, verdict: 'maybe' }));
  });
}
