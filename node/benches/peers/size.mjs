// What a browser downloads (issue 9; BENCHMARKS.md): kefu's wasm package against
// @gorules/zen-engine-wasm, wasm and JS glue, gzipped with Node's zlib at level 9 (as
// web-demo/tests/size.test.mjs measures kefu's budget). Writes target/bench/peers_size.json.
//
//   node node/benches/peers/size.mjs     (after scripts/build.sh wasm and npm install in node/benches)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const require = createRequire(import.meta.url);
const root = (p) => fileURLToPath(new URL(`../../../${p}`, import.meta.url));
const zenDir = dirname(require.resolve('@gorules/zen-engine-wasm/package.json'));
const measure = (files) => {
  let raw = 0;
  let gz = 0;
  for (const f of files) {
    const bytes = readFileSync(f);
    raw += bytes.length;
    gz += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gz };
};
const packages = [
  {
    name: 'kefu-wasm', version: JSON.parse(readFileSync(root('bindings/wasm/pkg/web/package.json'), 'utf8')).version,
    what: 'every kefu decision (returns, orders, complaints, clocks, calendar)',
    wasm: measure([root('bindings/wasm/pkg/web/kefu_wasm_bg.wasm')]),
    glue: measure([root('bindings/wasm/pkg/web/kefu_wasm.js')]),
  },
  {
    name: '@gorules/zen-engine-wasm', version: require('@gorules/zen-engine-wasm/package.json').version,
    what: 'ZEN expressions only (its README: "Currently, it supports only expressions"; no decision tables or graphs)',
    wasm: measure([join(zenDir, 'dist/zen_engine_wasm_bg.wasm')]),
    glue: measure(['dist/zen_engine_wasm.js', 'index.js', 'util/index.js', 'util/variable-type.js'].map((f) => join(zenDir, f))),
  },
];
const out = root('target/bench/peers_size.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(packages, null, 1));
for (const p of packages) {
  console.log(`${p.name}@${p.version}: wasm ${p.wasm.raw} B (${p.wasm.gz} gz) + glue ${p.glue.raw} B (${p.glue.gz} gz) = ${p.wasm.gz + p.glue.gz} B gzipped`);
}
