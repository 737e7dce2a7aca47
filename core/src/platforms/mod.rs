//! Platform payloads in, platform codes out (issue 21; docs/platforms.md): what the platforms'
//! open APIs return (a Taobao trade or refund, a JD order or its remark, a Pinduoduo order),
//! read into kefu's requests, and kefu's flag decisions written back as each platform's own
//! update call. Field names and values follow the platforms' SDKs (docs/research/issue21/).
//!
//! Rules of the road, shared by every platform:
//! - unknown is an error, never a guess: an enum value kefu does not know is `INVALID_INPUT`
//!   naming the platform, the field and the value; a field the decision needs that the payload
//!   lacks is named as missing, with where it comes from;
//! - money is read exactly, never through floats: yuan as text (`"59.00"`, Taobao and JD) or as
//!   a JSON number (Pinduoduo's `11.01`, read from its decimal digits) into 分;
//! - times are the platforms' local `"2026-03-01 10:00:00"`, read in UTC+08:00; an empty text
//!   (Pinduoduo) or JD's `0001-01-01 00:00:00` means "not yet";
//! - a payload may come whole, in the API's response envelope, or as its inner object; several
//!   payloads of one order come as a list and their facts merge;
//! - the shop's `facts` (what no platform knows) are merged over what the payload gives.
//!
//! Nothing here decides: the request built is decided by the engine like any other.

mod jd;
mod pinduoduo;
mod read;
mod taobao;
mod write;

pub use read::{merge_facts, read, read_partial};
pub use write::write;

use crate::error::{Error, ErrorKind, Result};
use crate::time::Instant;
use serde_json::Value;

/// The platforms kefu reads, by the names callers give.
pub const PLATFORMS: [&str; 3] = ["taobao", "jd", "pinduoduo"];

/// The decision kinds a platform payload can be read into.
pub const KINDS: [&str; 5] = [
    "order_flag",
    "order_action",
    "dispatch_estimate",
    "check_return",
    "refund_timeline",
];

/// [`read`] with its arguments as hosts pass them: `platform` and `kind` must be text, the
/// payload may be JSON text (the platform's response as it came) or a value, `facts` null or
/// an object. Errors name the argument (`/platform`, `/kind`, `/payload`, `/facts`).
///
/// # Errors
/// As [`read`]; `INVALID_INPUT` for an argument of the wrong type, `INVALID_JSON` for payload
/// text that is not JSON.
pub fn read_args(platform: Value, kind: Value, payload: Value, facts: Value) -> Result<Value> {
    let platform = arg_text(&platform, "platform")?;
    let kind = arg_text(&kind, "kind")?;
    read(platform, kind, &payload_arg(payload)?, Some(&facts))
}

/// [`read_partial`] with its arguments as hosts pass them (as [`read_args`], without facts).
///
/// # Errors
/// As [`read_partial`]; as [`read_args`] for the arguments.
pub fn read_partial_args(platform: Value, kind: Value, payload: Value) -> Result<Value> {
    let platform = arg_text(&platform, "platform")?;
    let kind = arg_text(&kind, "kind")?;
    read_partial(platform, kind, &payload_arg(payload)?)
}

/// A payload argument: JSON text (the platform's response as it came) or a value.
fn payload_arg(payload: Value) -> Result<Value> {
    Ok(match payload {
        Value::String(text) => serde_json::from_str(&text).map_err(|e| {
            Error::new(
                crate::error::ErrorCode::InvalidJson,
                format!("the payload text is not JSON: {e}"),
                Some(String::from("/payload")),
            )
            .with_zh(format!("平台数据文本不是 JSON：{e}"))
        })?,
        other => other,
    })
}

/// [`write`] with its arguments as hosts pass them: `platform` text, the decision an object,
/// `memo` null or text.
///
/// # Errors
/// As [`write`]; `INVALID_INPUT` at `/platform` or `/memo` for an argument of the wrong type.
pub fn write_args(platform: Value, decision: Value, memo: Value) -> Result<Value> {
    let platform = arg_text(&platform, "platform")?;
    let memo = match &memo {
        Value::Null => None,
        Value::String(m) => Some(m.as_str()),
        other => {
            return Err(
                Error::invalid_input("/memo", format!("memo is text, not {other}"))
                    .with_zh(format!("memo 应为文本，而不是 {other}"))
                    .with_kind(ErrorKind::WrongType),
            )
        }
    };
    write(platform, &decision, memo)
}

fn arg_text<'a>(value: &'a Value, name: &str) -> Result<&'a str> {
    value.as_str().ok_or_else(|| {
        Error::invalid_input(format!("/{name}"), format!("{name} is text, not {value}"))
            .with_zh(format!("{name} 应为文本，而不是 {value}"))
            .with_kind(ErrorKind::WrongType)
    })
}

