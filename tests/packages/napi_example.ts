// The npm package `kefu` (napi) as a user has it after `npm install ./kefu-<version>.tgz`:
// scripts/packages.sh copies this file into a fresh folder outside the source tree, checks it
// with `tsc --strict` (module nodenext, the package's own index.d.ts), then runs what tsc
// emitted (CommonJS: `require('kefu')` through the package's "exports").
import { Engine, VERSION, checkReturn, fromPlatform, toPlatform, type BatchItem, type ComplaintDecision, type KefuError, type ReturnDecision, type ReturnRequest } from 'kefu';

function ok(cond: boolean, what: string): void {
  if (!cond) throw new Error(`napi example: ${what}`);
}

const engine = new Engine({ returns: { goodwill_exchange: true } });
const used: ReturnRequest = {
  order_id: 'TB1', reason: 'no_reason', category: 'general', condition: { used_beyond_inspection: true },
  signed_at: '2026-03-10T15:00:00+08:00', requested_at: '2026-03-14T10:00:00+08:00',
};
// @ts-expect-error: 'refund_now' is not a reason (the package's types are checked)
const wrong: ReturnRequest = { ...used, reason: 'refund_now' };
void wrong;
const decision: ReturnDecision = engine.checkReturn(used);
const verdict: 'eligible' | 'ineligible' = decision.verdict;
ok(verdict === 'ineligible' && decision.goodwill?.remedy === 'exchange', 'the policy decides');
ok(checkReturn(used).goodwill === null, 'the default engine');
ok(decision.order_id === 'TB1', 'order_id echoed');

const complaint: ComplaintDecision = engine.classifyComplaint({
  text: '客服態度太差，再不处理就打12315', channel: 'chat', received_at: '2026-03-06T16:00:00+08:00',
});
ok(complaint.severity === 'critical' && complaint.owner === 'manager', `complaint ${complaint.severity}`);

const rows: BatchItem<ReturnDecision>[] = engine.evaluateBatch('check_return', [used, { reason: 'no_reason' }]);
const verdicts = rows.map((row) => (row.ok ? row.decision.verdict : `${row.error.code} ${row.error.path}`));
ok(verdicts.join() === 'ineligible,INVALID_INPUT /category', verdicts.join());

try {
  engine.checkReturn('{"reason": "no_reason"}'); // JSON text: checked by kefu, not by tsc
  ok(false, 'no error');
} catch (e) {
  const err = e as KefuError;
  ok(err.code === 'INVALID_INPUT' && err.path === '/category', `${err.code} ${err.path}`);
}
// A build for use: the test builds' panic probe is not a kind here.
try {
  engine.evaluate('panic_probe', {}); // a kind named at run time: any string
  ok(false, 'panic_probe is a kind in this build');
} catch (e) {
  ok((e as KefuError).code === 'UNKNOWN_KIND', `panic_probe: ${(e as KefuError).code}`);
}
// Platform payloads (issue 21): a Pinduoduo order read, decided, written back as its tag.
const order = fromPlatform('pinduoduo', 'order_flag', { order_sn: '260301-1', order_status: 1, confirm_status: 1, after_sales_status: 2, pay_time: '2026-03-01 10:00:00' },
  { entered: false, marketing_done: false, info_change_pending: false }); // what only the shop knows
const written = toPlatform('pinduoduo', engine.orderFlag(order));
ok(written.method === 'pdd.order.note.update' && written.params.tag === 1, JSON.stringify(written));
console.log(`napi example: kefu ${VERSION}, ${verdict}, ${complaint.severity}, ${rows.length} batch rows`);
