// The after-sales desk in a real browser: Debian's Chromium driven by playwright-core. Each
// scenario is a shared case (tests/cases/*.json) typed into the page's forms field by field;
// what the page shows must agree with the case's expected decision. Screenshots are written
// to web-demo/screenshots/ for a person to look at. Any console error fails the run.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdirSync, existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { serve } from '../serve.mjs';

const CHROMIUM = process.env.KEFU_CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = new URL('../screenshots/', import.meta.url).pathname;
const cases = (file) => JSON.parse(readFileSync(new URL(`../../tests/cases/${file}.json`, import.meta.url), 'utf8'));

/** The one case of `file` whose name starts with `prefix`. */
function pick(file, prefix) {
  const suite = cases(file);
  const found = suite.cases.filter((c) => c.name.startsWith(prefix));
  assert.equal(found.length, 1, `${file}: ${found.length} cases start with "${prefix}"`);
  return { ...found[0], kind: suite.kind };
}

// Where each kind is typed in, decided, and shown.
const PAGES = {
  check_return: { tab: 'returns', form: '#return-form', submit: '#return-form [type=submit]', result: '#return-result', at: (p) => p },
  order_flag: { tab: 'orders', form: '#order-form', submit: '#flag-button', result: '#flag-result', at: (p) => `/order${p}` },
  order_action: { tab: 'orders', form: '#order-form', submit: '#order-form [type=submit]', result: '#order-result', at: (p) => p },
  classify_complaint: { tab: 'complaints', form: '#complaint-form', submit: '#complaint-form [type=submit]', result: '#complaint-result', at: (p) => p },
  sla: { tab: 'clocks', form: '#sla-form', submit: '#sla-form [type=submit]', result: '#sla-form [data-clock-out]', at: (p) => `/clocks/0${p}` },
  refund_timeline: { tab: 'clocks', form: '#refund-form', submit: '#refund-form [type=submit]', result: '#refund-result', at: (p) => p },
  dispatch_estimate: { tab: 'clocks', form: '#dispatch-form', submit: '#dispatch-form [type=submit]', result: '#dispatch-result', at: (p) => p },
};

const SCENARIOS = [
  ['returns_no_reason', 'Art. 10: signed 1 March 23:59 (+08:00), asked 8 March 23:59:59'],
  ['returns_no_reason', 'Art. 9(2): cosmetics with the one-time seal broken'],
  ['returns_no_reason', 'Art. 8: accessories missing'],
  ['returns_no_reason', 'policy no_reason_days 15: signed 1 March 23:59'],
  ['returns_seller_fault', 'quality: day 8 after signing (9 March 00:00)'],
  ['returns_errors', 'requested before signed (a return'],
  ['orders_flag', 'purple over yellow: entered order with a change pending'],
  ['orders_action', 'modify: entered (yellow, being stocked)'],
  ['complaints', 'negation: 不是质量问题，是发错货了'],
  ['complaints', 'safety: allergy and swelling after a face mask'],
  ['complaints', 'add_phrases: shop phrase 盒子瘪'],
  ['sla', 'complaint due Mon 14:45; now 17:00: breached'],
  ['dispatch_estimate', 'Fri 6 Mar 2026 15:00, 广州'],
  ['refund_timeline', 'buyer ships by post Thu 5 Mar 14:00'],
  ['sla', 'refund_after_approval Wed 30 Dec 2026 10:00'],
  ['dispatch_estimate', 'paid Thu 31 Dec 2026 15:00 (after cutoff): 元旦 2027 provisional'],
];

let server, browser, page;
const problems = []; // console errors and uncaught page errors, over the whole run

