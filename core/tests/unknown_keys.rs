//! An unknown key is reported at its own path, whatever it holds: a backtick (serde quotes the
//! key between backticks in its message), a key longer than a message may be (300 characters),
//! a key that looks like serde's own wording. Every entry point agrees: `evaluate` (a JSON
//! value), `evaluate_json` (JSON text), `decide_from` (serde_path_to_error over serde_json's
//! value and text deserializers, as a host's own deserializer would be read).
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use kefu_core::{Engine, Error, ErrorCode};
use serde_json::{json, Value};

fn engine() -> Engine {
    Engine::new(kefu_core::Policy::default()).unwrap()
}

/// A good `check_return` request plus `key: 1`.
fn request_with(key: &str) -> Value {
    let mut request = json!({
        "reason": "no_reason",
        "category": "apparel",
        "signed_at": "2026-03-01T10:00:00+08:00",
        "requested_at": "2026-03-03T10:00:00+08:00"
    });
    request
        .as_object_mut()
        .unwrap()
        .insert(key.to_owned(), json!(1));
    request
}

/// The error of every entry point on `request` (its text written in sorted key order, so the
/// text decoder meets the fields in the same order as the value's).
fn errors(request: &Value) -> Vec<(&'static str, Error)> {
    let engine = engine();
    let text = serde_json::to_string(request).unwrap();
    let mut out = vec![
        (
            "evaluate",
            engine.evaluate("check_return", request).unwrap_err(),
        ),
        (
            "evaluate_json",
            engine.evaluate_json("check_return", &text).unwrap_err(),
        ),
        (
            "decide_from(&Value)",
            engine.decide_from("check_return", request).unwrap_err(),
        ),
    ];
    let mut de = serde_json::Deserializer::from_str(&text);
    out.push((
        "decide_from(text)",
        engine.decide_from("check_return", &mut de).unwrap_err(),
    ));
    out
}

fn assert_path(key: &str, path: &str) {
    let request = request_with(key);
    assert_eq!(
        request.pointer(path),
        Some(&json!(1)),
        "the test's own pointer"
    );
    for (entry, e) in errors(&request) {
        assert_eq!(e.code, ErrorCode::InvalidInput, "{entry}: {e:?}");
        assert_eq!(e.path.as_deref(), Some(path), "{entry}: {e:?}");
        assert!(
            e.message.starts_with("unknown field `"),
            "{entry}: {:?}",
            e.message
        );
        assert!(
            e.message.chars().count() <= 301,
            "{entry}: message not bounded"
        );
    }
}

#[test]
fn a_key_with_a_backtick_is_its_own_path() {
    // JSON pointer escapes only `~` and `/`.
    assert_path("a`b", "/a`b");
    assert_path("`", "/`");
    assert_path("``", "/``");
    assert_path("a`, expected `b", "/a`, expected `b");
    assert_path("x`, there are no fields", "/x`, there are no fields");
    assert_path("a`/b~c", "/a`~1b~0c");
}

#[test]
fn a_key_longer_than_a_message_is_its_own_path() {
    let key = "k".repeat(400);
    assert_path(&key, &format!("/{key}"));
    let wide = "键".repeat(400);
    assert_path(&wide, &format!("/{wide}"));
    let both = format!("{}`{}", "k".repeat(290), "k".repeat(110));
    assert_path(&both, &format!("/{both}"));
}

#[test]
fn a_key_in_a_nested_object_is_its_own_path() {
    let mut request = request_with("colour");
    request.as_object_mut().unwrap().remove("colour");
    request["condition"] = json!({"a`b": true});
    for (entry, e) in errors(&request) {
        assert_eq!(e.path.as_deref(), Some("/condition/a`b"), "{entry}: {e:?}");
    }
    let key = "z".repeat(400);
    request["condition"] = json!({ key.clone(): true });
    for (entry, e) in errors(&request) {
        assert_eq!(
            e.path.as_deref(),
            Some(format!("/condition/{key}").as_str()),
            "{entry}: {e:?}"
        );
    }
}

#[test]
fn a_key_that_reads_like_serdes_wording_is_quoted_back_unchanged() {
    // serde's "a map" / "a sequence" are rewritten for the caller, but never inside the
    // caller's own key or text.
    let request = request_with("a map");
    for (entry, e) in errors(&request) {
        assert_eq!(e.path.as_deref(), Some("/a map"), "{entry}: {e:?}");
        assert!(
            e.message.starts_with("unknown field `a map`, expected "),
            "{entry}: {:?}",
            e.message
        );
    }
    // A variant the caller wrote, between backticks; a string value, between double quotes.
    for (field, quoted) in [
        ("reason", "`a sequence of \"a map`, expected "),
        ("price_paid_cents", "\"a sequence of \\\"a map\""),
    ] {
        let mut request = request_with("colour");
        request.as_object_mut().unwrap().remove("colour");
        request[field] = json!("a sequence of \"a map");
        let e = engine().evaluate("check_return", &request).unwrap_err();
        assert_eq!(
            e.path.as_deref(),
            Some(format!("/{field}").as_str()),
            "{e:?}"
        );
        assert!(e.message.contains(quoted), "{quoted} in {:?}", e.message);
    }
}
