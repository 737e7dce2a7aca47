// kefu against its peers in Node, on the same return requests (issue 9; BENCHMARKS.md).
//
//   node node/benches/peers/run.mjs [--runs 7] [--out target/bench/peers_node.json]
//
// Reads target/bench/peers_returns.json (python3 tests/bench/peers_gen.py). Every engine's
// {verdict, remedies} is checked equal to kefu's on every request before anything is timed; a
// mismatch prints the first few and exits 1. Then each engine decides all N requests once per
// round, engines taking turns within a round (the first one rotating), for `runs` rounds after a
// warm-up round; the figure is the median over the rounds, per decision.
// The peers are dev-only: `bash scripts/bench-peers.sh` installs them in node/benches/.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkReturn as plainCheckReturn } from './plain.mjs';

const require = createRequire(import.meta.url);
const root = (p) => fileURLToPath(new URL(`../../../${p}`, import.meta.url));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const RUNS = Number(arg('runs', process.env.KEFU_PEERS_RUNS || 7));
const OUT = arg('out', root('target/bench/peers_node.json'));
const FILE = arg('requests', root('target/bench/peers_returns.json'));
if (!existsSync(FILE)) {
  console.error(`${FILE} is missing: make it with \`python3 tests/bench/peers_gen.py\` (or run \`bash scripts/bench-peers.sh\`)`);
  process.exit(2);
}
const all = JSON.parse(readFileSync(FILE, 'utf8'));
const { seed } = all;

// ---- the engines: each gives {verdict, remedies} per request ----
const napi = require('../../index.js');
const wasm = require('../../../bindings/wasm/pkg/nodejs/kefu_wasm.js');
const { ZenEngine, ZenDecisionContent } = require('@gorules/zen-engine');
const { Engine: RulesEngine } = require('json-rules-engine');

// The peers' rules as a policy (tests/bench/peers_policy.json); rows whose period ends on a
// statutory holiday (民法典 Art. 203, which the peers' day counts do not know) are left out.
const peersPolicy = JSON.parse(readFileSync(root('tests/bench/peers_policy.json'), 'utf8'));
const kefuNapi = new napi.Engine(peersPolicy);
const kefuWasm = new wasm.Engine(peersPolicy);
const keep = all.requests.map((r, i) => i).filter((i) => !kefuNapi.checkReturn(all.requests[i]).reasons.some((x) => x.code === 'LAST_DAY_AFTER_REST_DAYS'));
console.error(`node: ${all.n - keep.length} of ${all.n} requests end on a statutory holiday and are left out`);
const requests = keep.map((i) => all.requests[i]);
const facts = keep.map((i) => all.facts[i]);
const n = requests.length;
// ZEN: the decision made once from pre-compiled content (ZenDecisionContent, its documented fast
// path). Its only evaluate is async (a Promise per call); there is no sync decision API.
const zenDecision = new ZenEngine().createDecision(new ZenDecisionContent(readFileSync(root('tests/bench/returns.jdm.json'))));

// json-rules-engine: the rules document, its defaults for absent fields, first hit by priority.
const rulesDoc = JSON.parse(readFileSync(new URL('./returns.rules.json', import.meta.url), 'utf8'));
const jre = new RulesEngine([], { allowUndefinedFacts: true });
for (const [name, value] of Object.entries(rulesDoc.defaults)) jre.addFact(name, value);
for (const [name, c] of Object.entries(rulesDoc.conditions)) jre.setCondition(name, c);
for (const r of rulesDoc.rules) jre.addRule(r);
jre.on('success', () => jre.stop()); // first hit: lower priorities are not evaluated
// The caller pre-computes the day counts in UTC+08:00 (json-rules-engine has no date arithmetic);
// the fact objects are built before timing, so their cost is not counted against the peer.
const jreFacts = requests.map((r, i) => ({ ...r, ...facts[i] }));
const jreAnswer = ({ events }) => events[0].params;

const LEAN = { lean: true }; // kefu's lean form: the main fields and reason codes only
const pick = (d) => ({ verdict: d.verdict, remedies: d.remedies });
const batchPick = (items) => items.map((it) => (it.ok ? pick(it.decision) : { error: it.error }));

