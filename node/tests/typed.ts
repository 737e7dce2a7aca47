// Compiled by `tsc` in the test command: the package's types must accept real use and
// reject wrong use. The same calls run for real in host.test.mjs.
import { Engine, checkReturn, ERROR_CODES, type KefuError, type ReturnDecision, type ReturnRequest } from '..';

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
void [verdict, due, codes, wrong];
