// Host checks of the napi package, and its module-level functions.
import { createRequire } from 'node:module';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hostChecks } from '../../tests/js/host.mjs';
import { whatIfChecks } from '../../tests/js/whatif.mjs';

const kefu = createRequire(import.meta.url)('../index.js');
hostChecks('napi', { Engine: kefu.Engine, errorCodes: kefu.ERROR_CODES, version: kefu.VERSION, validatePolicy: kefu.validatePolicy, calendarFromNotice: kefu.calendarFromNotice });
whatIfChecks('napi', { Engine: kefu.Engine });

test('napi: module-level functions use the default engine', () => {
  const request = { reason: 'no_reason', category: 'food', signed_at: '2026-03-01T10:00:00+08:00', requested_at: '2026-03-10T00:00:00+08:00' }; // past the window: its 7th day, Sunday 8 March, runs to Monday 9 March
  const d = kefu.checkReturn(request);
  assert.equal(d.verdict, 'ineligible');
  assert.deepEqual(d, kefu.evaluate('check_return', request));
  assert.equal(kefu.policyHash(), d.policy.hash);
  assert.equal(kefu.policy().returns.no_reason_days, 7);
});

test('napi: evaluateBatchAsync gives the same items as evaluateBatch, off the main thread', async () => {
  const engine = new kefu.Engine();
  const good = {
    reason: 'no_reason', category: 'apparel',
    signed_at: '2026-03-01T23:59:00+08:00', requested_at: '2026-03-08T21:30:00+08:00',
  };
  const rows = Array.from({ length: 20_000 }, (_, i) => (i % 7 === 3 ? { ...good, category: 'nope' } : i % 11 === 5 ? 'text' : good));
  // The main thread keeps turning while the batch is decided: count event-loop turns until
  // the Promise settles (a batch decided on this thread would settle before the first turn).
  let turns = 0;
  let settled = false;
  const spin = () => { if (!settled) { turns += 1; setImmediate(spin); } };
  setImmediate(spin);
  const items = await engine.evaluateBatchAsync('check_return', rows);
  settled = true;
  assert.ok(turns > 0, 'the event loop turned while the batch was decided');
  assert.deepEqual(items, engine.evaluateBatch('check_return', rows));
  assert.deepEqual(items.filter((x) => !x.ok).map((x) => x.index).slice(0, 3), [3, 5, 10]);
  const lean = await engine.evaluateBatchAsync('check_return', rows.slice(0, 50), { lean: true });
  assert.deepEqual(lean, engine.evaluateBatch('check_return', rows.slice(0, 50), { lean: true }));
  await assert.rejects(engine.evaluateBatchAsync('check_return', rows, { lean: 1 }), { code: 'INVALID_INPUT', path: '/options/lean' });
  await assert.rejects(engine.evaluateBatchAsync('no_such_kind', rows), { code: 'UNKNOWN_KIND', path: '/kind' });
  await assert.rejects(engine.evaluateBatchAsync('check_return', { rows }), { code: 'INVALID_INPUT', path: '' });
  // A row that is not JSON-shaped is that row's error, in its place; the others are decided.
  const mixed = await engine.evaluateBatchAsync('check_return', [rows[0], () => 1]);
  assert.deepEqual(mixed.map((x) => [x.ok, x.error?.code, x.error?.path]), [[true, undefined, undefined], [false, 'INVALID_INPUT', '']]);
  assert.deepEqual(await kefu.evaluateBatchAsync('check_return', []), []);
});

test('napi: answers do not depend on the global JSON.parse (one that throws: built value by value)', () => {
  const engine = new kefu.Engine();
  const request = { reason: 'no_reason', category: 'apparel', signed_at: '2026-03-01T10:00:00+08:00', requested_at: '2026-03-03T10:00:00+08:00' };
  const rows = [request, { reason: 'no_reason' }];
  const expected = [engine.checkReturn(request), engine.checkReturn(request, { lean: true }), engine.evaluateBatch('check_return', rows), engine.evaluateBatch('check_return', rows, { lean: true })];
  const original = JSON.parse;
  JSON.parse = () => { throw new Error('a replaced JSON.parse'); };
  let got;
  try {
    got = [engine.checkReturn(request), engine.checkReturn(request, { lean: true }), engine.evaluateBatch('check_return', rows), engine.evaluateBatch('check_return', rows, { lean: true })];
  } finally {
    JSON.parse = original;
  }
  assert.deepEqual(got, expected);
  assert.equal(got[2][1].error.path, '/category');
});
