// The after-sales desk. Forms become kefu requests, kefu (wasm, in this page) decides, and the
// decision is shown. No rule lives here: defaults, checks and messages all come from kefu.
import init, { Engine, kinds, validatePolicy, version } from './pkg/kefu_wasm.js';
import { UI, NAMES } from './i18n.js';

const $ = (sel, root = document) => root.querySelector(sel);
const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];

let engine;
// `?lang=en` in the address, else the last choice on this machine, else Chinese.
let lang = (new URLSearchParams(location.search).get('lang') ?? localStorage.getItem('kefu-lang')) === 'en' ? 1 : 0;
const rerender = new Map(); // result element id → () => void, run again on a language switch

// ── words ────────────────────────────────────────────────────────────────────────────────
const t = (key, vars = {}) =>
  (UI[key]?.[lang] ?? key).replace(/\{(\w+)\}/g, (_, k) => vars[k] ?? '');
const name = (group, value) => NAMES[group]?.[String(value)]?.[lang] ?? String(value);
const msg = (o, field = 'message') => (lang ? o[`${field}_en`] : o[field]) ?? o[field];
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const yuan = (cents) => (cents == null ? '—' : `¥${(cents / 100).toFixed(2)}`);

function applyLanguage() {
  document.documentElement.lang = lang ? 'en' : 'zh-CN';
  $$('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  $$('[data-i18n-placeholder]').forEach((el) => { el.placeholder = t(el.dataset.i18nPlaceholder); });
  $$('[data-lang]').forEach((b) => b.classList.toggle('on', (b.dataset.lang === 'en') === !!lang));
  $$('select[data-names]').forEach(fillOptions);
  $$('[data-checks]').forEach(fillChecks);
  rerender.forEach((draw) => draw());
}

// ── time: the page is the host, so it may read the browser's clock; kefu never does ──────
let zone = '+08:00'; // the policy's time zone; instants typed in the forms are in it
const zoneMinutes = () => (zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))));
/** A datetime-local value ("2026-03-01T10:00" or with seconds) as an RFC 3339 instant. */
const toInstant = (local) => (local.length === 16 ? `${local}:00` : local) + zone;
/** An instant as the policy zone's wall clock, for display ("2026-03-01 10:00"). */
function wall(instant) {
  if (!instant) return '—';
  const local = localOf(instant);
  return local.slice(0, 16).replace('T', ' ') + (local.slice(17, 19) !== '00' ? local.slice(16, 19) : '');
}
function localOf(instant) {
  const ms = Date.parse(instant) + zoneMinutes() * 60000;
  // JS dates end at year 275760 and do not read kefu's signed years past 9999: show those as kefu wrote them.
  return Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 19) : instant;
}
const clockNow = () => new Date(Date.now() + zoneMinutes() * 60000).toISOString().slice(0, 19);
const nowInstant = () => toInstant($('#now').value || clockNow());

/** Minutes on a standard's clock in words; working minutes are not folded into days. */
function duration(minutes, clock) {
  const perDay = clock === 'working' ? Infinity : 1440;
  const d = Number.isFinite(perDay) ? Math.floor(minutes / perDay) : 0;
  const h = Math.floor((minutes - d * 1440) / 60), m = minutes % 60;
  const parts = lang ? [d && `${d} d`, h && `${h} h`, `${m} min`] : [d && `${d}天`, h && `${h}小时`, `${m}分钟`];
  const text = parts.filter(Boolean).join(' ');
  return clock === 'working' ? `${text}${lang ? ' (working time)' : '（工作时间）'}` : text;
}

// ── forms: data-path is the JSON pointer a field fills, data-type how its value is read ────
function fillOptions(select) {
  const group = select.dataset.names;
  const keep = select.value;
  const entries = group === 'standards'
    ? Object.entries(engine.policy().sla.standards).map(([k, s]) => [k, s.label ?? k])
    : Object.keys(NAMES[group]).map((k) => [k, name(group, k)]);
  select.innerHTML = (select.hasAttribute('data-optional') ? '<option value="">—</option>' : '')
    + entries.map(([k, label]) => `<option value="${esc(k)}">${esc(label)}</option>`).join('');
  if (keep && entries.some(([k]) => k === keep)) select.value = keep;
}

/** Check boxes for a group of flags. Flags that default to true in kefu are asked the other
 * way round ("accessories missing"), so an unticked box always means "kefu's default". */
/** Check boxes for a group of flags. A flag kefu takes as true unless told otherwise is asked
 * the other way round (`not_…`: "accessories missing"), so an unticked box always means
 * "kefu's default" and the page needs to know no defaults. */