// ---- check every answer against kefu's before timing ----
const expected = requests.map((r) => pick(kefuNapi.checkReturn(r)));
const answers = {
  'kefu wasm': requests.map((r) => pick(kefuWasm.checkReturn(r))),
  'kefu napi lean': requests.map((r) => pick(kefuNapi.checkReturn(r, LEAN))),
  'kefu wasm lean': requests.map((r) => pick(kefuWasm.checkReturn(r, LEAN))),
  'kefu napi batch lean': batchPick(kefuNapi.evaluateBatch('check_return', requests, LEAN)),
  'kefu wasm batch lean': batchPick(kefuWasm.evaluateBatch('check_return', requests, LEAN)),
  'kefu napi batch': batchPick(kefuNapi.evaluateBatch('check_return', requests)),
  'kefu wasm batch': batchPick(kefuWasm.evaluateBatch('check_return', requests)),
  'plain JS': requests.map(plainCheckReturn),
  'ZEN': [],
  'json-rules-engine': [],
};
for (const f of jreFacts) answers['json-rules-engine'].push(jreAnswer(await jre.run(f)));
// ZEN's own figure for each evaluation (its `performance`, no host conversion), for the notes.
const zenOwn = [];
const micros = (text) => {
  const m = /^([\d.]+)(ns|µs|ms|s)$/.exec(text);
  if (!m) throw new Error(`ZEN performance ${text}`);
  return Number(m[1]) * { ns: 1e-3, µs: 1, ms: 1e3, s: 1e6 }[m[2]];
};
for (const r of requests) {
  const x = await zenDecision.evaluate(r);
  zenOwn.push(micros(x.performance));
  answers.ZEN.push(pick(x.result));
}
let bad = 0;
for (const [engine, got] of Object.entries(answers)) {
  const wrong = [];
  for (let i = 0; i < n; i++) {
    if (JSON.stringify(got[i]) !== JSON.stringify(expected[i])) wrong.push(i);
  }
  if (wrong.length) {
    bad++;
    console.error(`${engine}: ${wrong.length} of ${n} answers differ from kefu's; the first ones:`);
    for (const i of wrong.slice(0, 5)) {
      console.error(`  #${i} kefu ${JSON.stringify(expected[i])} ${engine} ${JSON.stringify(got[i])}\n    request ${JSON.stringify(requests[i])} facts ${JSON.stringify(facts[i])}`);
    }
  }
}
if (bad) process.exit(1);
console.log(`node: every engine agrees with kefu on all ${n} requests (seed ${seed})`);

// ---- timing ----
const passes = {
  // per call
  'kefu napi|call': () => { for (const r of requests) kefuNapi.checkReturn(r); },
  'kefu wasm|call': () => { for (const r of requests) kefuWasm.checkReturn(r); },
  'kefu napi|call, lean': () => { for (const r of requests) kefuNapi.checkReturn(r, LEAN); },
  'kefu wasm|call, lean': () => { for (const r of requests) kefuWasm.checkReturn(r, LEAN); },
  'ZEN|call': async () => { for (const r of requests) await zenDecision.evaluate(r); },
  'json-rules-engine|call': async () => { for (const f of jreFacts) await jre.run(f); },
  'plain JS|call': () => { for (const r of requests) plainCheckReturn(r); },
  // whole batch
  'kefu napi|batch': () => kefuNapi.evaluateBatch('check_return', requests),
  'kefu wasm|batch': () => kefuWasm.evaluateBatch('check_return', requests),
  'kefu napi|batch, lean': () => kefuNapi.evaluateBatch('check_return', requests, LEAN),
  'kefu wasm|batch, lean': () => kefuWasm.evaluateBatch('check_return', requests, LEAN),
  'ZEN|batch': () => Promise.all(requests.map((r) => zenDecision.evaluate(r))),
};
const names = Object.keys(passes);
const times = Object.fromEntries(names.map((k) => [k, []]));
for (let round = -1; round < RUNS; round++) { // round -1 is the warm-up
  for (let j = 0; j < names.length; j++) {
    const name = names[(j + Math.max(round, 0)) % names.length];
    const t0 = process.hrtime.bigint();
    await passes[name]();
    const ns = Number(process.hrtime.bigint() - t0) / n;
    if (round >= 0) times[name].push(ns);
  }
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const rows = names.map((k) => {
  const [engine, mode] = k.split('|');
  return { engine, mode, us: median(times[k]) / 1000, runs_us: times[k].map((x) => x / 1000) };
});
rows.push({ engine: 'ZEN', mode: 'own figure', us: median(zenOwn), runs_us: [] });
const result = {
  host: 'node', node: process.version, n, seed, runs: RUNS, rows,
  versions: {
    kefu: napi.VERSION,
    '@gorules/zen-engine': require('@gorules/zen-engine/package.json').version,
    'json-rules-engine': require('json-rules-engine/package.json').version,
  },
};
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, JSON.stringify(result, null, 1));
for (const r of rows) console.log(`node ${r.engine.padEnd(18)} ${r.mode.padEnd(12)} ${r.us.toFixed(2).padStart(9)} µs/decision`);
