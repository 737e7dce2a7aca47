//! Fuzz targets for kefu: each is a plain function of the fuzzer's bytes, so the same body runs
//! under libFuzzer (`fuzz_targets/*.rs`, `cargo +nightly fuzz run <target> --features fuzzing`)
//! and in `cargo test -p kefu-fuzz`, which replays every file of `regressions/<target>/`.
//!
//! A target checks properties, not only that nothing panics: a decision serializes, an error
//! has a code and a JSON-pointer path, the two request decoders agree, a valid policy compiles,
//! working time added is working time measured, and so on. A violated property panics on
//! purpose (that is how libFuzzer learns of it), hence the lint allowance below.
#![allow(
    // A fuzz body reports a violated property by panicking: that is its whole point.
    clippy::panic,
    // Cheap casts between small, bounded numbers the harness chose itself.
    clippy::cast_possible_truncation
)]

use arbitrary::{Arbitrary, Unstructured};
use chrono::{DateTime, FixedOffset, Timelike, Utc};
use kefu_core::decode::parse_json;
use kefu_core::{Decision, Engine, Error, ErrorCode, Instant, Policy};
use serde_json::{json, Map, Value};
use std::sync::OnceLock;

// The Python shim's Arrow row reader, compiled from its own file (no pyo3 in it).
#[path = "../../bindings/python/src/frame/rows.rs"]
mod rows;

// The command line's row reader, compiled from its own file.
#[allow(dead_code)] // `open` and `progress` touch stdin/stderr; not fuzzed
#[path = "../../bindings/cli/src/rows.rs"]
mod cli_rows_reader;

// ── shared checks ──────────────────────────────────────────────────────────────────────────

/// The decision kinds fuzzed: core's list, without a test-only probe kind if a build has one.
pub fn kinds() -> Vec<&'static str> {
    kefu_core::KINDS
        .iter()
        .copied()
        .filter(|k| *k != "panic_probe")
        .collect()
}

fn kind_at(i: usize) -> &'static str {
    let kinds = kinds();
    kinds.get(i % kinds.len().max(1)).copied().unwrap_or("sla")
}

/// The policies the request targets decide on: the defaults, and three that push the calendar
/// to its edges (odd offsets, the 24-hour day, a one-minute day, years 1900 and 2200, no
/// built-in calendar).
pub const POLICIES: [&str; 4] = [
    "null",
    r#"{"time_zone": "-09:30", "calendar": {"working_hours": {"start": "00:00", "end": "24:00"},
        "closures": ["2026-03-02"]},
        "complaints": {"critical_tier": false, "service_lapse_coupon_cents": 0}}"#,
    r#"{"time_zone": "+14:00", "calendar": {"builtin": "none",
        "working_hours": {"start": "23:59", "end": "24:00"},
        "years": {"2199": {"holidays": [], "workdays": []}, "2200": {"holidays": [{"name": "x", "from": "2200-12-30", "to": "2200-12-31"}], "workdays": []}}}}"#,
    r#"{"time_zone": "-14:00", "calendar": {"builtin": "none", "working_hours": {"start": "09:00", "end": "09:01"},
        "years": {"1900": {"holidays": [], "workdays": ["1900-01-06"]}, "1901": {"holidays": [], "workdays": []}}}}"#,
];

/// The engine for [`POLICIES`]`[i % 4]`, compiled once.
pub fn engine(i: usize) -> &'static Engine {
    static ENGINES: OnceLock<Vec<Engine>> = OnceLock::new();
    let engines = ENGINES.get_or_init(|| {
        POLICIES
            .iter()
            .map(|p| match Engine::from_json(p) {
                Ok(e) => e,
                Err(e) => panic!("fuzz policy {p} does not compile: {e}"),
            })
            .collect()
    });
    match engines.get(i % engines.len()) {
        Some(e) => e,
        None => panic!("no engines"),
    }
}

/// RFC 6901: empty, or `/`-separated segments where `~` is only ever `~0` or `~1`.
pub fn is_json_pointer(p: &str) -> bool {
    if p.is_empty() {
        return true;
    }
    if !p.starts_with('/') {
        return false;
    }
    let mut chars = p.chars();
    while let Some(c) = chars.next() {
        if c == '~' && !matches!(chars.next(), Some('0' | '1')) {
            return false;
        }
    }
    true
}

/// Checks every decision or error must pass: a decision serializes to JSON (text and value);
/// an error is never INTERNAL (a caught panic), has a message, serializes, and its path (always
/// present for INVALID_INPUT and INVALID_JSON) is a JSON pointer.
pub fn check_result(what: &str, r: &Result<Decision, Error>) {
    match r {
        Ok(d) => {
            if let Err(e) = serde_json::to_string(d) {
                panic!("{what}: a decision does not serialize: {e}: {d:?}");
            }
            assert!(!d.to_json().is_null(), "{what}: decision as JSON is null");
        }
        Err(e) => check_error(what, e),
    }
}

/// See [`check_result`].
pub fn check_error(what: &str, e: &Error) {
    assert_ne!(e.code, ErrorCode::Internal, "{what}: internal error {e:?}");
    assert!(!e.message.is_empty(), "{what}: empty message {e:?}");
    assert!(
        e.message.chars().count() <= 301,
        "{what}: unbounded message ({} chars)",
        e.message.chars().count()
    );
    if matches!(e.code, ErrorCode::InvalidInput | ErrorCode::InvalidJson) {
        assert!(e.path.is_some(), "{what}: {} without a path: {e:?}", e.code);
    }
    if let Some(p) = &e.path {
        assert!(
            is_json_pointer(p),
            "{what}: path {p:?} is not a JSON pointer"
        );
    }
    for p in &e.problems {
        assert!(
            is_json_pointer(&p.path),
            "{what}: problem path {:?} is not a JSON pointer",
            p.path
        );
    }
    if let Err(err) = serde_json::to_string(e) {
        panic!("{what}: an error does not serialize: {err}");
    }
}

