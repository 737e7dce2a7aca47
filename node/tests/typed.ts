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

// The shapes generated from schemas/ (kefu-types.d.ts, core/tools/gen_types.py): a decision's
// enums are string-literal unions, its optional values `| null`, and nothing is `any`.
import { evaluate, classifyComplaint, isWorkday, type Verdict, type Kind, type Decisions, type Requests, type LeanDecisions, type DayInfo, type LeanComplaintDecision, type ComplaintDecision, type Policy, type Category, type ComplaintCategory, type Instant, type Decision } from '..';
const typedVerdict: 'eligible' | 'ineligible' = checkReturn(request).verdict;
// @ts-expect-error: a verdict is 'eligible' | 'ineligible', not a number
const verdictNumber: number = checkReturn(request).verdict;
// @ts-expect-error: not `any`: a decision has only its own fields
void checkReturn(request).verdicts;
// @ts-expect-error: goodwill may be null
void checkReturn(request).goodwill.remedy;
const goodwillRemedy: 'refund' | 'exchange' | 'repair' | 'resend_parts' | undefined = checkReturn(request).goodwill?.remedy;
const shipping: 'buyer' | 'shop' | null = checkReturn(request).return_shipping_paid_by;
// evaluate is typed by its kind, the whole decision or the lean form.
const viaEvaluate: ReturnDecision = evaluate('check_return', request);
const viaEngine: Verdict = engine.evaluate('check_return', request).verdict;
const leanViaEvaluate: LeanDecisions['check_return'] = evaluate('check_return', request, { lean: true });
const day: DayInfo = evaluate('is_workday', { date: '2026-02-14' });
const dayKind: 'workday' | 'weekend' | 'holiday' | 'makeup_workday' | 'closure' = day.kind;
const at: Instant = evaluate('add_working_time', { start: '2026-02-13T18:00:00+08:00', minutes: 285 }).at;
const minutes: number = evaluate('working_minutes_between', { from: '2026-02-13T18:00:00+08:00', to: '2026-02-24T10:00:00+08:00' }).minutes;
// @ts-expect-error: is_workday reads a date, not another kind's request
evaluate('is_workday', { start: '2026-02-13T18:00:00+08:00', minutes: 285 });
// @ts-expect-error: a lean decision has no reasons
void evaluate('sla', { standard: 'complaint_reply', started_at: '2026-03-06T16:00:00+08:00', now: '2026-03-09T09:30:00+08:00' }, { lean: true }).reasons;
const leanComplaint: LeanComplaintDecision = classifyComplaint({ text: '太差了', channel: 'chat', received_at: '2026-03-06T16:00:00+08:00' }, { lean: true });
const leanSeverity: 'general' | 'serious' | 'critical' | null = leanComplaint.severity;
const complaintCategory: ComplaintCategory = classifyComplaint({ channel: 'chat', received_at: '2026-03-06T16:00:00+08:00' }).cues[0]?.category ?? 'quality';
// A batch's decisions are the kind's.
const batchVerdicts: (Verdict | string)[] = evaluateBatch('check_return', [request]).map((row) => (row.ok ? row.decision.verdict : row.error.code));
const leanBatch: BatchItem<LeanDecisions['check_return']>[] = evaluateBatch('check_return', [request], { lean: true });
// The kind tables.
const kinds: Kind[] = ['check_return', 'is_workday'];
const complaintDecision: Decisions['classify_complaint'] = classifyComplaint({ channel: 'phone', received_at: '2026-03-06T16:00:00+08:00' });
const asRequest: Requests['check_return'] = request;
const anyDecision: Decision = complaintDecision;
const category: Category = request.category;
// The policy type: its enums are literal unions too.
const policyDoc: Policy = { orders: { platform: 'jd' }, calendar: { unknown_years: 'error' }, sla: { standards: { vip: { amount: 0.5, unit: 'working_days' } } } };
// @ts-expect-error: 'amazon' is not a platform
const badPolicy: Policy = { orders: { platform: 'amazon' } };
const complaintWhole: ComplaintDecision['severity'] = 'critical';
void [typedVerdict, verdictNumber, goodwillRemedy, shipping, viaEvaluate, viaEngine, leanViaEvaluate, dayKind, at, minutes, leanSeverity, complaintCategory, batchVerdicts, leanBatch, kinds, asRequest, anyDecision, category, policyDoc, badPolicy, complaintWhole, isWorkday];
