'use strict';
// The npm package `kefu`: the napi addon (native.js, generated) plus the module-level
// functions on a shared default engine. Every rule lives in the Rust core.
const native = require('./native.js');

// napi-rs classes are plain functions: `native.Engine(policy)` without `new` does not throw,
// it wraps its receiver (the module object for `kefu.Engine(...)`) and hands that back, and
// the policy is lost (every decision then ran on the default engine). The wasm build's class
// throws a TypeError there; so does this one. A Proxy, not a subclass: construction, the
// prototype, `instanceof`, subclassing and the static `Engine.fromShared` (whose engines are
// made by the native class) stay exactly the native class's; only a call without `new` fails.
const Engine = new Proxy(native.Engine, {
  apply() {
    throw new TypeError("Class constructor Engine cannot be invoked without 'new'");
  },
});
let shared;

/** The shared engine on the rule book's default policy (built on first use). */
function defaultEngine() {
  if (shared === undefined) shared = new Engine();
  return shared;
}

module.exports = {
  Engine,
  defaultEngine,
  validatePolicy: native.validatePolicy,
  calendarFromNotice: native.calendarFromNotice,
  fromPlatform: native.fromPlatform,
  toPlatform: native.toPlatform,
  ERROR_CODES: Object.freeze(native.errorCodes()),
  KINDS: Object.freeze(native.kinds()),
  VERSION: native.version(),
  checkReturn: (request, options) => defaultEngine().checkReturn(request, options),
  orderFlag: (order, options) => defaultEngine().orderFlag(order, options),
  orderAction: (request, options) => defaultEngine().orderAction(request, options),
  classifyComplaint: (complaint, options) => defaultEngine().classifyComplaint(complaint, options),
  refundTimeline: (refundCase, options) => defaultEngine().refundTimeline(refundCase, options),
  sla: (request, options) => defaultEngine().sla(request, options),
  dispatchEstimate: (order, options) => defaultEngine().dispatchEstimate(order, options),
  evaluate: (kind, request, options) => defaultEngine().evaluate(kind, request, options),
  evaluateBatch: (kind, requests, options) => defaultEngine().evaluateBatch(kind, requests, options),
  evaluateBatchAsync: (kind, requests, options) => defaultEngine().evaluateBatchAsync(kind, requests, options),
  isWorkday: (date) => defaultEngine().isWorkday(date),
  addWorkingTime: (start, minutes) => defaultEngine().addWorkingTime(start, minutes),
  workingMinutesBetween: (a, b) => defaultEngine().workingMinutesBetween(a, b),
  policy: () => defaultEngine().policy(),
  policyHash: () => defaultEngine().policyHash(),
};
