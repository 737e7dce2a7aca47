// Nothing a caller sends takes kefu down: a panic inside kefu is a typed error (the test
// build's probe kind panics), and one Engine shared by worker threads gives every thread the
// answers it gives one.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSuites } from '../../tests/js/replay.mjs';
import { answer } from './hammer-worker-answer.mjs';

const kefu = createRequire(import.meta.url)('../index.js');
const PROBE = 'panic_probe'; // known only to test builds (core's `panic-probe` feature)
const GOOD = { reason: 'no_reason', category: 'apparel', signed_at: '2026-03-01T10:00:00+08:00', requested_at: '2026-03-03T10:00:00+08:00' };

const internal = (e) => {
  assert.equal(e.code, 'INTERNAL', `not the probe's panic (is this a test build, KEFU_TEST_BUILD=1?): ${e.message}`);
  assert.match(e.message, /the panic probe was called/);
  return true;
};

test('napi: a panic is an INTERNAL error and the engine goes on', async () => {
  const engine = new kefu.Engine();
  const want = engine.checkReturn(GOOD);
  for (let i = 0; i < 3; i += 1) {
    assert.throws(() => engine.evaluate(PROBE, {}), internal);
    assert.throws(() => engine.evaluate(PROBE, '{}'), internal);
    assert.deepEqual(engine.checkReturn(GOOD), want);
  }
  const rows = Array.from({ length: 300 }, () => ({}));
  for (const items of [engine.evaluateBatch(PROBE, rows), await engine.evaluateBatchAsync(PROBE, rows)]) {
    assert.deepEqual(items.map((i) => i.index), rows.map((_, i) => i));
    assert.ok(items.every((i) => !i.ok && internal(i.error)));
  }
  assert.deepEqual(engine.checkReturn(GOOD), want);
});

/** Every shared case on the default policy: good and bad requests of every kind. */
function mixedCalls() {
  const calls = [];
  for (const suite of loadSuites()) {
    for (const c of suite.cases) {
      if ('policy' in c) continue;
      const input = typeof c.input === 'string' ? JSON.stringify(c.input) : c.input;
      calls.push([suite.kind, 'input_text' in c ? c.input_text : input]);
    }
  }
  return calls;
}

test('napi: worker threads share one Engine and agree with one thread', async () => {
  const engine = new kefu.Engine();
  const calls = mixedCalls();
  assert.ok(calls.length > 300);
  const want = calls.map((c) => answer(engine, c));
  const shared = engine.share();
  assert.equal(engine.share(), shared, 'one engine, one number');
  const rounds = 4;
  const workers = Array.from({ length: 4 }, (_, seed) => new Promise((resolve, reject) => {
    const w = new Worker(new URL('./hammer-worker.mjs', import.meta.url), { workerData: { shared, calls, want, rounds, seed: seed + 1 } });
    w.once('message', resolve);
    w.once('error', reject);
  }));
  // Meanwhile the main thread decides batches on libuv's pool with the same engine.
  const objects = calls.filter(([, a]) => typeof a !== 'string');
  const batches = [];
  for (let i = 0; i < 3; i += 1) batches.push(engine.evaluateBatchAsync('check_return', objects.filter(([k]) => k === 'check_return').map(([, a]) => a)));
  const single = engine.evaluateBatch('check_return', objects.filter(([k]) => k === 'check_return').map(([, a]) => a));
  for (const items of await Promise.all(batches)) assert.deepEqual(items, single);
  const reports = await Promise.all(workers);
  for (const r of reports) {
    assert.deepEqual(r.problems, []);
    assert.equal(r.checked, rounds * calls.length);
  }
});

test('napi: fromShared names the field of an unknown engine', () => {
  assert.throws(() => kefu.Engine.fromShared(4_000_000_000), (e) => e.code === 'INVALID_INPUT' && e.path === '/shared');
});
