// The README's Node and browser examples on the installed npm packages: run by
// scripts/packages.sh in a fresh folder outside the source tree where `npm install` put `kefu`
// (napi) and `kefu-wasm` (web target), so `require('kefu')` and `from 'kefu-wasm'` are the
// packages a user gets. The snippets are found as node/tests/readme.test.mjs and
// bindings/wasm/tests/readme.test.mjs find them; only `init()` is given the wasm bytes (Node
// cannot fetch a file: URL) and `console.assert` is counted instead of printed.
// Usage: node readme_js.mjs README.md node|web
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [readmePath, which] = process.argv.slice(2);
const readme = readFileSync(readmePath, 'utf8');
const marker = which === 'node' ? "require('kefu')" : "from 'kefu-wasm'";
const snippet = [...readme.matchAll(/```js\n(.*?)```/gs)].map((m) => m[1]).find((s) => s.includes(marker));
if (!snippet) throw new Error(`the README has no example with ${marker}`);

const require = createRequire(join(process.cwd(), 'package.json'));
const failures = [];
globalThis.__check = (ok, ...msg) => ok || failures.push(msg.join(' ') || 'console.assert failed');
let code = snippet.replaceAll('console.assert(', 'globalThis.__check(');
let file;
if (which === 'node') {
  file = join(process.cwd(), 'readme_node.cjs');
} else {
  const wasm = require.resolve('kefu-wasm/kefu_wasm_bg.wasm');
  if (!code.includes('await init();')) throw new Error('the browser example no longer calls `await init();`');
  code = code.replace('await init();', `await init({ module_or_path: (await import('node:fs')).readFileSync(${JSON.stringify(wasm)}) });`);
  file = join(process.cwd(), 'readme_web.mjs');
}
writeFileSync(file, code);
if (which === 'node') require(file);
else await import(pathToFileURL(file).href);
if (failures.length) {
  console.error(failures);
  process.exit(1);
}
console.log(`README ${which} example: ran on ${require.resolve(which === 'node' ? 'kefu' : 'kefu-wasm')}`);
