//! kefu's own decoding error: what went wrong as facts (a missing field, an unknown field or
//! variant, a wrong type, a value out of range…), not as serde's message text to be read back
//! (issue 19: three fuzz-found bugs came from parsing that text). Every decoder kefu owns
//! (JSON values, CSV cells, Arrow rows) reports with it; the English message is serde's own
//! wording, so messages read as before, and a Chinese one is made from the same facts.

use crate::error::ErrorKind;
use serde::de;
use std::fmt;

/// A decoding error: its [`Facts`](DecodeFacts), boxed. Every request's decoder returns
/// `Result<_, DecodeError>` through each of its fields, so the error is one pointer wide:
/// unboxed (four words and more) it cost the browser package 3 KB gzipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError(Box<DecodeFacts>);

impl std::ops::Deref for DecodeError {
    type Target = DecodeFacts;
    fn deref(&self) -> &DecodeFacts {
        &self.0
    }
}

impl From<DecodeFacts> for DecodeError {
    fn from(facts: DecodeFacts) -> Self {
        DecodeError(Box::new(facts))
    }
}

impl DecodeError {
    /// The facts, owned.
    pub fn into_inner(self) -> DecodeFacts {
        *self.0
    }
}

/// What a decoding error says: its kind, the name it is about (a field or a variant, as
/// written), and its message in English and Chinese.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeFacts {
    /// What kind of mistake.
    pub kind: ErrorKind,
    /// The field (missing, unknown, duplicated) or variant (unknown) it names, as written.
    pub name: Option<String>,
    /// serde's English message.
    pub message: String,
    /// The same in Chinese.
    pub message_zh: String,
}

impl DecodeError {
    fn new(kind: ErrorKind, name: Option<String>, message: String, message_zh: String) -> Self {
        DecodeError::from(DecodeFacts {
            kind,
            name,
            message,
            message_zh,
        })
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DecodeError {}

/// A deserializer's error as facts. kefu's own decoders report [`DecodeError`] and give their
/// facts as they are. Another deserializer's error (serde_json's, which the tests use to
/// cross-check the decoders) has only its text: it is read back as serde words it, the way
/// kefu once read every error — kept for that use only.
pub trait Facts: de::Error {
    /// The facts of this error.
    fn into_facts(self) -> DecodeError;
}

impl Facts for DecodeError {
    fn into_facts(self) -> DecodeError {
        self
    }
}

impl Facts for serde_json::Error {
    fn into_facts(self) -> DecodeError {
        super::facts_from_text(&self.to_string())
    }
}

/// A value as serde_json words it in a message (its errors are the ones kefu's messages have
/// always read as): `null`, not serde's "unit value"; a float as JSON writes it.
struct Json<'a>(de::Unexpected<'a>);

impl fmt::Display for Json<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            de::Unexpected::Unit => f.write_str("null"),
            de::Unexpected::Float(v) => match serde_json::Number::from_f64(v) {
                Some(n) => write!(f, "floating point `{n}`"),
                None => write!(f, "floating point `{v}`"),
            },
            other => fmt::Display::fmt(&other, f),
        }
    }
}

/// A value type's own message in English and Chinese, for `serde::de::Error::custom` (which
/// takes text only): written plainly it is the English, with the alternate flag (`{:#}`) the
/// Chinese. [`DecodeError`] asks for both; any other error type (serde_json's) gets the
/// English, as before.
pub struct Bilingual<A, B>(pub A, pub B);

impl<A: fmt::Display, B: fmt::Display> fmt::Display for Bilingual<A, B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if f.alternate() {
            write!(f, "{}", self.1)
        } else {
            write!(f, "{}", self.0)
        }
    }
}

/// serde's message with its Rust words put as a caller reads them ("a map" → "an object").
fn plain(message: String) -> String {
    super::clean_message(&message)
}

