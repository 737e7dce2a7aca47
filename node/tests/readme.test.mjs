// The README's Node example runs as written (with `require('kefu')` pointing at this package).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import assert from 'node:assert/strict';

test('README Node snippet runs and its assertions hold', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const snippet = [...readme.matchAll(/```js\n(.*?)```/gs)].map((m) => m[1]).find((s) => s.includes("require('kefu')"));
  assert.ok(snippet, 'the README has no Node example');
  const require = createRequire(import.meta.url);
  const failures = [];
  const console = { assert: (ok, ...msg) => ok || failures.push(msg.join(' ') || 'console.assert failed'), log() {} };
  new Function('require', 'console', snippet)((name) => require(name === 'kefu' ? '../index.js' : name), console);
  assert.deepEqual(failures, []);
});
