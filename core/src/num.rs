//! Money and counts as they arrive from hosts.
//!
//! JavaScript has only doubles and Python may send `1000.0`, so an integral float is accepted
//! where an integer is meant; a fraction, NaN, an infinity or a value out of range is an error
//! naming the field. Money is in minor units (分), in fields ending in `_cents` (docs/api.md
//! "Conventions").

use crate::decode::fact::Bilingual;
use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::Serialize;
use std::fmt;

/// The largest amount kefu accepts: 10^13 分 (100 billion yuan). Sums of a few such amounts
/// stay far inside `i64`, so money arithmetic never overflows.
pub const MAX_CENTS: i64 = 10_000_000_000_000;

/// Largest count (days, repairs, items) accepted.
pub const MAX_COUNT: u32 = 1_000_000;

fn integral<E: de::Error>(v: f64) -> Result<i64, E> {
    if v.is_finite() && v.fract() == 0.0 && v.abs() <= 9_007_199_254_740_991.0 {
        // Exact: |v| is below 2^53, so the cast loses nothing.
        #[allow(clippy::cast_possible_truncation)]
        Ok(v as i64)
    } else {
        Err(E::custom(Bilingual(
            format!("expected a whole number, got {}", show(v)),
            format!("需要整数，收到 {}", show(v)),
        )))
    }
}

macro_rules! bounded_int {
    ($name:ident, $inner:ty, $min:expr, $max:expr, $what:literal, $what_zh:literal) => {
        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl V {
                    fn check<E: de::Error>(v: i128) -> Result<$name, E> {
                        if v < i128::from($min) || v > i128::from($max) {
                            return Err(E::custom(Bilingual(
                                format!(
                                    concat!($what, " must be between {} and {}, got {}"),
                                    $min, $max, v
                                ),
                                format!(
                                    concat!($what_zh, "必须在 {} 到 {} 之间，收到 {}"),
                                    $min, $max, v
                                ),
                            )));
                        }
                        <$inner>::try_from(v)
                            .map($name)
                            .map_err(|_| E::custom(Bilingual("out of range", "超出范围")))
                    }
                }
                impl Visitor<'_> for V {
                    type Value = $name;
                    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                        f.write_str(concat!($what, " (a whole number)"))
                    }
                    fn visit_i64<E: de::Error>(self, v: i64) -> Result<$name, E> {
                        V::check(i128::from(v))
                    }
                    fn visit_u64<E: de::Error>(self, v: u64) -> Result<$name, E> {
                        V::check(i128::from(v))
                    }
                    fn visit_f64<E: de::Error>(self, v: f64) -> Result<$name, E> {
                        V::check(i128::from(integral::<E>(v)?))
                    }
                }
                d.deserialize_any(V)
            }
        }
    };
}

/// An amount of money in 分, `0..=MAX_CENTS`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(transparent)]
#[cfg_attr(feature = "schema", schemars(inline))]
pub struct Cents(pub i64);
bounded_int!(
    Cents,
    i64,
    0_i64,
    MAX_CENTS,
    "an amount in cents",
    "金额（分）"
);

/// A non-negative count (days, repairs), `0..=MAX_COUNT`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(transparent)]
#[cfg_attr(feature = "schema", schemars(inline))]
pub struct Count(pub u32);
bounded_int!(Count, u32, 0_u32, MAX_COUNT, "a count", "数目");

/// A number of minutes to add, `0..=10_000_000` (about 19 years): working time runs forward
/// only, and the message names the range that is really accepted (issue 18 item 12).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(transparent)]
#[cfg_attr(feature = "schema", schemars(inline))]
pub struct Minutes(pub i64);
bounded_int!(
    Minutes,
    i64,
    0_i64,
    10_000_000_i64,
    "a number of minutes",
    "分钟数"
);

/// Longest identifier (order number, item code) accepted.
pub const MAX_ID_CHARS: usize = 128;

