// Issue 18 in the wasm package: an Engine used after its free() throws kefu's error with a
// code (wasm-bindgen's own is "null pointer passed to rust", without one), and the request's
// keys come back in decisions and batch items.
import { createRequire } from 'node:module';
import { test } from 'node:test';
import assert from 'node:assert/strict';

const kefu = createRequire(import.meta.url)('../pkg/nodejs/kefu_wasm.js');
const request = {
  id: 'r1', order_id: '3456789012345678901', reason: 'no_reason', category: 'apparel',
  signed_at: '2026-03-01T23:59:00+08:00', requested_at: '2026-03-08T21:30:00+08:00',
};

test('an Engine used after free() throws INVALID_INPUT, and freeing twice does nothing', () => {
  const engine = new kefu.Engine();
  assert.equal(engine.checkReturn(request).verdict, 'eligible');
  engine.free();
  for (const call of [() => engine.checkReturn(request), () => engine.isWorkday('2026-03-04'), () => engine.policy()]) {
    assert.throws(call, (e) => e.code === 'INVALID_INPUT' && /freed/.test(e.message));
  }
  engine.free();
  assert.equal(new kefu.Engine().checkReturn(request).verdict, 'eligible');
});

test('id and order_id are echoed in decisions and batch items, failed ones too', () => {
  const engine = new kefu.Engine();
  const d = engine.checkReturn(request);
  assert.deepEqual([d.id, d.order_id], ['r1', '3456789012345678901']);
  const items = engine.evaluateBatch('check_return', [request, { id: 'r2', order_id: '9' }]);
  assert.deepEqual(items.map((i) => [i.ok, i.id, i.order_id]), [[true, 'r1', '3456789012345678901'], [false, 'r2', '9']]);
});