/// The platforms' zone: China Standard Time, UTC+08:00, no daylight saving.
const PLATFORM_OFFSET: &str = "+08:00";

/// UTC+08:00 as an offset.
pub(crate) fn china() -> chrono::FixedOffset {
    use chrono::Offset;
    chrono::FixedOffset::east_opt(8 * 3600).unwrap_or_else(|| chrono::Utc.fix())
}

/// An instant as kefu's requests write it, in China time.
pub(crate) fn instant_text(at: Instant) -> Value {
    Value::from(at.format_in(china()))
}

/// `payload` without its response envelope: each key of `path` that the object has is
/// descended into, so the whole response and the inner object read alike.
pub(crate) fn unwrap<'a>(payload: &'a Value, path: &[&str]) -> &'a Value {
    let mut at = payload;
    for key in path {
        if let Some(inner) = at.get(*key) {
            at = inner;
        }
    }
    at
}

/// An error at `path` of a `platform` payload, in both languages.
pub(crate) fn bad(platform: &str, path: &str, en: String, zh: String) -> Error {
    Error::invalid_input(path, format!("{platform}: {en}")).with_zh(format!("{platform}：{zh}"))
}

/// A value of an enum field that kefu does not know, named with the values it knows.
pub(crate) fn unknown_value(
    platform: &str,
    path: &str,
    field: &str,
    value: &Value,
    known: &str,
) -> Error {
    bad(
        platform,
        path,
        format!("{field} {value} is not one kefu knows ({known})"),
        format!("{field} {value} 不在 kefu 已知的取值中（{known}）"),
    )
    .with_kind(ErrorKind::UnknownVariant)
}

/// A field the platform's payload must have to be read at all.
pub(crate) fn missing(platform: &str, path: &str, what: &str) -> Error {
    let field = path.rsplit('/').next().unwrap_or(path);
    bad(
        platform,
        path,
        format!("the {what} has no {field}"),
        format!("{what} 缺少 {field}"),
    )
    .with_kind(ErrorKind::MissingField)
}

/// An enum field given as a number (or as digits in text, as the SDKs accept).
pub(crate) fn code(platform: &str, path: &str, value: &Value) -> Result<i64> {
    value
        .as_i64()
        .or_else(|| value.as_str().and_then(|s| s.trim().parse().ok()))
        .ok_or_else(|| {
            bad(
                platform,
                path,
                format!("expected a number code, not {value}"),
                format!("应为数字代码，而不是 {value}"),
            )
            .with_kind(ErrorKind::WrongType)
        })
}

/// A platform's flag code (`seller_flag`, JD's remark `flag`, Pinduoduo's `remark_tag`) as
/// kefu's flag; a code the platform does not have is an error naming it.
pub(crate) fn flag(
    platform: &str,
    path: &str,
    value: &Value,
    on: crate::orders::Platform,
) -> Result<crate::orders::Flag> {
    code(platform, path, value)
        .ok()
        .and_then(|c| crate::orders::Flag::from_code(c, on).ok())
        .ok_or_else(|| {
            let known = if on == crate::orders::Platform::Pinduoduo {
                "1 red, 2 yellow, 3 green, 4 blue, 5 purple; 0 or none: untagged"
            } else {
                "0 gray, 1 red, 2 yellow, 3 green, 4 blue, 5 purple"
            };
            let field = path.rsplit('/').next().unwrap_or(path);
            unknown_value(platform, path, field, value, known)
        })
}

/// An enum field given as text.
pub(crate) fn text<'a>(platform: &str, path: &str, value: &'a Value) -> Result<&'a str> {
    value.as_str().ok_or_else(|| {
        bad(
            platform,
            path,
            format!("expected text, not {value}"),
            format!("应为文本，而不是 {value}"),
        )
        .with_kind(ErrorKind::WrongType)
    })
}

/// A non-empty text field, or `None`.
pub(crate) fn opt_text(value: Option<&Value>) -> Option<String> {
    value
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// Money in yuan, as text (`"59.00"`) or a JSON number (`11.01`), as 分, exactly: at most two
/// decimals, no exponent, no float on the way.
pub fn cents(platform: &str, path: &str, value: &Value) -> Result<i64> {
    let text = match value {
        Value::String(s) => s.trim().to_owned(),
        // serde_json keeps a number's own digits when read with arbitrary precision; without
        // it, a float's shortest round-trip text is the same digits for two-decimal amounts.
        Value::Number(n) => n.to_string(),
        _ => {
            return Err(bad(
                platform,
                path,
                format!("an amount of money is yuan as text (\"59.00\") or a number, not {value}"),
                format!("金额应为以元为单位的文本（\"59.00\"）或数字，而不是 {value}"),
            )
            .with_kind(ErrorKind::WrongType))
        }
    };
    let refuse = || {
        bad(
            platform,
            path,
            format!("{text:?} is not an amount in yuan with at most two decimals"),
            format!("{text:?} 不是最多两位小数的元金额"),
        )
    };
    // No sign: an amount paid or charged is never negative. A JSON number is read from its
    // shortest decimal form (serde_json keeps no source text), so `1e2` is 100 yuan, exactly.
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) if !f.is_empty() => (w, f),
        Some(_) => ("", ""),
        None => (text.as_str(), ""),
    };
    if whole.is_empty()
        || whole.len() > 13
        || fraction.len() > 2
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !fraction.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(refuse());
    }
    let yuan: i64 = whole.parse().map_err(|_| refuse())?;
    let fen: i64 = format!("{fraction:0<2}").parse().map_err(|_| refuse())?;
    Ok(yuan * 100 + fen)
}

