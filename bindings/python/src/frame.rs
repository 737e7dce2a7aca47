//! Data frames: a pyarrow Table, polars or pandas DataFrame (anything with the Arrow PyCapsule
//! interface) decided column-wise, without a Python object per row. Each row is read by a
//! serde deserializer over the Arrow columns straight into core's typed request (core's
//! decoders, defaults and checks, as for every host); the answers come back as an Arrow
//! table aligned with the input rows.

// The row reader (a serde deserializer over Arrow columns) lives in `frame/rows.rs`, free of
// pyo3, so the fuzz crate compiles the same file (`fuzz/`, target `arrow_rows`).
mod rows;

use arrow_array::ffi::{from_ffi, FFI_ArrowArray, FFI_ArrowSchema};
use arrow_array::ffi_stream::{FFI_ArrowArrayStream, RecordBatchStreamReader};
use arrow_array::{ArrayRef, RecordBatch, RecordBatchReader, StructArray};
use arrow_schema::{DataType, SchemaRef};
use rows::Row;
use std::ffi::CStr;

const STREAM_CAPSULE: &CStr = c"arrow_array_stream";
const SCHEMA_CAPSULE: &CStr = c"arrow_schema";
const ARRAY_CAPSULE: &CStr = c"arrow_array";

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
