//! A panic inside kefu reaches the caller as an `INTERNAL` error, never an abort, and the
//! engine keeps working after it. The test command builds with the `panic-probe` feature, whose
//! kind "panic_probe" panics; without it the kind must not exist at all.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use kefu_core::{Engine, ErrorCode, PANIC_PROBE};
use serde_json::json;

#[cfg(feature = "panic-probe")]
#[test]
fn a_panic_is_an_internal_error_and_the_engine_goes_on() {
    use serde_json::Value;
    let good = || json!({ "date": "2026-03-02" });
    let engine = Engine::new(kefu_core::Policy::default()).unwrap();
    let want = engine.evaluate("is_workday", &good()).unwrap();
    for _ in 0..3 {
        let e = engine.evaluate(PANIC_PROBE, &json!({})).unwrap_err();
        assert_eq!(e.code, ErrorCode::Internal);
        assert!(
            e.message.contains("the panic probe was called"),
            "{}",
            e.message
        );
        assert_eq!(engine.evaluate("is_workday", &good()).unwrap(), want);
    }
    let e = engine.evaluate_json(PANIC_PROBE, "{}").unwrap_err();
    assert_eq!(e.code, ErrorCode::Internal);
    // In a batch, on one thread and on several: one INTERNAL item per row, none lost.
    for threads in [1, 4] {
        let rows: Vec<Value> = (0..300).map(|_| json!({})).collect();
        let items = engine
            .evaluate_batch_on(PANIC_PROBE, &rows, threads)
            .unwrap();
        assert_eq!(items.len(), 300);
        for (i, item) in items.iter().enumerate() {
            assert_eq!(item.index, i);
            assert_eq!(item.error.as_ref().unwrap().code, ErrorCode::Internal);
        }
    }
    assert_eq!(engine.evaluate("is_workday", &good()).unwrap(), want);
}

#[cfg(not(feature = "panic-probe"))]
#[test]
fn without_the_test_feature_there_is_no_probe() {
    let engine = Engine::new(kefu_core::Policy::default()).unwrap();
    let e = engine.evaluate(PANIC_PROBE, &json!({})).unwrap_err();
    assert_eq!(e.code, ErrorCode::UnknownKind);
    assert!(!kefu_core::KINDS.contains(&PANIC_PROBE));
}
