// Checks every JS host must pass (napi and wasm): error codes, typed errors for values that
// are not JSON, batches, and an engine that keeps working after bad input.
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';

const shared = JSON.parse(readFileSync(new URL('../error_codes.json', import.meta.url), 'utf8'));

const GOOD = {
  reason: 'no_reason',
  category: 'apparel',
  signed_at: '2026-03-01T10:00:00+08:00',
  requested_at: '2026-03-03T10:00:00+08:00',
};

function throwsKefu(fn, code, path) {
  let caught;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof Error, `expected an Error, got ${caught}`);
  assert.equal(caught.code, code, caught.message);
  if (path !== undefined) assert.equal(caught.path, path, caught.message);
  assert.ok(caught.message.length < 1000);
  return caught;
}

/** `api`: { Engine, errorCodes: string[], version: string, validatePolicy, calendarFromNotice } */
export function hostChecks(host, api) {
  const engine = new api.Engine();

  test(`${host}: error codes agree with tests/error_codes.json`, () => {
    assert.deepEqual([...api.errorCodes], shared);
  });

  test(`${host}: version is the workspace version`, () => {
    const cargo = readFileSync(new URL('../../Cargo.toml', import.meta.url), 'utf8');
    const version = /\[workspace\.package\][^[]*?version\s*=\s*"([^"]+)"/s.exec(cargo)[1];
    assert.equal(api.version, version);
  });

  const gift = (v) => ({ ...GOOD, gifts: [{ marked_price_cents: v, returned: false }] });
  const circular = { ...GOOD };
  circular.condition = circular;
  let deep = 1;
  for (let i = 0; i < 10000; i++) deep = [deep];
  const bad = [
    ['NaN money', gift(NaN), '/gifts/0/marked_price_cents'],
    ['Infinity money', gift(Infinity), '/gifts/0/marked_price_cents'],
    ['fractional money', gift(1.5), '/gifts/0/marked_price_cents'],
    ['negative money', gift(-1), '/gifts/0/marked_price_cents'],
    ['huge money', gift(1e300), '/gifts/0/marked_price_cents'],
    ['string money', gift('12'), '/gifts/0/marked_price_cents'],
    ['bool as string', { ...GOOD, condition: { seal_broken: 'yes' } }, '/condition/seal_broken'],
    ['instant without offset', { ...GOOD, requested_at: '2026-03-03T10:00:00' }, '/requested_at'],
    ['impossible date', { ...GOOD, signed_at: '2026-02-30T10:00:00+08:00' }, '/signed_at'],
    ['megabyte string', { ...GOOD, order_id: 'x'.repeat(1 << 20) }, '/order_id'],
    ['a list', [GOOD], ''],
    ['a number', 42, ''],
    ['null', null, ''],
    ['undefined', undefined, undefined],
    ['a function', () => 1, undefined],
    ['a symbol', Symbol('x'), undefined],
    ['a bigint', 5n, undefined],
    ['a circular object', circular, undefined],
    ['10,000 levels of nesting', { ...GOOD, condition: deep }, undefined],
  ];
  for (const [name, value, path] of bad) {
    test(`${host}: ${name} is INVALID_INPUT and the engine keeps working`, () => {
      throwsKefu(() => engine.checkReturn(value), 'INVALID_INPUT', path);
      assert.equal(engine.checkReturn(GOOD).verdict, 'eligible');
    });
  }

  test(`${host}: malformed JSON text is INVALID_JSON`, () => {
    throwsKefu(() => engine.checkReturn('{"reason": '), 'INVALID_JSON', '');
    throwsKefu(() => engine.checkReturn('['.repeat(100000)), 'INVALID_JSON', '');
  });

  test(`${host}: unknown kind`, () => {
    throwsKefu(() => engine.evaluate('check_everything', GOOD), 'UNKNOWN_KIND', '/kind');
  });

  test(`${host}: a bad policy lists every problem`, () => {
    const doc = { time_zone: 'Beijing', returns: { no_reason_days: 3 }, colour: 'red' };
    const e = throwsKefu(() => new api.Engine(doc), 'INVALID_POLICY');
    const paths = e.problems.map((p) => p.path).sort();
    assert.deepEqual(paths, ['/colour', '/returns/no_reason_days', '/time_zone']);
    assert.deepEqual(api.validatePolicy(doc).map((p) => p.path).sort(), paths);
    assert.deepEqual(api.validatePolicy({}), []);
    const fromText = api.validatePolicy('{"colour": 1, "orders": {"refund_apply_after_hours": 100}}').map((p) => p.path);
    assert.deepEqual(fromText, ['/colour', '/orders/refund_apply_after_hours']);
    assert.deepEqual(api.validatePolicy('{"returns": ').map((p) => p.path), ['']);
  });

  test(`${host}: calendar functions`, () => {
    assert.equal(engine.isWorkday('2026-02-14'), true);
    assert.equal(engine.isWorkday('2026-02-16'), false);
    assert.equal(engine.addWorkingTime('2026-02-14T18:00:00+08:00', 60), '2026-02-24T09:30:00+08:00');
    assert.equal(engine.workingMinutesBetween('2026-02-14T18:00:00+08:00', '2026-02-24T09:30:00+08:00'), 60);
    throwsKefu(() => engine.isWorkday('2100-01-01'), 'CALENDAR_YEAR_UNKNOWN', '/date');
    assert.equal(engine.isWorkday('2027-01-01'), false); // 元旦, provisional
    throwsKefu(() => engine.addWorkingTime('2026-02-14T18:00:00+08:00', -5), 'INVALID_INPUT', '/minutes');
    throwsKefu(() => engine.isWorkday(20260214), 'INVALID_INPUT', '/date');
  });

  test(`${host}: calendarFromNotice reads the 2026 notice into a calendar.years entry`, () => {
    const notice = readFileSync(new URL('../calendar/notices/2026.txt', import.meta.url), 'utf8');
    const years = api.calendarFromNotice(notice);
    assert.deepEqual(Object.keys(years), ['2026']);
    assert.deepEqual(years['2026'].workdays, ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    const spring = years['2026'].holidays.find((h) => h.name === '春节');
    assert.deepEqual([spring?.from, spring?.to], ['2026-02-15', '2026-02-23']);
    const imported = new api.Engine({ calendar: { years } });
    for (let d = new Date(Date.UTC(2026, 0, 1)); d.getUTCFullYear() === 2026; d.setUTCDate(d.getUTCDate() + 1)) {
      const day = d.toISOString().slice(0, 10);
      assert.equal(imported.isWorkday(day), engine.isWorkday(day), day);
    }
    const wrong = notice.replace('5月9日（周六）上班', '5月9日（周日）上班');
    assert.notEqual(wrong, notice);
    const e = throwsKefu(() => api.calendarFromNotice(wrong), 'INVALID_INPUT', '/text');
    assert.ok(e.message.includes('5月9日（周日）上班'), e.message);
    for (const notText of [42, null, undefined, { text: notice }, [notice]]) {
      throwsKefu(() => api.calendarFromNotice(notText), 'INVALID_INPUT', '/text');
    }
    assert.deepEqual(api.calendarFromNotice(notice), years);
  });

  test(`${host}: a batch returns one result per input, in order`, () => {
    const rows = [GOOD, { reason: 'no_reason' }, 'text', { ...GOOD, category: 'custom_made' }];
    const out = engine.evaluateBatch('check_return', rows);
    assert.deepEqual(out.map((r) => r.index), [0, 1, 2, 3]);
    assert.deepEqual(out.map((r) => r.ok), [true, false, false, true]);
    assert.equal(out[1].error.path, '/category');
    assert.equal(out[3].decision.verdict, 'ineligible');
    assert.deepEqual(engine.evaluateBatch('check_return', []), []);
    throwsKefu(() => engine.evaluateBatch('no_such_kind', rows), 'UNKNOWN_KIND', '/kind');
    throwsKefu(() => engine.evaluateBatch('check_return', { rows }), 'INVALID_INPUT', '');
  });

  test(`${host}: the lean form, in a batch and by options; bad options are typed errors`, () => {
    const rows = [GOOD, { reason: 'no_reason' }, 'text', { ...GOOD, category: 'custom_made' }];
    const whole = engine.evaluateBatch('check_return', rows);
    const lean = engine.evaluateBatch('check_return', rows, { lean: true });
    assert.equal(lean.length, rows.length);
    lean.forEach((item, i) => {
      assert.equal(item.index, i);
      assert.equal(item.ok, whole[i].ok);
      if (item.ok) assert.deepEqual(item.decision, engine.checkReturn(rows[i], { lean: true }));
      else assert.deepEqual(item.error, whole[i].error);
    });
    assert.equal(lean[3].decision.verdict, 'ineligible');
    assert.ok(!('reasons' in lean[0].decision));
    assert.deepEqual(lean[0].decision.reason_codes, whole[0].decision.reasons.map((r) => r.code));
    // No options, undefined, null and { lean: false } all mean the whole decision.
    for (const options of [undefined, null, {}, { lean: false }]) {
      assert.deepEqual(engine.checkReturn(GOOD, options), whole[0].decision);
    }
    throwsKefu(() => engine.checkReturn(GOOD, { lean: 'yes' }), 'INVALID_INPUT', '/options/lean');
    throwsKefu(() => engine.checkReturn(GOOD, { leen: true }), 'INVALID_INPUT', '/options/leen');
    throwsKefu(() => engine.evaluate('check_return', GOOD, true), 'INVALID_INPUT', '/options');
    throwsKefu(() => engine.evaluateBatch('check_return', rows, { lean: 1 }), 'INVALID_INPUT', '/options/lean');
    // Only an object's own keys count, as for JSON.stringify: inherited ones are not read.
    assert.deepEqual(engine.checkReturn(GOOD, Object.create({ lean: true })), whole[0].decision);
    const inherited = throwsKefu(() => engine.checkReturn(Object.create(GOOD)), 'INVALID_INPUT');
    assert.equal(inherited.path, '/reason');
  });

  test(`${host}: complaint cues index the JS string, and a megabyte of text is a typed error`, () => {
    const text = '😡😡 質量太差，客服也不回消息！！';
    const d = engine.classifyComplaint({ text, channel: 'chat', received_at: '2026-03-06T16:00:00+08:00' });
    assert.ok(d.cues.length >= 2);
    for (const cue of d.cues) assert.equal(text.slice(cue.start_utf16, cue.end_utf16), cue.text);
    assert.deepEqual(d.causes, ['product_quality', 'service']);
    const huge = '差'.repeat(1 << 20);
    throwsKefu(() => engine.classifyComplaint({ text: huge, channel: 'chat', received_at: '2026-03-06T16:00:00+08:00' }), 'INVALID_INPUT', '/text');
    throwsKefu(() => engine.classifyComplaint({ text: 'x', channel: 'fax', received_at: '2026-03-06T16:00:00+08:00' }), 'INVALID_INPUT', '/channel');
    assert.equal(engine.classifyComplaint({ channel: 'phone', received_at: '2026-03-06T16:00:00+08:00', threatens_regulator: true }).severity, 'critical');
  });

  test(`${host}: the same input always gives the same decision`, () => {
    const a = engine.checkReturn(GOOD);
    const b = new api.Engine().checkReturn(GOOD);
    assert.deepEqual(a, b);
    assert.equal(a.policy.hash, engine.policyHash());
  });
}