function fillChecks(box) {
  const group = box.dataset.checks;
  const checked = new Set($$('input:checked', box).map((i) => i.dataset.path));
  box.innerHTML = Object.keys(NAMES[group]).map((k) => {
    const path = `${box.dataset.prefix}/${k.replace(/^not_/, '')}`;
    const type = k.startsWith('not_') ? 'not' : 'bool';
    return `<label class="check"><input type="checkbox" data-path="${path}" data-type="${type}"${checked.has(path) ? ' checked' : ''}><span>${esc(name(group, k))}</span></label>`;
  }).join('');
}

function addRow(list) {
  const box = $(`[data-rows="${list}"]`);
  const index = box.children.length;
  const row = $(`template[data-row="${list}"]`).content.firstElementChild.cloneNode(true);
  $$('[data-path]', row).forEach((el) => { el.dataset.path = el.dataset.path.replace('#', index); });
  box.append(row);
  $$('[data-i18n]', row).forEach((el) => { el.textContent = t(el.dataset.i18n); });
  $$('select[data-names]', row).forEach(fillOptions);
  $$('[data-default="now"]', row).forEach((el) => { el.value = $('#now').value; });
  return row;
}

function setPath(obj, pointer, value) {
  const keys = pointer.split('/').slice(1);
  let at = obj;
  keys.forEach((k, i) => {
    if (i === keys.length - 1) { at[k] = value; return; }
    at[k] ??= /^\d+$/.test(keys[i + 1]) ? [] : {};
    at = at[k];
  });
}

/** The request a form describes; empty fields are left out so kefu's defaults apply. */
function readForm(root) {
  const out = {};
  const rowsWithoutKey = new Set();
  for (const el of $$('[data-path]', root)) {
    if (el.closest('[hidden]') && el.type !== 'hidden') continue;
    const type = el.dataset.type;
    let v;
    if (type === 'bool') v = el.checked ? true : (el.hasAttribute('data-always') ? false : undefined);
    else if (type === 'not') v = el.checked ? false : undefined; // a box that asks "missing?"
    else if (type === 'now') v = nowInstant();
    else if (el.value.trim() === '') v = undefined;
    else if (type === 'instant') v = toInstant(el.value);
    else if (type === 'cents') v = Math.round(Number(el.value) * 100);
    else if (type === 'int') v = Number(el.value);
    else v = el.value;
    const row = el.closest('.row');
    if (el.hasAttribute('data-key') && v === undefined && row) rowsWithoutKey.add(row);
    if (v !== undefined && !(row && rowsWithoutKey.has(row))) setPath(out, el.dataset.path, v);
  }
  // A row whose key field is empty is not sent; lists keep their order.
  const compact = (o) => {
    if (Array.isArray(o)) return o.filter((x) => x !== undefined).map(compact);
    if (o && typeof o === 'object') return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, compact(x)]));
    return o;
  };
  return compact(out);
}

// ── results ─────────────────────────────────────────────────────────────────────────────
/** A shown value with the decision's own value beside it (`data-value`, JSON). */
const out = (key, value, html, label = key) =>
  `<div class="field" data-out="${key}" data-value="${esc(JSON.stringify(value ?? null))}"><span class="k">${esc(t(label))}</span><span class="v">${html}</span></div>`;

const reasonsHtml = (reasons) => `
  <details class="reasons" open data-out="reasons" data-value="${esc(JSON.stringify(reasons.map((r) => r.code)))}">
    <summary>${esc(t('reasons'))} (${reasons.length})</summary>
    <ol>${reasons.map((r) => `<li data-code="${esc(r.code)}"><p>${esc(msg(r))}</p>
      <p class="src"><code>${esc(r.code)}</code> · ${esc(r.rule)} · ${esc(t('source'))}：${esc(r.source)}</p></li>`).join('')}</ol>
  </details>`;

const policyHtml = (p) =>
  `<p class="decided" data-out="policy" data-value="${esc(JSON.stringify(p))}">${esc(t('decided_by'))}：<b>${esc(p.id)}</b> · ${esc(p.version)} · <code>${esc(p.hash)}</code></p>`;

/** Text to copy, in the page's language; `data-value` keeps the decision's own (Chinese) value. */
const copyable = (key, d) => {
  const text = lang ? d[`${key}_en`] ?? d[key] : d[key];
  return `<div class="field copy" data-out="${key}" data-value="${esc(JSON.stringify(d[key] ?? null))}"><span class="k">${esc(t(key))}</span>
   <div class="copybox"><p>${esc(text ?? '—')}</p>${text ? `<button type="button" class="small" data-copy>${esc(t('copy'))}</button>` : ''}</div></div>`;
};

