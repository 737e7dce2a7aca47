// Host checks of the napi package, and its module-level functions.
import { createRequire } from 'node:module';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hostChecks } from '../../tests/js/host.mjs';

const kefu = createRequire(import.meta.url)('../index.js');
hostChecks('napi', { Engine: kefu.Engine, errorCodes: kefu.ERROR_CODES, version: kefu.VERSION, validatePolicy: kefu.validatePolicy });

test('napi: module-level functions use the default engine', () => {
  const request = { reason: 'no_reason', category: 'food', signed_at: '2026-03-01T10:00:00+08:00', requested_at: '2026-03-09T00:00:00+08:00' };
  const d = kefu.checkReturn(request);
  assert.equal(d.verdict, 'ineligible');
  assert.deepEqual(d, kefu.evaluate('check_return', request));
  assert.equal(kefu.policyHash(), d.policy.hash);
  assert.equal(kefu.policy().returns.no_reason_days, 7);
});
