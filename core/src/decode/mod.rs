//! Turning a host's JSON-shaped value into a typed request, with the path of anything wrong.
//!
//! Every host hands core a `serde_json::Value` (or JSON text); decoding, defaults and checks
//! happen here once, so a bad field is reported the same way — code, message, JSON pointer —
//! whichever language sent it.

use crate::error::{Error, ErrorCode, Result};
use serde::Deserialize;
use serde_json::Value;

/// Largest JSON text accepted (serde_json itself refuses nesting deeper than 128).
pub const MAX_JSON_BYTES: usize = 16 * 1024 * 1024;

pub mod cells;
pub mod fact;
pub(crate) mod tracked;

/// Escape one JSON-pointer segment (RFC 6901).
pub(crate) fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// A JSON pointer from segments.
pub(crate) fn pointer(segments: &[String]) -> String {
    segments.iter().map(|s| format!("/{}", escape(s))).collect()
}

/// A host's deserializer may prefix its own status to serde's message ("InvalidArg, missing
/// field …" from napi's); the code and path already say what kind of error it is.
fn strip_status(raw: &str) -> &str {
    match raw.split_once(", ") {
        Some((status, rest))
            if !status.is_empty()
                && status.bytes().all(|b| b.is_ascii_alphabetic())
                && status.starts_with(|c: char| c.is_ascii_uppercase()) =>
        {
            rest
        }
        _ => raw,
    }
}

/// serde's messages speak of Rust types; say what the caller should send instead. Only
/// serde's own words are rewritten, never the caller's text it quotes back (an unknown key or
/// variant between backticks, a string value between double quotes): an unknown key `a map`
/// stays `a map`. The message is bounded after the rewrite, which may lengthen it.
pub(crate) fn clean_message(raw: &str) -> String {
    let raw = strip_status(raw);
    let mut m = String::with_capacity(raw.len());
    match quoted_name(raw) {
        Some((_, name)) => {
            // The name starts after the message's first backtick: the words before it, the
            // name as the caller wrote it, then serde's words again.
            let start = raw.find('`').map_or(0, |i| i + 1);
            let end = start + name.len();
            m.push_str(raw.get(..start).unwrap_or_default());
            m.push_str(name);
            rewrite_serde_words(raw.get(end..).unwrap_or_default(), &mut m);
        }
        None => rewrite_serde_words(raw, &mut m),
    }
    crate::error::bounded(m)
}

/// Append `text` to `out`, rewriting serde's Rust-type words outside double-quoted strings.
/// serde quotes a caller's string with `{:?}`, so a quote inside it is always escaped (`\"`).
fn rewrite_serde_words(text: &str, out: &mut String) {
    let rewrite = |plain: &str, out: &mut String| {
        let mut p = plain.to_owned();
        for (from, to) in [
            ("struct ", "an object "),
            ("a sequence", "a list"),
            ("a map", "an object"),
        ] {
            p = p.replace(from, to);
        }
        out.push_str(&p);
    };
    let mut rest = text;
    while let Some(open) = rest.find('"') {
        let (plain, quoted) = rest.split_at(open);
        rewrite(plain, out);
        // The closing quote: the first `"` after the opening one not escaped by a backslash.
        let mut close = None;
        let mut escaped = false;
        for (i, c) in quoted.char_indices().skip(1) {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => {
                    close = Some(i);
                    break;
                }
                _ => {}
            }
        }
        let Some(close) = close else {
            // Not a quoted string after all: leave the rest as it is.
            out.push_str(quoted);
            return;
        };
        let (string, after) = quoted.split_at(close + 1);
        out.push_str(string);
        rest = after;
    }
    rewrite(rest, out);
}

/// What a serde message names between its first backticks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Named {
    /// "unknown field `k`, …": the caller's key.
    UnknownField,
    /// "missing field `k`": one of kefu's own field names.
    MissingField,
    /// "unknown variant `v`, …": the caller's text.
    UnknownVariant,
}