/// An INVALID_INPUT error on a JSON request names a field whose parent is in the request (a
/// missing field's object, or the bad value's container); an unknown field's path names the
/// unknown key itself, which is in the request (a key holding a backtick, or longer than a
/// message, once got a path with a piece of the key appended again).
fn check_path_in(what: &str, request: &Value, r: &Result<Decision, Error>) {
    let Err(e) = r else { return };
    if e.code != ErrorCode::InvalidInput {
        return;
    }
    let Some(path) = e.path.as_deref() else {
        return;
    };
    let parent = path
        .rfind('/')
        .map_or("", |at| path.get(..at).unwrap_or(""));
    assert!(
        request.pointer(parent).is_some(),
        "{what}: error path {path:?} has no parent in the request {request}: {e:?}"
    );
    if e.message.starts_with("unknown field `") {
        assert!(
            request.pointer(path).is_some(),
            "{what}: an unknown field's path {path:?} is not in the request {request}: {e:?}"
        );
    }
}

/// serde_json's text deserializer adds " at line L column C" to its messages; kefu bounds a
/// message to 300 characters, which may cut that suffix. Equal but for those.
fn same_message(from_value: &str, from_text: &str) -> bool {
    if from_value == from_text {
        return true;
    }
    if let Some(at) = from_text.rfind(" at line ") {
        let tail = from_text.get(at + " at line ".len()..).unwrap_or("");
        let mut parts = tail.split(" column ");
        let digits = |s: Option<&str>| {
            s.is_some_and(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
        };
        if digits(parts.next()) && digits(parts.next()) && from_text.get(..at) == Some(from_value) {
            return true;
        }
    }
    match from_text.strip_suffix('…') {
        Some(cut) => cut.starts_with(from_value.trim_end_matches('…')),
        None => false,
    }
}

/// How JSON text orders its keys: `(duplicates, unsorted)`, whether some object has a key
/// twice (a `Value` keeps the last; a typed decoder reading the text refuses the duplicate),
/// and whether some object's keys are not in sorted order (a `Value`'s map is sorted, so its
/// decoder meets the fields in another order than the text's, and of several bad fields may
/// name another first). Both are known, intended differences.
fn key_order(text: &str) -> (bool, bool) {
    struct Keys(bool, bool);
    impl<'de> serde::Deserialize<'de> for Keys {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Keys, D::Error> {
            struct V;
            impl<'de> serde::de::Visitor<'de> for V {
                type Value = Keys;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("JSON")
                }
                fn visit_bool<E>(self, _: bool) -> Result<Keys, E> {
                    Ok(Keys(false, false))
                }
                fn visit_i64<E>(self, _: i64) -> Result<Keys, E> {
                    Ok(Keys(false, false))
                }
                fn visit_u64<E>(self, _: u64) -> Result<Keys, E> {
                    Ok(Keys(false, false))
                }
                fn visit_f64<E>(self, _: f64) -> Result<Keys, E> {
                    Ok(Keys(false, false))
                }
                fn visit_str<E>(self, _: &str) -> Result<Keys, E> {
                    Ok(Keys(false, false))
                }
                fn visit_unit<E>(self) -> Result<Keys, E> {
                    Ok(Keys(false, false))
                }
                fn visit_seq<A: serde::de::SeqAccess<'de>>(
                    self,
                    mut a: A,
                ) -> Result<Keys, A::Error> {
                    let mut out = Keys(false, false);
                    while let Some(Keys(d, u)) = a.next_element()? {
                        out.0 |= d;
                        out.1 |= u;
                    }
                    Ok(out)
                }
                fn visit_map<A: serde::de::MapAccess<'de>>(
                    self,
                    mut a: A,
                ) -> Result<Keys, A::Error> {
                    let mut out = Keys(false, false);
                    let mut seen = std::collections::HashSet::new();
                    let mut last: Option<String> = None;
                    while let Some((k, Keys(d, u))) = a.next_entry::<String, Keys>()? {
                        out.0 |= d | !seen.insert(k.clone());
                        out.1 |= u | last.as_ref().is_some_and(|l| *l >= k);
                        last = Some(k);
                    }
                    Ok(out)
                }
            }
            d.deserialize_any(V)
        }
    }
    serde_json::from_str::<Keys>(text).map_or((true, true), |k| (k.0, k.1))
}

