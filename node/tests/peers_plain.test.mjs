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
    const engine = new kefu.Engine();
    const wrong = requests.filter((r) => {
      const d = engine.checkReturn(r);
      return JSON.stringify(checkReturn(r)) !== JSON.stringify({ verdict: d.verdict, remedies: d.remedies });
    });
    assert.equal(requests.length, 2000);
    assert.deepEqual(wrong.slice(0, 3), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
