//! The one error type of kefu, with stable codes that every host shows unchanged.
//!
//! docs/api.md "Errors": "One error type with a stable `code`, a human `message`, and `path`
//! (a JSON pointer to the bad field) where there is one." Hosts map [`ErrorCode`] to their own
//! exception classes in one place each; `tests/error_codes.json` is the list they must agree on.

use serde::Serialize;
use std::fmt;

/// Longest message kept: an error must not echo a megabyte of bad input back to the caller.
const MAX_MESSAGE_CHARS: usize = 300;

/// The stable error codes. Their spelling is part of the public API in every host.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ErrorCode {
    /// The request text is not JSON at all.
    InvalidJson,
    /// A request field is missing, of the wrong type, unknown, out of range or contradicts another.
    InvalidInput,
    /// A policy document has one or more problems (all listed in `problems`).
    InvalidPolicy,
    /// A date falls in a year the business calendar cannot decide: before its data, past the
    /// years the statute can be computed for, or not announced yet with
    /// `calendar.unknown_years: "error"`.
    CalendarYearUnknown,
    /// `evaluate` was asked for a decision kind that does not exist.
    UnknownKind,
    /// A bug in kefu (a caught panic). Never expected; always worth a report.
    Internal,
}

impl ErrorCode {
    /// Every code, in the order hosts list them (`kefu.ERROR_CODES`, `ERROR_CODES` in JS).
    pub const ALL: [ErrorCode; 6] = [
        ErrorCode::InvalidJson,
        ErrorCode::InvalidInput,
        ErrorCode::InvalidPolicy,
        ErrorCode::CalendarYearUnknown,
        ErrorCode::UnknownKind,
        ErrorCode::Internal,
    ];

    /// The code as it appears on the wire, e.g. `"INVALID_INPUT"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidJson => "INVALID_JSON",
            ErrorCode::InvalidInput => "INVALID_INPUT",
            ErrorCode::InvalidPolicy => "INVALID_POLICY",
            ErrorCode::CalendarYearUnknown => "CALENDAR_YEAR_UNKNOWN",
            ErrorCode::UnknownKind => "UNKNOWN_KIND",
            ErrorCode::Internal => "INTERNAL",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What kind of mistake an error is, finer than its [`ErrorCode`] and as stable: a host may
/// branch on it (`missing_field` → ask for the field). Decoding errors are built from the
/// decoder's facts (`decode::fact`), never read back from message text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// Text that is not JSON (`INVALID_JSON`).
    Syntax,
    /// A required field is missing.
    MissingField,
    /// A field kefu does not know (a typo, or a field of another kind).
    UnknownField,
    /// A value that is none of the field's allowed values.
    UnknownVariant,
    /// A value of the wrong type (a number where text is wanted).
    WrongType,
    /// A value of the right type that kefu does not accept: out of range, malformed, or
    /// contradicting another field.
    InvalidValue,
    /// A list of the wrong length.
    InvalidLength,
    /// A field given twice.
    DuplicateField,
    /// A policy with problems (`INVALID_POLICY`; each one in `problems`).
    InvalidPolicy,
    /// A date in a year the calendar cannot decide (`CALENDAR_YEAR_UNKNOWN`).
    CalendarYearUnknown,
    /// A decision kind that does not exist (`UNKNOWN_KIND`).
    UnknownKind,
    /// A bug in kefu (`INTERNAL`).
    Internal,
}

