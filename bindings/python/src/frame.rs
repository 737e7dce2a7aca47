//! Data frames: a pyarrow Table, polars or pandas DataFrame (anything with the Arrow PyCapsule
//! interface) decided column-wise, without a Python object per row. Each row is read by a
//! serde deserializer over the Arrow columns straight into core's typed request (core's
//! decoders, defaults and checks, as for every host); the answers come back as an Arrow
//! table aligned with the input rows.

use arrow_array::cast::AsArray;
use arrow_array::ffi::{from_ffi, FFI_ArrowArray, FFI_ArrowSchema};
use arrow_array::ffi_stream::{FFI_ArrowArrayStream, RecordBatchStreamReader};
use arrow_array::types::{
    Float32Type, Float64Type, Int16Type, Int32Type, Int64Type, Int8Type, UInt16Type, UInt32Type,
    UInt64Type, UInt8Type,
};
use arrow_array::{Array, ArrayRef, RecordBatch, RecordBatchReader, StructArray};
use arrow_schema::{DataType, SchemaRef};
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use std::ffi::CStr;

const STREAM_CAPSULE: &CStr = c"arrow_array_stream";
const SCHEMA_CAPSULE: &CStr = c"arrow_schema";
const ARRAY_CAPSULE: &CStr = c"arrow_array";

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

// ── in and out through the Arrow PyCapsule interface ─────────────────────────────────────

use arrow_array::builder::{BooleanBuilder, StringBuilder, UInt64Builder};
use arrow_array::RecordBatchIterator;
use arrow_schema::{ArrowError, Field, Schema};
use kefu_core::{Engine as CoreEngine, Error as CoreError, ErrorCode};
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyTuple};
use std::sync::Arc;

fn arrow_error(e: &ArrowError) -> CoreError {
    CoreError::new(
        ErrorCode::InvalidInput,
        format!("the data frame could not be read: {e}"),
        Some(String::new()),
    )
}

fn not_a_frame() -> CoreError {
    CoreError::new(
        ErrorCode::InvalidInput,
        "expected a data frame: a pyarrow Table or RecordBatch, a polars or pandas (2.2+) DataFrame, or anything with __arrow_c_stream__",
        Some(String::new()),
    )
}

/// Record batches from any object with `__arrow_c_stream__` (pyarrow Table, polars and
/// pandas ≥ 2.2 DataFrames) or `__arrow_c_array__` (a pyarrow RecordBatch, as Spark's
/// `mapInArrow` hands them). Zero-copy: the batches share the producer's buffers.
pub fn import(obj: &Bound<'_, PyAny>) -> Result<(SchemaRef, Vec<RecordBatch>), CoreError> {
    let py_error = |e: PyErr| {
        CoreError::new(
            ErrorCode::InvalidInput,
            format!("the data frame could not be read: {e}"),
            Some(String::new()),
        )
    };
    if obj.hasattr("__arrow_c_stream__").unwrap_or(false) {
        let capsule = obj.call_method0("__arrow_c_stream__").map_err(py_error)?;
        let capsule = capsule
            .cast::<PyCapsule>()
            .map_err(|e| py_error(e.into()))?;
        let ptr = capsule
            .pointer_checked(Some(STREAM_CAPSULE))
            .map_err(py_error)?;
        // SAFETY: the capsule's name promises an ArrowArrayStream. `from_raw` moves it out
        // and leaves a released struct behind, so the capsule's destructor does not release
        // it a second time.
        let stream = unsafe { FFI_ArrowArrayStream::from_raw(ptr.cast().as_ptr()) };
        let reader = RecordBatchStreamReader::try_new(stream).map_err(|e| arrow_error(&e))?;
        let schema = reader.schema();
        let batches = reader
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| arrow_error(&e))?;
        return Ok((schema, batches));
    }
    if obj.hasattr("__arrow_c_array__").unwrap_or(false) {
        let pair = obj.call_method0("__arrow_c_array__").map_err(py_error)?;
        let pair = pair.cast::<PyTuple>().map_err(|e| py_error(e.into()))?;
        let schema = pair.get_item(0).map_err(py_error)?;
        let schema = schema.cast::<PyCapsule>().map_err(|e| py_error(e.into()))?;
        let array = pair.get_item(1).map_err(py_error)?;
        let array = array.cast::<PyCapsule>().map_err(|e| py_error(e.into()))?;
        let schema_ptr = schema
            .pointer_checked(Some(SCHEMA_CAPSULE))
            .map_err(py_error)?;
        let array_ptr = array
            .pointer_checked(Some(ARRAY_CAPSULE))
            .map_err(py_error)?;
        // SAFETY: the names promise an ArrowSchema (only borrowed: its capsule keeps owning
        // it) and an ArrowArray (moved out, leaving a released struct in its capsule).
        let ffi_schema: &FFI_ArrowSchema = unsafe { schema_ptr.cast().as_ref() };
        let ffi_array = unsafe { FFI_ArrowArray::from_raw(array_ptr.cast().as_ptr()) };
        // SAFETY: the array and the schema come from the same `__arrow_c_array__` call.
        let data = unsafe { from_ffi(ffi_array, ffi_schema) }.map_err(|e| arrow_error(&e))?;
        let batch = RecordBatch::from(StructArray::from(data));
        return Ok((batch.schema(), vec![batch]));
    }
    Err(not_a_frame())
}

