// A worker thread of hardening.test.mjs: attaches to the engine the main thread shared, makes
// every call of the list `rounds` times in its own order, and reports each answer that differs
// from the single-threaded one.
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import { answer } from './hammer-worker-answer.mjs';

const kefu = createRequire(import.meta.url)('../index.js');
const { shared, calls, want, rounds, seed } = workerData;
const engine = kefu.Engine.fromShared(shared);


let state = seed;
const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
const problems = [];
let checked = 0;
for (let r = 0; r < rounds; r += 1) {
  const order = calls.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i -= 1) {
    const j = next() % (i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  for (const i of order) {
    const got = answer(engine, calls[i]);
    if (got !== want[i]) problems.push({ call: calls[i], got, want: want[i] });
    checked += 1;
  }
}
parentPort.postMessage({ checked, problems: problems.slice(0, 5) });
