// A panic cannot be caught inside wasm32 (it aborts), so kefu's panic hook throws kefu's
// INTERNAL error and the module starts a fresh instance before the next call (src/lib.rs
// `start`, glue.mjs). The test build's probe kind panics.
import { createRequire } from 'node:module';
import { test } from 'node:test';
import assert from 'node:assert/strict';

const kefu = createRequire(import.meta.url)('../pkg/nodejs/kefu_wasm.js');
const PROBE = 'panic_probe'; // known only to test builds (core's `panic-probe` feature)
const GOOD = { reason: 'no_reason', category: 'apparel', signed_at: '2026-03-01T10:00:00+08:00', requested_at: '2026-03-03T10:00:00+08:00' };

const internal = (pattern) => (e) => {
  assert.equal(e.code, 'INTERNAL', `not kefu's INTERNAL error (is this a test build, KEFU_TEST_BUILD=1?): ${e}`);
  assert.match(e.message, pattern);
  return true;
};

test('wasm: a panic is an INTERNAL error; kefu restarts and goes on', () => {
  const want = new kefu.Engine().checkReturn(GOOD);
  for (let i = 0; i < 200; i += 1) {
    const engine = new kefu.Engine();
    assert.deepEqual(engine.checkReturn(GOOD), want);
    assert.throws(() => engine.evaluate(PROBE, {}), internal(/the panic probe was called/));
    // The engine belonged to the instance that panicked: a clear error, never its old memory.
    assert.throws(() => engine.checkReturn(GOOD), internal(/make it again/));
    engine.free(); // and freeing it does not touch the new instance
  }
  const engine = new kefu.Engine();
  assert.throws(() => engine.evaluateBatch(PROBE, [{}, {}]), internal(/the panic probe was called/));
  assert.deepEqual(new kefu.Engine().checkReturn(GOOD), want);
  assert.deepEqual(kefu.validatePolicy({}), []);
});
