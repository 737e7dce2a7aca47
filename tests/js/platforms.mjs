// Replays the platform cases of tests/platforms/*.json in a JS host (napi or wasm): each read
// case's request is exactly `expect_request` and its decision matches `expect`; each write
// case's call is exactly `expect_write`; each file's round trip holds for every flag.
// Format: tests/README.md.
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorShape, mismatches } from './replay.mjs';

const dir = new URL('../platforms/', import.meta.url);
const FLAGS = ['gray', 'red', 'yellow', 'green', 'blue', 'purple'];

/** Every text of `expect_error.message_has` is in the error's message; the rest as a subset. */
function errorMismatches(want, got) {
  const { message_has: has = [], ...rest } = want;
  const out = mismatches(rest, got);
  for (const s of has) if (!got.message.includes(s)) out.push(`message ${JSON.stringify(got.message)} lacks ${JSON.stringify(s)}`);
  return out;
}

function attempt(f) {
  try {
    return { ok: f() };
  } catch (e) {
    return { err: errorShape(e) };
  }
}

/** Register one test per platform case; `kefu` has `fromPlatform`, `toPlatform`, `Engine`. */
export function replayPlatforms(host, kefu) {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  test(`${host}: one platform case file per platform`, () => assert.equal(files.length, 3));
  const engines = new Map();
  const engine = (policy) => {
    const key = JSON.stringify(policy ?? null);
    if (!engines.has(key)) engines.set(key, new kefu.Engine(policy ?? undefined));
    return engines.get(key);
  };
  for (const file of files) {
    const suite = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
    const { platform } = suite;
    for (const c of suite.cases) {
      test(`${host} ${platform}: ${c.name}`, () => {
        let problems = [];
        if (c.write) {
          const r = attempt(() => kefu.toPlatform(platform, c.write.decision, c.write.memo ?? null));
          if (r.err) problems = c.expect_error ? errorMismatches(c.expect_error, r.err) : [`unexpected error ${JSON.stringify(r.err)}`];
          else assert.deepStrictEqual(r.ok, c.expect_write);
        } else {
          const r = attempt(() => kefu.fromPlatform(platform, c.kind, c.payload, c.facts ?? null));
          if (!c.expect_request) {
            problems = r.err ? errorMismatches(c.expect_error, r.err) : [`expected an error, got ${JSON.stringify(r.ok)}`];
          } else if (r.err) {
            problems = [`unexpected error ${JSON.stringify(r.err)}`];
          } else {
            assert.deepStrictEqual(r.ok, c.expect_request);
            const d = attempt(() => engine(c.policy).evaluate(c.kind, r.ok));
            if (c.expect) problems = d.err ? [`decision: unexpected error ${JSON.stringify(d.err)}`] : mismatches(c.expect, d.ok);
            else problems = d.err ? errorMismatches(c.expect_error, d.err) : [`decision: expected an error, got ${JSON.stringify(d.ok)}`];
          }
        }
        assert.deepEqual(problems, []);
      });
    }
    test(`${host} ${platform}: every flag written back reads back as the same flag`, () => {
      const trip = suite.round_trip;
      for (const flag of FLAGS) {
        const call = kefu.toPlatform(platform, { order_id: trip.order_id, flag, platform, label: 'kefu' });
        const payload = structuredClone(trip.payload);
        const parts = trip.field.split('/').slice(1);
        const key = parts.pop();
        const target = parts.reduce((o, k) => o[k], payload);
        if (trip.param in call.params) target[key] = call.params[trip.param];
        else delete target[key];
        assert.equal(kefu.fromPlatform(platform, 'order_flag', payload, trip.facts).current_flag, flag, `${flag} written as ${JSON.stringify(call)}`);
      }
    });
  }
}