before(async () => {
  assert.ok(existsSync(CHROMIUM), `no Chromium at ${CHROMIUM} (scripts/test.sh installs Debian's chromium)`);
  mkdirSync(SHOTS, { recursive: true });
  server = await serve();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--lang=zh-CN', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1360, height: 900 } });
  page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request: ${r.url()} ${r.failure()?.errorText}`));
  // Offline: anything but the local server is refused and counted as a problem.
  await context.route((url) => url.hostname !== '127.0.0.1', (route) => {
    problems.push(`left localhost: ${route.request().url()}`);
    return route.abort();
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh page, ready to decide (kefu's wasm loaded). Returns ms from navigation to ready. */
async function open(lang = 'zh') {
  await page.goto(`${server.url}?lang=${lang}`);
  await page.waitForSelector('html[data-ready]');
  return Number(await page.getAttribute('html', 'data-ready'));
}

async function usePolicy(policy) {
  await page.click('[data-tab=policy]');
  await page.fill('#policy-text', typeof policy === 'string' ? policy : JSON.stringify(policy));
  await page.click('#policy-apply');
  return JSON.parse(await page.getAttribute('#policy-status [data-out=problems]', 'data-value'));
}

function leaves(value, path = '') {
  if (value && typeof value === 'object' && !Array.isArray(value)) return Object.entries(value).flatMap(([k, v]) => leaves(v, `${path}/${k}`));
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, `${path}/${i}`));
  return [[path, value]];
}

/** Type a request into the page's form, field by field; a field the form lacks fails the test. */
async function fill(where, input) {
  await page.click(`[data-tab=${where.tab}]`);
  await page.$$eval(`${where.form} details`, (ds) => ds.forEach((d) => { d.open = true; }));
  if (input.type) await page.selectOption('#request-type', input.type); // shows the request's own fields first
  for (const [path, value] of leaves(input)) {
    if (path === '/now') { await page.fill('#now', local(value)); continue; }
    const target = where.at(path);
    const list = target.match(/^(\/\w+)\/(\d+)\//);
    if (list) {
      const rows = page.locator(`[data-rows="${list[1]}"] > .row`);
      while (await rows.count() <= Number(list[2])) await page.click(`[data-add="${list[1]}"]`);
    }
    const field = page.locator(`${where.form} [data-path="${target}"]`);
    assert.equal(await field.count(), 1, `the form has no field for ${path}`);
    const type = await field.getAttribute('data-type');
    if (type === 'bool') await field.setChecked(value === true);
    else if (type === 'not') await field.setChecked(value === false);
    else if (type === 'instant') await field.fill(local(value));
    else if (type === 'cents') await field.fill(String(value / 100));
    else if (type === 'enum') await field.selectOption(String(value));
    else await field.fill(String(value));
  }
}

/** "2026-03-01T10:00:00+08:00" as the page's datetime-local value (the policy zone is +08:00). */
function local(instant) {
  assert.match(instant, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/, `the form takes whole seconds at +08:00: ${instant}`);
  return instant.slice(0, 19);
}

function subset(actual, expected, at) {
  if (expected && typeof expected === 'object' && !Array.isArray(expected)) {
    for (const [k, v] of Object.entries(expected)) subset(actual?.[k], v, `${at}.${k}`);
  } else if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${at}: expected a list, got ${JSON.stringify(actual)}`);
    assert.equal(actual.length, expected.length, `${at}: length`);
    expected.forEach((v, i) => subset(actual[i], v, `${at}[${i}]`));
  } else {
    assert.deepEqual(actual, expected, at);
  }
}

/** What the page shows, checked against the case: every expected key must be on the page. */
async function check(where, c) {
  const result = page.locator(where.result).first();
  await result.locator('[data-out]').first().waitFor();
  if (c.expect_error) {
    const shown = JSON.parse(await result.locator('[data-out=error]').getAttribute('data-value'));
    subset(shown, { code: c.expect_error.code, path: c.expect_error.path }, 'error');
    assert.equal(await page.locator(`${where.form} [data-path="${where.at(c.expect_error.path)}"]`).getAttribute('class'), 'invalid',
      'the field the error names is marked');
    return;
  }
  for (const [key, expected] of Object.entries(c.expect)) {
    if (key === 'reason_codes') {
      const codes = await result.locator('[data-out=reasons] [data-code]').evaluateAll((els) => els.map((e) => e.dataset.code));
      assert.deepEqual(codes.sort(), [...expected].sort(), 'reason codes');
      continue;
    }
    const shown = result.locator(`[data-out="${key}"]`).first();
    assert.equal(await shown.count(), 1, `the page does not show ${key}`);
    subset(JSON.parse(await shown.getAttribute('data-value')), expected, key);
  }
}

