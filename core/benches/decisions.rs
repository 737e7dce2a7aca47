//! Criterion benchmarks of the core decisions (figures in BENCHMARKS.md).
#![allow(missing_docs, clippy::unwrap_used)]

use criterion::{criterion_group, criterion_main, Criterion};
use kefu_core::{Engine, Instant, ReturnRequest};
use std::hint::black_box;

fn realistic() -> ReturnRequest {
    serde_json::from_value(serde_json::json!({
        "order_id": "T202603010001",
        "reason": "no_reason",
        "category": "apparel",
        "signed_at": "2026-03-01T15:20:00+08:00",
        "requested_at": "2026-03-06T10:05:00+08:00",
        "condition": { "opened_to_inspect": true },
        "gifts": [{ "name": "袜子", "marked_price_cents": 1500, "returned": false }],
        "shipping": { "shipping_fee_cents": 1000, "free_shipping_threshold_cents": 9900,
                      "order_total_cents": 12900, "returned_amount_cents": 5900 },
        "price_paid_cents": 5900
    }))
    .unwrap()
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
    let start = Instant::parse("2026-02-10T10:00:00+08:00").unwrap();
    c.bench_function("calendar/add_30_working_days_over_spring_festival", |b| {
        b.iter(|| {
            engine
                .add_working_time(black_box(start), black_box(30 * 570))
                .unwrap()
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