/// The two request decoders agree on `request`: kefu's tracking deserializer (`decide`) and
/// serde_path_to_error over serde_json's `&Value` deserializer (`decide_from`) give the same
/// decision or the same error; and so does serde_path_to_error over serde_json's text
/// deserializer (as napi's or any host's own), but for the position serde_json adds to its
/// messages. Returns `decide`'s answer.
fn decoders_agree(
    engine: &Engine,
    kind: &str,
    request: &Value,
    text: Option<&str>,
) -> Result<Decision, Error> {
    let ours = engine.decide(kind, request);
    check_result(kind, &ours);
    check_path_in(kind, request, &ours);
    let theirs = engine.decide_from(kind, request);
    check_result(kind, &theirs);
    if !request.is_object() {
        // `decide` refuses a non-object before decoding, with its own message.
        let (a, b) = (ours.as_ref().err(), theirs.as_ref().err());
        assert_eq!(
            a.map(|e| (e.code, &e.path)),
            b.map(|e| (e.code, &e.path)),
            "{kind}: decoders disagree on the non-object {request}"
        );
        return ours;
    }
    // serde_json's errors are known by their text only: the Chinese message is kefu's own
    // decoders' (built from facts), so it is not compared.
    let same = |r: &Result<Decision, Error>| {
        r.as_ref()
            .map_err(|e| (e.code, e.kind, e.message.clone(), e.path.clone()))
            .cloned()
    };
    assert_eq!(
        same(&ours),
        same(&theirs),
        "{kind}: decoders disagree on {request}"
    );
    // Without text, the value is written as text and the text decoder is held to the value
    // that text reads back as: serde_json (without its `float_roundtrip` feature) may read a
    // float it wrote one unit in the last place off (1.0588329454705579e-22 reads back as
    // 1.058832945470558e-22), so the original value can differ from its own text.
    let owned;
    let reread;
    let (text, reference) = match text {
        Some(t) => (t, &ours),
        None => {
            owned = serde_json::to_string(request).unwrap_or_default();
            let Ok(again) = serde_json::from_str::<Value>(&owned) else {
                return ours;
            };
            reread = engine.decide(kind, &again);
            (owned.as_str(), &reread)
        }
    };
    let (duplicates, unsorted) = key_order(text);
    if duplicates {
        return ours;
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let from_text = engine.decide_from(kind, &mut de);
    check_result(kind, &from_text);
    match (reference, &from_text) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "{kind}: text decoder decides otherwise on {text}"),
        (Err(a), Err(b)) if unsorted => assert_eq!(a.code, b.code, "{kind}: {text}"),
        (Err(a), Err(b))
            if a.message.contains(", expected string or map")
                || a.message.contains(", expected map with a single key") =>
        {
            // An enum of the wrong shape: serde_json's text deserializer reads it its own way,
            // unlike its `&Value` deserializer, which kefu's tracking decoder follows: a number
            // is "expected value at line 1 column 9", and of a map with several keys it takes
            // the first as the variant and reads on into its value. Same code; the text
            // decoder's path is the enum's or inside it.
            let inside = match (&a.path, &b.path) {
                (Some(pa), Some(pb)) => pb.starts_with(pa.as_str()),
                (pa, pb) => pa == pb,
            };
            assert!(
                a.code == b.code && inside,
                "{kind}: text decoder errs elsewhere on {text}: {a:?} vs {b:?}"
            );
        }
        (Err(a), Err(b)) => {
            assert_eq!(
                (a.code, &a.path),
                (b.code, &b.path),
                "{kind}: text decoder errs elsewhere on {text}: {a:?} vs {b:?}"
            );
            assert!(
                same_message(&a.message, &b.message),
                "{kind}: text decoder's message differs on {text}: {:?} vs {:?}",
                a.message,
                b.message
            );
        }
        (a, b) => panic!("{kind}: value and text decoders disagree on {text}: {a:?} vs {b:?}"),
    }
    ours
}

// ── policy ─────────────────────────────────────────────────────────────────────────────────

/// `policy`: bytes as UTF-8 text, read as a policy three ways. Checks that
/// `validate_policy_json` finds no problem exactly when `Engine::from_json` compiles the text
/// (a validator that passes what the engine refuses, or the reverse, misleads the desk's
/// policy panel and `kefu validate-policy`), except for `null`, which the engine reads as the
/// defaults; that every problem has a JSON-pointer path; that `Policy::from_json` agrees; and
/// that a compiled policy's hash is stable: the same from the engine, from the policy, and
/// after the canonical JSON is compiled again (which must itself be valid).
pub fn policy(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let problems = kefu_core::validate_policy_json(text);
    for p in &problems {
        assert!(is_json_pointer(&p.path), "problem path {:?}", p.path);
    }
    let parsed = Policy::from_json(text);
    assert_eq!(
        parsed.is_ok(),
        problems.is_empty(),
        "Policy::from_json vs validate"
    );
    let engine = Engine::from_json(text);
    let is_null = matches!(parse_json(text), Ok(Value::Null));
    match &engine {
        Ok(e) => {
            assert!(
                problems.is_empty() || is_null,
                "the engine compiles a policy with problems {problems:?}"
            );
            let hash = e.policy_hash().to_owned();
            assert_eq!(hash, e.policy().hash(), "engine hash vs policy hash");
            assert_eq!(hash.len(), 16, "hash {hash}");
            match Engine::from_value(&e.policy().to_value()) {
                Ok(again) => assert_eq!(again.policy_hash(), hash, "hash after round trip"),
                Err(err) => panic!("the canonical policy does not compile again: {err:?}"),
            }
            if let Ok(p) = &parsed {
                assert_eq!(p.hash(), hash, "Policy::from_json hash vs engine hash");
            }
        }
        Err(err) => {
            check_error("policy", err);
            assert!(
                !problems.is_empty() || text.len() > kefu_core::decode::MAX_JSON_BYTES,
                "validate finds no problem, the engine refuses: {err:?}"
            );
            assert!(
                matches!(err.code, ErrorCode::InvalidPolicy),
                "engine error code {err:?}"
            );
        }
    }
}

// ── request (JSON text) ────────────────────────────────────────────────────────────────────

/// `request`: the first byte picks a kind (`KINDS[b % 10]`) and one of [`POLICIES`]
/// (`b / 10 % 4`); the rest is JSON text. Checks `decide_json` (a decision serializes, an error
/// has a code and a pointer path, malformed text is INVALID_JSON, never INTERNAL), and that
/// both decoders agree on the parsed value and on the text itself (see [`decoders_agree`]).
pub fn request(data: &[u8]) {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let n = kinds().len();
    let kind = kind_at(usize::from(first));
    let engine = engine(usize::from(first) / n);
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let by_text = engine.decide_json(kind, text);
    check_result(kind, &by_text);
    match parse_json(text) {
        Ok(value) => {
            let by_value = decoders_agree(engine, kind, &value, Some(text));
            assert_eq!(by_text, by_value, "{kind}: decide_json vs decide");
        }
        Err(_) => {
            let code = by_text.as_ref().err().map(|e| e.code);
            assert_eq!(code, Some(ErrorCode::InvalidJson), "{kind}: {text:?}");
        }
    }
}

// ── request_value (structured) ─────────────────────────────────────────────────────────────

