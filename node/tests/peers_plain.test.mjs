// The peer benchmark's hand-written JS function (issue 9; scripts/bench-peers.sh) agrees with
// kefu's verdict and remedies on generated requests. The peers themselves (ZEN,
// json-rules-engine) are dev-only and not installed by the test command.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkReturn } from '../benches/peers/plain.mjs';

const kefu = createRequire(import.meta.url)('../index.js');

test('the plain JS function agrees with kefu on 2,000 generated return requests', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kefu-peers-'));
  try {
    const out = join(dir, 'requests.json');
    const gen = fileURLToPath(new URL('../../tests/bench/peers_gen.py', import.meta.url));
    execFileSync('python3', [gen, '2000', '--out', out], { stdio: 'ignore' });
    const { requests } = JSON.parse(readFileSync(out, 'utf8'));
    // The peers' rules as a policy; a period ending on a statutory holiday (民法典 Art. 203),
    // which their day counts do not know, is left out row by row (python/tests/test_peers_plain.py).
    const policy = JSON.parse(readFileSync(fileURLToPath(new URL('../../tests/bench/peers_policy.json', import.meta.url)), 'utf8'));
    const engine = new kefu.Engine(policy);
    let moved = 0;
    const wrong = requests.filter((r) => {
      const d = engine.checkReturn(r);
      if (d.reasons.some((x) => x.code === 'LAST_DAY_AFTER_REST_DAYS')) {
        moved += 1;
        return false;
      }
      return JSON.stringify(checkReturn(r)) !== JSON.stringify({ verdict: d.verdict, remedies: d.remedies });
    });
    assert.equal(requests.length, 2000);
    assert.ok(moved > 0 && moved < 250, `${moved} rows end on a holiday`);
    assert.deepEqual(wrong.slice(0, 3), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
