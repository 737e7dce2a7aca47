// A policy tried on history (issue 20), in every JS host (napi and wasm): two policies that
// differ in one window, and every changed row checked by deciding it separately under each.
import { test } from 'node:test';
import assert from 'node:assert/strict';

const OLD = { id: 'shop', version: '1' };
const NEW = { id: 'shop', version: '2', returns: { windows: { categories: { apparel: { days: 15 } } } } };

function history() {
  const rows = [];
  for (let i = 0; i < 200; i++) {
    rows.push({
      id: `r${i}`, reason: 'no_reason', category: i % 2 ? 'apparel' : 'shoes',
      signed_at: '2026-03-02T10:00:00+08:00',
      requested_at: `2026-03-${String(2 + (i % 20)).padStart(2, '0')}T12:00:00+08:00`,
    });
  }
  return rows;
}

const lean = (engine, r) => engine.checkReturn(r, { lean: true });

export function whatIfChecks(label, { Engine }) {
  test(`${label}: diffPolicy reports exactly the rows each policy decides differently`, () => {
    const [oldEngine, newEngine] = [new Engine(OLD), new Engine(NEW)];
    const rows = [...history(), 'not a request'];
    const { changes, summary } = oldEngine.diffPolicy('check_return', rows, newEngine);
    const byIndex = new Map(changes.map((c) => [c.index, c]));
    let flips = 0;
    history().forEach((r, i) => {
      const a = lean(oldEngine, r), b = lean(newEngine, r);
      if (JSON.stringify(a) === JSON.stringify(b)) {
        assert.ok(!byIndex.has(i), `row ${i} reported but unchanged`);
        return;
      }
      const c = byIndex.get(i);
      assert.ok(c, `row ${i} changed but not reported`);
      byIndex.delete(i);
      assert.deepEqual([c.old, c.new, c.id], [a, b, r.id]);
      if (a.verdict !== b.verdict) flips += 1;
    });
    assert.equal(byIndex.size, 0);
    assert.deepEqual(
      [summary.rows_read, summary.rows_changed, summary.rows_failed],
      [201, 100, 1],
    );
    assert.ok(flips > 0);
    assert.equal(summary.transitions['ineligible -> eligible'], flips);
  });

  test(`${label}: diffPolicy refuses what is not a list, and an unknown kind`, () => {
    const [a, b] = [new Engine(OLD), new Engine(NEW)];
    assert.throws(() => a.diffPolicy('check_returns', [], b), (e) => e.code === 'UNKNOWN_KIND');
    assert.throws(() => a.diffPolicy('check_return', 42, b), (e) => e.code === 'INVALID_INPUT' || e.code === 'INVALID_JSON');
  });
}
