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

use arrow_array::builder::{BooleanBuilder, NullBufferBuilder, StringBuilder, UInt64Builder};
use arrow_array::{Array, RecordBatchIterator};
use arrow_schema::{ArrowError, Field, Fields, Schema};
use kefu_core::{Engine as CoreEngine, Error as CoreError, ErrorCode};
use pyo3::exceptions::PyImportError;
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

/// A Python error met while reading a data frame: `INVALID_INPUT`, except a module that could
/// not be imported (pandas reads itself out through pyarrow, an optional dependency of
/// pandas): that stays an `ImportError`, saying what to install (issue 18 item 10).
fn read_error(py: Python<'_>, e: PyErr) -> PyErr {
    if e.is_instance_of::<PyImportError>(py) {
        let missing = PyImportError::new_err(format!(
            "the data frame could not be read: a module it needs is not installed ({e}); a pandas DataFrame is read through pyarrow: pip install pyarrow"
        ));
        missing.set_cause(py, Some(e));
        return missing;
    }
    crate::to_py_err(
        py,
        CoreError::new(
            ErrorCode::InvalidInput,
            format!("the data frame could not be read: {e}"),
            Some(String::new()),
        ),
    )
}

/// Record batches from any object with `__arrow_c_stream__` (pyarrow Table, polars and
/// pandas ≥ 2.2 DataFrames) or `__arrow_c_array__` (a pyarrow RecordBatch, as Spark's
/// `mapInArrow` hands them). Zero-copy: the batches share the producer's buffers.
pub fn import(obj: &Bound<'_, PyAny>) -> PyResult<(SchemaRef, Vec<RecordBatch>)> {
    let py = obj.py();
    let py_error = |e: PyErr| read_error(py, e);
    let kefu = |e: CoreError| crate::to_py_err(py, e);
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
        let reader = RecordBatchStreamReader::try_new(stream).map_err(|e| kefu(arrow_error(&e)))?;
        let schema = reader.schema();
        let batches = reader
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| kefu(arrow_error(&e)))?;
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
        let data = unsafe { from_ffi(ffi_array, ffi_schema) }.map_err(|e| kefu(arrow_error(&e)))?;
        let batch = RecordBatch::from(StructArray::from(data));
        return Ok((batch.schema(), vec![batch]));
    }
    Err(kefu(not_a_frame()))
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

/// The request's keys in a batch's columns, to echo on a row that was not decided (a decided
/// row echoes them from its decision): `id`, and `order_id` (for `order_action`, the order's,
/// `order.order_id`), where core says they are (`kefu_core::key_paths`). Each is
/// the column and the struct columns above it, so a null parent hides it.
struct Keys<'a> {
    id: Option<Vec<&'a dyn Array>>,
    order_id: Option<Vec<&'a dyn Array>>,
}