/// The name a serde message starts with, whole: "unknown field `KEY`, expected …" (or "…`,
/// there are no fields"), "unknown variant `V`, …", "missing field `k`". Read from serde's
/// uncut text (a message is cut to 300 characters, a key need not be), and the caller's name
/// may itself hold backticks and serde's wording, so it ends at the *last* "`, expected " or
/// "`, there are no …" (what follows is kefu's own names and a text decoder's " at line L
/// column C"). Only at the start of the message: elsewhere those words are the caller's own
/// text quoted back ("invalid type: string \"…missing field `x\"…"), which once put the
/// caller's text into the path.
fn quoted_name(message: &str) -> Option<(Named, &str)> {
    for (named, prefix, none) in [
        (
            Named::UnknownField,
            "unknown field `",
            "`, there are no fields",
        ),
        (
            Named::UnknownVariant,
            "unknown variant `",
            "`, there are no variants",
        ),
    ] {
        if let Some(rest) = message.strip_prefix(prefix) {
            let end = [rest.rfind("`, expected "), rest.rfind(none)]
                .into_iter()
                .flatten()
                .max()?;
            return Some((named, rest.get(..end)?));
        }
    }
    let rest = message.strip_prefix("missing field `")?;
    Some((Named::MissingField, rest.get(..rest.rfind('`')?)?))
}

/// The facts of an error known only by its text (a deserializer that is not kefu's, see
/// [`fact::Facts`]): its kind and name read from serde's words.
pub(crate) fn facts_from_text(raw: &str) -> fact::DecodeError {
    use crate::error::ErrorKind;
    let text = strip_status(raw);
    let (kind, name) = match quoted_name(text) {
        Some((Named::UnknownField, n)) => (ErrorKind::UnknownField, Some(n.to_owned())),
        Some((Named::UnknownVariant, n)) => (ErrorKind::UnknownVariant, Some(n.to_owned())),
        Some((Named::MissingField, n)) => (ErrorKind::MissingField, Some(n.to_owned())),
        None if text.starts_with("invalid type") => (ErrorKind::WrongType, None),
        None if text.starts_with("invalid length") => (ErrorKind::InvalidLength, None),
        None if text.starts_with("duplicate field") => (ErrorKind::DuplicateField, None),
        None => (ErrorKind::InvalidValue, None),
    };
    let message = clean_message(raw);
    let message_zh = crate::Error::new(ErrorCode::InvalidInput, message.clone(), None).message_zh;
    fact::DecodeError::from(fact::DecodeFacts {
        kind,
        name,
        message,
        message_zh,
    })
}

/// Decode a typed request from a JSON-shaped value; errors are `INVALID_INPUT` with the path.
pub fn from_value<'de, T: Deserialize<'de>>(value: &'de Value) -> Result<T> {
    if !value.is_object() {
        return Err(not_an_object(value));
    }
    tracked::deserialize(value).map_err(|(segs, e)| invalid_at(segs, e))
}

/// Decode a typed request from one of kefu's own deserializers (the Arrow row reader, CSV
/// cells), with the path recorded by serde_path_to_error; errors are `INVALID_INPUT` with
/// the path, built from the decoder's facts ([`fact::Facts`]).
pub fn from_deserializer<'de, T, D>(d: D) -> Result<T>
where
    T: Deserialize<'de>,
    D: serde::Deserializer<'de>,
    D::Error: fact::Facts,
{
    serde_path_to_error::deserialize(d).map_err(|e| {
        use serde_path_to_error::Segment;
        let segs = e
            .path()
            .iter()
            .filter_map(|s| match s {
                Segment::Seq { index } => Some(index.to_string()),
                Segment::Map { key } => Some(key.clone()),
                Segment::Enum { variant } => Some(variant.clone()),
                Segment::Unknown => None,
            })
            .collect();
        invalid_at(segs, fact::Facts::into_facts(e.into_inner()))
    })
}

