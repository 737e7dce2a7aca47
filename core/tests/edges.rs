//! Issue 18's core items: what comes in is read as meant, and what goes out stays bounded.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use kefu_core::{validate_policy, Engine};
use serde_json::{json, Value};

/// Item 12: the range in the message is the range accepted (no negative minutes).
#[test]
fn minutes_message_names_the_accepted_range() {
    let engine = Engine::from_value(&Value::Null).unwrap();
    for minutes in [-1, -10_000_001, 10_000_001] {
        let e = engine
            .evaluate(
                "add_working_time",
                &json!({"start": "2026-03-02T09:00:00+08:00", "minutes": minutes}),
            )
            .unwrap_err();
        assert_eq!(e.path.as_deref(), Some("/minutes"), "{minutes}");
        assert!(
            e.message.contains("between 0 and 10000000"),
            "{minutes}: {}",
            e.message
        );
    }
}

/// Item 7: a shop's phrase matches as validated, without the white space around it, and the
/// same phrase with and without it is a duplicate.
#[test]
fn shop_phrases_are_trimmed_for_matching() {
    let text = json!({"text": "这家垃圾店", "channel": "chat", "received_at": "2026-03-06T16:00:00+08:00"});
    for phrase in ["  垃圾店  ", "垃圾店\n", "\u{3000}垃圾店", "\t垃圾店"] {
        let policy = json!({"complaints": {"add_phrases": [
            {"phrase": phrase, "category": "anger", "weight": 3}
        ]}});
        let engine = Engine::from_value(&policy).unwrap();
        let d = engine.evaluate("classify_complaint", &text).unwrap();
        let matched = d["cues"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["phrase"] == "垃圾店");
        assert!(matched, "{phrase:?}: {}", d["cues"]);
    }
    let twice = json!({"complaints": {"add_phrases": [
        {"phrase": " 垃圾店", "category": "anger", "weight": 3},
        {"phrase": "垃圾店", "category": "anger", "weight": 3}
    ]}});
    let problems = validate_policy(&twice);
    assert!(
        problems
            .iter()
            .any(|p| p.path == "/complaints/add_phrases/1/phrase" && p.message.contains("twice")),
        "{problems:?}"
    );
}

/// Item 14: a text of a million characters (the most a policy allows) answers with a bounded
/// list of cues and says how many it leaves out; every cue still counts.
#[test]
fn cues_are_bounded_not_the_text() {
    let policy = json!({"complaints": {"max_text_chars": 1_000_000}});
    let engine = Engine::from_value(&policy).unwrap();
    let text = "垃圾".repeat(500_000);
    let d = engine
        .evaluate(
            "classify_complaint",
            &json!({"text": text, "channel": "chat", "received_at": "2026-03-06T16:00:00+08:00"}),
        )
        .unwrap();
    let shown = d["cues"].as_array().unwrap().len();
    assert_eq!(shown, kefu_core::complaints::MAX_CUES_SHOWN);
    let not_shown = d["cues_not_shown"].as_u64().unwrap();
    assert!(not_shown > 100_000, "{not_shown}");
    let bytes = serde_json::to_string(&d).unwrap().len();
    assert!(bytes < 100_000, "{bytes} bytes of JSON");
    // A short complaint lists every cue and leaves none out.
    let short = Engine::from_value(&Value::Null)
        .unwrap()
        .evaluate(
            "classify_complaint",
            &json!({"text": "垃圾，质量太差", "channel": "chat", "received_at": "2026-03-06T16:00:00+08:00"}),
        )
        .unwrap();
    assert_eq!(short["cues_not_shown"], 0);
    assert!(!short["cues"].as_array().unwrap().is_empty());
}

/// Item 9: a byte order mark at the start of JSON text (a request, a policy) is ignored, as
/// RFC 8259 §8.1 allows; one anywhere else is still not JSON.
#[test]
fn a_leading_byte_order_mark_is_ignored() {
    let engine = Engine::from_value(&Value::Null).unwrap();
    let d = engine
        .evaluate_json("is_workday", "\u{feff}{\"date\": \"2026-03-04\"}")
        .unwrap();
    assert_eq!(d["workday"], true);
    let shop = Engine::from_json("\u{feff}{\"id\": \"bom\"}").unwrap();
    assert_eq!(shop.policy_ref().id, "bom");
    assert!(kefu_core::validate_policy_json("\u{feff}{}").is_empty());
    let e = engine
        .evaluate_json("is_workday", " \u{feff}{\"date\": \"2026-03-04\"}")
        .unwrap_err();
    assert_eq!(e.code, kefu_core::ErrorCode::InvalidJson);
}

/// Issue 19: an error carries its kind, from the decoder's facts, and a Chinese message.
#[test]
fn errors_carry_their_kind_and_chinese() {
    use kefu_core::ErrorKind;
    let engine = Engine::from_value(&Value::Null).unwrap();
    let cases = [
        (
            json!({"category": "apparel", "signed_at": "2026-03-01T10:00:00+08:00", "requested_at": "2026-03-03T10:00:00+08:00"}),
            ErrorKind::MissingField,
            "/reason",
            "缺少必填字段 `reason`",
        ),
        (
            json!({"reason": "no_reason", "category": "apparel", "signed_at": "2026-03-01T10:00:00+08:00", "requested_at": "2026-03-03T10:00:00+08:00", "colour": 1}),
            ErrorKind::UnknownField,
            "/colour",
            "未知字段 `colour`",
        ),
        (
            json!({"reason": "whim", "category": "apparel", "signed_at": "2026-03-01T10:00:00+08:00", "requested_at": "2026-03-03T10:00:00+08:00"}),
            ErrorKind::UnknownVariant,
            "/reason",
            "未知取值 `whim`",
        ),
        (
            json!({"reason": "no_reason", "category": "apparel", "signed_at": 5, "requested_at": "2026-03-03T10:00:00+08:00"}),
            ErrorKind::WrongType,
            "/signed_at",
            "类型不对：收到数字 5",
        ),
        (
            json!({"reason": "no_reason", "category": "apparel", "signed_at": "2026-03-01T10:00:00+08:00", "requested_at": "2026-03-03T10:00:00+08:00", "price_paid_cents": -1}),
            ErrorKind::InvalidValue,
            "/price_paid_cents",
            "取值不被接受",
        ),
    ];
    for (request, kind, path, zh) in cases {
        let e = engine.evaluate("check_return", &request).unwrap_err();
        assert_eq!((e.kind, e.path.as_deref()), (kind, Some(path)), "{request}");
        assert!(e.message_zh.starts_with(zh), "{}", e.message_zh);
        let wire = serde_json::to_value(&e).unwrap();
        assert_eq!(wire["kind"], kind.as_str());
        assert_eq!(wire["message_zh"], e.message_zh.as_str());
    }
    // A key that looks like serde's words is the caller's, and stays one (no text is read back).
    let tricky = json!({"reason": "no_reason", "category": "apparel", "signed_at": "2026-03-01T10:00:00+08:00", "requested_at": "2026-03-03T10:00:00+08:00", "x`, expected `y": 1});
    let e = engine.evaluate("check_return", &tricky).unwrap_err();
    assert_eq!(e.kind, ErrorKind::UnknownField);
    assert_eq!(e.path.as_deref(), Some("/x`, expected `y"));
}
