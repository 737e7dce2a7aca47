// The wasm packages' generated typings (wasm-bindgen, from the attributes in src/lib.rs): the
// request, decision, lean and policy types generated from schemas/ (kefu-types.d.ts, the same
// text as the napi package's) are in kefu_wasm.d.ts, and Engine's calls are typed with them —
// no `any` in a decision. A typed example is compiled with tsc (strict, the .d.ts checked too)
// against each target: `engine.checkReturn(r).verdict` is 'eligible' | 'ineligible', and every
// `@ts-expect-error` line (a wrong use) must fail to compile.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import assert from 'node:assert/strict';

const TSC = fileURLToPath(new URL('../../../node/node_modules/.bin/tsc', import.meta.url));
const TYPES = readFileSync(new URL('../kefu-types.d.ts', import.meta.url), 'utf8');

/** Declarations without comments, whitespace runs as one space (wasm-bindgen re-indents). */
function code(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/[^\n]*/g, '').replace(/\s+/g, ' ');
}

const EXAMPLE = (pkg) => `
import {
  Engine, calendarFromNotice, errorCodes, kinds, validatePolicy,
  type BatchItem, type CalendarYears, type DayInfo, type Decisions,
  type LeanReturnDecision, type Policy, type Problem, type ReturnDecision, type ReturnRequest, type Verdict,
} from '${pkg}';

const engine = new Engine();
const shop = new Engine({ returns: { goodwill_exchange: true }, orders: { platform: 'jd' } });
const request: ReturnRequest = {
  reason: 'no_reason', category: 'apparel',
  signed_at: '2026-03-01T23:59:00+08:00', requested_at: '2026-03-08T20:00:00+08:00',
};
const verdict: 'eligible' | 'ineligible' = engine.checkReturn(request).verdict;
// @ts-expect-error: a verdict is 'eligible' | 'ineligible', not a number
const verdictNumber: number = engine.checkReturn(request).verdict;
// @ts-expect-error: not \`any\`: a decision has only its own fields
void engine.checkReturn(request).verdicts;
// @ts-expect-error: goodwill may be null
void shop.checkReturn(request).goodwill.remedy;
const remedy: 'refund' | 'exchange' | 'repair' | 'resend_parts' | undefined = shop.checkReturn(request).goodwill?.remedy;
const whole: ReturnDecision = engine.checkReturn(request, { lean: false });
const fromText: Verdict = engine.checkReturn(JSON.stringify(request)).verdict;
const lean: LeanReturnDecision = engine.checkReturn(request, { lean: true });
const leanVerdict: Verdict | null = lean.verdict;
// @ts-expect-error: the lean form has no reasons, only their codes
void engine.checkReturn(request, { lean: true }).reasons;
const flag: boolean = Math.random() > 2;
const either: ReturnDecision | LeanReturnDecision = engine.checkReturn(request, { lean: flag });
// @ts-expect-error: with a flag known at run time the answer may be the lean form
const notWhole: ReturnDecision = engine.checkReturn(request, { lean: flag });
// @ts-expect-error: 'refund_now' is not a return reason
engine.checkReturn({ ...request, reason: 'refund_now' });
const flagName: 'gray' | 'red' | 'yellow' | 'green' | 'blue' | 'purple' = engine.orderFlag({ paid: true, info_change_pending: true }).flag;
const severity: 'general' | 'serious' | 'critical' = engine.classifyComplaint({ text: '太差了', channel: 'chat', received_at: '2026-03-06T16:00:00+08:00' }).severity;
const state: 'pending' | 'due_soon' | 'breached' | 'met' | 'met_late' = engine.sla({ standard: 'complaint_reply', started_at: '2026-03-06T16:00:00+08:00', now: '2026-03-09T09:30:00+08:00', paused: [{ from: '2026-03-06T17:00:00+08:00' }] }).state;
const nextDeadline: string | null = engine.refundTimeline({ events: [{ type: 'requested', at: '2026-03-02T10:00:00+08:00' }], now: '2026-03-03T10:00:00+08:00' }).next_deadline;
const courier: 'express' | 'ems' = engine.dispatchEstimate({ paid_at: '2026-03-02T10:00:00+08:00', destination_city: '深圳' }).courier;
const action = engine.orderAction({ type: 'stock_out', now: '2026-03-02T10:00:00+08:00', order: { paid: true }, choice: 'wait', items_total: 1 });
const department: 'customer_service' | 'logistics' | 'after_sales' = action.department;
// evaluate and evaluateBatch are typed by the kind.
const day: DayInfo = engine.evaluate('is_workday', { date: '2026-02-14' });
const viaEvaluate: Decisions['check_return'] = engine.evaluate('check_return', request);
const leanViaEvaluate: LeanReturnDecision = engine.evaluate('check_return', request, { lean: true });
// @ts-expect-error: a lean decision is not the whole one
const wrongForm: ReturnDecision = engine.evaluate('check_return', request, { lean: true });
const rows: BatchItem<ReturnDecision>[] = engine.evaluateBatch('check_return', [request, { reason: 'no_reason' }]);
const verdicts: (Verdict | string)[] = rows.map((row) => (row.ok ? row.decision.verdict : row.error.code));
const leanRows: BatchItem<LeanReturnDecision>[] = engine.evaluateBatch('check_return', [request], { lean: true });
const someKind: string = 'sla';
const runTimeKind = engine.evaluate(someKind, {});
// @ts-expect-error: a kind named at run time gives some kind's decision, not a known one
const notKnown: ReturnDecision = runTimeKind;
// The module's functions and the calendar.
const problems: Problem[] = validatePolicy({ returns: { no_reason_days: 6 } });
const codes: string[] = errorCodes();
const allKinds: string[] = kinds();
const isKind: boolean = kinds().includes(someKind); // a name from outside, checked at run time
const years: CalendarYears = calendarFromNotice('…');
const workdays: string[] = years['2026'].workdays;
const firstOff: string | undefined = years['2026'].holidays[0]?.from;
const withYears = new Engine({ calendar: { years } });
// @ts-expect-error: the notice is text
calendarFromNotice(42);
const effective: Required<Policy> = engine.policy();
const platform: 'taobao' | 'jd' | 'pinduoduo' = effective.orders.platform ?? 'taobao';
const due: string = engine.addWorkingTime('2026-02-13T18:00:00+08:00', 285);
// @ts-expect-error: minutes are a number
engine.addWorkingTime('2026-02-13T18:00:00+08:00', '285');
const minutes: number = engine.workingMinutesBetween('2026-02-13T18:00:00+08:00', '2026-02-24T10:00:00+08:00');
const workday: boolean = engine.isWorkday('2026-02-14');
// @ts-expect-error: 'fortnights' is not a unit
new Engine({ sla: { standards: { x: { amount: 2, unit: 'fortnights' } } } });
engine.free();
void [verdict, verdictNumber, remedy, whole, fromText, leanVerdict, either, notWhole, flagName, severity, state,
  nextDeadline, courier, department, day, viaEvaluate, leanViaEvaluate, wrongForm, verdicts, leanRows, notKnown,
  problems, codes, allKinds, isKind, workdays, firstOff, withYears, platform, due, minutes, workday];
`;

