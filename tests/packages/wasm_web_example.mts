// The browser package (`kefu-wasm`, wasm-bindgen's web target, an ES module) as a bundler or
// browser user imports it, checked with `tsc --strict` (lib dom) by scripts/packages.sh; it
// is not run: the README's browser example runs on the installed package instead.
import init, { Engine, initSync, type InitOutput, type OrderFacts } from 'kefu-wasm';
import initWhatIf, { Engine as WhatIfEngine } from 'kefu-wasm/whatif';
import type { PolicyDiff } from 'kefu-wasm/whatif';

export async function start(wasm: URL | BufferSource): Promise<boolean> {
  const exports: InitOutput = await init({ module_or_path: wasm });
  void exports;
  const engine = new Engine(null);
  const flag = engine.orderFlag({ paid: true, info_change_pending: true });
  return flag.flag === 'purple' && engine.isWorkday('2026-02-14');
}

// The what-if module (issue 20): the same engine with `diffPolicy`, for pages that compare
// policies; the main module leaves it out for its size.
export async function compare(wasm: URL): Promise<number> {
  await initWhatIf({ module_or_path: wasm });
  const current = new WhatIfEngine(null);
  const proposed = new WhatIfEngine({ returns: { no_reason_days: 10 } });
  const diff: PolicyDiff = current.diffPolicy('check_return', [{ reason: 'no_reason', category: 'general', signed_at: '2026-03-02T10:00:00+08:00', requested_at: '2026-03-11T10:00:00+08:00' }], proposed);
  return diff.summary.rows_changed + diff.changes.length;
}

export function startSync(bytes: BufferSource): void {
  initSync({ module: bytes });
}

// The platform readers (issue 21), in the same on-demand module under its own name.
import initPlatforms, { fromPlatform, toPlatform } from 'kefu-wasm/platforms';

export async function writeBack(wasm: URL): Promise<string> {
  await initPlatforms({ module_or_path: wasm });
  const order = fromPlatform('pinduoduo', 'order_flag', { order_info_get_response: { order_info: { order_sn: '260301-1', order_status: 1, confirm_status: 1, after_sales_status: 2, pay_time: '2026-03-01 10:00:00' } } },
    { entered: false, marketing_done: false, info_change_pending: false }); // what only the shop knows
  const flag = new Engine(null).orderFlag(order as OrderFacts); // the kind asked for decides the shape
  const call: { method: string; params: Record<string, string | number> } = toPlatform('pinduoduo', flag, null);
  return `${call.method} ${call.params.tag}`;
}