function errorHtml(e) {
  return `<div class="error" data-out="error" data-value="${esc(JSON.stringify({ code: e.code, path: e.path }))}">
    <b>${esc(t('input_error'))}</b> <code>${esc(e.code ?? 'ERROR')}</code>${e.path ? ` <code>${esc(e.path)}</code>` : ''}
    <p>${esc(e.message)}</p>${(e.problems ?? []).map((p) => `<p><code>${esc(p.path)}</code> ${esc(p.message)}</p>`).join('')}</div>`;
}

/** Decide and show; a kefu error is shown with its code and path, and the field it names is marked. */
function show(target, form, decide, draw) {
  $$('.invalid', form).forEach((el) => el.classList.remove('invalid'));
  const paint = () => {
    try {
      target.innerHTML = draw(decide());
      // Colours through the CSSOM: the page's CSP (serve.mjs) refuses inline style="" attributes.
      $$('.flag[data-flag]', target).forEach((el) => el.style.setProperty('--flag', FLAG_COLOURS[el.dataset.flag]));
      target.classList.remove('failed');
    } catch (e) {
      if (!e || typeof e.code !== 'string') throw e;
      target.innerHTML = errorHtml(e);
      target.classList.add('failed');
      const field = e.path && $$('[data-path]', form).find((el) => el.dataset.path === e.path
        || el.dataset.path === `/order${e.path}` || el.dataset.path.endsWith(e.path));
      field?.classList.add('invalid');
    }
  };
  rerender.set(target.id, paint);
  paint();
}

// Return check
function drawReturn(d) {
  const ok = d.verdict === 'eligible';
  return `
    <div class="verdict ${ok ? 'yes' : 'no'}" data-out="verdict" data-value="${esc(JSON.stringify(d.verdict))}">
      <span class="big">${esc(name('verdict', d.verdict))}</span><span data-out="path" data-value="${esc(JSON.stringify(d.path))}">${esc(name('path', d.path))}</span></div>
    <div class="fields">
      ${out('remedies', d.remedies, d.remedies.length ? d.remedies.map((r) => `<span class="chip">${esc(name('remedy', r))}</span>`).join('') : esc(t('none')))}
      ${out('window_last_day', d.window_last_day, `${esc(d.window_last_day)}<span hidden data-out="window_ends_at" data-value="${esc(JSON.stringify(d.window_ends_at))}"></span>`)}
      ${out('return_shipping_paid_by', d.return_shipping_paid_by, esc(d.return_shipping_paid_by ? name('payer', d.return_shipping_paid_by) : '—'), 'shipping_paid_by')}
      ${out('deductions', d.deductions, d.deductions.length ? d.deductions.map((x) => `${esc(name('deduction', x.kind))} ${yuan(x.amount_cents)}`).join('<br>') : esc(t('none')))}
      <span hidden data-out="deductions_cents" data-value="${d.deductions_cents}"></span>
      ${out('refund_amount_cents', d.refund_amount_cents, yuan(d.refund_amount_cents), 'refund_amount')}
      ${out('refund_due_days', d.refund_due_days, d.refund_due_at ? esc(wall(d.refund_due_at)) : d.refund_due_days != null ? esc(t('within_days', { n: d.refund_due_days })) : '—', 'refund_due')}
      <span hidden data-out="refund_due_at" data-value="${esc(JSON.stringify(d.refund_due_at))}"></span>
      ${out('goodwill', d.goodwill, d.goodwill ? esc(name('remedy', d.goodwill.remedy)) : esc(t('none')))}
    </div>
    ${reasonsHtml(d.reasons)}${policyHtml(d.policy)}`;
}

// Orders
const FLAG_COLOURS = { gray: '#8d8d8d', red: '#d93025', yellow: '#f2b705', green: '#2e9d4f', blue: '#1a73e8', purple: '#8e3fbf' };
const flagChip = (flag, code, label) =>
  `<span class="flag" data-flag="${flag}"><span class="pole"></span>${esc(name('flag', flag))}${code != null ? ` <small>#${code}</small>` : ''}${label ? ` · ${esc(label)}` : ''}</span>`;

function drawFlag(d) {
  return `
    <div class="verdict flagline" data-out="flag" data-value="${esc(JSON.stringify(d.flag))}">${flagChip(d.flag, d.flag_code, d.label)}
      <span data-out="platform" data-value="${esc(JSON.stringify(d.platform))}">${esc(name('platform', d.platform))}</span>
      <span hidden data-out="flag_code" data-value="${esc(JSON.stringify(d.flag_code))}"></span>
      <span hidden data-out="label" data-value="${esc(JSON.stringify(d.label))}"></span>
      <span class="chip ${d.change ? 'warn' : ''}" data-out="change" data-value="${esc(JSON.stringify(d.change))}" ${d.change == null ? 'hidden' : ''}>${esc(t(d.change ? 'change_flag' : 'keep_flag'))}</span></div>
    <div class="fields">
      ${out('owed', d.owed, d.owed.length ? d.owed.map((o) => esc(msg(o))).join('<br>') : esc(t('none')))}
    </div>
    ${reasonsHtml(d.reasons)}${policyHtml(d.policy)}`;
}