for (const [i, [file, prefix]] of SCENARIOS.entries()) {
  test(`scenario ${i + 1}: ${file} — ${prefix}`, async () => {
    const c = pick(file, prefix);
    const where = PAGES[c.kind];
    await open();
    if (c.policy) assert.deepEqual(await usePolicy(c.policy), [], 'the case policy is valid');
    await fill(where, c.input);
    await page.click(where.submit);
    await check(where, c);
    if (c.kind === 'sla' && c.expect?.reason_codes?.includes('CALENDAR_PROVISIONAL')) {
      const badge = page.locator(`${where.result} [data-out=provisional]`);
      assert.equal(await badge.count(), 1, 'a provisional due time is marked 暂定 beside it');
      assert.match(await badge.getAttribute('title'), /2027年的放假安排尚未公布/);
    }
    if (c.policy && !c.expect_error) {
      const used = JSON.parse(await page.locator(`${where.result} [data-out=policy]`).first().getAttribute('data-value'));
      assert.equal(used.hash, JSON.parse(await page.getAttribute('#policy-badge', 'data-value')).hash, 'the answer names the policy in use');
      assert.notEqual(used.id, undefined);
    }
    await page.screenshot({ path: `${SHOTS}${String(i + 1).padStart(2, '0')}-${c.kind}.png`, fullPage: true });
  });
}

test('a bad policy shows every problem with its path, and the policy in use stays', async () => {
  const c = pick('returns_errors', 'policy with two bad fields');
  await open();
  const before = await page.getAttribute('#policy-badge', 'data-value');
  const shown = await usePolicy(c.policy);
  subset(shown.map((p) => ({ path: p.path })), c.expect_error.problems, 'problems');
  const rows = await page.locator('#policy-status tbody tr').count();
  assert.equal(rows, c.expect_error.problems.length, 'one table row per problem');
  assert.equal(await page.getAttribute('#policy-badge', 'data-value'), before);
  await page.screenshot({ path: `${SHOTS}20-bad-policy.png`, fullPage: true });
  const text = await usePolicy('{"returns": ');
  assert.equal(text.length, 1, 'text that is not JSON is one problem');
});

test('the English switch shows the same decision in English', async () => {
  const c = pick('complaints', 'safety: allergy and swelling after a face mask');
  await open('en');
  assert.equal(await page.textContent('[data-tab=returns]'), 'Return check');
  await fill(PAGES.classify_complaint, c.input);
  await page.click(PAGES.classify_complaint.submit);
  await check(PAGES.classify_complaint, c);
  assert.match(await page.textContent('#complaint-result [data-out=severity] .big'), /^Critical/);
  const cues = await page.locator('#complaint-result mark.cue').count();
  assert.equal(cues, c.expect.cues.length, 'every cue is marked in the text');
  await page.screenshot({ path: `${SHOTS}21-complaint-en.png`, fullPage: true });
  await page.click('[data-lang=zh]');
  assert.match(await page.textContent('#complaint-result [data-out=severity] .big'), /^紧急/);
});