/// A platform time (`"2026-03-01 10:00:00"`, China time) as an instant; `None` for "not yet"
/// (absent, null, empty, or JD's `0001-01-01 00:00:00` / `1970-01-01 00:00:00`).
pub fn local_time(platform: &str, path: &str, value: Option<&Value>) -> Result<Option<Instant>> {
    let text = match value {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::String(s)) => s.trim(),
        Some(other) => {
            return Err(bad(
                platform,
                path,
                format!("a time is text like \"2026-03-01 10:00:00\", not {other}"),
                format!("时间应为 \"2026-03-01 10:00:00\" 这样的文本，而不是 {other}"),
            )
            .with_kind(ErrorKind::WrongType))
        }
    };
    if matches!(text, "" | "0001-01-01 00:00:00" | "1970-01-01 00:00:00") {
        return Ok(None);
    }
    let ok = text.len() == 19 && text.as_bytes().get(10) == Some(&b' ');
    let refuse = || {
        bad(
            platform,
            path,
            format!("{text:?} is not a time like \"2026-03-01 10:00:00\" (China time)"),
            format!("{text:?} 不是 \"2026-03-01 10:00:00\" 这样的时间（北京时间）"),
        )
    };
    if !ok {
        return Err(refuse());
    }
    let (Some(date), Some(clock)) = (text.get(..10), text.get(11..)) else {
        return Err(refuse());
    };
    Instant::parse(&format!("{date}T{clock}{PLATFORM_OFFSET}"))
        .map(Some)
        .map_err(|_| refuse())
}

/// An id the platforms write as a number or as text (`tid`, `oid`, `order_sn`), as text.
pub fn id_text(platform: &str, path: &str, value: &Value) -> Result<String> {
    match value {
        Value::String(s) if !s.trim().is_empty() => Ok(s.trim().to_owned()),
        Value::Number(n) if n.is_u64() => Ok(n.to_string()),
        _ => Err(bad(
            platform,
            path,
            format!("an id is digits or text, not {value}"),
            format!("编号应为数字或文本，而不是 {value}"),
        )
        .with_kind(if value.is_number() || value.is_string() {
            ErrorKind::InvalidValue
        } else {
            ErrorKind::WrongType
        })),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn money_is_exact() {
        assert_eq!(cents("taobao", "/payment", &json!("59.00")).unwrap(), 5900);
        assert_eq!(
            cents("taobao", "/payment", &json!("200.07")).unwrap(),
            20007
        );
        assert_eq!(cents("taobao", "/payment", &json!("0.1")).unwrap(), 10);
        assert_eq!(
            cents("pinduoduo", "/pay_amount", &json!(11.01)).unwrap(),
            1101
        );
        assert_eq!(cents("pinduoduo", "/pay_amount", &json!(0)).unwrap(), 0);
        for bad in [
            json!("59.001"),
            json!("1e3"),
            json!(""),
            json!("abc"),
            json!(true),
            json!("5 9"),
            json!("-5.00"),
            json!(-5),
            json!("5."),
            json!(".5"),
        ] {
            assert!(cents("taobao", "/payment", &bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn times_are_china_time() {
        let t = local_time("taobao", "/pay_time", Some(&json!("2026-03-01 10:00:00")))
            .unwrap()
            .unwrap();
        assert_eq!(
            t.format_in(chrono::FixedOffset::east_opt(0).unwrap()),
            "2026-03-01T02:00:00+00:00"
        );
        assert_eq!(
            local_time("jd", "/t", Some(&json!("0001-01-01 00:00:00"))).unwrap(),
            None
        );
        assert_eq!(
            local_time("pinduoduo", "/t", Some(&json!(""))).unwrap(),
            None
        );
        assert!(local_time("taobao", "/t", Some(&json!("2026-02-30 10:00:00"))).is_err());
        assert!(local_time("taobao", "/t", Some(&json!("2026-03-01T10:00:00"))).is_err());
    }
}