function drawAction(d) {
  return `
    <div class="verdict" data-out="action" data-value="${esc(JSON.stringify(d.action))}"><span class="big">${esc(name('action', d.action))}</span>
      ${flagChip(d.flag, d.flag_code, d.flag_label)}</div>
    <div class="fields">
      <span hidden data-out="flag" data-value="${esc(JSON.stringify(d.flag))}"></span>
      <span hidden data-out="flag_code" data-value="${esc(JSON.stringify(d.flag_code))}"></span>
      <span hidden data-out="flag_label" data-value="${esc(JSON.stringify(d.flag_label))}"></span>
      <span hidden data-out="platform" data-value="${esc(JSON.stringify(d.platform))}"></span>
      ${out('department', d.department, esc(name('department', d.department)))}
      ${out('handoff', d.handoff, d.handoff ? `${esc(d.handoff.order_id ?? '')}<br>${d.handoff.facts.map(esc).join('<br>')}` : esc(t('none')))}
      ${out('deadlines', d.deadlines, `${esc(t('refund_apply_from'))} ${esc(wall(d.deadlines.refund_apply_from))}<br>${esc(t('refund_due_by'))} ${esc(wall(d.deadlines.refund_due_by))}`, 'refund_due')}
    </div>
    ${copyable('note', d)}
    ${copyable('buyer_message', d)}
    ${reasonsHtml(d.reasons)}${policyHtml(d.policy)}`;
}

// Complaints: the customer's words with every cue marked (UTF-16 offsets index a JS string).
function marked(text, cues, negated) {
  const spans = [...cues.map((c) => ({ ...c, neg: false })), ...negated.map((c) => ({ ...c, neg: true }))]
    .sort((a, b) => a.start_utf16 - b.start_utf16);
  let html = '', at = 0;
  for (const c of spans) {
    if (c.start_utf16 < at) continue;
    html += esc(text.slice(at, c.start_utf16));
    html += `<mark class="cue ${c.category}${c.neg ? ' neg' : ''}" data-cue="${esc(c.phrase)}" title="${esc(name('cue', c.category))} · ${c.weight}">${esc(text.slice(c.start_utf16, c.end_utf16))}</mark>`;
    at = c.end_utf16;
  }
  return html + esc(text.slice(at));
}

function drawComplaint(d, text) {
  return `
    <div class="verdict sev-${d.severity}" data-out="severity" data-value="${esc(JSON.stringify(d.severity))}">
      <span class="big">${esc(name('severity', d.severity))}</span><span>${esc(name('owner', d.owner))}</span></div>
    <div class="fields">
      ${out('behaviour', d.behaviour, esc(name('behaviour', d.behaviour)))}
      ${out('causes', d.causes, d.causes.length ? d.causes.map((c) => `<span class="chip">${esc(name('cause', c))}</span>`).join('') : esc(t('none')))}
      ${out('owner', d.owner, esc(name('owner', d.owner)))}
      ${out('reply_due_at', d.reply_due_at, esc(wall(d.reply_due_at)))}
      ${out('coupon_cents', d.coupon_cents, d.coupon_cents ? yuan(d.coupon_cents) : esc(t('none')), 'coupon')}
      <span hidden data-out="channel" data-value="${esc(JSON.stringify(d.channel))}"></span>
    </div>
    <div class="field"><span class="k">${esc(t('cues'))}</span><blockquote class="marked" data-out="cues" data-value="${esc(JSON.stringify(d.cues))}">${text ? marked(text, d.cues, d.negated) : esc(t('none'))}</blockquote></div>
    ${out('negated', d.negated, d.negated.length ? d.negated.map((c) => `<s>${esc(c.text)}</s>`).join('、') : esc(t('none')))}
    ${copyable('opening', d)}
    <details class="steps" data-out="steps" data-value="${esc(JSON.stringify(d.steps))}"><summary>${esc(t('steps'))}</summary><ol>${d.steps.map((s) => `<li>${esc(lang ? s.text_en : s.text)}</li>`).join('')}</ol></details>
    ${reasonsHtml(d.reasons)}${policyHtml(d.policy)}`;
}

