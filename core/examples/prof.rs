#![allow(missing_docs, clippy::unwrap_used)]
use kefu_core::{Engine, ReturnRequest};
use std::time::Instant;
fn t<F: FnMut()>(name: &str, mut f: F) {
    for _ in 0..1000 {
        f();
    }
    let n = 20000;
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
    t("serde_json::from_value typed", || {
        let _x: ReturnRequest = serde_json::from_value(v.clone()).unwrap();
    });
    t("decode::from_value", || {
        let _x: ReturnRequest = kefu_core::decode::from_value(&v).unwrap();
    });
    t("path_to_error only", || {
        let _x: ReturnRequest = serde_path_to_error::deserialize(&v).unwrap();
    });
    t("check_return typed", || {
        let _ = e.check_return(&r).unwrap();
    });
    let d = e.check_return(&r).unwrap();
    t("to_value(decision)", || {
        let _ = serde_json::to_value(&d).unwrap();
    });
    t("evaluate", || {
        let _ = e.evaluate("check_return", &v).unwrap();
    });
}
