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
  ERROR_CODES: Object.freeze(native.errorCodes()),
  KINDS: Object.freeze(native.kinds()),
  VERSION: native.version(),
  checkReturn: (request) => defaultEngine().checkReturn(request),
  orderFlag: (order) => defaultEngine().orderFlag(order),
  orderAction: (request) => defaultEngine().orderAction(request),
  classifyComplaint: (complaint) => defaultEngine().classifyComplaint(complaint),
  refundTimeline: (refundCase) => defaultEngine().refundTimeline(refundCase),
  sla: (request) => defaultEngine().sla(request),
  dispatchEstimate: (order) => defaultEngine().dispatchEstimate(order),
  evaluate: (kind, request) => defaultEngine().evaluate(kind, request),
  evaluateBatch: (kind, requests) => defaultEngine().evaluateBatch(kind, requests),
  evaluateBatchAsync: (kind, requests) => defaultEngine().evaluateBatchAsync(kind, requests),
  isWorkday: (date) => defaultEngine().isWorkday(date),
  addWorkingTime: (start, minutes) => defaultEngine().addWorkingTime(start, minutes),
  workingMinutesBetween: (a, b) => defaultEngine().workingMinutesBetween(a, b),
  policy: () => defaultEngine().policy(),
  policyHash: () => defaultEngine().policyHash(),
};
