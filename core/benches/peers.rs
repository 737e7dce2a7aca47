//! The native core on the peer benchmark's return requests (issue 9; BENCHMARKS.md).
//!
//! Reads `target/bench/peers_returns.json` (or the file named by `KEFU_PEERS_FILE`), made by
//! `python3 tests/bench/peers_gen.py`; `bash scripts/bench-peers.sh` makes it and runs this.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use kefu_core::{Engine, ReturnRequest};
use std::hint::black_box;

fn requests_file() -> std::path::PathBuf {
    std::env::var_os("KEFU_PEERS_FILE").map_or_else(
        || {
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../target/bench/peers_returns.json")
        },
        std::path::PathBuf::from,
    )
}

fn bench(c: &mut Criterion) {
    let path = requests_file();
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}. Make it with `python3 tests/bench/peers_gen.py` (or run `bash scripts/bench-peers.sh`)",
            path.display()
        )
    });
    let doc: serde_json::Value = serde_json::from_str(&text).expect("peers_returns.json is JSON");
    let values = doc
        .get("requests")
        .and_then(serde_json::Value::as_array)
        .expect("a `requests` list")
        .clone();
    let typed: Vec<ReturnRequest> = values
        .iter()
        .map(|v| serde_json::from_value(v.clone()).expect("a valid check_return request"))
        .collect();
    let engine = Engine::from_value(&serde_json::Value::Null).unwrap();
    let n = u64::try_from(typed.len()).unwrap();

    let mut group = c.benchmark_group("peers");
    group.throughput(Throughput::Elements(n));
    group.sample_size(20);
    // The rules alone: typed request in, typed decision (with its reasons) out.
    group.bench_function("check_return_typed", |b| {
        b.iter(|| {
            for r in &typed {
                black_box(engine.check_return(black_box(r)).unwrap());
            }
        });
    });
    // JSON value in, JSON value out (what a host binding starts from and ends with).
    group.bench_function("evaluate_value", |b| {
        b.iter(|| {
            for v in &values {
                black_box(engine.evaluate("check_return", black_box(v)).unwrap());
            }
        });
    });
    // The same, answering in the lean form (the kind's main fields and reason codes).
    group.bench_function("evaluate_value_lean", |b| {
        b.iter(|| {
            for v in &values {
                black_box(
                    engine
                        .decide("check_return", black_box(v))
                        .unwrap()
                        .to_lean_json(),
                );
            }
        });
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
