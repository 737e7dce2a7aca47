// The npm package `kefu` (napi) from an ES module and from CommonJS in one process, as a user
// has it after `npm install ./kefu-<version>.tgz` (scripts/packages.sh runs it outside the
// source tree): one module instance behind both entries, named exports and the default.
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import kefu, { Engine, checkReturn, VERSION, KINDS } from 'kefu';

const require = createRequire(import.meta.url);
const cjs = require('kefu');
const pkg = require('kefu/package.json');

assert.equal(cjs.Engine, Engine, 'import and require share one module instance');
assert.equal(kefu.checkReturn, checkReturn);
assert.equal(VERSION, pkg.version, 'VERSION is the package version');
assert.ok(!KINDS.includes('panic_probe'));
const where = require.resolve('kefu');
assert.ok(where.includes('/node_modules/kefu/'), where);

const d = new Engine({ returns: { goodwill_exchange: true } }).checkReturn({
  reason: 'no_reason', category: 'general', condition: { used_beyond_inspection: true },
  signed_at: '2026-03-10T15:00:00+08:00', requested_at: '2026-03-14T10:00:00+08:00',
});
assert.equal(d.goodwill.remedy, 'exchange');
assert.throws(() => Engine({}), TypeError);
console.log(`napi ESM + CommonJS: kefu ${VERSION} from ${where}`);
