'use strict';
// The npm package `kefu`: the napi addon (native.js, generated) plus the module-level
// functions on a shared default engine. Every rule lives in the Rust core.
const native = require('./native.js');

const { Engine } = native;
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
