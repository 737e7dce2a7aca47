//! Criterion benchmarks of the core decisions (figures in BENCHMARKS.md).
#![allow(missing_docs, clippy::unwrap_used, clippy::indexing_slicing)]

use criterion::{criterion_group, criterion_main, Criterion};
use kefu_core::{Engine, Instant, ReturnRequest};
use std::hint::black_box;

/// The request every host's benchmark uses (tests/bench/realistic_return.json).
fn realistic() -> ReturnRequest {
    serde_json::from_str(include_str!("../../tests/bench/realistic_return.json")).unwrap()
}

fn bench(c: &mut Criterion) {
    let engine = Engine::from_value(&serde_json::Value::Null).unwrap();
    let request = realistic();
    c.bench_function("check_return/typed", |b| {
        b.iter(|| engine.check_return(black_box(&request)).unwrap())
    });
    let value = serde_json::to_value(&request).unwrap();
    c.bench_function("check_return/value_in_value_out", |b| {
        b.iter(|| engine.evaluate("check_return", black_box(&value)).unwrap())
    });
    let order: kefu_core::orders::OrderFacts =
        serde_json::from_str(include_str!("../../tests/bench/order_flag.json")).unwrap();
    c.bench_function("order_flag/typed", |b| {
        b.iter(|| engine.order_flag(black_box(&order)).unwrap())
    });
    let action: kefu_core::orders::ActionRequest =
        serde_json::from_str(include_str!("../../tests/bench/order_action.json")).unwrap();
    c.bench_function("order_action/typed", |b| {
        b.iter(|| engine.order_action(black_box(&action)).unwrap())
    });
    // Issue 4: a 30-working-day standard across Spring Festival 2026, with a pause.
    let sla: serde_json::Value =
        serde_json::from_str(include_str!("../../tests/bench/sla.json")).unwrap();
    let shop = Engine::from_value(&sla["policy"]).unwrap();
    let sla_request: kefu_core::sla::SlaRequest =
        serde_json::from_value(sla["request"].clone()).unwrap();
    c.bench_function("sla/30_working_days_over_spring_festival", |b| {
        b.iter(|| shop.sla(black_box(&sla_request)).unwrap())
    });
    let dispatch: kefu_core::dispatch::DispatchRequest =
        serde_json::from_str(include_str!("../../tests/bench/dispatch.json")).unwrap();
    c.bench_function("dispatch_estimate/typed", |b| {
        b.iter(|| engine.dispatch_estimate(black_box(&dispatch)).unwrap())
    });
    let case: kefu_core::refunds::RefundCase =
        serde_json::from_str(include_str!("../../tests/bench/refund_timeline.json")).unwrap();
    c.bench_function("refund_timeline/typed", |b| {
        b.iter(|| engine.refund_timeline(black_box(&case)).unwrap())
    });
    // Issue 5: a complaint of about 200 characters with a dozen cues.
    let complaint: kefu_core::complaints::Complaint =
        serde_json::from_str(include_str!("../../tests/bench/complaint.json")).unwrap();
    c.bench_function("classify_complaint/200_chars", |b| {
        b.iter(|| engine.classify_complaint(black_box(&complaint)).unwrap())
    });
    let start = Instant::parse("2026-02-10T10:00:00+08:00").unwrap();
    c.bench_function("calendar/add_30_working_days_over_spring_festival", |b| {
        b.iter(|| {
            engine
                .add_working_time(black_box(start), black_box(30 * 570))
                .unwrap()
        })
    });
    // Compiling a policy: the calendar's day table now runs to 2099 (provisional years).
    let shop = serde_json::json!({"id": "shop", "returns": {"goodwill_exchange": true}});
    c.bench_function("engine/new_shop_policy", |b| {
        b.iter(|| Engine::from_value(black_box(&shop)).unwrap())
    });
    let dec = Instant::parse("2026-12-30T10:00:00+08:00").unwrap();
    c.bench_function("calendar/add_2_working_days_into_a_provisional_year", |b| {
        b.iter(|| {
            engine
                .add_working_time(black_box(dec), black_box(2 * 570))
                .unwrap()
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
