//! A row of an Arrow record batch as a serde deserializer: the pure part of the data-frame
//! reader (arrow-array, arrow-schema and serde only; no pyo3), so that the fuzz crate
//! (`fuzz/`, target `arrow_rows`) compiles this very file and decides arbitrary record
//! batches through it.

use arrow_array::cast::AsArray;
use arrow_array::types::{
    Float32Type, Float64Type, Int16Type, Int32Type, Int64Type, Int8Type, UInt16Type, UInt32Type,
    UInt64Type, UInt8Type,
};
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::DataType;
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};

type DeError = de::value::Error;

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
        let cell = self
            .value
            .take()
            .ok_or_else(|| de::Error::custom("a value was asked for before its key"))?;
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
        other => Err(de::Error::custom(format!(
            "a column of Arrow type {other} cannot be read (use text for instants and dates, integers for cents, booleans, structs and lists)"
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

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct newtype_struct seq tuple tuple_struct map struct
        identifier ignored_any
    }
}
