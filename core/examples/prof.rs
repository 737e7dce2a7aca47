#![allow(missing_docs, clippy::unwrap_used)]
use kefu_core::{Engine, ReturnRequest};
use std::time::Instant;
fn t<F: FnMut()>(name: &str, mut f: F) {
    for _ in 0..2000 {
        f();
    }
    let n = 50000;
    let s = Instant::now();
    for _ in 0..n {
        f();
    }
    println!(
        "{name}: {:.2} µs",
        s.elapsed().as_secs_f64() * 1e6 / n as f64
    );
}
fn main() {
    let e = Engine::from_value(&serde_json::Value::Null).unwrap();
    let text = include_str!("../../tests/bench/realistic_return.json");
    let v: serde_json::Value = serde_json::from_str(text).unwrap();
    let r: ReturnRequest = serde_json::from_value(v.clone()).unwrap();
    t("parse json", || {
        let _: serde_json::Value = serde_json::from_str(text).unwrap();
    });
    t("decode::from_value", || {
        let _x: ReturnRequest = kefu_core::decode::from_value(&v).unwrap();
    });
    t("check_return typed", || {
        let _ = e.check_return(&r).unwrap();
    });
    let dd = e.decide("check_return", &v).unwrap();
    t("to_value(Decision)", || {
        let _ = serde_json::to_value(&dd).unwrap();
    });
    t("to_string(Decision)", || {
        let _ = serde_json::to_string(&dd).unwrap();
    });
    t("decide", || {
        let _ = e.decide("check_return", &v).unwrap();
    });
    t("decide_json", || {
        let _ = e.decide_json("check_return", text).unwrap();
    });
    t("evaluate", || {
        let _ = e.evaluate("check_return", &v).unwrap();
    });
}
