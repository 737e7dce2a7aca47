//! Property tests of classify_complaint (issue 5): any text gets a decision whose cues point
//! at themselves in the text (in characters and in UTF-16 units) and never overlap.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use kefu_core::complaints::Complaint;
use kefu_core::Engine;
use proptest::prelude::*;
use serde_json::{json, Value};
use std::sync::OnceLock;

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::from_value(&Value::Null).unwrap())
}

fn complaint(text: &str) -> Complaint {
    serde_json::from_value(
        json!({ "text": text, "channel": "chat", "received_at": "2026-03-06T16:00:00+08:00" }),
    )
    .unwrap()
}

/// Pieces of real complaints, mixed with noise, so random texts hit the lexicon often.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "质量太差",
            "客服不回消息",
            "假货",
            "降价了",
            "差评",
            "12315",
            "律师",
            "过敏",
            "不是",
            "没有",
            "，",
            "！！！",
            "質量問題",
            "ＦＡＫＥ",
            "not ",
            "broken",
            "😡",
            "吗？",
            "气死我了",
            "说好的",
        ])
        .prop_map(str::to_owned),
        "\\PC{0,6}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn cues_are_spans_of_the_text(pieces in proptest::collection::vec(piece(), 0..20)) {
        let text: String = pieces.concat();
        let d = engine().classify_complaint(&complaint(&text)).unwrap();
        let chars: Vec<char> = text.chars().collect();
        let units: Vec<u16> = text.encode_utf16().collect();
        for q in d.cues.iter().chain(&d.negated) {
            prop_assert_eq!(chars[q.start..q.end].iter().collect::<String>(), q.text.clone());
            prop_assert_eq!(String::from_utf16(&units[q.start_utf16..q.end_utf16]).unwrap(), q.text.clone());
        }
        let mut spans: Vec<(usize, usize)> = d.cues.iter().chain(&d.negated).map(|q| (q.start, q.end)).collect();
        spans.sort_unstable();
        prop_assert!(spans.windows(2).all(|w| w[0].1 <= w[1].0), "cues overlap");
    }
}
