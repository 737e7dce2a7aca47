//! A row of an Arrow record batch as a serde deserializer: the pure part of the data-frame
//! reader (arrow-array, arrow-schema and serde only; no pyo3), so that the fuzz crate
//! (`fuzz/`, target `arrow_rows`) compiles this very file and decides arbitrary record
//! batches through it.

use arrow_array::cast::AsArray;
use arrow_array::types::{
    Date32Type, Date64Type, Float32Type, Float64Type, Int16Type, Int32Type, Int64Type, Int8Type,
    TimestampMicrosecondType, TimestampMillisecondType, TimestampNanosecondType,
    TimestampSecondType, UInt16Type, UInt32Type, UInt64Type, UInt8Type,
};
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::{DataType, TimeUnit};
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;

type DeError = kefu_core::decode::fact::DecodeError;

/// One cell of an Arrow array, as serde sees it: a JSON-like value.
#[derive(Clone, Copy)]
struct Cell<'a> {
    array: &'a dyn Array,
    row: usize,
}

/// The columns of a record batch (or a struct array) at one row: an object whose null cells
/// are left out, so kefu's defaults apply as for a missing JSON key. Borrows the batch's own
/// field list and columns: nothing is allocated per row.
struct Fields<'a> {
    fields: &'a arrow_schema::Fields,
    columns: &'a [ArrayRef],
    row: usize,
    at: usize,
    value: Option<Cell<'a>>,
}

impl<'a> Fields<'a> {
    fn new(fields: &'a arrow_schema::Fields, columns: &'a [ArrayRef], row: usize) -> Fields<'a> {
        Fields {
            fields,
            columns,
            row,
            at: 0,
            value: None,
        }
    }
}

/// A row of a record batch, as a request.
pub struct Row<'a> {
    batch: &'a RecordBatch,
    row: usize,
}

impl<'a> Row<'a> {
    pub fn new(batch: &'a RecordBatch, row: usize) -> Row<'a> {
        Row { batch, row }
    }
}

impl<'de> de::Deserializer<'de> for Row<'de> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_map(Fields::new(
            self.batch.schema_ref().fields(),
            self.batch.columns(),
            self.row,
        ))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

impl<'de> MapAccess<'de> for Fields<'de> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        while let (Some(field), Some(column)) =
            (self.fields.get(self.at), self.columns.get(self.at))
        {
            self.at += 1;
            let name = field.name().as_str();
            // pandas' own index columns (`__index_level_0__`) are not request fields.
            if column.is_null(self.row) || name.starts_with("__") {
                continue;
            }
            self.value = Some(Cell {
                array: column.as_ref(),
                row: self.row,
            });
            return seed
                .deserialize(de::value::BorrowedStrDeserializer::new(name))
                .map(Some);
        }
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let cell = self.value.take().ok_or_else(|| {
            <DeError as de::Error>::custom("a value was asked for before its key")
        })?;
        seed.deserialize(cell)
    }
}

/// The items of a list cell.
struct Items<'a> {
    values: &'a dyn Array,
    range: std::ops::Range<usize>,
}

impl<'de> SeqAccess<'de> for Items<'de> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        let Some(row) = self.range.next() else {
            return Ok(None);
        };
        seed.deserialize(Cell {
            array: self.values,
            row,
        })
        .map(Some)
    }
}

fn text(array: &dyn Array, row: usize) -> Option<&str> {
    match array.data_type() {
        DataType::Utf8 => Some(array.as_string::<i32>().value(row)),
        DataType::LargeUtf8 => Some(array.as_string::<i64>().value(row)),
        DataType::Utf8View => Some(array.as_string_view().value(row)),
        _ => None,
    }
}

/// Largest integer a 64-bit float holds exactly, with every integer below it (2^53).
const EXACT_IN_F64: f64 = 9_007_199_254_740_992.0;

/// The decimal text of a number cell, for a field that asks for text (issue 18 item 6):
/// pandas reads an all-digit order number (`3456789012345678901`) as int64, and a column of
/// them with a missing cell as float64. An integer is its digits; a float only when it is a
/// whole number below 2^53 (`12.0` is `12`; above that a float's digits are not the ones
/// written, and a fraction is no identifier): `None` otherwise.
fn number_text(array: &dyn Array, row: usize) -> Option<String> {
    macro_rules! int {
        ($t:ty) => {
            Some(array.as_primitive::<$t>().value(row).to_string())
        };
    }
    let whole = |f: f64| (f.fract() == 0.0 && f.abs() < EXACT_IN_F64).then(|| format!("{f:.0}"));
    match array.data_type() {
        DataType::Int8 => int!(Int8Type),
        DataType::Int16 => int!(Int16Type),
        DataType::Int32 => int!(Int32Type),
        DataType::Int64 => int!(Int64Type),
        DataType::UInt8 => int!(UInt8Type),
        DataType::UInt16 => int!(UInt16Type),
        DataType::UInt32 => int!(UInt32Type),
        DataType::UInt64 => int!(UInt64Type),
        DataType::Float32 => whole(array.as_primitive::<Float32Type>().value(row).into()),
        DataType::Float64 => whole(array.as_primitive::<Float64Type>().value(row)),
        _ => None,
    }
}