// Clocks
function drawClock(d) {
  const late = d.state === 'breached' || d.state === 'met_late';
  const left = d.state === 'met' || d.state === 'met_late' ? '' : late ? `${t('overdue')} ${duration(d.minutes_overdue, d.clock)}` : `${t('left')} ${duration(d.minutes_left, d.clock)}`;
  // A due time on a year the State Council has not announced yet: say so next to it.
  const provisional = d.reasons.find((r) => r.code === 'CALENDAR_PROVISIONAL');
  return `
    <div class="clock state-${d.state}" data-out="state" data-value="${esc(JSON.stringify(d.state))}">
      <span class="badge">${esc(name('state', d.state))}</span>
      <span data-out="due_at" data-value="${esc(JSON.stringify(d.due_at))}">${esc(t('due_at'))} <b>${esc(wall(d.due_at))}</b></span>
      ${provisional ? `<span class="badge provisional" data-out="provisional" title="${esc(msg(provisional))}">${esc(t('provisional'))}</span>` : ''}
      <span class="countdown" data-out="minutes_left" data-value="${d.minutes_left}">${esc(left)}</span>
      <span hidden data-out="minutes_overdue" data-value="${d.minutes_overdue}"></span>
      <span hidden data-out="paused_minutes" data-value="${d.paused_minutes}"></span>
      <small>${esc(d.label)} · ${esc(msg(d.reasons[0] ?? { message: '' }))}</small>
      ${['standard', 'label', 'amount', 'unit', 'clock', 'paused_now'].map((k) => `<span hidden data-out="${k}" data-value="${esc(JSON.stringify(d[k]))}"></span>`).join('')}
      <span hidden data-out="reasons" data-value="${esc(JSON.stringify(d.reasons.map((r) => r.code)))}">${d.reasons.map((r) => `<i data-code="${esc(r.code)}"></i>`).join('')}</span>
    </div>`;
}

function decideClocks() {
  const form = $('#sla-form');
  const req = readForm(form);
  $$('[data-rows="/clocks"] > .row').forEach((row, i) => {
    const target = $('[data-clock-out]', row);
    target.id ||= `clock-${i}`;
    const clock = req.clocks?.[i];
    if (!clock) { target.innerHTML = ''; rerender.delete(target.id); return; }
    show(target, row, () => engine.sla({ ...clock, now: nowInstant() }), drawClock);
  });
}

function drawDispatch(d) {
  return `
    <div class="fields">
      ${out('ship_by', d.ship_by, `<b>${esc(d.ship_by)}</b>${d.same_day ? ` <span class="chip">${esc(t('same_day'))}</span>` : ''}`)}
      ${out('expected_delivery', d.expected_delivery, `${esc(d.expected_delivery)} <small>(${d.delivery_days}${lang ? ' d' : '天'})</small>`)}
      ${out('courier', d.courier, esc(name('courier', d.courier)))}
      ${out('ems_extra_cents', d.ems_extra_cents, d.ems_extra_cents != null ? yuan(d.ems_extra_cents) : esc(t('none')), 'ems_extra')}
      ${['same_day', 'delivery_days', 'same_city', 'ems_basis'].map((k) => `<span hidden data-out="${k}" data-value="${esc(JSON.stringify(d[k]))}"></span>`).join('')}
    </div>
    ${copyable('buyer_message', d)}
    ${reasonsHtml(d.reasons)}${policyHtml(d.policy)}`;
}

function drawTimeline(d) {
  const late = d.minutes_overdue > 0;
  return `
    <div class="clock state-${late ? 'breached' : d.next_deadline ? 'pending' : 'met'}" data-out="state" data-value="${esc(JSON.stringify(d.state))}">
      <span class="badge">${esc(name('refund_state', d.state))}</span>
      <span data-out="next_deadline" data-value="${esc(JSON.stringify(d.next_deadline))}">${esc(t('next_deadline'))} <b>${esc(wall(d.next_deadline))}</b></span>
      <span data-out="on_deadline" data-value="${esc(JSON.stringify(d.on_deadline))}">${d.on_deadline ? `${esc(t('on_deadline'))}：${esc(name('on_deadline', d.on_deadline))}` : ''}</span>
      <span data-out="who_acts" data-value="${esc(JSON.stringify(d.who_acts))}">${d.who_acts ? `${esc(t('who_acts'))}：${esc(name('who_acts', d.who_acts))}` : ''}</span>
      <span class="countdown" data-out="minutes_left" data-value="${d.minutes_left}">${d.next_deadline ? esc(late ? `${t('overdue')} ${duration(d.minutes_overdue)}` : `${t('left')} ${duration(d.minutes_left)}`) : ''}</span>
      <span hidden data-out="minutes_overdue" data-value="${d.minutes_overdue}"></span>
    </div>
    <div class="field"><span class="k">${esc(t('history'))}</span>
      <ol class="history" data-out="history" data-value="${esc(JSON.stringify(d.history))}">${d.history.map((h) => `<li>${esc(wall(h.at))} · ${esc(name('refund_state', h.state))}${h.by === 'timeout' ? ` <span class="chip warn">${esc(t('by_timeout'))}</span>` : ''}</li>`).join('')}</ol></div>
    ${reasonsHtml(d.reasons)}${policyHtml(d.policy)}`;
}

