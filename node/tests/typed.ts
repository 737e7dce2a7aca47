// Compiled by `tsc` in the test command: the package's types must accept real use and
// reject wrong use. Calls of these shapes run for real in host.test.mjs and the shared cases.
import { Engine, evaluateBatch, type LeanReturnDecision, type BatchItem, checkReturn, orderFlag, orderAction, sla, dispatchEstimate, refundTimeline, ERROR_CODES, type KefuError, type ReturnDecision, type ReturnRequest, type FlagDecision, type ActionDecision, type SlaDecision, type DispatchDecision, type TimelineDecision, calendarFromNotice, type CalendarYears } from '..';

const request: ReturnRequest = {
  reason: 'no_reason',
  category: 'apparel',
  signed_at: '2026-03-01T23:59:00+08:00',
  requested_at: '2026-03-08T20:00:00+08:00',
  gifts: [{ marked_price_cents: 1500, returned: false }],
};
const decision: ReturnDecision = checkReturn(request);
const verdict: 'eligible' | 'ineligible' = decision.verdict;
const engine = new Engine({ returns: { goodwill_exchange: true } });
const due: string = engine.addWorkingTime('2026-02-13T18:00:00+08:00', 285);
const codes: readonly string[] = ERROR_CODES;
try {
  engine.checkReturn('{}');
} catch (e) {
  const err = e as KefuError;
  const where: string | null = err.path;
  void where;
}
// @ts-expect-error: 'refund_now' is not a reason
const wrong: ReturnRequest = { ...request, reason: 'refund_now' };
const flag: FlagDecision = orderFlag({ platform: 'pinduoduo', paid: true, current_flag: 2 });
const code: number | null = flag.flag_code;
const act: ActionDecision = orderAction({ type: 'stock_out', now: '2026-03-02T10:00:00+08:00', order: { paid: true }, choice: 'wait', items_total: 1 });
// @ts-expect-error: 'cancel' is not an action request type
orderAction({ type: 'cancel', now: '2026-03-02T10:00:00+08:00', order: {} });
const clock: SlaDecision = sla({ standard: 'complaint_reply', started_at: '2026-03-06T16:00:00+08:00', now: '2026-03-09T09:30:00+08:00', paused: [{ from: '2026-03-06T17:00:00+08:00' }] });
const state: 'pending' | 'due_soon' | 'breached' | 'met' | 'met_late' = clock.state;
const ship: DispatchDecision = dispatchEstimate({ paid_at: '2026-03-02T10:00:00+08:00', destination_city: '深圳', promotion: true });
const timeline: TimelineDecision = refundTimeline({ events: [{ type: 'requested', at: '2026-03-02T10:00:00+08:00' }], now: '2026-03-03T10:00:00+08:00' });
const shop = new Engine({ sla: { standards: { vip_callback: { amount: 2, unit: 'calendar_hours' } } }, dispatch: { cutoff: '16:00' } });
// @ts-expect-error: 'fortnights' is not a unit
new Engine({ sla: { standards: { x: { amount: 2, unit: 'fortnights' } } } });
// @ts-expect-error: a buyer_shipped event's method is express or post
refundTimeline({ events: [{ type: 'buyer_shipped', at: '2026-03-02T10:00:00+08:00', method: 'pigeon' }], now: '2026-03-03T10:00:00+08:00' });
const pending: Promise<BatchItem[]> = shop.evaluateBatchAsync('check_return', [{ reason: 'no_reason' }]);
const batchNow: BatchItem[] = evaluateBatch('sla', []);
const attached: Engine = Engine.fromShared(shop.share());
void [attached, verdict, due, codes, wrong, code, act.deadlines.refund_due_by, state, ship.ship_by, timeline.next_deadline, shop, pending, batchNow];

// The lean form: its fields typed from the whole decision, each possibly null.
const lean: LeanReturnDecision = checkReturn(request, { lean: true });
const leanVerdict: 'eligible' | 'ineligible' | null = lean.verdict;
const leanCodes: string[] = lean.reason_codes;
// @ts-expect-error: the lean form has no reasons, only their codes
void lean.reasons;
const whole: ReturnDecision = engine.checkReturn(request, { lean: false });
// @ts-expect-error: lean is a boolean
checkReturn(request, { lean: 'yes' });
// A lean flag known only at run time: either form.
const leanFlag: boolean = Math.random() > 2;
const either: ReturnDecision | LeanReturnDecision = checkReturn(request, { lean: leanFlag });
// @ts-expect-error: with a boolean flag the answer may be the lean form
const notWhole: ReturnDecision = checkReturn(request, { lean: leanFlag });
void leanVerdict; void leanCodes; void whole; void either; void notWhole;

// A State Council notice read into a calendar.years entry, typed, and used as a policy's years.
const years: CalendarYears = calendarFromNotice('…');
const workdays: string[] = years['2026'].workdays;
const firstOff: string | undefined = years['2026'].holidays[0]?.from;
const withYears = new Engine({ calendar: { years } });
// @ts-expect-error: the notice is text
calendarFromNotice(42);
// @ts-expect-error: a year's holidays are { name, from, to }, not dates
const notDates: string[] = years['2026'].holidays;
void workdays; void firstOff; void withYears; void notDates;