const CASES: [&str; 12] = [
    include_str!("../../tests/cases/calendar_add_working_time.json"),
    include_str!("../../tests/cases/calendar_between.json"),
    include_str!("../../tests/cases/calendar_is_workday.json"),
    include_str!("../../tests/cases/complaints.json"),
    include_str!("../../tests/cases/dispatch_estimate.json"),
    include_str!("../../tests/cases/orders_action.json"),
    include_str!("../../tests/cases/orders_flag.json"),
    include_str!("../../tests/cases/refund_timeline.json"),
    include_str!("../../tests/cases/returns_errors.json"),
    include_str!("../../tests/cases/returns_no_reason.json"),
    include_str!("../../tests/cases/returns_seller_fault.json"),
    include_str!("../../tests/cases/sla.json"),
];

/// What the shared cases give the structured target: object inputs by kind, every field name
/// and every string value they use.
pub struct Templates {
    /// `(kind, input)` of every case whose input is an object.
    pub inputs: Vec<(String, Value)>,
    /// Every object key in any input.
    pub keys: Vec<String>,
    /// Every string value in any input (enum words, instants, dates).
    pub words: Vec<String>,
}

/// The shared cases (`tests/cases/*.json`, compiled in), read once.
pub fn templates() -> &'static Templates {
    static T: OnceLock<Templates> = OnceLock::new();
    T.get_or_init(|| {
        let mut t = Templates {
            inputs: Vec::new(),
            keys: Vec::new(),
            words: Vec::new(),
        };
        fn walk(v: &Value, t: &mut Templates) {
            match v {
                Value::Object(m) => {
                    for (k, c) in m {
                        if !t.keys.contains(k) {
                            t.keys.push(k.clone());
                        }
                        walk(c, t);
                    }
                }
                Value::Array(items) => items.iter().for_each(|c| walk(c, t)),
                Value::String(s) if s.len() < 64 && !t.words.contains(s) => t.words.push(s.clone()),
                _ => {}
            }
        }
        for suite in CASES {
            let Ok(suite) = serde_json::from_str::<Value>(suite) else {
                continue;
            };
            let kind = suite
                .get("kind")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned();
            for case in suite
                .get("cases")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if let Some(input) = case.get("input").filter(|i| i.is_object()) {
                    walk(input, &mut t);
                    t.inputs.push((kind.clone(), input.clone()));
                }
            }
        }
        t
    })
}

/// Instants and dates at the edges: chrono's range, year 0 and 9999 with the widest offsets,
/// leap seconds, the calendar's first and last years, lower case, spaces, bad days.
const EDGE_TIMES: &[&str] = &[
    "+262143-12-31T23:59:59Z",
    "-262143-01-01T00:00:00Z",
    "0000-01-01T00:00:00-23:59",
    "0000-01-01T00:00:00+23:59",
    "9999-12-31T23:59:59-23:59",
    "9999-12-31T23:59:60+23:59",
    "9999-12-31T23:59:59.999999999-23:59",
    "2026-03-01T23:59:60Z",
    "2026-06-30T23:59:60+08:00",
    "2026-12-31T23:59:60.999999999-14:00",
    "2026-03-01T10:00:00.000000001+08:00",
    "2026-03-01t10:00:00z",
    "2026-03-01 10:00:00+08:00",
    "2026-02-29T00:00:00Z",
    "2004-01-01T00:00:00+14:00",
    "2003-12-31T23:59:59-14:00",
    "2026-12-31T23:59:59-12:00",
    "2027-01-01T00:00:00+14:00",
    "1900-01-01T00:00:00+14:00",
    "2200-12-31T23:59:59-14:00",
    "2026-03-01T24:00:00+08:00",
    "2026-03-01T10:00:00+24:00",
    "2026-03-01",
    "0000-01-01",
    "9999-12-31",
    "2026-02-30",
    "+10000-01-01",
    "",
    "\u{0}",
];

/// A value to put somewhere in a request.
pub(crate) fn leaf(u: &mut Unstructured, depth: u32) -> arbitrary::Result<Value> {
    let t = templates();
    Ok(match u.int_in_range(0..=15u8)? {
        0 => Value::Null,
        1 => Value::Bool(u.arbitrary()?),
        2 => json!(*u.choose(&[
            i64::MIN,
            i64::MAX,
            -1,
            0,
            1,
            2,
            59,
            60,
            570,
            1 << 31,
            1 << 32,
            1 << 53,
            (1 << 53) + 1,
            -(1 << 53),
            i64::from(u32::MAX),
            i64::from(i32::MIN),
        ])?),
        3 => json!(*u.choose(&[u64::MAX, u64::MAX - 1, 1 << 63])?),
        4 => {
            let f = *u.choose(&[
                1e308,
                -1e308,
                -0.0,
                0.5,
                1.5,
                -1.5,
                5e-324,
                f64::MAX,
                f64::MIN,
                9_007_199_254_740_993.0,
                1e19,
                -9.3e18,
                0.1 + 0.2,
                2.5e-7,
            ])?;
            serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)
        }
        5 => {
            let f: f64 = u.arbitrary()?;
            serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)
        }
        6 => json!(u.arbitrary::<i64>()?),
        7 => Value::String((*u.choose(EDGE_TIMES)?).to_owned()),
        8 => Value::String(synth_time(u)?),
        9 | 10 => Value::String(u.choose(&t.words)?.clone()),
        11 => Value::String(u.arbitrary::<String>()?),
        12 => {
            let unit = *u.choose(&["退", "x", "é", "𝄞", "\u{0}", "不是", "12315 ", "~/"])?;
            Value::String(unit.repeat(u.int_in_range(0..=25_000usize)?))
        }
        13 if depth < 4 => {
            let n = u.int_in_range(0..=3)?;
            let mut items = Vec::with_capacity(n);
            for _ in 0..n {
                items.push(leaf(u, depth + 1)?);
            }
            Value::Array(items)
        }
        14 if depth < 4 => {
            let n = u.int_in_range(0..=3)?;
            let mut m = Map::new();
            for _ in 0..n {
                m.insert(key(u)?, leaf(u, depth + 1)?);
            }
            Value::Object(m)
        }
        _ => Value::String(u.choose(&t.words)?.clone()),
    })
}