// ── policy ───────────────────────────────────────────────────────────────────────────────
let policyDoc = null; // the policy in use as given (text), for the what-if module's engine
function usePolicy(doc) {
  engine = doc == null ? new Engine() : new Engine(doc);
  policyDoc = doc;
  const p = engine.policy();
  zone = p.time_zone;
  const ref = { id: p.id, version: p.version, hash: engine.policyHash() };
  $('#policy-badge').textContent = `${ref.id} · ${ref.version} · ${ref.hash}`;
  $('#policy-badge').dataset.value = JSON.stringify(ref);
  $('#policy-ref').innerHTML = `<p data-out="policy" data-value="${esc(JSON.stringify(ref))}"><b>${esc(ref.id)}</b> · ${esc(ref.version)} · <code>${esc(ref.hash)}</code></p>`;
  $('#policy-effective').textContent = JSON.stringify(p, null, 2);
  $$('select[data-names="standards"]').forEach(fillOptions);
}

function applyPolicy() {
  const text = $('#policy-text').value.trim();
  const status = $('#policy-status');
  const problems = text ? validatePolicy(text) : [];
  const draw = () => {
    status.innerHTML = problems.length
      ? `<div class="error" data-out="problems" data-value="${esc(JSON.stringify(problems))}"><b>${esc(t('problems_found', { n: problems.length }))}</b>
          <table><thead><tr><th>${esc(t('path'))}</th><th>${esc(t('message'))}</th></tr></thead>
          <tbody>${problems.map((p) => `<tr><td><code>${esc(p.path || '/')}</code></td><td>${esc(p.message)}</td></tr>`).join('')}</tbody></table></div>`
      : `<p class="ok" data-out="problems" data-value="[]">${esc(t('policy_ok'))}</p>`;
  };
  if (!problems.length) usePolicy(text || null);
  rerender.set('policy-status', draw);
  draw();
}

// ── what-if: a proposed policy tried on past requests (core's comparison, issue 20) ───────
const SHOWN = 200; // changed rows listed; the summary counts them all
function drawDiff(diff, proposed) {
  const s = diff.summary;
  const table = (title, map) => Object.keys(map).length
    ? `<h3>${esc(t(title))}</h3><table><tbody>${Object.entries(map).map(([k, n]) => `<tr><td><code>${esc(k)}</code></td><td>${n}</td></tr>`).join('')}</tbody></table>`
    : '';
  // The kind's first main field (after the echoed keys), as in the summary's transitions.
  const headline = (a) => (a.error ? `⚠ ${a.error.code}` : Object.entries(a).find(([k]) => !['id', 'order_id', 'reason_codes'].includes(k))?.[1]);
  const rows = diff.changes.slice(0, SHOWN).map((c) => `<tr data-row="${c.index}">
      <td>${c.index}${c.order_id ? ` · ${esc(c.order_id)}` : ''}${c.id ? ` · ${esc(c.id)}` : ''}</td>
      <td>${esc(c.changed.join(', '))}</td>
      <td>${esc(JSON.stringify(headline(c.old)))} → ${esc(JSON.stringify(headline(c.new)))}${c.old.window_last_day !== c.new.window_last_day && c.new.window_last_day ? `<br>${esc(c.old.window_last_day ?? '—')} → ${esc(c.new.window_last_day)}` : ''}</td>
      <td>${c.codes_added.map((x) => `+${esc(x)}`).concat(c.codes_removed.map((x) => `−${esc(x)}`)).join('<br>')}</td></tr>`).join('');
  return `<p data-out="whatif" data-value="${esc(JSON.stringify(s))}"><b>${esc(t('whatif_summary', { read: s.rows_read, changed: s.rows_changed, failed: s.rows_failed }))}</b> · ${esc(proposed.id)} ${esc(proposed.version)} <code>${esc(proposed.hash)}</code></p>
    ${table('whatif_transitions', s.transitions)}${table('whatif_codes_added', s.codes_added)}${table('whatif_codes_removed', s.codes_removed)}
    ${rows ? `<table class="changes"><thead><tr><th>${esc(t('whatif_row'))}</th><th>${esc(t('whatif_fields'))}</th><th>${esc(t('whatif_old'))} → ${esc(t('whatif_new'))}</th><th>${esc(t('reasons'))}</th></tr></thead><tbody>${rows}</tbody></table>` : ''}
    ${diff.changes.length > SHOWN ? `<p>${esc(t('whatif_more', { n: diff.changes.length - SHOWN }))}</p>` : ''}`;
}

