//! Arbitrary Arrow record batches for the `arrow_rows` target, and a row written back as JSON.
//!
//! Rows start from shared-case inputs of one kind (so many rows decide), edited like
//! `request_value`'s; each top-level key becomes a column whose Arrow type is drawn from the
//! kinds that fit its first value (text: utf8, large utf8, utf8 view; integers: every width
//! that holds them; numbers: float32/64; objects: structs; lists: list or large list), values
//! that do not fit that type become nulls, and NaN, infinities, null columns, renamed and
//! extra columns are mixed in.

use crate::{key, kind_and_templates, leaf, mutate};
use arbitrary::Unstructured;
use arrow_array::cast::AsArray;
use arrow_array::types::{
    Float32Type, Float64Type, Int16Type, Int32Type, Int64Type, Int8Type, UInt16Type, UInt32Type,
    UInt64Type, UInt8Type,
};
use arrow_array::{
    Array, ArrayRef, BooleanArray, Float32Array, Float64Array, Int16Array, Int32Array, Int64Array,
    Int8Array, LargeListArray, LargeStringArray, ListArray, NullArray, RecordBatch,
    RecordBatchOptions, StringArray, StringViewArray, StructArray, UInt16Array, UInt32Array,
    UInt64Array, UInt8Array,
};
use arrow_buffer::OffsetBuffer;
use arrow_schema::{DataType, Field, Fields, Schema};
use serde_json::{Map, Value};
use std::sync::Arc;

type Column = (DataType, ArrayRef);

/// A kind, a policy index and a record batch, from the bytes.
pub(crate) fn batch(u: &mut Unstructured) -> arbitrary::Result<(&'static str, usize, RecordBatch)> {
    let (kind, engine_i, of_kind) = kind_and_templates(u)?;
    let n = u.int_in_range(0..=5usize)?;
    let mut rows = Vec::with_capacity(n);
    for _ in 0..n {
        let mut row = if of_kind.is_empty() || u.ratio(1, 8)? {
            Value::Object(Map::new())
        } else {
            (*u.choose(&of_kind)?).clone()
        };
        for _ in 0..u.int_in_range(0..=3)? {
            mutate(u, &mut row)?;
        }
        rows.push(row);
    }
    let mut names: Vec<String> = Vec::new();
    for row in &rows {
        if let Value::Object(m) = row {
            for k in m.keys() {
                if !names.contains(k) {
                    names.push(k.clone());
                }
            }
        }
    }
    let mut fields = Vec::new();
    let mut columns = Vec::new();
    for name in names {
        let values: Vec<Value> = rows
            .iter()
            .map(|r| r.get(&name).cloned().unwrap_or(Value::Null))
            .collect();
        let (dt, array) = column(u, &values, 0)?;
        let name = match u.int_in_range(0..=15u8)? {
            0 => key(u)?,
            1 => format!("{name}.{}", key(u)?),
            2 => format!("__{name}"),
            _ => name,
        };
        fields.push(Field::new(name, dt, true));
        columns.push(array);
    }
    if u.ratio(1, 6)? {
        let values: Vec<Value> = (0..n).map(|_| leaf(u, 1)).collect::<Result<_, _>>()?;
        let (dt, array) = column(u, &values, 0)?;
        fields.push(Field::new(key(u)?, dt, true));
        columns.push(array);
    }
    let schema = Arc::new(Schema::new(fields));
    let options = RecordBatchOptions::new().with_row_count(Some(n));
    RecordBatch::try_new_with_options(schema, columns, &options)
        .map(|b| (kind, engine_i, b))
        .map_err(|_| arbitrary::Error::IncorrectFormat)
}

