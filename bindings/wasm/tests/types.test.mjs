// The wasm packages' generated typings (wasm-bindgen, from the attributes in src/lib.rs) give
// calendarFromNotice the same typed signature as the napi package's index.d.ts.
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';

const YEARS = 'export type CalendarYears = Record<string, { holidays: { name: string; from: string; to: string }[]; workdays: string[] }>;';

for (const target of ['nodejs', 'web']) {
  test(`wasm ${target} typings: calendarFromNotice(text: string): CalendarYears`, () => {
    const dts = readFileSync(new URL(`../pkg/${target}/kefu_wasm.d.ts`, import.meta.url), 'utf8');
    assert.ok(dts.includes(YEARS), 'CalendarYears is declared');
    assert.match(dts, /^export function calendarFromNotice\(text: string\): CalendarYears;$/m);
  });
}
