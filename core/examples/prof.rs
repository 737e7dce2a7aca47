//! Ad-hoc timing of the parts of a decision (`cargo run --release --example prof`); the
//! figures that count are criterion's (`scripts/bench.sh`).
#![allow(missing_docs, clippy::unwrap_used)]
use kefu_core::complaints::{reader, Complaint};
use kefu_core::Engine;
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
    let c: Complaint =
        serde_json::from_str(include_str!("../../tests/bench/complaint.json")).unwrap();
    let text = c.text.clone().unwrap();
    let lexicon = e.policy().complaints.compiled_lexicon();
    t("fold_str", || {
        std::hint::black_box(reader::fold_str(&text));
    });
    t("lexicon.read", || {
        std::hint::black_box(lexicon.read(&text));
    });
    let plain = "好".repeat(191);
    t("lexicon.read, no cue", || {
        std::hint::black_box(lexicon.read(&plain));
    });
    t("classify_complaint", || {
        std::hint::black_box(e.classify_complaint(&c).unwrap());
    });
}
