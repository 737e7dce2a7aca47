// Edges of the npm package itself, not of the rules: `Engine` called without `new` throws (as
// the wasm build's class does) instead of handing back the module object on the default
// policy, and `import { … } from 'kefu'` gives every export index.d.ts declares — the package
// imports itself by name, through package.json's "exports", as a user's code would.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import assert from 'node:assert/strict';

const require = createRequire(import.meta.url);
const kefu = require('../index.js');

// Seed 003's rice cooker: used within the window, ineligible; a goodwill exchange only when
// the policy switches it on.
const RICE_COOKER = {
  reason: 'no_reason', category: 'general', price_paid_cents: 29900,
  signed_at: '2026-03-01T23:59:00+08:00', requested_at: '2026-03-05T12:00:00+08:00',
  condition: { used_beyond_inspection: true },
};
const GOODWILL = { id: 'shop-goodwill', returns: { goodwill_exchange: true } };
const withoutNew = (e) => e instanceof TypeError && /without 'new'/.test(e.message);

test("napi: Engine without new is a TypeError, and the module is left as it was", () => {
  const before = Object.keys(kefu);
  assert.throws(() => kefu.Engine(GOODWILL), withoutNew);
  assert.throws(() => kefu.Engine(), withoutNew);
  const { Engine } = kefu;
  assert.throws(() => Engine(GOODWILL), withoutNew);
  const receiver = {};
  assert.throws(() => Engine.call(receiver, GOODWILL), withoutNew);
  assert.throws(() => Reflect.apply(Engine, receiver, [GOODWILL]), withoutNew);
  // Nothing was wrapped: the module functions still decide on the default policy.
  assert.deepEqual(Object.keys(kefu), before);
  assert.equal(kefu.policy().id, 'kefu-default');
  const d = kefu.checkReturn(RICE_COOKER);
  assert.equal(d.policy.id, 'kefu-default');
  assert.equal(d.goodwill, null);
});

test('napi: Engine with new decides on its own policy', () => {
  const engine = new kefu.Engine(GOODWILL);
  assert.ok(engine instanceof kefu.Engine);
  assert.equal(engine.policy().id, 'shop-goodwill');
  assert.equal(engine.policy().returns.goodwill_exchange, true);
  const d = engine.checkReturn(RICE_COOKER);
  assert.equal(d.verdict, 'ineligible');
  assert.equal(d.policy.id, 'shop-goodwill');
  assert.equal(d.policy.hash, engine.policyHash());
  assert.deepEqual(d.goodwill, { remedy: 'exchange', once: true });
  assert.deepEqual(engine.evaluate('check_return', RICE_COOKER), d);
  // The policy is still checked at construction.
  assert.throws(() => new kefu.Engine({ returns: { goodwill_exchange: 'yes' } }), (e) => e.code === 'INVALID_POLICY');
});

test('napi: the guarded Engine keeps the class: fromShared, instanceof, constructor, subclasses', () => {
  const { Engine } = kefu;
  assert.equal(typeof Engine, 'function');
  assert.equal(Engine.name, 'Engine');
  const engine = new Engine(GOODWILL);
  assert.equal(engine.constructor.prototype, Engine.prototype);
  assert.ok(new engine.constructor() instanceof Engine);
  const attached = Engine.fromShared(engine.share());
  assert.ok(attached instanceof Engine, 'an engine from fromShared is an Engine');
  assert.equal(attached.policy().id, 'shop-goodwill');
  assert.deepEqual(attached.checkReturn(RICE_COOKER), engine.checkReturn(RICE_COOKER));
  assert.throws(() => Engine.fromShared(4_000_000_000), (e) => e.code === 'INVALID_INPUT' && e.path === '/shared');
  class ShopEngine extends Engine {
    id() { return this.policy().id; }
  }
  const shop = new ShopEngine(GOODWILL);
  assert.ok(shop instanceof ShopEngine && shop instanceof Engine);
  assert.equal(shop.id(), 'shop-goodwill');
  assert.equal(shop.checkReturn(RICE_COOKER).policy.id, 'shop-goodwill');
  assert.throws(() => ShopEngine(GOODWILL), TypeError);
  assert.ok(kefu.defaultEngine() instanceof Engine);
  assert.equal(kefu.defaultEngine().policy().id, 'kefu-default');
});

/** The names index.d.ts exports as values (functions, constants, classes), not types. */
function declaredValues() {
  const dts = readFileSync(new URL('../index.d.ts', import.meta.url), 'utf8');
  const names = new Set();
  for (const m of dts.matchAll(/^export\s+declare\s+(?:function|const|let|var|class|enum)\s+([A-Za-z_$][\w$]*)/gm)) names.add(m[1]);
  for (const m of dts.matchAll(/^export\s*\{([^}]*)\}/gm)) {
    for (const part of m[1].split(',')) {
      const name = part.trim().replace(/^type\s+/, '').split(/\s+as\s+/).pop();
      if (name && !/^type\s/.test(part.trim())) names.add(name);
    }
  }
  return [...names].sort();
}