test('an order flag is drawn in its colour with its platform code', async () => {
  const c = pick('orders_flag', 'purple over yellow: entered order with a change pending');
  await open();
  await fill(PAGES.order_flag, c.input);
  await page.click(PAGES.order_flag.submit);
  const pole = page.locator('#flag-result .flag .pole').first();
  assert.equal(await pole.evaluate((e) => getComputedStyle(e).backgroundColor), 'rgb(142, 63, 191)');
  assert.match(await page.textContent('#flag-result .flag'), /紫旗\s*#\d+/);
});

test('a proposed policy tried on past requests: the summary and the changed rows (issue 20)', async () => {
  await open();
  await page.click('[data-tab=policy]');
  await page.fill('#whatif-policy', JSON.stringify({ returns: { windows: { categories: { apparel: { days: 15 } } } } }));
  // Signed Monday 2 March: the law's window ends Monday 9 March, apparel's proposed one Tuesday 17 March.
  const row = (category, day) => JSON.stringify({ reason: 'no_reason', category, signed_at: '2026-03-02T10:00:00+08:00', requested_at: `2026-03-${day}T10:00:00+08:00` });
  await page.fill('#whatif-rows', [row('apparel', '05'), row('apparel', '12'), '', row('apparel', '20'), row('shoes', '05'), row('shoes', '12'), '{oops'].join('\n'));
  await page.click('#whatif-form [type=submit]');
  const summary = JSON.parse(await page.getAttribute('#whatif-result [data-out=whatif]', 'data-value'));
  // Written by hand: the blank line is no row; the three apparel rows change, the shoes do not,
  // the line that is not JSON fails under both.
  assert.deepEqual(
    { read: summary.rows_read, changed: summary.rows_changed, failed: summary.rows_failed, transitions: summary.transitions },
    { read: 6, changed: 3, failed: 1, transitions: { 'eligible -> eligible': 1, 'ineligible -> eligible': 1, 'ineligible -> ineligible': 1 } },
  );
  assert.deepEqual(await page.locator('#whatif-result tr[data-row]').evaluateAll((rows) => rows.map((r) => r.dataset.row)), ['0', '1', '2']);
  await page.screenshot({ path: `${SHOTS}23-whatif.png`, fullPage: true });
  await page.fill('#whatif-policy', '{"returns": {"windows": {"tags": {"clearance": {"days": 0}}}}}');
  await page.click('#whatif-form [type=submit]');
  const problems = JSON.parse(await page.getAttribute('#whatif-result [data-out=problems]', 'data-value'));
  assert.deepEqual(problems.map((p) => p.path), ['/returns/windows/tags/clearance/days']);
});

test('a pasted Taobao trade fills the return form; the agent adds the rest and decides (issue 21)', async () => {
  const suite = JSON.parse(readFileSync(new URL('../../tests/platforms/taobao.json', import.meta.url), 'utf8'));
  const c = suite.cases.find((x) => x.name.startsWith('check_return: shipped single-order trade + facts'));
  assert.ok(c, 'the case is in tests/platforms/taobao.json');
  await open();
  await page.click('[data-tab=returns]');
  await page.$$eval('#return-form details[data-paste]', (ds) => ds.forEach((d) => { d.open = true; }));
  await page.selectOption('#return-form [data-paste-platform]', 'taobao');
  await page.fill('#return-form [data-paste-text]', JSON.stringify(c.payload));
  await page.click('#return-form [data-paste-fill]');
  // What the payload says is the case's request without the shop's facts; each is in its field.
  const said = Object.fromEntries(Object.entries(c.expect_request).filter(([k]) => !(k in c.facts)));
  assert.deepEqual(JSON.parse(await page.getAttribute('#return-form [data-out=pasted]', 'data-value')), said);
  assert.equal(await page.inputValue('#return-form [data-path="/order_id"]'), said.order_id);
  assert.equal(Number(await page.inputValue('#return-form [data-path="/price_paid_cents"]')) * 100, said.price_paid_cents);
  await fill(PAGES.check_return, c.facts);
  await page.click(PAGES.check_return.submit);
  await check(PAGES.check_return, c);
  await page.screenshot({ path: `${SHOTS}24-paste-taobao.png`, fullPage: true });
  // A second paste (a refund alone: no price, no SKU) leaves nothing of the first behind.
  await page.fill('#return-form [data-paste-text]', JSON.stringify({ refund: { refund_id: '1', tid: 77, status: 'WAIT_SELLER_AGREE', created: '2026-03-06 09:30:00' } }));
  await page.click('#return-form [data-paste-fill]');
  assert.equal(await page.inputValue('#return-form [data-path="/order_id"]'), '77');
  assert.equal(await page.inputValue('#return-form [data-path="/price_paid_cents"]'), '');
  assert.match(await page.inputValue('#return-form [data-path="/requested_at"]'), /^2026-03-06T09:30(:00)?$/);
  // A payload kefu cannot read is named, field and all.
  await page.fill('#return-form [data-paste-text]', JSON.stringify({ trade: { tid: 1, status: 'WAIT_SOMETHING_NEW' } }));
  await page.click('#return-form [data-paste-fill]');
  assert.deepEqual(JSON.parse(await page.getAttribute('#return-form [data-paste-out] [data-out=error]', 'data-value')), { code: 'INVALID_INPUT', path: '/status' });
});

test('the page becomes interactive quickly on localhost (figure in BENCHMARKS.md)', async (t) => {
  const times = [];
  for (let i = 0; i < 5; i++) times.push(await open());
  times.sort((a, b) => a - b);
  t.diagnostic(`ready after ${times.join(', ')} ms (median ${times[2]} ms)`);
  assert.ok(times.every((ms) => ms > 0), 'the page marks itself ready');
});

test('no console errors, and nothing fetched from beyond localhost', () => {
  assert.deepEqual(problems, []);
});