/// Decisions as Arrow data, handed to Python through `__arrow_c_stream__`
/// (`pyarrow.table(x)`, `polars.DataFrame(x)`).
#[pyclass(frozen, name = "ArrowStream", module = "kefu._kefu")]
pub struct ArrowStream {
    schema: SchemaRef,
    batches: Vec<RecordBatch>,
}

#[pymethods]
impl ArrowStream {
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let _ = requested_schema; // optional in the protocol; the schema is kefu's own
        let reader: Box<dyn RecordBatchReader + Send> = Box::new(RecordBatchIterator::new(
            self.batches.clone().into_iter().map(Ok),
            Arc::clone(&self.schema),
        ));
        PyCapsule::new_with_value(py, FFI_ArrowArrayStream::new(reader), STREAM_CAPSULE)
    }

    fn __len__(&self) -> usize {
        self.batches.iter().map(RecordBatch::num_rows).sum()
    }
}

/// The answer's columns: `index`, `ok`, `error_code`, `error_path`, `error_message`, the
/// kind's main fields, and (when asked) the whole `decision` as JSON.
fn answer_schema(main: &[&str], whole: bool) -> SchemaRef {
    let mut fields = vec![
        Field::new("index", DataType::UInt64, false),
        Field::new("ok", DataType::Boolean, false),
        Field::new("error_code", DataType::Utf8, true),
        Field::new("error_path", DataType::Utf8, true),
        Field::new("error_message", DataType::Utf8, true),
    ];
    fields.extend(main.iter().map(|m| Field::new(*m, DataType::Utf8, true)));
    if whole {
        fields.push(Field::new("decision", DataType::Utf8, true));
    }
    Arc::new(Schema::new(fields))
}

/// Rows `rows` of `batch`, decided and answered as one record batch (run on its own thread).
fn answer(
    engine: &CoreEngine,
    kind: &str,
    batch: &RecordBatch,
    rows: std::ops::Range<usize>,
    first: u64,
    schema: &SchemaRef,
    whole: bool,
) -> Result<RecordBatch, CoreError> {
    let main = kefu_core::main_fields(kind);
    let n = rows.len();
    let mut index = UInt64Builder::with_capacity(n);
    let mut ok = BooleanBuilder::with_capacity(n);
    let mut code = StringBuilder::new();
    let mut path = StringBuilder::new();
    let mut message = StringBuilder::new();
    let mut columns: Vec<StringBuilder> = main.iter().map(|_| StringBuilder::new()).collect();
    let mut json = StringBuilder::new();
    let mut cells: Vec<Option<String>> = vec![None; main.len()];
    for row in rows {
        index.append_value(first + row as u64);
        match kefu_core::guarded(|| engine.decide_from(kind, Row::new(batch, row))) {
            Ok(d) => {
                ok.append_value(true);
                code.append_null();
                path.append_null();
                message.append_null();
                crate::fields::capture(&d, main, &mut cells);
                for (column, cell) in columns.iter_mut().zip(cells.iter_mut()) {
                    column.append_option(cell.take());
                }
                if whole {
                    json.append_value(d.to_json().to_string());
                }
            }
            Err(e) => {
                ok.append_value(false);
                code.append_value(e.code.as_str());
                path.append_option(e.path.as_deref());
                message.append_value(&e.message);
                for column in &mut columns {
                    column.append_null();
                }
                if whole {
                    json.append_null();
                }
            }
        }
    }
    let mut arrays: Vec<ArrayRef> = vec![
        Arc::new(index.finish()),
        Arc::new(ok.finish()),
        Arc::new(code.finish()),
        Arc::new(path.finish()),
        Arc::new(message.finish()),
    ];
    arrays.extend(columns.iter_mut().map(|c| Arc::new(c.finish()) as ArrayRef));
    if whole {
        arrays.push(Arc::new(json.finish()));
    }
    RecordBatch::try_new(Arc::clone(schema), arrays).map_err(|e| arrow_error(&e))
}

/// Decide every row of every batch, each batch cut into one share per thread; each share is
/// decided and answered on its own thread as a record batch, and the answer keeps the input's
/// row order.
pub fn decide(
    engine: &CoreEngine,
    kind: &str,
    batches: &[RecordBatch],
    threads: usize,
    whole: bool,
) -> Result<ArrowStream, CoreError> {
    engine.evaluate_batch_on(kind, &[], 1)?; // an unknown kind fails the whole call
    let schema = answer_schema(kefu_core::main_fields(kind), whole);
    let mut out = Vec::new();
    let mut first = 0u64;
    for batch in batches {
        let n = batch.num_rows();
        let share = n.div_ceil(threads.max(1)).max(1);
        let parts: Vec<Result<RecordBatch, CoreError>> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..n)
                .step_by(share)
                .map(|start| {
                    let rows = start..(start + share).min(n);
                    let schema = &schema;
                    scope.spawn(move || answer(engine, kind, batch, rows, first, schema, whole))
                })
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join().unwrap_or_else(|_| {
                        Err(CoreError::new(
                            ErrorCode::Internal,
                            "internal error (please report)",
                            None,
                        ))
                    })
                })
                .collect()
        });
        for part in parts {
            out.push(part?);
        }
        first += n as u64;
    }
    Ok(ArrowStream {
        schema,
        batches: out,
    })
}