impl ErrorKind {
    /// The kind as it appears on the wire, e.g. `"missing_field"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Syntax => "syntax",
            ErrorKind::MissingField => "missing_field",
            ErrorKind::UnknownField => "unknown_field",
            ErrorKind::UnknownVariant => "unknown_variant",
            ErrorKind::WrongType => "wrong_type",
            ErrorKind::InvalidValue => "invalid_value",
            ErrorKind::InvalidLength => "invalid_length",
            ErrorKind::DuplicateField => "duplicate_field",
            ErrorKind::InvalidPolicy => "invalid_policy",
            ErrorKind::CalendarYearUnknown => "calendar_year_unknown",
            ErrorKind::UnknownKind => "unknown_kind",
            ErrorKind::Internal => "internal",
        }
    }

    /// The kind an error of `code` has unless its maker knows better.
    pub const fn of(code: ErrorCode) -> ErrorKind {
        match code {
            ErrorCode::InvalidJson => ErrorKind::Syntax,
            ErrorCode::InvalidInput => ErrorKind::InvalidValue,
            ErrorCode::InvalidPolicy => ErrorKind::InvalidPolicy,
            ErrorCode::CalendarYearUnknown => ErrorKind::CalendarYearUnknown,
            ErrorCode::UnknownKind => ErrorKind::UnknownKind,
            ErrorCode::Internal => ErrorKind::Internal,
        }
    }

    /// The Chinese words an error of this kind opens with, before its English detail, where
    /// kefu has no sentence of its own in Chinese for it.
    const fn zh_lead(self) -> &'static str {
        match self {
            ErrorKind::Syntax => "不是有效的 JSON",
            ErrorKind::MissingField => "缺少必填字段",
            ErrorKind::UnknownField => "未知字段",
            ErrorKind::UnknownVariant => "未知取值",
            ErrorKind::WrongType => "类型不对",
            ErrorKind::InvalidValue => "取值不被接受",
            ErrorKind::InvalidLength => "长度不对",
            ErrorKind::DuplicateField => "字段重复",
            ErrorKind::InvalidPolicy => "店铺策略有问题",
            ErrorKind::CalendarYearUnknown => "该年份的工作日历未知",
            ErrorKind::UnknownKind => "没有这种决策类型",
            ErrorKind::Internal => "kefu 内部错误（请报告）",
        }
    }
}

/// The subject a calendar error's Chinese message opens with ("日期 2027-01-04 在2027年，…"),
/// as its English one opens with "the date ": [`Error::needed_for`] puts what needed the date
/// in its place.
pub(crate) const DATE_ZH: &str = "日期";

/// A Chinese message for an error that has only its English one: the kind's words, then
/// the English detail.
fn zh(kind: ErrorKind, message: &str) -> String {
    bounded(format!("{}：{message}", kind.zh_lead()))
}

/// One problem found in a policy or a request: where (JSON pointer) and what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Problem {
    /// JSON pointer to the offending value (`""` is the whole document).
    pub path: String,
    /// What is wrong, in English, naming the expected value where that helps.
    pub message: String,
}

/// kefu's error: a stable [`ErrorCode`], a message, and the JSON pointer of the bad field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[error("{code}: {message}")]
pub struct Error {
    /// Stable code; branch on this, never on the message.
    pub code: ErrorCode,
    /// Stable kind, finer than the code (`missing_field`, `unknown_variant`, …).
    pub kind: ErrorKind,
    /// Human-readable explanation (English), bounded in length.
    pub message: String,
    /// The same in Chinese, for the agents who read it.
    pub message_zh: String,
    /// JSON pointer to the bad field (`""` for the whole input) where there is one.
    pub path: Option<String>,
    /// For `INVALID_POLICY`: every problem found, not just the first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<Problem>,
}

impl Problem {
    /// Problems as a JSON list (see [`crate::Decision::to_json`] for why shims call this).
    pub fn list_to_json(problems: &[Problem]) -> serde_json::Value {
        serde_json::to_value(problems).unwrap_or(serde_json::Value::Null)
    }
}

impl Error {
    /// An error with a code, a message and an optional path.
    pub fn new(code: ErrorCode, message: impl Into<String>, path: Option<String>) -> Self {
        let message = bounded(message.into());
        let kind = ErrorKind::of(code);
        Error {
            code,
            kind,
            message_zh: zh(kind, &message),
            message,
            path,
            problems: Vec::new(),
        }
    }

    /// The same error of another kind (its Chinese message follows).
    pub fn with_kind(mut self, kind: ErrorKind) -> Self {
        if self.message_zh == zh(self.kind, &self.message) {
            self.message_zh = zh(kind, &self.message);
        }
        self.kind = kind;
        self
    }

    /// The same error with its Chinese message written out (instead of the kind's words
    /// and the English detail).
    pub fn with_zh(mut self, message_zh: impl Into<String>) -> Self {
        self.message_zh = bounded(message_zh.into());
        self
    }