// The what-if and the platform readers live in a module of their own (pkg/whatif/), loaded on
// the first comparison or pasted payload: the main module stays inside the browser package's
// size budget (BENCHMARKS.md "wasm size").
let whatIf;
async function whatIfModule() {
  if (!whatIf) {
    const module = await import('./pkg/whatif/kefu_wasm.js');
    await module.default();
    whatIf = module;
  }
  return whatIf;
}

/** Fill a form's fields from a (partial) request: what a platform payload says. The fields
 * the last paste filled are cleared first, so none keeps a value the new payload does not give. */
const pasted = new WeakMap(); // form → the fields its last paste filled
function fillForm(form, request) {
  for (const el of pasted.get(form) ?? []) {
    if (el.dataset.type === 'bool') el.checked = el.defaultChecked;
    else el.value = el.defaultValue ?? '';
  }
  const filled = [];
  for (const el of $$('[data-path]', form)) {
    const v = el.dataset.path.split('/').slice(1).reduce((o, k) => (o == null ? undefined : o[k]), request);
    if (v === undefined || v === null || el.dataset.type === 'now') continue;
    const type = el.dataset.type;
    if (type === 'bool') el.checked = v === true;
    else if (type === 'instant') el.value = localOf(v);
    else if (type === 'cents') el.value = (v / 100).toFixed(2);
    else el.value = String(v);
    filled.push(el);
  }
  pasted.set(form, filled);
  return filled.length;
}

/** "Paste a platform payload": core reads it (`platformFields`), the form gets what it says. */
async function pasteInto(form) {
  const box = $('[data-paste]', form);
  const target = $('[data-paste-out]', box);
  try {
    const module = await whatIfModule();
    const request = module.platformFields($('[data-paste-platform]', box).value, form.dataset.kind, $('[data-paste-text]', box).value);
    const n = fillForm(form, request);
    target.innerHTML = `<p data-out="pasted" data-value="${esc(JSON.stringify(request))}">${esc(t('paste_filled', { n }))}</p>`;
    target.classList.remove('failed');
  } catch (e) {
    if (!e || typeof e.code !== 'string') throw e;
    target.innerHTML = errorHtml(e);
    target.classList.add('failed');
  }
}

async function runWhatIf() {
  const target = $('#whatif-result');
  let WhatIfEngine;
  try {
    ({ Engine: WhatIfEngine } = await whatIfModule());
  } catch (e) {
    // The module could not be fetched or compiled: say so where the answer would be.
    target.innerHTML = `<div class="error"><b>${esc(String(e?.message ?? e))}</b></div>`;
    target.classList.add('failed');
    return;
  }
  const text = $('#whatif-policy').value.trim();
  const problems = text ? validatePolicy(text) : [];
  if (problems.length) {
    target.innerHTML = `<div class="error" data-out="problems" data-value="${esc(JSON.stringify(problems))}"><b>${esc(t('problems_found', { n: problems.length }))}</b>
      <table><tbody>${problems.map((p) => `<tr><td><code>${esc(p.path || '/')}</code></td><td>${esc(p.message)}</td></tr>`).join('')}</tbody></table></div>`;
    return;
  }
  // One request per non-blank line; a line that is not JSON goes as it is, and kefu answers it
  // with that row's error (the row keeps its place).
  const lines = $('#whatif-rows').value.split(/\r?\n/).filter((l) => l.trim() !== '')
    .map((l) => { try { return JSON.parse(l); } catch { return l; } });
  // Decided once; a language switch draws the same answer again.
  let current, proposed, paint;
  try {
    current = policyDoc == null ? new WhatIfEngine() : new WhatIfEngine(policyDoc);
    proposed = text ? new WhatIfEngine(text) : new WhatIfEngine();
    const p = proposed.policy();
    const ref = { id: p.id, version: p.version, hash: proposed.policyHash() };
    const diff = current.diffPolicy($('#whatif-kind').value, lines, proposed);
    paint = () => { target.innerHTML = drawDiff(diff, ref); target.classList.remove('failed'); };
  } catch (e) {
    if (!e || typeof e.code !== 'string') throw e;
    paint = () => { target.innerHTML = errorHtml(e); target.classList.add('failed'); };
  } finally {
    current?.free();
    proposed?.free();
  }
  rerender.set(target.id, paint);
  paint();
}

// ── wiring ──────────────────────────────────────────────────────────────────────────────
function showTab(id) {
  $$('.panel').forEach((p) => { p.hidden = p.id !== id; });
  $$('[data-tab]').forEach((b) => b.classList.toggle('on', b.dataset.tab === id));
  history.replaceState(null, '', `${location.search}#${id}`);
}