/// An `INVALID_INPUT` error at the path where decoding stopped. For a missing key serde stops
/// at the object that should hold it: the key is added to the path. For an unknown key both
/// decoders already stand on it (kefu's tracking decoder enters a key before reading it,
/// serde_path_to_error records it as it is read): the key is added only if the path does not
/// already end with it, for a deserializer that would not say.
fn invalid_at(mut segs: Vec<String>, e: fact::DecodeError) -> Error {
    use crate::error::ErrorKind;
    match (e.kind, e.name.as_deref()) {
        (ErrorKind::MissingField, Some(key)) => segs.push(key.to_owned()),
        (ErrorKind::UnknownField, Some(key)) if segs.last().map(String::as_str) != Some(key) => {
            segs.push(key.to_owned());
        }
        _ => {}
    }
    Error::decoding(pointer(&segs), e)
}

/// The number a host's `Engine.share()` gave, as handed back to `Engine.fromShared(n)`: a
/// whole number from 1 to 4,294,967,295 (`INVALID_INPUT` at `/shared` otherwise), checked
/// here so no host wraps or truncates it on the way in.
pub fn shared_engine_number(v: &Value) -> Result<u32> {
    v.as_u64()
        .and_then(|n| u32::try_from(n).ok())
        .filter(|n| *n > 0)
        .ok_or_else(|| {
            let shown = crate::error::bounded(v.to_string());
            Error::invalid_input(
                "/shared",
                format!(
                    "a shared engine is named by the whole number share() gave (1 to {}), not {shown}",
                    u32::MAX,
                ),
            )
            .with_zh(format!(
                "共享引擎要用 share() 给出的整数（1 至 {}）来指定，而不是 {shown}",
                u32::MAX,
            ))
        })
}

/// The error for a request that is not a JSON object (`INVALID_INPUT` at `""`, `wrong_type`).
pub(crate) fn not_an_object(value: &Value) -> Error {
    Error::new(
        ErrorCode::InvalidInput,
        format!("a request is a JSON object, not {}", kind_of(value)),
        Some(String::new()),
    )
    .with_kind(crate::ErrorKind::WrongType)
    .with_zh(format!("请求须是 JSON 对象，而不是{}", kind_of_zh(value)))
}

/// What [`kind_of`] says, in Chinese.
pub(crate) fn kind_of_zh(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "布尔值",
        Value::Number(_) => "数字",
        Value::String(_) => "字符串",
        Value::Array(_) => "列表",
        Value::Object(_) => "对象",
    }
}

/// "a list", "a string", … for messages.
pub(crate) fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Make types that derive serde with `#[serde(remote = "Self")]` accept only a JSON object.
///
/// serde's derived `Deserialize` also fills a struct from a JSON list, by position
/// (`["杯子", 1500, false]` as a gift); docs/api.md "Conventions" wants objects with named
/// fields. The derive (with `remote = "Self"`) writes inherent `serialize`/`deserialize`
/// functions; this macro writes the trait impls around them, asking the deserializer for a
/// map and nothing else.
#[macro_export]
macro_rules! object_only {
    ($($t:ident),* $(,)?) => {$(
        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct ObjectVisitor;
                impl<'de> serde::de::Visitor<'de> for ObjectVisitor {
                    type Value = $t;
                    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                        f.write_str("an object")
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<$t, A::Error> {
                        $t::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    }
                }
                d.deserialize_map(ObjectVisitor)
            }
        }
        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                $t::serialize(self, s)
            }
        }
    )*};
}

