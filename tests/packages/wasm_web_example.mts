// The browser package (`kefu-wasm`, wasm-bindgen's web target, an ES module) as a bundler or
// browser user imports it, checked with `tsc --strict` (lib dom) by scripts/packages.sh; it
// is not run: the README's browser example runs on the installed package instead.
import init, { Engine, initSync, type InitOutput } from 'kefu-wasm';

export async function start(wasm: URL | BufferSource): Promise<boolean> {
  const exports: InitOutput = await init({ module_or_path: wasm });
  void exports;
  const engine = new Engine(null);
  const flag = engine.orderFlag({ paid: true, info_change_pending: true });
  return flag.flag === 'purple' && engine.isWorkday('2026-02-14');
}

export function startSync(bytes: BufferSource): void {
  initSync({ module: bytes });
}
