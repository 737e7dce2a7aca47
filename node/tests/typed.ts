// Compiled by `tsc` in the test command: the package's types must accept real use and
// reject wrong use. Calls of these shapes run for real in host.test.mjs and the shared cases.
import { Engine, checkReturn, orderFlag, orderAction, ERROR_CODES, type KefuError, type ReturnDecision, type ReturnRequest, type FlagDecision, type ActionDecision } from '..';

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
void [verdict, due, codes, wrong, code, act.deadlines.refund_due_by];