/// An RFC 3339-shaped instant (or date) from parts, some out of range.
fn synth_time(u: &mut Unstructured) -> arbitrary::Result<String> {
    let year = match u.int_in_range(0..=2u8)? {
        0 => *u.choose(&[
            0, 1, 1899, 1900, 1901, 2003, 2004, 2026, 2027, 2199, 2200, 2201, 9999,
        ])?,
        1 => u.int_in_range(2004..=2026)?,
        _ => u.int_in_range(0..=9999)?,
    };
    let (mo, d) = (u.int_in_range(0..=13u32)?, u.int_in_range(0..=32u32)?);
    if u.ratio(1, 6)? {
        return Ok(format!("{year:04}-{mo:02}-{d:02}"));
    }
    let (h, mi, s) = (
        u.int_in_range(0..=24u32)?,
        u.int_in_range(0..=60u32)?,
        u.int_in_range(0..=60u32)?,
    );
    let frac = match u.int_in_range(0..=3u8)? {
        0 => String::new(),
        1 => format!(".{:03}", u.int_in_range(0..=999u32)?),
        2 => format!(".{:09}", u.int_in_range(0..=999_999_999u32)?),
        _ => String::from(".9999999999999"),
    };
    let off = match u.int_in_range(0..=3u8)? {
        0 => String::from("Z"),
        1 => String::from("+08:00"),
        _ => {
            let sign = if u.arbitrary()? { '+' } else { '-' };
            format!(
                "{sign}{:02}:{:02}",
                u.int_in_range(0..=24u32)?,
                u.int_in_range(0..=60u32)?
            )
        }
    };
    Ok(format!(
        "{year:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}{frac}{off}"
    ))
}

pub(crate) fn key(u: &mut Unstructured) -> arbitrary::Result<String> {
    Ok(match u.int_in_range(0..=5u8)? {
        0 => u.arbitrary::<String>()?,
        1 => (*u.choose(&["", "a/b", "~0", "~", "~1/~", "__proto__", "a.b", "\u{0}"])?).to_owned(),
        _ => u.choose(&templates().keys)?.clone(),
    })
}

/// Every JSON pointer in `v` (the root included).
fn pointers(v: &Value, at: &mut String, out: &mut Vec<String>) {
    out.push(at.clone());
    let len = at.len();
    match v {
        Value::Object(m) => {
            for (k, c) in m {
                at.push('/');
                at.push_str(&k.replace('~', "~0").replace('/', "~1"));
                pointers(c, at, out);
                at.truncate(len);
            }
        }
        Value::Array(items) => {
            for (i, c) in items.iter().enumerate() {
                at.push('/');
                at.push_str(&i.to_string());
                pointers(c, at, out);
                at.truncate(len);
            }
        }
        _ => {}
    }
}

/// What to do to a request.
#[derive(Arbitrary, Debug)]
enum Op {
    /// Replace a value (the whole request included).
    Replace,
    /// Add a key to an object, or an item to a list.
    Insert,
    /// Remove a key or an item.
    Remove,
}

/// `request_value`: a structured request built with `arbitrary`: a shared case's input for a
/// kind chosen from the bytes (or a fresh object of real field names), then up to six edits,
/// each replacing, adding or removing a value somewhere in it, with values that hurt: wrong
/// types, `i64::MIN`, `u64::MAX`, `1e308`, `-0.0`, long strings, instants at the edges of
/// chrono's range, year 0 with a -23:59 offset, leap seconds. Checks that both decoders agree
/// (on the value and on its JSON text) and the checks of every decision and error.
pub fn request_value(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let Ok(build) = build_request(&mut u) else {
        return;
    };
    let (kind, engine_i, request) = build;
    let _ = decoders_agree(engine(engine_i), kind, &request, None);
}

/// A kind, a policy index (both from the bytes) and the shared-case inputs of that kind.
pub(crate) fn kind_and_templates(
    u: &mut Unstructured,
) -> arbitrary::Result<(&'static str, usize, Vec<&'static Value>)> {
    let kind = kind_at(u.int_in_range(0..=255u8)?.into());
    let engine_i = usize::from(u.int_in_range(0..=3u8)?);
    let of_kind = templates()
        .inputs
        .iter()
        .filter(|(k, _)| k == kind)
        .map(|(_, v)| v)
        .collect();
    Ok((kind, engine_i, of_kind))
}

fn build_request(u: &mut Unstructured) -> arbitrary::Result<(&'static str, usize, Value)> {
    let (kind, engine_i, of_kind) = kind_and_templates(u)?;
    let mut request = if of_kind.is_empty() || u.ratio(1, 8)? {
        let mut m = Map::new();
        for _ in 0..u.int_in_range(0..=5)? {
            m.insert(key(u)?, leaf(u, 1)?);
        }
        Value::Object(m)
    } else {
        (*u.choose(&of_kind)?).clone()
    };
    for _ in 0..u.int_in_range(1..=6)? {
        mutate(u, &mut request)?;
    }
    Ok((kind, engine_i, request))
}