for (const target of ['nodejs', 'web']) {
  const dtsUrl = new URL(`../pkg/${target}/kefu_wasm.d.ts`, import.meta.url);

  test(`wasm ${target} typings: the generated types, and Engine's calls typed with them`, () => {
    const dts = readFileSync(dtsUrl, 'utf8');
    const c = code(dts);
    assert.ok(c.includes(code(TYPES)), 'kefu-types.d.ts is in kefu_wasm.d.ts');
    assert.match(c, / export function calendarFromNotice\(text: string\): CalendarYears;/);
    assert.match(c, / export type CalendarYears = Record<string, YearPolicy>;/);
    assert.match(c, / checkReturn\(request: ReturnRequest \| string, options\?: WholeOption \| null\): ReturnDecision;/);
    assert.match(c, / checkReturn\(request: ReturnRequest \| string, options: LeanOption\): LeanReturnDecision;/);
    assert.match(c, / constructor\(policy\?: Policy \| string \| null\);/);
    // Outside InitOutput (the web target's raw wasm exports), nothing is `any`.
    const declared = c.replace(/ export interface InitOutput \{.*?\} /, ' ');
    assert.doesNotMatch(declared, /\bany\b/);
  });

  test(`wasm ${target} typings: a typed example compiles with tsc --strict, wrong uses do not`, () => {
    const dir = mkdtempSync(join(tmpdir(), `kefu-wasm-types-${target}-`));
    try {
      const pkg = fileURLToPath(new URL(`../pkg/${target}/kefu_wasm.js`, import.meta.url));
      writeFileSync(join(dir, 'typed.ts'), EXAMPLE(pkg));
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
        compilerOptions: {
          strict: true, noEmit: true, skipLibCheck: false, target: 'ES2022', module: 'ES2022',
          moduleResolution: 'bundler', types: [],
          // [Symbol.dispose] on Engine; the web target's init() names fetch's types.
          lib: ['ES2022', 'ESNext.Disposable', ...(target === 'web' ? ['DOM'] : [])],
        },
        files: ['typed.ts'],
      }));
      try {
        execFileSync(process.execPath, [TSC, '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
      } catch (e) {
        assert.fail(`tsc failed:\n${e.stdout}${e.stderr}`);
      }
      // The check has teeth: the same example without its @ts-expect-error lines fails on each.
      const expected = EXAMPLE(pkg).split('\n').filter((l) => l.includes('@ts-expect-error')).length;
      writeFileSync(join(dir, 'typed.ts'), EXAMPLE(pkg).replace(/^\/\/ @ts-expect-error.*$/gm, '//'));
      let out = '';
      try {
        execFileSync(process.execPath, [TSC, '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
      } catch (e) {
        out = e.stdout;
      }
      const errors = new Set([...out.matchAll(/typed\.ts\((\d+),\d+\): error/g)].map((m) => m[1]));
      assert.equal(errors.size, expected, out);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