/// A cell as text when it is text or a number that reads as text ([`number_text`]); `None`
/// for a null cell and any other type. How a field that asks for text reads its cell, and how
/// a row's `id` and `order_id` are echoed when the row is not decided.
pub(crate) fn key_text(array: &dyn Array, row: usize) -> Option<Cow<'_, str>> {
    if array.is_null(row) {
        return None;
    }
    match text(array, row) {
        Some(s) => Some(Cow::Borrowed(s)),
        None => number_text(array, row).map(Cow::Owned),
    }
}

/// Days since 1970-01-01 as a civil (proleptic Gregorian) date: H. Hinnant's
/// `civil_from_days`, exact for every `i64` day count that `time` below can produce.
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097); // 0..=146_096
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // 0..=399
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // 0..=365
    let mp = (5 * doy + 2) / 153; // 0..=11
    let day = doy - (153 * mp + 2) / 5 + 1; // 1..=31
    let month = if mp < 10 { mp + 3 } else { mp - 9 }; // 1..=12
    let year = yoe + era * 400 + i64::from(month <= 2);
    (
        year,
        u32::try_from(month).unwrap_or(1),
        u32::try_from(day).unwrap_or(1),
    )
}

/// `YYYY-MM-DD` of a day count, or `None` outside the years 0000–9999 (which no instant or
/// date of kefu's has, and which `YYYY` cannot write).
fn ymd(days: i64) -> Option<String> {
    let (y, m, d) = civil(days);
    (0..=9999)
        .contains(&y)
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// A time zone's fixed offset in seconds: `+08:00`, `+0800`, `+08` (and `-`), or UTC by any
/// of its names. `None` for a zone named by place (`Asia/Shanghai`), whose offset needs the
/// zone database.
fn fixed_offset(tz: &str) -> Option<i64> {
    if [
        "UTC", "Z", "Etc/UTC", "GMT", "Etc/GMT", "Zulu", "Etc/Zulu", "UCT", "Etc/UCT",
    ]
    .iter()
    .any(|u| u.eq_ignore_ascii_case(tz))
    {
        return Some(0);
    }
    let (sign, rest) = match tz.as_bytes().first() {
        Some(b'+') => (1, tz.get(1..)?),
        Some(b'-') => (-1, tz.get(1..)?),
        _ => return None,
    };
    let digits: String = rest.chars().filter(|c| *c != ':').collect();
    if !digits.bytes().all(|b| b.is_ascii_digit()) || !matches!(digits.len(), 2 | 4) {
        return None;
    }
    let hours: i64 = digits.get(0..2)?.parse().ok()?;
    let minutes: i64 = digits
        .get(2..)
        .filter(|m| !m.is_empty())
        .map_or(Some(0), |m| m.parse().ok())?;
    (hours < 24 && minutes < 60).then_some(sign * (hours * 3600 + minutes * 60))
}

/// An Arrow timestamp with a time zone: an instant, counted in `unit`s from 1970-01-01T00:00Z
/// whatever the zone (the zone says only how to show it). Written as RFC 3339 (issue 18
/// item 10): in the zone's own offset when the zone is one (`+08:00`), else in UTC
/// (`Asia/Shanghai`: the same instant, which is all a decision reads). `None` outside the
/// years 0000–9999.
fn instant(value: i64, unit: TimeUnit, tz: &str) -> Option<String> {
    let per_second: i64 = match unit {
        TimeUnit::Second => 1,
        TimeUnit::Millisecond => 1_000,
        TimeUnit::Microsecond => 1_000_000,
        TimeUnit::Nanosecond => 1_000_000_000,
    };
    let offset = fixed_offset(tz).unwrap_or(0);
    let seconds = value.div_euclid(per_second).checked_add(offset)?;
    let fraction = value.rem_euclid(per_second) * (1_000_000_000 / per_second); // nanoseconds
    let (days, of_day) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    let mut out = ymd(days)?;
    out.push_str(&format!(
        "T{:02}:{:02}:{:02}",
        of_day / 3600,
        of_day / 60 % 60,
        of_day % 60
    ));
    if fraction > 0 {
        let digits = format!("{fraction:09}");
        out.push('.');
        out.push_str(digits.trim_end_matches('0'));
    }
    if offset == 0 {
        out.push_str("+00:00");
    } else {
        let sign = if offset < 0 { '-' } else { '+' };
        let abs = offset.abs();
        out.push_str(&format!("{sign}{:02}:{:02}", abs / 3600, abs / 60 % 60));
    }
    Some(out)
}

/// A timestamp cell: text when it has a time zone, else an error saying why not.
fn timestamp(
    array: &dyn Array,
    row: usize,
    unit: TimeUnit,
    tz: Option<&str>,
) -> Result<String, DeError> {
    let Some(tz) = tz else {
        return Err(de::Error::custom(
            "a timestamp without a time zone is no instant (in which zone?): give the column its zone (pandas: .dt.tz_localize(\"Asia/Shanghai\")) or write instants as RFC 3339 text with an offset",
        ));
    };
    let value = match unit {
        TimeUnit::Second => array.as_primitive::<TimestampSecondType>().value(row),
        TimeUnit::Millisecond => array.as_primitive::<TimestampMillisecondType>().value(row),
        TimeUnit::Microsecond => array.as_primitive::<TimestampMicrosecondType>().value(row),
        TimeUnit::Nanosecond => array.as_primitive::<TimestampNanosecondType>().value(row),
    };
    instant(value, unit, tz)
        .ok_or_else(|| de::Error::custom("a timestamp outside the years 0000-9999"))
}

/// A date cell (`date32`: days, `date64`: milliseconds since 1970-01-01) as `YYYY-MM-DD`.
fn date(array: &dyn Array, row: usize) -> Result<String, DeError> {
    let days = match array.data_type() {
        DataType::Date64 => array
            .as_primitive::<Date64Type>()
            .value(row)
            .div_euclid(86_400_000),
        _ => i64::from(array.as_primitive::<Date32Type>().value(row)),
    };
    ymd(days).ok_or_else(|| de::Error::custom("a date outside the years 0000-9999"))
}

/// A list's item range from its offsets.
fn span<O: TryInto<usize>>(start: Option<O>, end: Option<O>) -> std::ops::Range<usize> {
    let at = |o: Option<O>| o.and_then(|o| o.try_into().ok()).unwrap_or(0);
    at(start)..at(end)
}

/// Read one cell into a visitor, by the column's Arrow type.
fn read<'de, V: Visitor<'de>>(cell: Cell<'de>, visitor: V) -> Result<V::Value, DeError> {
    let Cell { array, row } = cell;
    if array.is_null(row) {
        return visitor.visit_unit();
    }
    macro_rules! int {
        ($t:ty, $visit:ident) => {
            visitor.$visit(array.as_primitive::<$t>().value(row).into())
        };
    }
    match array.data_type() {
        DataType::Boolean => visitor.visit_bool(array.as_boolean().value(row)),
        DataType::Int8 => int!(Int8Type, visit_i64),
        DataType::Int16 => int!(Int16Type, visit_i64),
        DataType::Int32 => int!(Int32Type, visit_i64),
        DataType::Int64 => int!(Int64Type, visit_i64),
        DataType::UInt8 => int!(UInt8Type, visit_u64),
        DataType::UInt16 => int!(UInt16Type, visit_u64),
        DataType::UInt32 => int!(UInt32Type, visit_u64),
        DataType::UInt64 => int!(UInt64Type, visit_u64),
        DataType::Float32 => visitor.visit_f64(array.as_primitive::<Float32Type>().value(row).into()),
        DataType::Float64 => visitor.visit_f64(array.as_primitive::<Float64Type>().value(row)),
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => match text(array, row) {
            Some(s) => visitor.visit_borrowed_str(s),
            None => Err(de::Error::custom("unreadable text")),
        },
        DataType::Struct(_) => {
            let fields = array.as_struct();
            visitor.visit_map(Fields::new(fields.fields(), fields.columns(), row))
        }
        DataType::List(_) => {
            let list = array.as_list::<i32>();
            let offsets = list.value_offsets();
            visitor.visit_seq(Items {
                values: list.values().as_ref(),
                range: span(offsets.get(row).copied(), offsets.get(row + 1).copied()),
            })
        }
        DataType::LargeList(_) => {
            let list = array.as_list::<i64>();
            let offsets = list.value_offsets();
            visitor.visit_seq(Items {
                values: list.values().as_ref(),
                range: span(offsets.get(row).copied(), offsets.get(row + 1).copied()),
            })
        }
        DataType::Timestamp(unit, tz) => visitor.visit_string(timestamp(array, row, *unit, tz.as_deref())?),
        DataType::Date32 | DataType::Date64 => visitor.visit_string(date(array, row)?),
        other => Err(de::Error::custom(format!(
            "a column of Arrow type {other} cannot be read (use text or time-zone-aware timestamps for instants, text or dates for dates, integers for cents, booleans, structs and lists)"
        ))),
    }
}

impl<'de> de::Deserializer<'de> for Cell<'de> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        read(self, visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if self.array.is_null(self.row) {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match text(self.array, self.row) {
            Some(s) => visitor.visit_enum(s.into_deserializer()),
            None => self.deserialize_any(visitor),
        }
    }

    /// A field that asks for text (an `id`, an `order_id`, a complaint's `text`) reads a
    /// number cell as its digits: a cell is read as the type its field has (issue 18 item 6).
    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match key_text(self.array, self.row) {
            Some(Cow::Borrowed(s)) => visitor.visit_borrowed_str(s),
            Some(Cow::Owned(digits)) => visitor.visit_string(digits),
            None => read(self, visitor),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char bytes byte_buf
        unit unit_struct newtype_struct seq tuple tuple_struct map struct
        identifier ignored_any
    }
}