/// One edit somewhere in `request`: replace, add or remove a value.
pub(crate) fn mutate(u: &mut Unstructured, request: &mut Value) -> arbitrary::Result<()> {
    let mut all = Vec::new();
    pointers(request, &mut String::new(), &mut all);
    let at = u.choose(&all)?.clone();
    match u.arbitrary::<Op>()? {
        Op::Replace => {
            let v = leaf(u, 0)?;
            if let Some(slot) = request.pointer_mut(&at) {
                *slot = v;
            }
        }
        Op::Insert => {
            let (k, v) = (key(u)?, leaf(u, 1)?);
            match request.pointer_mut(&at) {
                Some(Value::Object(m)) => {
                    m.insert(k, v);
                }
                Some(Value::Array(items)) => items.push(v),
                _ => {}
            }
        }
        Op::Remove => {
            let Some(cut) = at.rfind('/') else {
                return Ok(());
            };
            let (parent, last) = (at.get(..cut).unwrap_or(""), at.get(cut + 1..).unwrap_or(""));
            let last = last.replace("~1", "/").replace("~0", "~");
            match request.pointer_mut(parent) {
                Some(Value::Object(m)) => {
                    m.remove(&last);
                }
                Some(Value::Array(items)) => {
                    if let Ok(i) = last.parse::<usize>() {
                        if i < items.len() {
                            items.remove(i);
                        }
                    }
                }
                _ => {}
            }
        }
    }
    Ok(())
}

// ── complaint_text ─────────────────────────────────────────────────────────────────────────

/// `complaint_text`: the first byte picks a channel, structured facts and (top three bits
/// set) a lexicon of the policy's own made from the text's first line; the rest, as lossy
/// UTF-8, is the complaint's text. Checks every cue and negated phrase: its character span lies inside the
/// text, the text there is the cue's `text` (so byte offsets computed from it fall on char
/// boundaries), and its UTF-16 span is the same span counted in UTF-16 units, as JavaScript
/// indexes strings; text past `max_text_chars` is INVALID_INPUT at `/text`.
pub fn complaint_text(data: &[u8]) {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest).into_owned();
    let channels = ["chat", "phone", "email", "social_media", "in_person"];
    let channel = channels
        .get(usize::from(flags % 5))
        .copied()
        .unwrap_or("chat");
    let mut request = json!({
        "text": text, "channel": channel, "received_at": "2026-03-06T16:00:00+08:00",
    });
    if flags & 0x08 != 0 {
        if let Value::Object(m) = &mut request {
            m.insert("loss_cents".into(), json!(150_000));
            m.insert("threatens_publicity".into(), json!(true));
            m.insert("previous_complaints".into(), json!(2));
        }
    }
    if flags & 0x10 != 0 {
        if let Value::Object(m) = &mut request {
            m.insert("health_or_safety".into(), json!(true));
            m.insert("harm".into(), json!("mental"));
        }
    }
    let custom;
    // One input in eight (top three bits set) compiles a policy of its own: compiling costs
    // a millisecond, and at one in two the target ran at 146 inputs a second.
    let engine = if flags & 0xE0 == 0xE0 {
        let cats = [
            "quality",
            "service",
            "price",
            "integrity",
            "grumble",
            "anger",
            "publicity",
            "extreme",
            "legal",
            "regulator",
            "safety",
            "harm",
        ];
        let phrases: Vec<Value> = text
            .lines()
            .next()
            .unwrap_or("")
            .split('|')
            .take(8)
            .enumerate()
            .map(|(i, p)| {
                json!({"phrase": p, "category": cats.get(i % cats.len()), "weight": 1 + i % 3})
            })
            .collect();
        let policy = json!({"complaints": {
            "builtin_lexicon": flags & 0x08 != 0, "add_phrases": phrases,
            "remove_phrases": ["质量问题"],
        }});
        match Engine::from_value(&policy) {
            Ok(e) => {
                custom = e;
                &custom
            }
            Err(_) => engine(0),
        }
    } else {
        engine(usize::from(flags >> 5 & 1))
    };
    let r = engine.decide("classify_complaint", &request);
    check_result("classify_complaint", &r);
    let chars: Vec<char> = text.chars().collect();
    let max = engine.policy().complaints.max_text_chars.0 as usize;
    let d = match r {
        Ok(Decision::Complaint(d)) => d,
        Ok(other) => panic!("not a complaint decision: {other:?}"),
        Err(e) => {
            assert!(
                chars.len() > max,
                "a complaint of {} chars refused: {e:?}",
                chars.len()
            );
            assert_eq!(e.path.as_deref(), Some("/text"), "{e:?}");
            return;
        }
    };
    assert!(
        chars.len() <= max,
        "a complaint of {} chars read",
        chars.len()
    );
    // Byte offset and UTF-16 offset of every char index.
    let mut bytes = Vec::with_capacity(chars.len() + 1);
    let mut utf16 = Vec::with_capacity(chars.len() + 1);
    let (mut b, mut w) = (0, 0);
    for c in &chars {
        bytes.push(b);
        utf16.push(w);
        b += c.len_utf8();
        w += c.len_utf16();
    }
    bytes.push(b);
    utf16.push(w);
    for cue in d.cues.iter().chain(&d.negated) {
        assert!(
            cue.start < cue.end && cue.end <= chars.len(),
            "cue span {}..{} in {} chars",
            cue.start,
            cue.end,
            chars.len()
        );
        let (Some(&bs), Some(&be)) = (bytes.get(cue.start), bytes.get(cue.end)) else {
            panic!("cue span outside the text");
        };
        assert!(text.is_char_boundary(bs) && text.is_char_boundary(be));
        assert_eq!(
            text.get(bs..be),
            Some(cue.text.as_str()),
            "cue text vs span"
        );
        assert_eq!(
            (utf16.get(cue.start), utf16.get(cue.end)),
            (Some(&cue.start_utf16), Some(&cue.end_utf16)),
            "UTF-16 span of {:?}",
            cue.text
        );
    }
}

// ── calendar ───────────────────────────────────────────────────────────────────────────────