impl<'a> Keys<'a> {
    fn new(kind: &str, batch: &'a RecordBatch) -> Keys<'a> {
        let (id, order_id) = kefu_core::key_paths(kind);
        Keys {
            id: column_at(batch, id),
            order_id: column_at(batch, order_id),
        }
    }

    fn text(column: Option<&Vec<&'a dyn Array>>, row: usize) -> Option<String> {
        let chain = column?;
        let (cell, parents) = chain.split_last()?;
        if parents.iter().any(|p| p.is_null(row)) {
            return None;
        }
        rows::key_text(*cell, row).map(std::borrow::Cow::into_owned)
    }
}

/// The column at a field path of a batch (struct columns walked by their fields' names), with
/// the struct columns above it, outermost first.
fn column_at<'a>(batch: &'a RecordBatch, path: &[&str]) -> Option<Vec<&'a dyn Array>> {
    let (first, rest) = path.split_first()?;
    let mut at: &'a dyn Array = batch.column_by_name(first)?.as_ref();
    let mut chain = vec![at];
    for name in rest {
        let fields = at.as_any().downcast_ref::<StructArray>()?;
        at = fields.column_by_name(name)?.as_ref();
        chain.push(at);
    }
    Some(chain)
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
    let keys = Keys::new(kind, batch);
    let id_at = main.iter().position(|m| *m == "id");
    let order_id_at = main.iter().position(|m| *m == "order_id");
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
                // Not decided, but still joined back to its order: the keys as the row has
                // them (issue 18 item 13).
                for (i, column) in columns.iter_mut().enumerate() {
                    let key = if Some(i) == id_at {
                        Keys::text(keys.id.as_ref(), row)
                    } else if Some(i) == order_id_at {
                        Keys::text(keys.order_id.as_ref(), row)
                    } else {
                        None
                    };
                    column.append_option(key);
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

/// Most threads a frame is decided on, as core's batches (`Engine::evaluate_batch_rows`).
pub const MAX_THREADS: usize = 64;

/// Fewest rows worth a thread of their own: below this, starting a thread costs more than it
/// saves (core's batches use the same).
const MIN_ROWS_PER_THREAD: usize = 64;

/// Decide every row of every batch, each batch cut into one share per thread (at most
/// [`MAX_THREADS`], one per [`MIN_ROWS_PER_THREAD`] rows); each share is decided and answered
/// as a record batch on its own thread (or on the calling thread when one cannot be started:
/// never a panic), and the answer keeps the input's row order.
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
        let batch = &nest(batch)?;
        let n = batch.num_rows();
        let threads = threads
            .clamp(1, MAX_THREADS)
            .min(n / MIN_ROWS_PER_THREAD)
            .max(1);
        let share = n.div_ceil(threads).max(1);
        let run =
            |rows: std::ops::Range<usize>| answer(engine, kind, batch, rows, first, &schema, whole);
        let parts: Vec<Result<RecordBatch, CoreError>> = if n == 0 {
            Vec::new()
        } else if threads == 1 {
            vec![run(0..n)]
        } else {
            std::thread::scope(|scope| {
                let started: Vec<_> = (0..n)
                    .step_by(share)
                    .map(|start| {
                        let rows = start..(start + share).min(n);
                        let handle = std::thread::Builder::new()
                            .spawn_scoped(scope, {
                                let rows = rows.clone();
                                move || run(rows)
                            })
                            .ok();
                        (rows, handle)
                    })
                    .collect();
                started
                    .into_iter()
                    .map(|(rows, handle)| match handle {
                        // A thread that could not start: its share is decided here.
                        None => run(rows),
                        Some(h) => h.join().unwrap_or_else(|_| {
                            Err(CoreError::new(
                                ErrorCode::Internal,
                                "internal error (please report)",
                                None,
                            ))
                        }),
                    })
                    .collect()
            })
        };
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

/// Every row of every batch decided under both engines and compared by core
/// (`kefu_core::whatif`): the changed rows and the summary, for `kefu.diff_policy` over a data
/// frame (issue 20). A row that fails keeps its keys, as in [`decide`].
pub fn diff(
    old: &CoreEngine,
    new: &CoreEngine,
    kind: &str,
    batches: &[RecordBatch],
) -> Result<(Vec<serde_json::Value>, kefu_core::whatif::Summary), CoreError> {
    old.evaluate_batch_on(kind, &[], 1)?; // an unknown kind fails the whole call
                                          // Each side's main fields as the frames write them (`evaluate_frame`'s own capture: text,
                                          // lists joined by `|`), or its error's code and path.
    let main: Vec<&str> = kefu_core::main_fields(kind)
        .iter()
        .copied()
        .filter(|f| !matches!(*f, "id" | "order_id"))
        .collect();
    let side = |item: &kefu_core::BatchItem| -> serde_json::Value {
        match (&item.decision, &item.error) {
            (Some(d), _) => {
                let mut cells = vec![None; main.len()];
                crate::fields::capture(d, &main, &mut cells);
                let fields = main.iter().zip(cells).map(|(k, v)| {
                    (
                        (*k).to_owned(),
                        v.map_or(serde_json::Value::Null, serde_json::Value::from),
                    )
                });
                serde_json::Value::Object(fields.collect())
            }
            (None, e) => serde_json::json!({ "error": {
                "code": e.as_ref().map(|e| e.code.as_str()),
                "path": e.as_ref().and_then(|e| e.path.as_deref()),
            }}),
        }
    };
    let mut changes = Vec::new();
    let mut summary = kefu_core::whatif::Summary::default();
    let mut first = 0usize;
    for batch in batches {
        let batch = &nest(batch)?;
        let keys = Keys::new(kind, batch);
        for row in 0..batch.num_rows() {
            let item = |engine: &CoreEngine| {
                let decided = kefu_core::guarded(|| engine.decide_from(kind, Row::new(batch, row)));
                let mut item =
                    kefu_core::BatchItem::new(first + row, decided).keyed_by(kind, |_| None);
                if !item.ok {
                    item.id = Keys::text(keys.id.as_ref(), row);
                    item.order_id = Keys::text(keys.order_id.as_ref(), row);
                }
                item
            };
            let (a, b) = (item(old), item(new));
            let change = kefu_core::whatif::compare(&a, &b);
            summary.count(&a, change.as_ref());
            if let Some(c) = change {
                // Written at once: the change borrows this row's two answers.
                let mut row = serde_json::to_value(c).map_err(|e| {
                    CoreError::new(
                        ErrorCode::Internal,
                        format!("kefu could not write a change: {e}"),
                        None,
                    )
                })?;
                if let Some(map) = row.as_object_mut() {
                    map.insert(String::from("old"), side(&a));
                    map.insert(String::from("new"), side(&b));
                }
                changes.push(row);
            }
        }
        first += batch.num_rows();
    }
    Ok((changes, summary))
}

// ── columns named as field paths ─────────────────────────────────────────────────────────

/// A column's field path when its name is one (`condition.seal_broken`, or
/// `condition/seal_broken`): split at `.` and `/` as the command line reads a CSV header
/// (`kefu_core::decode::cells`), empty parts left out. `None` for a name that is one field as
/// it is (pandas' own `__index_level_0__` included).
fn field_path(name: &str) -> Option<Vec<&str>> {
    if name.starts_with("__") || !name.contains(['.', '/']) {
        return None;
    }
    Some(
        name.trim()
            .split(['.', '/'])
            .filter(|s| !s.is_empty())
            .collect(),
    )
}

/// Columns as a tree of field names.
enum Node {
    Column(Field, ArrayRef),
    Fields(Vec<(String, Node)>),
}

impl Node {
    fn insert(&mut self, path: &[&str], field: &Field, column: &ArrayRef) {
        let Node::Fields(children) = self else { return };
        let Some((name, rest)) = path.split_first() else {
            return;
        };
        if rest.is_empty() {
            children.push((
                (*name).to_owned(),
                Node::Column(field.clone().with_name(*name), Arc::clone(column)),
            ));
            return;
        }
        let at = match children.iter().position(|(k, _)| k == name) {
            Some(at) => at,
            None => {
                children.push(((*name).to_owned(), Node::Fields(Vec::new())));
                children.len() - 1
            }
        };
        if let Some((_, child)) = children.get_mut(at) {
            child.insert(rest, field, column);
        }
    }

    /// The fields and columns under a branch.
    fn columns(
        children: Vec<(String, Node)>,
        rows: usize,
    ) -> Result<(Fields, Vec<ArrayRef>), CoreError> {
        let mut fields = Vec::with_capacity(children.len());
        let mut columns = Vec::with_capacity(children.len());
        for (name, node) in children {
            let (field, column) = match node {
                Node::Column(field, column) => (field, column),
                Node::Fields(children) => {
                    let (inner, arrays) = Node::columns(children, rows)?;
                    // A row with every cell under this name null has no such field at all (as
                    // the command line leaves out a field whose cells are all empty).
                    let mut nulls = NullBufferBuilder::new(rows);
                    for row in 0..rows {
                        if arrays.iter().any(|a| a.is_valid(row)) {
                            nulls.append_non_null();
                        } else {
                            nulls.append_null();
                        }
                    }
                    let array = StructArray::try_new(inner, arrays, nulls.finish())
                        .map_err(|e| arrow_error(&e))?;
                    let field = Field::new(name, array.data_type().clone(), true);
                    (field, Arc::new(array) as ArrayRef)
                }
            };
            fields.push(field);
            columns.push(column);
        }
        Ok((Fields::from(fields), columns))
    }
}

/// A batch whose columns named as field paths (`condition.seal_broken`) are nested as the
/// command line nests them (issue 18 item 10): `condition` becomes a struct column with a
/// `seal_broken` field. Zero-copy (the columns are shared). Refused as the command line
/// refuses such a header, before any row is decided: two columns for one field, or a column
/// for a field and another for a field inside it. A batch without such names is returned as
/// it is.
fn nest(batch: &RecordBatch) -> Result<RecordBatch, CoreError> {
    let schema = batch.schema_ref();
    if !schema
        .fields()
        .iter()
        .any(|f| field_path(f.name()).is_some())
    {
        return Ok(batch.clone());
    }
    let paths: Vec<Vec<&str>> = schema
        .fields()
        .iter()
        .map(|f| field_path(f.name()).unwrap_or_else(|| vec![f.name().as_str()]))
        .collect();
    let refuse =
        |message: String| CoreError::new(ErrorCode::InvalidInput, message, Some(String::new()));
    // Core's rule for a header of field paths, as the command line's CSV has it.
    kefu_core::decode::cells::check_paths(&paths).map_err(refuse)?;
    let mut root = Node::Fields(Vec::new());
    for ((path, field), column) in paths.iter().zip(schema.fields()).zip(batch.columns()) {
        root.insert(path, field, column);
    }
    let Node::Fields(children) = root else {
        return Ok(batch.clone());
    };
    let (fields, columns) = Node::columns(children, batch.num_rows())?;
    let options = arrow_array::RecordBatchOptions::new().with_row_count(Some(batch.num_rows()));
    RecordBatch::try_new_with_options(Arc::new(Schema::new(fields)), columns, &options)
        .map_err(|e| arrow_error(&e))
}