test('the package imports by name: every export of index.d.ts, the same objects as require', async () => {
  // Self-reference: "kefu" is this package's own name, resolved through its "exports".
  if (typeof import.meta.resolve === 'function') { // Node >= 18.19 / 20.6
    assert.equal(fileURLToPath(import.meta.resolve('kefu')), fileURLToPath(new URL('../index.mjs', import.meta.url)));
  }
  assert.equal(require.resolve('kefu'), fileURLToPath(new URL('../index.js', import.meta.url)));
  const esm = await import('kefu');
  const cjs = require('kefu');
  assert.equal(cjs, kefu, 'require("kefu") is index.js');
  assert.equal(esm.default, cjs, 'the default export is the CommonJS module');

  const declared = declaredValues();
  assert.ok(declared.length >= 20 && declared.includes('checkReturn') && declared.includes('Engine'), `index.d.ts parsed: ${declared}`);
  for (const name of declared) {
    assert.ok(name in esm, `import { ${name} } from 'kefu': not exported by index.mjs`);
    assert.notEqual(esm[name], undefined, `${name} is undefined in index.mjs`);
    assert.equal(esm[name], cjs[name], `${name}: index.mjs and index.js give different objects`);
  }
  // index.mjs names exactly index.js's exports, and index.d.ts declares all of them.
  const named = Object.keys(esm).filter((k) => k !== 'default').sort();
  assert.deepEqual(named, Object.keys(cjs).sort());
  assert.deepEqual(named, declared);

  // The named functions work, on the one default engine both module systems share.
  assert.equal(esm.checkReturn(RICE_COOKER).policy.id, 'kefu-default');
  assert.equal(esm.defaultEngine(), cjs.defaultEngine());
  assert.throws(() => esm.Engine(GOODWILL), withoutNew);
  assert.equal(new esm.Engine(GOODWILL).checkReturn(RICE_COOKER).policy.id, 'shop-goodwill');
  assert.equal(require('kefu/package.json').name, 'kefu');
});

test("a static `import { checkReturn } from 'kefu'` links and runs in Node", () => {
  const cwd = fileURLToPath(new URL('..', import.meta.url));
  const code = [
    "import { checkReturn, Engine, VERSION } from 'kefu';",
    "import kefu from 'kefu';",
    "const d = checkReturn({ reason: 'no_reason', category: 'food', signed_at: '2026-03-01T10:00:00+08:00', requested_at: '2026-03-10T00:00:00+08:00' });",
    "console.log(JSON.stringify([d.verdict, d.policy.id, typeof Engine, VERSION === kefu.VERSION]));",
  ].join('\n');
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd, encoding: 'utf8' });
  assert.deepEqual(JSON.parse(out), ['ineligible', 'kefu-default', 'function', true]);
});

// Issue 18 item 12: Engine.fromShared reads its number as any other argument: a string, a
// negative number, a number past 32 bits or a fraction is kefu's INVALID_INPUT at /shared,
// never napi's NumberExpected or a number wrapped round to another engine's.
test('Engine.fromShared refuses what share() never gives, with kefu codes', async () => {
  const kefu = (await import('kefu')).default;
  const engine = new kefu.Engine({ id: 'shared-shop' });
  const n = engine.share();
  assert.equal(kefu.Engine.fromShared(n).policy().id, 'shared-shop');
  for (const bad of ['1', String(n), -1, 2 ** 40, 2 ** 32 + n, 1.5, 0, null, undefined, {}]) {
    assert.throws(() => kefu.Engine.fromShared(bad), (e) => {
      assert.equal(e.code, 'INVALID_INPUT', `${bad}: ${e.code} ${e.message}`);
      assert.equal(e.path, '/shared', String(bad));
      return true;
    }, String(bad));
  }
});

// Issue 18 item 13: the request's keys come back in the decision and the batch item.
test('id and order_id are echoed in decisions and batch items, failed ones too', async () => {
  const kefu = (await import('kefu')).default;
  const request = {
    id: 'r1', order_id: '3456789012345678901', reason: 'no_reason', category: 'apparel',
    signed_at: '2026-03-01T23:59:00+08:00', requested_at: '2026-03-08T21:30:00+08:00',
  };
  const d = kefu.checkReturn(request);
  assert.equal(d.id, 'r1');
  assert.equal(d.order_id, '3456789012345678901');
  const items = kefu.evaluateBatch('check_return', [request, { id: 'r2', order_id: '9' }], { lean: true });
  assert.deepEqual(items.map((i) => [i.ok, i.id, i.order_id]), [[true, 'r1', '3456789012345678901'], [false, 'r2', '9']]);
  assert.equal(items[0].decision.order_id, '3456789012345678901');
});