    /// An `INVALID_INPUT` error at `path` from a decoder's facts.
    pub fn decoding(path: String, e: crate::decode::fact::DecodeError) -> Self {
        let e = e.into_inner();
        Error {
            code: ErrorCode::InvalidInput,
            kind: e.kind,
            message: bounded(e.message),
            message_zh: bounded(e.message_zh),
            path: Some(path),
            problems: Vec::new(),
        }
    }

    /// `INVALID_INPUT` at `path`.
    pub fn invalid_input(path: impl Into<String>, message: impl Into<String>) -> Self {
        Error::new(ErrorCode::InvalidInput, message, Some(path.into()))
    }

    /// A calendar error given what needed the date (`what` in English, `what_zh` in Chinese)
    /// and the input it came from: "the date 2027-01-04 falls in 2027, …" becomes "the refund
    /// deadline 2027-01-04 falls in 2027, …" at `path`, and its Chinese "日期 2027-01-04
    /// 在2027年，…" becomes "退款期限 2027-01-04 在2027年，…". Other errors, and a
    /// calendar error that already names its input, are returned unchanged.
    pub fn needed_for(mut self, what: &str, what_zh: &str, path: &str) -> Self {
        if self.code != ErrorCode::CalendarYearUnknown || self.path.is_some() {
            return self;
        }
        if let Some(rest) = self.message.strip_prefix("the date ") {
            self.message = bounded(format!("{what} {rest}"));
            self.message_zh = match self.message_zh.strip_prefix(DATE_ZH) {
                Some(rest_zh) => bounded(format!("{what_zh}{rest_zh}")),
                // A Chinese message that does not open with its subject cannot be given
                // another: the kind's words and the English, whole, rather than a mixed one.
                None => zh(self.kind, &self.message),
            };
        }
        self.path = Some(path.to_owned());
        self
    }

    /// A policy document a host could not convert (NaN, a JS function, Python bytes…): that
    /// is a problem of the policy like any other, so engine construction fails with
    /// `INVALID_POLICY` naming it, and validation lists it.
    pub fn into_policy(self) -> Self {
        if self.code != ErrorCode::InvalidInput {
            return self;
        }
        Error::invalid_policy(vec![Problem {
            path: self.path.unwrap_or_default(),
            message: self.message,
        }])
    }

    /// `INVALID_POLICY` carrying every problem; the first one names the path.
    pub fn invalid_policy(problems: Vec<Problem>) -> Self {
        let (path, first) = match problems.first() {
            Some(p) => (
                Some(p.path.clone()),
                format!("{}: {}", display_path(&p.path), p.message),
            ),
            None => (None, String::from("invalid policy")),
        };
        let more = problems.len().saturating_sub(1);
        let message = if more > 0 {
            format!("{first} (and {more} more problems)")
        } else {
            first
        };
        let message = bounded(message);
        Error {
            code: ErrorCode::InvalidPolicy,
            kind: ErrorKind::InvalidPolicy,
            message_zh: zh(ErrorKind::InvalidPolicy, &message),
            message,
            path,
            problems,
        }
    }

    /// The same error, placed at `path` when it names no field yet (a calendar error raised
    /// deep in date arithmetic gets the request field it came from).
    pub fn located(mut self, path: &str) -> Self {
        if self.path.is_none() {
            self.path = Some(path.to_owned());
        }
        self
    }

    /// The same error with its path (if any) moved under `prefix` (e.g. a batch index).
    pub fn under(mut self, prefix: &str) -> Self {
        self.path = Some(format!("{prefix}{}", self.path.unwrap_or_default()));
        self
    }

    /// The error as a JSON object `{code, message, path, problems?}` for hosts and batches.
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }
}

fn display_path(path: &str) -> &str {
    if path.is_empty() {
        "(document)"
    } else {
        path
    }
}

/// Cut a message to [`MAX_MESSAGE_CHARS`] characters so bad input is never echoed whole.
pub(crate) fn bounded(mut message: String) -> String {
    if let Some((cut, _)) = message.char_indices().nth(MAX_MESSAGE_CHARS) {
        message.truncate(cut);
        message.push('…');
    }
    message
}

/// The result type of every fallible kefu call.
pub type Result<T, E = Error> = std::result::Result<T, E>;