/// A short identifier such as an order number: 1 to [`MAX_ID_CHARS`] characters.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(transparent)]
#[cfg_attr(feature = "schema", schemars(inline))]
pub struct Id(pub String);

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Id;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an identifier string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Id, E> {
                let n = v.chars().count();
                if n == 0 || n > MAX_ID_CHARS {
                    return Err(E::custom(Bilingual(
                        format!("an identifier has 1 to {MAX_ID_CHARS} characters, got {n}"),
                        format!("标识符须有 1 到 {MAX_ID_CHARS} 个字符，收到 {n} 个"),
                    )));
                }
                Ok(Id(v.to_owned()))
            }
        }
        d.deserialize_str(V)
    }
}

/// A positive amount of time in a unit (`0.5` working days, `24` hours): finite, above zero,
/// at most 10^7. Written back as an integer when it is whole, so policies round-trip as typed.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Amount(pub f64);

impl Amount {
    /// Largest amount accepted in any unit.
    pub const MAX: f64 = 10_000_000.0;

    /// Whether the amount is a whole number.
    pub fn is_whole(self) -> bool {
        self.0.fract() == 0.0
    }
}

impl Serialize for Amount {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.is_whole() && self.0.abs() <= Amount::MAX {
            // Whole and below 2^53: the cast is exact.
            #[allow(clippy::cast_possible_truncation)]
            return s.serialize_i64(self.0 as i64);
        }
        s.serialize_f64(self.0)
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        fn check<E: de::Error>(v: f64) -> Result<Amount, E> {
            if v.is_finite() && v > 0.0 && v <= Amount::MAX {
                Ok(Amount(v))
            } else {
                Err(E::custom(Bilingual(
                    format!(
                        "an amount must be above 0 and at most 10000000, got {}",
                        show(v)
                    ),
                    format!("数量须大于 0 且不超过 10000000，收到 {}", show(v)),
                )))
            }
        }
        impl Visitor<'_> for V {
            type Value = Amount;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a positive number")
            }
            #[allow(clippy::cast_precision_loss)] // checked against MAX right after
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Amount, E> {
                check(v as f64)
            }
            #[allow(clippy::cast_precision_loss)]
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Amount, E> {
                check(v as f64)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Amount, E> {
                check(v)
            }
        }
        d.deserialize_any(V)
    }
}

/// A number as a person reads it: whole values without a fraction (`2`, not `2.0`), others in
/// the shortest form that reads back the same (`0.5`), `NaN` and `inf` by name. Written through
/// serde_json's float writer, not `f64`'s `Display`, whose two algorithms cost the wasm build
/// 16 KB.
pub fn show(v: f64) -> String {
    if v.is_nan() {
        return String::from("NaN");
    }
    if v.is_infinite() {
        return String::from(if v > 0.0 { "inf" } else { "-inf" });
    }
    if v.fract() == 0.0 && v.abs() <= 9_007_199_254_740_991.0 {
        // Whole and below 2^53: the cast is exact.
        #[allow(clippy::cast_possible_truncation)]
        return (v as i64).to_string();
    }
    serde_json::Number::from_f64(v).map_or_else(String::new, |n| n.to_string())
}

/// 分 shown as yuan with two decimals (`10.50`), written straight into a message.
pub(crate) struct Yuan(i64);

/// 分 as yuan, for messages.
pub(crate) fn yuan(cents: i64) -> Yuan {
    Yuan(cents)
}

impl fmt::Display for Yuan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:02}", self.0 / 100, (self.0 % 100).abs())
    }
}

#[cfg(test)]
mod tests {
    use super::show;

    /// `show` reads like `f64`'s `Display` for the numbers kefu writes into messages.
    #[test]
    fn show_reads_like_display() {
        for v in [
            0.5,
            2.0,
            -3.0,
            0.1,
            1.25,
            123_456.789,
            1e-7,
            9e15,
            -0.0,
            0.0,
            1.0 / 3.0,
        ] {
            assert_eq!(show(v).parse::<f64>(), Ok(v), "{v}");
        }
        assert_eq!(show(2.0), "2");
        assert_eq!(show(0.5), "0.5");
        assert_eq!(show(f64::NAN), "NaN");
        assert_eq!(show(f64::NEG_INFINITY), "-inf");
    }
}