/// The text without a leading UTF-8 byte order mark. Windows editors (Notepad, Excel's
/// "CSV UTF-8") start files with one; RFC 8259 §8.1 lets a parser ignore it, and a shop's
/// policy or JSON Lines file saved that way is read as meant (issue 18 item 9).
pub fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Parse JSON text (a leading byte order mark is ignored); a syntax error is `INVALID_JSON`
/// with line and column.
pub fn parse_json(text: &str) -> Result<Value> {
    let text = without_bom(text);
    if text.len() > MAX_JSON_BYTES {
        return Err(Error::new(
            ErrorCode::InvalidJson,
            format!("JSON text is limited to {MAX_JSON_BYTES} bytes"),
            Some(String::new()),
        )
        .with_zh(format!("JSON 文本最多{MAX_JSON_BYTES}字节")));
    }
    serde_json::from_str(text).map_err(|e| {
        // serde_json's words, read only to pick the Chinese: an unknown one is a syntax error.
        let english = e.to_string();
        let what = if e.classify() == serde_json::error::Category::Eof {
            "文本不完整"
        } else if english.starts_with("recursion limit exceeded") {
            "嵌套层数过多"
        } else if english.starts_with("number out of range") {
            "数字超出范围"
        } else {
            "语法有误"
        };
        Error::new(
            ErrorCode::InvalidJson,
            format!("not valid JSON: {e}"),
            Some(String::new()),
        )
        .with_zh(format!(
            "不是有效的 JSON：第{}行第{}列{what}",
            e.line(),
            e.column()
        ))
    })
}

/// What every shim uses while walking a host value (dict, JS object…) into JSON, so the
/// limits, number rules and messages are the same in every host.
pub mod host {
    use crate::error::Error;
    use serde_json::{Number, Value};

    /// Deepest nesting converted (serde_json's own limit too); deeper or circular input is an error.
    pub const MAX_DEPTH: usize = 128;

    /// A host number as JSON: NaN and infinities are errors; integral values up to 2^53 become
    /// integers (JS has only doubles, Python may send `1000.0`).
    pub fn number(f: f64, path: &str) -> Result<Value, Error> {
        if !f.is_finite() {
            let shown = crate::num::show(f);
            return Err(Error::invalid_input(
                path,
                format!("{shown} is not a number kefu accepts"),
            )
            .with_zh(format!("{shown} 不是 kefu 接受的数字")));
        }
        if f.fract() == 0.0 && f.abs() <= 9_007_199_254_740_991.0 {
            // Exact: |f| is below 2^53.
            #[allow(clippy::cast_possible_truncation)]
            return Ok(Value::Number((f as i64).into()));
        }
        Ok(Number::from_f64(f).map_or(Value::Null, Value::Number))
    }

    /// A copy of `v` in which everything nested past [`MAX_DEPTH`] is [`too_deep`]: what a
    /// host's walker would have made of it. Copying is recursive, so this keeps it bounded
    /// (a Rust caller can build a value nested 100,000 deep; `Value::clone` would overflow).
    pub fn clone_within_depth(v: &Value) -> Value {
        fn copy(v: &Value, depth: usize) -> Value {
            if depth >= MAX_DEPTH && (v.is_array() || v.is_object()) {
                return too_deep();
            }
            match v {
                Value::Array(items) => {
                    Value::Array(items.iter().map(|i| copy(i, depth + 1)).collect())
                }
                Value::Object(map) => Value::Object(
                    map.iter()
                        .map(|(k, i)| (k.clone(), copy(i, depth + 1)))
                        .collect(),
                ),
                other => other.clone(),
            }
        }
        copy(v, 0)
    }

    /// Add a key to an object being converted. Shims call this rather than `Map::insert`, so
    /// the map's code is compiled once, in core, not again in each shim (3 KB of wasm).
    #[inline(never)]
    pub fn insert(map: &mut serde_json::Map<String, Value>, key: String, value: Value) {
        map.insert(key, value);
    }

    /// What a walker puts in place of a value nested past [`MAX_DEPTH`] (or circular), instead
    /// of stopping there. The typed request is then decoded as far as it goes and reports the
    /// first field that does not fit, at the same path in every host (request types have a
    /// fixed depth far below this). Nothing can accept this string: no request or policy field
    /// takes free text that deep, so such input is always refused, by the field that holds it.
    pub fn too_deep() -> Value {
        Value::String(format!(
            "(nested deeper than {MAX_DEPTH} levels, or circular)"
        ))
    }

    /// The error for a host value JSON has no form for (`what` names it: "a JS function"…).
    pub fn not_json(path: &str, what: &str) -> Error {
        Error::invalid_input(path, format!("{what} is not JSON-shaped (use objects, lists, strings, finite numbers, booleans, null)"))
            .with_zh(format!("{what} 无法表示为 JSON（请使用对象、列表、字符串、有限的数字、布尔值或 null）"))
    }

