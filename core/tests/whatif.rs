//! The what-if's comparison (issue 20 part 3) on decisions built for the purpose: a repeated
//! reason code counts once, unchanged rows are not changes, and a row that fails alike under
//! both policies is counted as failed, not changed.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use kefu_core::{whatif, Engine};
use serde_json::json;

fn request(extra: serde_json::Value) -> serde_json::Value {
    let mut r = json!({"reason": "no_reason", "category": "apparel",
        "signed_at": "2026-03-02T10:00:00+08:00", "requested_at": "2026-03-04T10:00:00+08:00"});
    r.as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    r
}

#[test]
fn a_code_given_twice_counts_once_and_alike_rows_are_no_change() {
    let old = Engine::from_value(&serde_json::Value::Null).unwrap();
    let new = Engine::from_value(&json!({"returns": {"charge_unreturned_gifts": false}})).unwrap();
    let gifts = json!({"gifts": [
        {"name": "a", "marked_price_cents": 500, "returned": false},
        {"name": "b", "marked_price_cents": 700, "returned": false}]});
    let requests = vec![
        request(gifts),
        request(json!({})),
        json!({"reason": "no_reason"}),
    ];
    let (a, b) = whatif::decide_both("check_return", &old, &new, &requests, 1).unwrap();
    let diff = whatif::compare_all(&a, &b);
    assert_eq!(diff.changes.len(), 1);
    let c = &diff.changes[0];
    assert_eq!(c.index(), 0);
    // Two GIFT_CHARGED reasons under the current policy, none under the proposed one.
    assert_eq!(
        a[0].decision
            .as_ref()
            .unwrap()
            .reasons()
            .iter()
            .filter(|r| r.code == "GIFT_CHARGED")
            .count(),
        2
    );
    assert_eq!(c.codes_removed(), ["GIFT_CHARGED"]);
    assert!(c.codes_added().is_empty());
    // No price was given, so only the codes tell (the deductions are not a main field).
    assert_eq!(c.changed(), ["reason_codes"]);
    let s = &diff.summary;
    assert_eq!((s.rows_read, s.rows_changed, s.rows_failed), (3, 1, 1));
    assert_eq!(s.transitions["eligible -> eligible"], 1);
    assert_eq!(s.codes_removed["GIFT_CHARGED"], 1);
}
