//! A batch on several threads is the batch on one: same items, same order, every index once,
//! whatever the number of rows and threads (including 0 threads and more threads than rows).
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use kefu_core::Engine;
use serde_json::{json, Value};

fn rows(n: usize) -> Vec<Value> {
    let good = json!({
        "reason": "no_reason", "category": "apparel",
        "signed_at": "2026-03-01T23:59:00+08:00", "requested_at": "2026-03-08T21:30:00+08:00"
    });
    (0..n)
        .map(|i| match i % 5 {
            1 => json!({ "reason": "no_reason" }),
            3 => json!("not an object"),
            4 => {
                let mut late = good.clone();
                late["requested_at"] = json!(format!("2026-03-{:02}T10:00:00+08:00", 2 + i % 20));
                late
            }
            _ => good.clone(),
        })
        .collect()
}

#[test]
fn threads_never_change_a_batch() {
    let engine = Engine::from_value(&Value::Null).unwrap();
    for n in [0, 1, 63, 64, 65, 129, 1000, 4097] {
        let requests = rows(n);
        let one = engine.evaluate_batch("check_return", &requests).unwrap();
        assert_eq!(one.len(), n);
        assert!(one.iter().enumerate().all(|(i, item)| item.index == i));
        for threads in [0, 1, 2, 3, 8, 64, 1000] {
            let many = engine
                .evaluate_batch_on("check_return", &requests, threads)
                .unwrap();
            assert_eq!(many, one, "{n} rows on {threads} threads");
        }
    }
}

#[test]
fn a_batch_that_cannot_start_is_one_error() {
    let engine = Engine::from_value(&Value::Null).unwrap();
    let unknown = engine
        .evaluate_batch_value("no_such_kind", &json!([]), 4)
        .unwrap_err();
    assert_eq!(
        (unknown.code.as_str(), unknown.path.as_deref()),
        ("UNKNOWN_KIND", Some("/kind"))
    );
    let not_a_list = engine
        .evaluate_batch_value("check_return", &json!({"rows": []}), 4)
        .unwrap_err();
    assert_eq!(
        (not_a_list.code.as_str(), not_a_list.path.as_deref()),
        ("INVALID_INPUT", Some(""))
    );
    assert!(engine
        .evaluate_batch_value("check_return", &json!([]), 4)
        .unwrap()
        .is_empty());
}

/// Issue 18 item 13: every batch item carries the request's `id` and `order_id`, the failed
/// ones too, so results join back to their orders by key, not by position.
#[test]
fn batch_items_echo_the_keys() {
    let engine = Engine::from_value(&Value::Null).unwrap();
    let good = json!({
        "id": "r1", "order_id": "3456789012345678901", "reason": "no_reason", "category": "apparel",
        "signed_at": "2026-03-01T23:59:00+08:00", "requested_at": "2026-03-08T21:30:00+08:00"
    });
    let bad = json!({ "id": "r2", "order_id": "42", "reason": "no_reason" });
    let nothing = json!({ "reason": "no_reason" });
    let items = engine
        .evaluate_batch("check_return", &[good, bad, nothing])
        .unwrap();
    let json: Vec<Value> = items.iter().map(|i| i.to_json()).collect();
    assert_eq!(json[0]["id"], "r1");
    assert_eq!(json[0]["order_id"], "3456789012345678901");
    assert_eq!(json[0]["decision"]["id"], "r1");
    assert_eq!(json[0]["decision"]["order_id"], "3456789012345678901");
    assert_eq!(
        (json[1]["ok"].clone(), json[1]["id"].clone()),
        (json!(false), json!("r2"))
    );
    assert_eq!(json[1]["order_id"], "42");
    assert!(json[2].get("id").is_none() && json[2].get("order_id").is_none());
    let lean = serde_json::to_value(items[1].lean()).unwrap();
    assert_eq!(lean["id"], "r2");
    // order_action's order number is the order's.
    let action = json!({ "id": "a", "type": "cancel", "order": { "order_id": "77" } });
    let items = engine.evaluate_batch("order_action", &[action]).unwrap();
    assert_eq!(items[0].order_id.as_deref(), Some("77"));
    assert_eq!(items[0].id.as_deref(), Some("a"));
}
