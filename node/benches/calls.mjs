// Per-call cost of checkReturn from Node, napi and wasm (BENCHMARKS.md). Run: scripts/bench.sh.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const request = JSON.parse(readFileSync(new URL('../../tests/bench/realistic_return.json', import.meta.url), 'utf8'));
const hosts = { napi: require('../index.js'), wasm: require('../../bindings/wasm/pkg/nodejs/kefu_wasm.js') };

function perCall(fn, n = 20000, runs = 7) {
  for (let i = 0; i < 2000; i++) fn();
  const times = [];
  for (let r = 0; r < runs; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) fn();
    times.push(Number(process.hrtime.bigint() - t0) / n);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

const order = JSON.parse(readFileSync(new URL('../../tests/bench/order_flag.json', import.meta.url), 'utf8'));
const action = JSON.parse(readFileSync(new URL('../../tests/bench/order_action.json', import.meta.url), 'utf8'));
const bench = (name) => JSON.parse(readFileSync(new URL(`../../tests/bench/${name}.json`, import.meta.url), 'utf8'));
const [sla, dispatch, timeline, complaint] = [bench('sla'), bench('dispatch'), bench('refund_timeline'), bench('complaint')];
const text = JSON.stringify(request);
const batch = Array(1000).fill(request);
for (const [host, kefu] of Object.entries(hosts)) {
  const engine = new kefu.Engine();
  const shop = new kefu.Engine(sla.policy);
  const rows = {
    [`${host} checkReturn(object)`]: perCall(() => engine.checkReturn(request)),
    [`${host} checkReturn(json text)`]: perCall(() => engine.checkReturn(text)),
    [`${host} evaluateBatch, per row (1000 rows)`]: perCall(() => engine.evaluateBatch('check_return', batch), 20) / 1000,
    [`${host} isWorkday`]: perCall(() => engine.isWorkday('2026-02-14')),
    [`${host} orderFlag`]: perCall(() => engine.orderFlag(order)),
    [`${host} orderAction`]: perCall(() => engine.orderAction(action)),
    [`${host} sla (30 working days)`]: perCall(() => shop.sla(sla.request)),
    [`${host} dispatchEstimate`]: perCall(() => engine.dispatchEstimate(dispatch)),
    [`${host} refundTimeline`]: perCall(() => engine.refundTimeline(timeline)),
    [`${host} classifyComplaint (200 chars)`]: perCall(() => engine.classifyComplaint(complaint)),
  };
  for (const [name, ns] of Object.entries(rows)) console.log(`${name}: ${(ns / 1000).toFixed(2)} µs`);
}
