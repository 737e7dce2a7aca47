// Writes package.json for a built wasm package, with the one version of the workspace.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const [target, out] = process.argv.slice(2);
const cargo = readFileSync(fileURLToPath(new URL('../../Cargo.toml', import.meta.url)), 'utf8');
const version = /\[workspace\.package\][^[]*?version\s*=\s*"([^"]+)"/s.exec(cargo)?.[1];
if (!version) throw new Error('no [workspace.package] version in Cargo.toml');
const pkg = {
  name: target === 'web' ? 'kefu-wasm' : 'kefu-wasm-node',
  version,
  description: `kefu's rule book on WebAssembly (${target} target)`,
  license: 'MIT OR Apache-2.0',
  main: 'kefu_wasm.js',
  types: 'kefu_wasm.d.ts',
  // The web package carries the what-if module beside its main one (`kefu-wasm/whatif`):
  // the same engine with `Engine.diffPolicy`, loaded only by pages that compare policies.
  files: ['kefu_wasm.js', 'kefu_wasm_bg.wasm', 'kefu_wasm.d.ts', 'kefu_wasm_bg.wasm.d.ts',
    ...(target === 'web' ? ['whatif/kefu_wasm.js', 'whatif/kefu_wasm_bg.wasm', 'whatif/kefu_wasm.d.ts', 'whatif/kefu_wasm_bg.wasm.d.ts'] : [])],
  // `kefu-wasm/whatif` for the what-if module; every file stays reachable by its path
  // (bundlers and pages resolve `kefu-wasm/kefu_wasm_bg.wasm`).
  ...(target === 'web' ? { exports: { '.': './kefu_wasm.js', './whatif': './whatif/kefu_wasm.js', './platforms': './whatif/kefu_wasm.js', './*': './*' } } : {}),
  ...(target === 'web' ? { type: 'module', sideEffects: ['./snippets/*'] } : {}),
};
writeFileSync(`${out}/package.json`, JSON.stringify(pkg, null, 2) + '\n');