/// An array holding `values` (one per row), of a type drawn from those that fit the first
/// non-null value.
fn column(u: &mut Unstructured, values: &[Value], depth: u32) -> arbitrary::Result<Column> {
    let n = values.len();
    let shape = values.iter().find(|v| !v.is_null());
    let Some(shape) = shape else {
        return Ok(match u.int_in_range(0..=2u8)? {
            0 => (DataType::Null, Arc::new(NullArray::new(n))),
            1 => (
                DataType::Utf8,
                Arc::new(StringArray::from(vec![None::<&str>; n])),
            ),
            _ => (
                DataType::Int64,
                Arc::new(Int64Array::from(vec![None::<i64>; n])),
            ),
        });
    };
    Ok(match shape {
        Value::String(_) => {
            let texts: Vec<Option<&str>> = values.iter().map(Value::as_str).collect();
            match u.int_in_range(0..=2u8)? {
                0 => (DataType::Utf8, Arc::new(StringArray::from(texts))),
                1 => (DataType::LargeUtf8, Arc::new(LargeStringArray::from(texts))),
                _ => (DataType::Utf8View, Arc::new(StringViewArray::from(texts))),
            }
        }
        Value::Bool(_) => (
            DataType::Boolean,
            Arc::new(BooleanArray::from(
                values.iter().map(Value::as_bool).collect::<Vec<_>>(),
            )),
        ),
        Value::Number(first) if first.is_i64() || first.is_u64() => {
            let ints: Vec<Option<i128>> = values
                .iter()
                .map(|v| {
                    v.as_i64()
                        .map(i128::from)
                        .or_else(|| v.as_u64().map(i128::from))
                })
                .collect();
            macro_rules! ints {
                ($t:ty, $a:ty, $dt:expr) => {
                    (
                        $dt,
                        Arc::new(<$a>::from(
                            ints.iter()
                                .map(|i| i.and_then(|i| <$t>::try_from(i).ok()))
                                .collect::<Vec<_>>(),
                        )) as ArrayRef,
                    )
                };
            }
            match u.int_in_range(0..=9u8)? {
                0 => ints!(i8, Int8Array, DataType::Int8),
                1 => ints!(i16, Int16Array, DataType::Int16),
                2 => ints!(i32, Int32Array, DataType::Int32),
                3 => ints!(u8, UInt8Array, DataType::UInt8),
                4 => ints!(u16, UInt16Array, DataType::UInt16),
                5 => ints!(u32, UInt32Array, DataType::UInt32),
                6 => ints!(u64, UInt64Array, DataType::UInt64),
                7 => floats(u, values, true)?,
                8 => floats(u, values, false)?,
                _ => ints!(i64, Int64Array, DataType::Int64),
            }
        }
        Value::Number(_) => {
            let single = u.ratio(1, 3)?;
            floats(u, values, single)?
        }
        Value::Object(_) if depth < 6 => {
            let mut names: Vec<String> = Vec::new();
            for v in values {
                if let Value::Object(m) = v {
                    for k in m.keys() {
                        if !names.contains(k) && names.len() < 12 {
                            names.push(k.clone());
                        }
                    }
                }
            }
            if names.is_empty() {
                names.push(key(u)?);
            }
            let mut fields = Vec::new();
            let mut children = Vec::new();
            for name in names {
                let child: Vec<Value> = values
                    .iter()
                    .map(|v| v.get(&name).cloned().unwrap_or(Value::Null))
                    .collect();
                let (dt, array) = column(u, &child, depth + 1)?;
                fields.push(Field::new(name, dt, true));
                children.push(array);
            }
            let valid: Vec<bool> = values.iter().map(Value::is_object).collect();
            let fields = Fields::from(fields);
            let array = StructArray::try_new(fields.clone(), children, Some(valid.into()))
                .map_err(|_| arbitrary::Error::IncorrectFormat)?;
            (DataType::Struct(fields), Arc::new(array))
        }
        Value::Array(_) if depth < 6 => {
            let lengths: Vec<usize> = values
                .iter()
                .map(|v| v.as_array().map_or(0, Vec::len))
                .collect();
            let items: Vec<Value> = values
                .iter()
                .filter_map(Value::as_array)
                .flatten()
                .cloned()
                .collect();
            let (dt, inner) = column(u, &items, depth + 1)?;
            let item = Arc::new(Field::new("item", dt, true));
            let valid: Vec<bool> = values.iter().map(Value::is_array).collect();
            if u.arbitrary()? {
                let offsets = OffsetBuffer::from_lengths(lengths.iter().copied());
                let array = ListArray::try_new(item.clone(), offsets, inner, Some(valid.into()))
                    .map_err(|_| arbitrary::Error::IncorrectFormat)?;
                (DataType::List(item), Arc::new(array))
            } else {
                let offsets = OffsetBuffer::from_lengths(lengths.iter().copied());
                let array =
                    LargeListArray::try_new(item.clone(), offsets, inner, Some(valid.into()))
                        .map_err(|_| arbitrary::Error::IncorrectFormat)?;
                (DataType::LargeList(item), Arc::new(array))
            }
        }
        _ => {
            let texts: Vec<Option<String>> = values.iter().map(|v| Some(v.to_string())).collect();
            (DataType::Utf8, Arc::new(StringArray::from(texts)))
        }
    })
}