function wire() {
  $$('[data-tab]').forEach((b) => b.addEventListener('click', () => showTab(b.dataset.tab)));
  $$('[data-lang]').forEach((b) => b.addEventListener('click', () => {
    lang = b.dataset.lang === 'en' ? 1 : 0;
    localStorage.setItem('kefu-lang', b.dataset.lang);
    applyLanguage();
  }));
  $$('[data-add]').forEach((b) => b.addEventListener('click', () => addRow(b.dataset.add)));
  const live = $('#live'), now = $('#now');
  const tick = () => { if (live.checked) now.value = clockNow(); };
  now.addEventListener('input', () => { live.checked = false; });
  live.addEventListener('change', tick);
  let ticks = 0;
  setInterval(() => {
    tick();
    // Countdowns are in whole minutes: deciding them again every 30 s is plenty.
    if (live.checked && ++ticks % 30 === 0 && $$('[data-clock-out] .clock').length) decideClocks();
  }, 1000);
  tick();
  $$('[data-default="now"]').forEach((el) => { el.value = now.value; });

  const on = (form, handler) => $(form).addEventListener('submit', (ev) => { ev.preventDefault(); handler(); });
  on('#return-form', () => show($('#return-result'), $('#return-form'), () => engine.checkReturn(readForm($('#return-form'))), drawReturn));
  on('#complaint-form', () => {
    const req = readForm($('#complaint-form'));
    show($('#complaint-result'), $('#complaint-form'), () => engine.classifyComplaint(req), (d) => drawComplaint(d, req.text ?? ''));
  });
  on('#order-form', () => show($('#order-result'), $('#order-form'), () => engine.orderAction(readForm($('#order-form'))), drawAction));
  $('#flag-button').addEventListener('click', () =>
    show($('#flag-result'), $('#order-form'), () => engine.orderFlag(readForm($('#order-form')).order ?? {}), drawFlag));
  const type = $('#request-type');
  const showType = () => $$('[data-for]').forEach((g) => { g.hidden = g.dataset.for !== type.value; });
  type.addEventListener('change', showType);
  on('#sla-form', decideClocks);
  $('#sla-form').addEventListener('change', () => { if ($$('[data-clock-out] .clock, [data-clock-out] .error').length) decideClocks(); });
  on('#refund-form', () => show($('#refund-result'), $('#refund-form'), () => engine.refundTimeline(readForm($('#refund-form'))), drawTimeline));
  on('#dispatch-form', () => show($('#dispatch-result'), $('#dispatch-form'), () => engine.dispatchEstimate(readForm($('#dispatch-form'))), drawDispatch));
  $$('form').forEach((f) => f.addEventListener('reset', () => setTimeout(() => {
    $$('[data-default="now"]', f).forEach((el) => { el.value = now.value; });
    showType();
  })));

  for (const form of $$('form[data-pastable]')) {
    const box = $('#paste-box').content.firstElementChild.cloneNode(true);
    const title = $('h2', form);
    if (title) title.after(box);
    else form.prepend(box);
    $('[data-paste-fill]', box).addEventListener('click', () => pasteInto(form));
  }
  $('#policy-apply').addEventListener('click', applyPolicy);
  $('#whatif-kind').innerHTML = kinds().map((k) => `<option value="${esc(k)}"${k === 'check_return' ? ' selected' : ''}>${esc(k)}</option>`).join('');
  on('#whatif-form', runWhatIf);
  for (const [input, area] of [['#whatif-policy-file', '#whatif-policy'], ['#whatif-rows-file', '#whatif-rows']]) {
    $(input).addEventListener('change', async (ev) => {
      const file = ev.target.files[0];
      if (file) $(area).value = await file.text();
    });
  }
  $('#policy-default').addEventListener('click', () => { $('#policy-text').value = ''; applyPolicy(); });
  $('#policy-file').addEventListener('change', async (ev) => {
    const file = ev.target.files[0];
    if (file) { $('#policy-text').value = await file.text(); applyPolicy(); }
  });

  document.addEventListener('click', async (ev) => {
    const button = ev.target.closest('[data-copy]');
    if (!button) return;
    const text = button.previousElementSibling.textContent;
    try { await navigator.clipboard.writeText(text); } catch { /* no clipboard permission: the text stays selectable */ }
    button.textContent = t('copied');
  });
  addRow('/clocks');
  addRow('/events');
  showType();
}

async function main() {
  await init();
  usePolicy(null);
  $('#version').textContent = `kefu ${version()} · wasm`;
  wire();
  applyLanguage();
  showTab($(`.panel#${CSS.escape(location.hash.slice(1) || 'returns')}`) ? location.hash.slice(1) || 'returns' : 'returns');
  document.documentElement.dataset.ready = String(Math.round(performance.now()));
}

main();
