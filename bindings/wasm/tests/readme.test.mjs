// The README's browser example runs against the web-target package, with `init()` given the
// wasm bytes (Node cannot fetch a file: URL) and the import pointed at the built package.
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { test } from 'node:test';
import assert from 'node:assert/strict';

test('README browser snippet runs on the web package', async () => {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  const snippet = [...readme.matchAll(/```js\n(.*?)```/gs)].map((m) => m[1]).find((s) => s.includes("from 'kefu-wasm'"));
  assert.ok(snippet, 'the README has no browser example');
  const pkg = new URL('../pkg/web/', import.meta.url);
  const wasm = fileURLToPath(new URL('kefu_wasm_bg.wasm', pkg));
  const code = snippet
    .replace("from 'kefu-wasm'", `from ${JSON.stringify(new URL('kefu_wasm.js', pkg).href)}`)
    .replace('await init();', `await init({ module_or_path: (await import('node:fs')).readFileSync(${JSON.stringify(wasm)}) });`)
    .replaceAll('console.assert(', 'globalThis.__check(');
  const failures = [];
  globalThis.__check = (ok, ...msg) => ok || failures.push(msg.join(' ') || 'assertion failed');
  const file = join(mkdtempSync(join(tmpdir(), 'kefu-readme-')), 'snippet.mjs');
  writeFileSync(file, code);
  await import(pathToFileURL(file).href);
  assert.deepEqual(failures, []);
});