/// A float column: the rows' numbers, and now and then NaN or an infinity.
fn floats(u: &mut Unstructured, values: &[Value], single: bool) -> arbitrary::Result<Column> {
    let mut out = Vec::with_capacity(values.len());
    for v in values {
        let special = match u.int_in_range(0..=7u8)? {
            0 => Some(f64::NAN),
            1 => Some(f64::INFINITY),
            2 => Some(f64::NEG_INFINITY),
            _ => None,
        };
        out.push(v.as_f64().map(|f| special.unwrap_or(f)));
    }
    Ok(if single {
        let out: Vec<Option<f32>> = out.iter().map(|f| f.map(|f| f as f32)).collect();
        (DataType::Float32, Arc::new(Float32Array::from(out)))
    } else {
        (DataType::Float64, Arc::new(Float64Array::from(out)))
    })
}

/// Row `row` as the JSON object the row reader presents: null cells and `__` columns left
/// out, at every level. `None` when JSON cannot say the same thing: a name twice in one
/// object, NaN or an infinity.
pub(crate) fn row_json(batch: &RecordBatch, row: usize) -> Option<Value> {
    object(batch.schema_ref().fields(), batch.columns(), row)
}

fn object(fields: &Fields, columns: &[ArrayRef], row: usize) -> Option<Value> {
    let mut m = Map::new();
    for (field, column) in fields.iter().zip(columns) {
        if column.is_null(row) || field.name().starts_with("__") {
            continue;
        }
        if m.insert(field.name().clone(), cell(column.as_ref(), row)?)
            .is_some()
        {
            return None;
        }
    }
    Some(Value::Object(m))
}

fn cell(array: &dyn Array, row: usize) -> Option<Value> {
    if array.is_null(row) {
        return Some(Value::Null);
    }
    macro_rules! int {
        ($t:ty) => {
            Value::from(array.as_primitive::<$t>().value(row))
        };
    }
    let float = |f: f64| serde_json::Number::from_f64(f).map(Value::Number);
    Some(match array.data_type() {
        DataType::Boolean => Value::Bool(array.as_boolean().value(row)),
        DataType::Int8 => int!(Int8Type),
        DataType::Int16 => int!(Int16Type),
        DataType::Int32 => int!(Int32Type),
        DataType::Int64 => int!(Int64Type),
        DataType::UInt8 => int!(UInt8Type),
        DataType::UInt16 => int!(UInt16Type),
        DataType::UInt32 => int!(UInt32Type),
        DataType::UInt64 => int!(UInt64Type),
        DataType::Float32 => float(array.as_primitive::<Float32Type>().value(row).into())?,
        DataType::Float64 => float(array.as_primitive::<Float64Type>().value(row))?,
        DataType::Utf8 => Value::from(array.as_string::<i32>().value(row)),
        DataType::LargeUtf8 => Value::from(array.as_string::<i64>().value(row)),
        DataType::Utf8View => Value::from(array.as_string_view().value(row)),
        DataType::Struct(_) => {
            let s = array.as_struct();
            object(s.fields(), s.columns(), row)?
        }
        DataType::List(_) => {
            let list = array.as_list::<i32>();
            let values = list.value(row);
            let items: Option<Vec<Value>> = (0..values.len())
                .map(|i| cell(values.as_ref(), i))
                .collect();
            Value::Array(items?)
        }
        DataType::LargeList(_) => {
            let list = array.as_list::<i64>();
            let values = list.value(row);
            let items: Option<Vec<Value>> = (0..values.len())
                .map(|i| cell(values.as_ref(), i))
                .collect();
            Value::Array(items?)
        }
        _ => return None,
    })
}
