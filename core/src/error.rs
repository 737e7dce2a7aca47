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
    /// Human-readable explanation (English), bounded in length.
    pub message: String,
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
        Error {
            code,
            message: bounded(message.into()),
            path,
            problems: Vec::new(),
        }
    }

    /// `INVALID_INPUT` at `path`.
    pub fn invalid_input(path: impl Into<String>, message: impl Into<String>) -> Self {
        Error::new(ErrorCode::InvalidInput, message, Some(path.into()))
    }

    /// A calendar error given what needed the date and the input it came from: "the date
    /// 2027-01-04 falls in 2027, …" becomes "the refund deadline 2027-01-04 falls in 2027, …"
    /// at `path`. Other errors, and a calendar error that already names its input, are
    /// returned unchanged.
    pub fn needed_for(mut self, what: &str, path: &str) -> Self {
        if self.code != ErrorCode::CalendarYearUnknown || self.path.is_some() {
            return self;
        }
        if let Some(rest) = self.message.strip_prefix("the date ") {
            self.message = bounded(format!("{what} {rest}"));
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
        Error {
            code: ErrorCode::InvalidPolicy,
            message: bounded(message),
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