    /// Step into object key `key`: appends to the JSON pointer and returns the length to
    /// truncate back to.
    pub fn enter_key(path: &mut String, key: &str) -> usize {
        let len = path.len();
        path.push('/');
        // Most keys need no escaping: push them as they are, without building a new string
        // (this runs for every key of every request a host walks).
        if key.contains(['~', '/']) {
            path.push_str(&super::escape(key));
        } else {
            path.push_str(key);
        }
        len
    }

    /// Step into list index `i`, as [`enter_key`].
    pub fn enter_index(path: &mut String, i: usize) -> usize {
        let len = path.len();
        path.push('/');
        // Written into the path directly, without a string per index.
        let _ = std::fmt::Write::write_fmt(path, format_args!("{i}"));
        len
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    fn path(segs: &[&str], raw: &str) -> String {
        let segs = segs.iter().map(|s| (*s).to_owned()).collect();
        invalid_at(segs, facts_from_text(raw)).path.unwrap()
    }

    #[test]
    fn an_unknown_key_is_read_whole_from_serdes_uncut_message() {
        let long = "k".repeat(400);
        for key in [
            "a`b",
            "`",
            "a`, expected `b",
            "x`, there are no fields",
            long.as_str(),
        ] {
            for tail in [
                ", expected `reason` or `category`",
                ", expected one of `a`, `b`, `c`",
                ", there are no fields",
                ", expected `a` or `b` at line 1 column 9",
            ] {
                let raw = format!("unknown field `{key}`{tail}");
                // Where both decoders stop: on the key itself.
                assert_eq!(path(&["gifts", "0", key], &raw), format!("/gifts/0/{key}"));
                // A deserializer that would not say where it stopped.
                assert_eq!(path(&["gifts", "0"], &raw), format!("/gifts/0/{key}"));
                // A host status before serde's words.
                assert_eq!(
                    path(&[key], &format!("InvalidArg, {raw}")),
                    format!("/{key}")
                );
            }
        }
    }

    #[test]
    fn a_missing_key_is_added_even_under_a_key_of_the_same_name() {
        assert_eq!(path(&["order"], "missing field `order`"), "/order/order");
        assert_eq!(
            path(&[], "missing field `reason` at line 1 column 2"),
            "/reason"
        );
        assert_eq!(path(&["a"], "InvalidArg, missing field `b`"), "/a/b");
    }

    #[test]
    fn other_messages_add_nothing() {
        let raw = "invalid type: string \"missing field `x\", expected a date";
        assert_eq!(path(&["d"], raw), "/d");
        assert_eq!(
            path(&["reason"], "unknown variant `a`b`, expected `x` or `y`"),
            "/reason"
        );
        assert_eq!(path(&["r"], "unknown field `unclosed"), "/r");
    }

    #[test]
    fn serdes_words_are_rewritten_but_not_the_callers() {
        assert_eq!(
            clean_message("invalid type: map, expected a sequence"),
            "invalid type: map, expected a list"
        );
        assert_eq!(
            clean_message("invalid type: string \"a map \\\" a sequence\", expected struct Gift"),
            "invalid type: string \"a map \\\" a sequence\", expected an object Gift"
        );
        assert_eq!(
            clean_message("unknown field `a map`, expected `struct `"),
            "unknown field `a map`, expected `an object `"
        );
        assert_eq!(
            clean_message("unknown variant `a sequence`, expected `x`"),
            "unknown variant `a sequence`, expected `x`"
        );
        assert_eq!(
            clean_message("InvalidArg, missing field `x`"),
            "missing field `x`"
        );
        // An unbalanced quote: the rest is left as it is.
        assert_eq!(clean_message("a map \" a map"), "an object \" a map");
    }

    #[test]
    fn a_message_is_bounded_after_the_rewrite() {
        let m = clean_message(&"a map ".repeat(100));
        assert_eq!(m.chars().count(), 301, "{m}");
        assert!(m.ends_with('…'));
    }
}