/// An instant from the bytes: mostly within the calendar's years, sometimes anywhere in i64
/// seconds or within a day of chrono's first and last instants; nanoseconds including leap
/// seconds; an offset in whole minutes (all RFC 3339 can write) up to ±23:59.
fn instant(u: &mut Unstructured) -> arbitrary::Result<Option<Instant>> {
    let max = DateTime::<Utc>::MAX_UTC.timestamp();
    let min = DateTime::<Utc>::MIN_UTC.timestamp();
    let mut secs = match u.int_in_range(0..=4u8)? {
        0 | 1 => u.int_in_range(1_072_915_200..=1_798_761_599i64)?, // 2004–2026
        2 => u.arbitrary::<i64>()?,
        3 => max - u.int_in_range(0..=200_000i64)?,
        _ => min + u.int_in_range(0..=200_000i64)?,
    };
    let nanos = match u.int_in_range(0..=3u8)? {
        0 => 0,
        1 => u.int_in_range(0..=999_999_999u32)?,
        2 => {
            // A leap second follows 23:59:59 UTC (kefu refuses `:60` anywhere else).
            secs = secs
                .saturating_sub(secs.rem_euclid(86_400))
                .saturating_add(86_399);
            u.int_in_range(1_000_000_000..=1_999_999_999u32)?
        }
        _ => u.int_in_range(0..=999u32)? * 1_000_000,
    };
    let offset_minutes = match u.int_in_range(0..=3u8)? {
        0 => 480,
        1 => *u.choose(&[0, -1439, 1439, 840, -840, -570])?,
        _ => u.int_in_range(-1439..=1439i32)?,
    };
    let Some(tz) = FixedOffset::east_opt(offset_minutes * 60) else {
        return Ok(None);
    };
    Ok(DateTime::from_timestamp(secs, nanos).map(|t| Instant(t.with_timezone(&tz))))
}

/// `x` to the whole second (a leap second stays a leap second), as `format_in` writes it.
fn whole_seconds(x: Instant) -> Option<Instant> {
    let ns = x.0.nanosecond();
    x.0.with_nanosecond(ns / 1_000_000_000 * 1_000_000_000)
        .map(Instant)
}

/// Text an instant is written as reads back as that instant, with its offset.
fn round_trip(x: Instant, tz: FixedOffset) {
    use chrono::Datelike;
    let year_in = |tz: FixedOffset| x.0.naive_utc().checked_add_offset(tz).map(|l| l.year());
    if year_in(*x.0.offset()).is_some_and(|y| (0..=9999).contains(&y)) {
        let text = x.to_string();
        match Instant::parse(&text) {
            Ok(back) => {
                assert_eq!(back, x, "{text}");
                assert_eq!(back.0.offset(), x.0.offset(), "{text}");
            }
            Err(e) => panic!("{text} does not read back: {e}"),
        }
    }
    if year_in(tz).is_some_and(|y| (0..=9999).contains(&y)) {
        let text = x.format_in(tz);
        match Instant::parse(&text) {
            Ok(back) => {
                assert_eq!(Some(back), whole_seconds(x), "format_in {text} of {x}");
                assert_eq!(*back.0.offset(), tz, "{text}");
            }
            Err(e) => panic!("format_in {text} does not read back: {e}"),
        }
    }
}

/// `calendar`: instants from arbitrary seconds, nanoseconds (leap seconds too) and offsets,
/// on the four [`POLICIES`]. Checks that `add_working_time(start, m)` then
/// `working_minutes_between(start, result)` gives `m` back, the result is not before start,
/// and negative minutes are refused; that `working_minutes_between` is antisymmetric; that
/// instants near chrono's limits give errors, never a panic or an overflow; that
/// `add_working_days` lands on a working day; that an instant written (`Display`, `format_in`)
/// reads back as itself, and text `Instant::parse` accepts does too; and that the same calls
/// through `decide` agree with the direct ones.
pub fn calendar(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let Ok(parts) = calendar_parts(&mut u) else {
        return;
    };
    let (engine_i, a, b, minutes, days) = parts;
    let engine = engine(engine_i);
    let cal = engine.calendar();
    let tz = cal.tz();
    let text = String::from_utf8_lossy(u.take_rest()).into_owned();
    if let Ok(x) = Instant::parse(&text) {
        round_trip(x, tz);
    }
    let (Some(a), Some(b)) = (a, b) else { return };
    round_trip(a, tz);
    round_trip(b, tz);

    let added = engine.add_working_time(a, minutes);
    match &added {
        Ok(end) => {
            assert!(minutes >= 0, "negative minutes {minutes} accepted");
            assert!(
                *end >= a,
                "{a} + {minutes} working minutes = {end}, earlier"
            );
            if minutes == 0 {
                assert_eq!(*end, a);
            }
            if let Ok(back) = engine.working_minutes_between(a, *end) {
                assert_eq!(back, minutes, "{a} + {minutes} = {end}, measured {back}");
            }
        }
        Err(e) => {
            check_error("add_working_time", e);
            assert!(
                matches!(
                    e.code,
                    ErrorCode::InvalidInput | ErrorCode::CalendarYearUnknown
                ),
                "{e:?}"
            );
        }
    }
    let ab = engine.working_minutes_between(a, b);
    let ba = engine.working_minutes_between(b, a);
    match (&ab, &ba) {
        (Ok(x), Ok(y)) => assert_eq!(*x, -*y, "between {a} and {b}"),
        (Err(e), _) | (_, Err(e)) => {
            check_error("working_minutes_between", e);
            assert_eq!(e.code, ErrorCode::CalendarYearUnknown, "{e:?}");
        }
    }
    let date = a.date_in(tz);
    match engine.is_workday(kefu_core::Date(date)) {
        Ok(_) => {
            if let Ok(later) = cal.add_working_days(date, days) {
                assert!(later >= date, "{date} + {days} working days = {later}");
                if days > 0 {
                    assert_eq!(cal.is_workday(later).ok(), Some(true), "{later}");
                }
            }
        }
        Err(e) => {
            check_error("is_workday", &e);
            assert_eq!(e.code, ErrorCode::CalendarYearUnknown, "{e:?}");
            assert!(cal.add_working_days(date, days).is_err());
        }
    }
    // The same through `decide`, as hosts call them.
    let start = a.to_string();
    let r = engine.decide(
        "add_working_time",
        &json!({"start": start, "minutes": minutes}),
    );
    check_result("add_working_time", &r);
    if Instant::parse(&start).is_ok() {
        if let (Ok(Decision::At(d)), Ok(end)) = (&r, &added) {
            assert_eq!(d.at, end.format_in(tz), "decide vs add_working_time");
        }
        let r = engine.decide(
            "working_minutes_between",
            &json!({"from": start, "to": b.to_string()}),
        );
        check_result("working_minutes_between", &r);
        if let (Ok(Decision::Minutes(d)), Ok(x)) = (&r, &ab) {
            assert_eq!(&d.minutes, x, "decide vs working_minutes_between");
        }
    }
    let r = engine.decide("is_workday", &json!({"date": kefu_core::time::ymd(date)}));
    check_result("is_workday", &r);
}