/// serde's wording of a list of names: "`a`", "`a` or `b`", "one of `a`, `b`, `c`".
fn one_of(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [a] => format!("`{a}`"),
        [a, b] => format!("`{a}` or `{b}`"),
        _ => format!(
            "one of {}",
            names
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// The Chinese list of names: a、b、c.
fn zh_list(names: &[&str]) -> String {
    names.join("、")
}

/// A value as the Chinese message names it.
fn zh_unexpected(u: &de::Unexpected<'_>) -> String {
    use de::Unexpected as U;
    match u {
        U::Bool(b) => format!("布尔值 {b}"),
        U::Unsigned(n) => format!("数字 {n}"),
        U::Signed(n) => format!("数字 {n}"),
        U::Float(n) => format!("数字 {n}"),
        U::Char(c) => format!("字符 {c:?}"),
        U::Str(s) => format!("字符串 {:?}", crate::error::bounded((*s).to_owned())),
        U::Bytes(_) => String::from("字节串"),
        U::Unit | U::Option => String::from("null"),
        U::NewtypeStruct | U::NewtypeVariant | U::StructVariant | U::TupleVariant => {
            String::from("一个值")
        }
        U::Seq => String::from("列表"),
        U::Map => String::from("对象"),
        U::UnitVariant => String::from("枚举值"),
        U::Enum => String::from("枚举"),
        U::Other(o) => (*o).to_owned(),
    }
}

impl de::Error for DecodeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        // A type's own check (a count out of its range, an identifier too long): its words.
        let english = msg.to_string();
        let chinese = format!("{msg:#}");
        let message = plain(english.clone());
        // A [`Bilingual`] message writes its Chinese under `{:#}`; plain text writes itself.
        let zh = if chinese == english {
            format!("取值不被接受：{message}")
        } else {
            chinese
        };
        DecodeError::new(ErrorKind::InvalidValue, None, message, zh)
    }

    fn invalid_type(unexp: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        DecodeError::new(
            ErrorKind::WrongType,
            None,
            plain(format!("invalid type: {}, expected {exp}", Json(unexp))),
            format!("类型不对：收到{}，需要 {exp}", zh_unexpected(&unexp)),
        )
    }

    fn invalid_value(unexp: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        DecodeError::new(
            ErrorKind::InvalidValue,
            None,
            plain(format!("invalid value: {}, expected {exp}", Json(unexp))),
            format!("取值不被接受：收到{}，需要 {exp}", zh_unexpected(&unexp)),
        )
    }

    fn invalid_length(len: usize, exp: &dyn de::Expected) -> Self {
        DecodeError::new(
            ErrorKind::InvalidLength,
            None,
            plain(format!("invalid length {len}, expected {exp}")),
            format!("长度不对：有 {len} 项，需要 {exp}"),
        )
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        let message = if expected.is_empty() {
            format!("unknown variant `{variant}`, there are no variants")
        } else {
            format!("unknown variant `{variant}`, expected {}", one_of(expected))
        };
        DecodeError::new(
            ErrorKind::UnknownVariant,
            Some(variant.to_owned()),
            message,
            format!("未知取值 `{variant}`；可选：{}", zh_list(expected)),
        )
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        let message = if expected.is_empty() {
            format!("unknown field `{field}`, there are no fields")
        } else {
            format!("unknown field `{field}`, expected {}", one_of(expected))
        };
        DecodeError::new(
            ErrorKind::UnknownField,
            Some(field.to_owned()),
            message,
            format!("未知字段 `{field}`；可用字段：{}", zh_list(expected)),
        )
    }

    fn missing_field(field: &'static str) -> Self {
        DecodeError::new(
            ErrorKind::MissingField,
            Some(field.to_owned()),
            format!("missing field `{field}`"),
            format!("缺少必填字段 `{field}`"),
        )
    }

    fn duplicate_field(field: &'static str) -> Self {
        DecodeError::new(
            ErrorKind::DuplicateField,
            Some(field.to_owned()),
            format!("duplicate field `{field}`"),
            format!("字段 `{field}` 出现了两次"),
        )
    }
}
