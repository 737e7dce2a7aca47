// The wasm package for Node (`kefu-wasm-node`, wasm-bindgen's nodejs target) as a user has it
// after `npm install ./kefu-wasm-node-<version>.tgz`: scripts/packages.sh copies this file into
// a fresh folder outside the source tree, checks it with `tsc --strict` against the package's
// kefu_wasm.d.ts (the same request and decision types as the napi package), then runs what tsc
// emitted (CommonJS: `require('kefu-wasm-node')`).
import { Engine, calendarFromNotice, kinds, version, type CalendarYears, type ComplaintDecision, type ReturnDecision, type ReturnRequest } from 'kefu-wasm-node';

function ok(cond: boolean, what: string): void {
  if (!cond) throw new Error(`wasm example: ${what}`);
}

const engine = new Engine({ returns: { goodwill_exchange: true } });
const defaults = new Engine();
const used: ReturnRequest = {
  order_id: 'TB1', reason: 'no_reason', category: 'general', condition: { used_beyond_inspection: true },
  signed_at: '2026-03-10T15:00:00+08:00', requested_at: '2026-03-14T10:00:00+08:00',
};
// @ts-expect-error: 'refund_now' is not a reason (the package's types are checked, not `any`)
const wrong: ReturnRequest = { ...used, reason: 'refund_now' };
void wrong;
const decision: ReturnDecision = engine.checkReturn(used);
const verdict: 'eligible' | 'ineligible' = decision.verdict;
ok(verdict === 'ineligible' && decision.goodwill?.remedy === 'exchange', 'the policy decides');
ok(defaults.checkReturn(used).goodwill === null, 'the defaults');
ok(decision.order_id === 'TB1', 'order_id echoed');

const complaint: ComplaintDecision = engine.classifyComplaint({ text: '客服態度太差，再不处理就打12315', channel: 'chat', received_at: '2026-03-06T16:00:00+08:00' });
ok(complaint.severity === 'critical' && complaint.owner === 'manager', `complaint ${complaint.severity}`);

const rows = engine.evaluateBatch('check_return', [used, { reason: 'no_reason' }]);
const verdicts = rows.map((row) => (row.ok ? row.decision.verdict : `${row.error.code} ${row.error.path}`));
ok(verdicts.join() === 'ineligible,INVALID_INPUT /category', verdicts.join());

const workday: boolean = engine.isWorkday('2026-02-14'); // a make-up Saturday (调休)
ok(workday, '2026-02-14 is a working day');
const years: CalendarYears = calendarFromNotice('现将2026年春节放假调休日期的具体安排通知如下。\n二、春节：2月15日（周日）至23日（周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。');
ok(years['2026'].workdays.join() === '2026-02-14,2026-02-28', 'a notice read');
// A build for use: the test builds' panic probe is not a kind here.
ok(!kinds().includes('panic_probe'), 'panic_probe is listed');
try {
  engine.evaluate('panic_probe', {});
  ok(false, 'panic_probe is a kind in this build');
} catch (e) {
  ok((e as { code?: string }).code === 'UNKNOWN_KIND', `panic_probe: ${(e as { code?: string }).code}`);
}
engine.free();
defaults.free();
console.log(`wasm example: kefu ${version()}, ${verdict}, ${complaint.severity}, ${rows.length} batch rows`);