type CalendarParts = (usize, Option<Instant>, Option<Instant>, i64, u32);

fn calendar_parts(u: &mut Unstructured) -> arbitrary::Result<CalendarParts> {
    let engine_i = usize::from(u.int_in_range(0..=3u8)?);
    let a = instant(u)?;
    let b = instant(u)?;
    let minutes = match u.int_in_range(0..=4u8)? {
        0 | 1 => u.int_in_range(0..=5_000i64)?,
        2 => u.int_in_range(0..=20_000_000i64)?,
        3 => *u.choose(&[i64::MAX, i64::MIN, -1, i64::MAX / 60, i64::MAX / 60 + 1])?,
        _ => u.arbitrary::<i64>()?,
    };
    let days = match u.int_in_range(0..=2u8)? {
        0 => u.int_in_range(0..=30u32)?,
        1 => u.int_in_range(0..=20_000u32)?,
        _ => u.arbitrary::<u32>()?,
    };
    Ok((engine_i, a, b, minutes, days))
}

// ── arrow_rows ─────────────────────────────────────────────────────────────────────────────

mod arrow_gen;

/// `arrow_rows`: an arbitrary Arrow record batch (utf8, large utf8, utf8 view, every integer
/// width, float32/64 with NaN and infinities, bool, null, struct, list, large list, nulls at
/// every level; column names from the real request fields, dotted, nested, or anything), each
/// row decided with `Engine::decide_from(kind, Row::new(&batch, row))` through the Python
/// shim's own row reader (`bindings/python/src/frame/rows.rs`). Checks that no row panics,
/// every decision and error passes the usual checks, and that a row that decides gives the
/// same decision as the same row written as a JSON object (when the row has no duplicate
/// column names and no NaN or infinity, which JSON cannot hold).
pub fn arrow_rows(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let Ok((kind, engine_i, batch)) = arrow_gen::batch(&mut u) else {
        return;
    };
    let engine = engine(engine_i);
    for row in 0..batch.num_rows() {
        let r = engine.decide_from(kind, rows::Row::new(&batch, row));
        check_result(kind, &r);
        if let (Ok(d), Some(value)) = (&r, arrow_gen::row_json(&batch, row)) {
            if let Ok(again) = engine.decide(kind, &value) {
                assert_eq!(*d, again, "{kind}: Arrow row vs JSON {value}");
            }
        }
    }
}

// ── cli_rows ───────────────────────────────────────────────────────────────────────────────

/// `cli_rows`: the command line's row reader (`bindings/cli/src/rows.rs`). The first byte
/// picks JSON Lines or CSV, a kind and a policy; the rest is the input file. Checks that every
/// row read becomes a request or an error in its place (never a panic), that JSON Lines gives
/// one row per line, and the usual checks of every decision and error (a row that is not an
/// object is INVALID_INPUT at the root).
pub fn cli_rows(data: &[u8]) {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let format = if first & 1 == 0 {
        cli_rows_reader::Format::Jsonl
    } else {
        cli_rows_reader::Format::Csv
    };
    let kind = kind_at(usize::from(first >> 1));
    let engine = engine(usize::from(first >> 5));
    let reader: Box<dyn std::io::Read> = Box::new(std::io::Cursor::new(rest.to_vec()));
    // Unknown columns left out (the run's other choice stops at the header).
    let Ok(mut input) = cli_rows_reader::Rows::new(reader, format, engine, kind, true) else {
        assert_eq!(
            format,
            cli_rows_reader::Format::Csv,
            "only a CSV header can fail"
        );
        return;
    };
    let mut count = 0usize;
    loop {
        let block = input.next_block(7);
        if block.is_empty() {
            break;
        }
        for raw in block {
            let item = cli_rows_reader::decide(engine, kind, input.columns(), count, raw);
            assert_eq!(item.index, count, "rows keep their places");
            count += 1;
            match (item.decision, item.error) {
                (Some(d), None) => check_result(kind, &Ok(d)),
                (None, Some(e)) => check_error("cli row", &e),
                other => panic!("a row is a decision or an error: {other:?}"),
            }
        }
    }
    if format == cli_rows_reader::Format::Jsonl {
        // Blank lines are not rows; a byte order mark opening the file is not part of it.
        let lines = rest
            .split(|b| *b == b'\n')
            .enumerate()
            .filter(|(i, l)| {
                let l = if *i == 0 {
                    l.strip_prefix(b"\xef\xbb\xbf").unwrap_or(l)
                } else {
                    l
                };
                !l.iter().all(u8::is_ascii_whitespace)
            })
            .count();
        assert_eq!(count, lines, "JSON Lines: {count} rows for {lines} lines");
    }
}

/// A target's body.
pub type Target = fn(&[u8]);

/// Every target by name, as `fuzz/regressions/<name>/` folders are named.
pub const TARGETS: &[(&str, Target)] = &[
    ("policy", policy),
    ("request", request),
    ("request_value", request_value),
    ("complaint_text", complaint_text),
    ("calendar", calendar),
    ("arrow_rows", arrow_rows),
    ("cli_rows", cli_rows),
];
