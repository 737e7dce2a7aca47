// The ES module entry of the npm package `kefu` ("exports" → "import" in package.json).
// Node reads a CommonJS file's named exports with a static scan (cjs-module-lexer), which
// stops at index.js's first `name: expression` property, so `import { checkReturn } from
// 'kefu'` failed at run time although index.d.ts declares it. This file names every export
// of index.js: the same objects (one module instance, one default engine), plus the whole
// module as the default export. tests/edges.test.mjs checks the two lists agree.
import kefu from './index.js';

export const {
  Engine,
  defaultEngine,
  validatePolicy,
  calendarFromNotice,
  fromPlatform,
  toPlatform,
  ERROR_CODES,
  KINDS,
  VERSION,
  checkReturn,
  orderFlag,
  orderAction,
  classifyComplaint,
  refundTimeline,
  sla,
  dispatchEstimate,
  evaluate,
  evaluateBatch,
  evaluateBatchAsync,
  isWorkday,
  addWorkingTime,
  workingMinutesBetween,
  policy,
  policyHash,
} = kefu;

export default kefu;
