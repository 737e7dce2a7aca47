//! `kefu._kefu`: the PyO3 shim. It converts Python values to JSON-shaped values and back and
//! maps kefu's error codes to exception classes; every rule, default and check is in core.

mod fields;
mod frame;

use kefu_core::decode::host;
use kefu_core::lean::Options;
use kefu_core::{guarded, Engine as CoreEngine, Error as CoreError, ErrorCode};
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Value};

pyo3::create_exception!(
    _kefu,
    KefuError,
    PyException,
    "Base of every kefu error: `.code`, `.path`, `.problems`."
);
pyo3::create_exception!(
    _kefu,
    InvalidInputError,
    KefuError,
    "INVALID_INPUT or INVALID_JSON: a request field is wrong."
);
pyo3::create_exception!(
    _kefu,
    InvalidPolicyError,
    KefuError,
    "INVALID_POLICY: the policy has problems (all in `.problems`)."
);
pyo3::create_exception!(
    _kefu,
    CalendarYearUnknownError,
    KefuError,
    "CALENDAR_YEAR_UNKNOWN: a date outside the calendar's years."
);
pyo3::create_exception!(
    _kefu,
    UnknownKindError,
    KefuError,
    "UNKNOWN_KIND: `evaluate` got a kind that does not exist."
);
pyo3::create_exception!(
    _kefu,
    InternalError,
    KefuError,
    "INTERNAL: a bug in kefu, caught before it crossed into Python."
);

/// The one place where codes become exception classes.
fn to_py_err(py: Python<'_>, e: CoreError) -> PyErr {
    let err = match e.code {
        ErrorCode::InvalidJson | ErrorCode::InvalidInput => {
            InvalidInputError::new_err(e.message.clone())
        }
        ErrorCode::InvalidPolicy => InvalidPolicyError::new_err(e.message.clone()),
        ErrorCode::CalendarYearUnknown => CalendarYearUnknownError::new_err(e.message.clone()),
        ErrorCode::UnknownKind => UnknownKindError::new_err(e.message.clone()),
        ErrorCode::Internal => InternalError::new_err(e.message.clone()),
    };
    let value = err.value(py);
    let problems = kefu_core::Problem::list_to_json(&e.problems);
    let set = value
        .setattr("code", e.code.as_str())
        .and_then(|()| value.setattr("kind", e.kind.as_str()))
        .and_then(|()| value.setattr("message_zh", e.message_zh.clone()))
        .and_then(|()| value.setattr("path", e.path.clone()))
        .and_then(|()| value.setattr("message", e.message.clone()))
        .and_then(|()| to_py(py, &problems).and_then(|p| value.setattr("problems", p)));
    match set {
        Ok(()) => err,
        Err(other) => other,
    }
}

fn bad(path: &str, message: String) -> CoreError {
    CoreError::invalid_input(path, message)
}

/// A Python value as JSON: dict (str keys), list/tuple, str, int, float (finite), bool, None.
fn to_value(obj: &Bound<'_, PyAny>, path: &mut String, depth: usize) -> Result<Value, CoreError> {
    // Strings first: most values of a request are strings (this runs for every value).
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(text(s)));
    }
    let container = obj.cast::<PyDict>().is_ok()
        || obj.cast::<PyList>().is_ok()
        || obj.cast::<PyTuple>().is_ok();
    if depth >= host::MAX_DEPTH && container {
        return Ok(host::too_deep());
    }
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.cast::<PyInt>().is_ok() {
        if let Ok(v) = obj.extract::<i64>() {
            return Ok(Value::Number(v.into()));
        }
        if let Ok(v) = obj.extract::<u64>() {
            return Ok(Value::Number(v.into()));
        }
        return Err(bad(path, String::from("an integer too large for 64 bits")));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return host::number(f.value(), path);
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut map = Map::new();
        for (k, v) in d.iter() {
            let key = k
                .cast::<PyString>()
                .map(text)
                .map_err(|_| bad(path, String::from("object keys must be strings")))?;
            let len = host::enter_key(path, &key);
            let value = to_value(&v, path, depth + 1)?;
            path.truncate(len);
            map.insert(key, value);
        }
        return Ok(Value::Object(map));
    }
    let items: Option<Vec<Bound<'_, PyAny>>> = if let Ok(l) = obj.cast::<PyList>() {
        Some(l.iter().collect())
    } else {
        obj.cast::<PyTuple>().ok().map(|t| t.iter().collect())
    };
    if let Some(items) = items {
        let mut out = Vec::with_capacity(items.len());
        for (i, v) in items.iter().enumerate() {
            let len = host::enter_index(path, i);
            out.push(to_value(v, path, depth + 1)?);
            path.truncate(len);
        }
        return Ok(Value::Array(out));
    }
    let type_name = obj
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_default();
    Err(bad(
        path,
        format!("a {type_name} is not JSON-shaped (use dict, list, str, int, float, bool or None)"),
    ))
}

/// A JSON value as Python objects (pythonize; see `answer`).
fn to_py(py: Python<'_>, v: &Value) -> PyResult<Py<PyAny>> {
    answer(py, v)
}

/// The `lean=` keyword, read by core as every host's options are (`INVALID_INPUT` at
/// `/options/lean` for anything but a bool); left out or None for the default.
fn lean_option(lean: Option<&Bound<'_, PyAny>>) -> Result<bool, CoreError> {
    match lean {
        Some(v) if !v.is_none() => {
            let value = to_value(v, &mut String::from("/options/lean"), 1)?;
            let mut options = Map::new();
            options.insert(String::from("lean"), value);
            Options::from_value(&Value::Object(options)).map(|o| o.lean)
        }
        _ => Ok(false),
    }
}

/// The `threads=` argument of `evaluate_batch` and `evaluate_frame`: a whole number, 1 or more
/// (None or left out: every core this process may use). At most 64 are started whatever it
/// says (`frame::MAX_THREADS`, core's batch limit), so a number too large for any machine is
/// no error. Anything else (0, -1, 1.5, "2", True) is `INVALID_INPUT` at `/options/threads`,
/// as `lean=` is at `/options/lean` (issue 18 item 3).
fn threads_option(threads: Option<&Bound<'_, PyAny>>) -> Result<usize, CoreError> {
    let Some(t) = threads.filter(|t| !t.is_none()) else {
        return Ok(std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get));
    };
    let refuse = |got: String| {
        bad(
            "/options/threads",
            format!(
                "threads is a whole number of threads, 1 or more (at most {} are used), not {got}",
                frame::MAX_THREADS
            ),
        )
    };
    // bool is an int in Python; `threads=True` is a mistake, not one thread.
    if t.cast::<PyBool>().is_ok() {
        return Err(refuse(format!(
            "the bool {}",
            if t.is_truthy().unwrap_or(false) {
                "True"
            } else {
                "False"
            }
        )));
    }
    // Any integer, numpy's included (`__index__`); a float is not one, even 2.0.
    if let Ok(n) = t.extract::<i64>() {
        return match usize::try_from(n) {
            Ok(n) if n >= 1 => Ok(n.min(frame::MAX_THREADS)),
            _ => Err(refuse(n.to_string())),
        };
    }
    if t.cast::<PyInt>().is_ok() {
        // Beyond 64 bits: as many as may be used when positive.
        return match t.gt(0) {
            Ok(true) => Ok(frame::MAX_THREADS),
            _ => Err(refuse(String::from("a negative number"))),
        };
    }
    let type_name = t
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_default();
    Err(refuse(format!("a {type_name}")))
}

/// kefu's answer as Python objects, straight from its typed form: pythonize's serde
/// serializer writes dicts, lists and strings with no `serde_json::Value` in between (a third
/// of a lean call, when one was built). It replaced 370 hand-written lines (`answer.rs` and a
/// Value converter) at the same speed, measured per call (BENCHMARKS.md).
fn answer<T: serde::Serialize + ?Sized>(py: Python<'_>, value: &T) -> PyResult<Py<PyAny>> {
    pythonize::pythonize(py, value)
        .map(Bound::unbind)
        .map_err(|e| {
            to_py_err(
                py,
                CoreError::new(
                    ErrorCode::Internal,
                    format!("kefu could not build its answer: {e}"),
                    None,
                ),
            )
        })
}

/// A request as given: a dict (or other JSON-shaped value), or JSON text.
enum Request {
    Value(Value),
    Text(String),
}

fn request(obj: &Bound<'_, PyAny>) -> Result<Request, CoreError> {
    match obj.cast::<PyString>() {
        Ok(s) => Ok(Request::Text(text(s))),
        Err(_) => to_value(obj, &mut String::new(), 0).map(Request::Value),
    }
}

/// A Python string as UTF-8. A lone surrogate (half of a UTF-16 pair, as a cut-off emoji
/// leaves) becomes U+FFFD, as JavaScript's TextEncoder does, so every host reads the same text.
fn text(s: &Bound<'_, PyString>) -> String {
    match s.to_cow() {
        Ok(t) => t.into_owned(),
        // Through UTF-16 as JavaScript holds strings: a high and a low surrogate next to each
        // other are one character, and each lone one is one U+FFFD (UTF-8 decoding would
        // give three).
        Err(_) => s
            .call_method1("encode", ("utf-16-le", "surrogatepass"))
            .ok()
            .and_then(|b| {
                b.cast::<PyBytes>().ok().map(|b| {
                    let units = b
                        .as_bytes()
                        .chunks_exact(2)
                        .map(|c| u16::from_le_bytes(c.try_into().unwrap_or([0xFD, 0xFF])));
                    char::decode_utf16(units)
                        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
                        .collect()
                })
            })
            .unwrap_or_else(|| s.to_string_lossy().into_owned()),
    }
}

fn arg(obj: &Bound<'_, PyAny>, name: &str) -> Result<Value, CoreError> {
    to_value(obj, &mut format!("/{name}"), 0)
}

/// A compiled policy; cheap to call from many threads.
#[pyclass(frozen, module = "kefu._kefu")]
struct Engine {
    inner: CoreEngine,
}

impl Engine {
    /// Decide `req`; the whole decision, or its lean form (`kefu_core::lean`) when `lean`.
    fn run(
        &self,
        py: Python<'_>,
        kind: &str,
        req: &Bound<'_, PyAny>,
        lean: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let out = guarded(|| {
            let lean = lean_option(lean)?;
            match request(req)? {
                Request::Value(v) => self.inner.decide(kind, &v),
                Request::Text(t) => self.inner.decide_json(kind, &t),
            }
            .map(|d| (d, lean))
        });
        let (decision, lean) = out.map_err(|e| to_py_err(py, e))?;
        if lean {
            answer(py, &decision.lean())
        } else {
            answer(py, &decision)
        }
    }

    /// Convert host arguments, then call `f` with them; errors become Python exceptions.
    fn args<T>(
        &self,
        py: Python<'_>,
        args: &[(&str, &Bound<'_, PyAny>)],
        f: impl FnOnce(&CoreEngine, Vec<Value>) -> kefu_core::Result<T>,
    ) -> PyResult<T> {
        guarded(|| {
            let values = args
                .iter()
                .map(|(name, v)| arg(v, name))
                .collect::<kefu_core::Result<Vec<_>>>()?;
            f(&self.inner, values)
        })
        .map_err(|e| to_py_err(py, e))
    }
}

#[pymethods]
impl Engine {
    /// Compile `policy` (a dict, JSON text, or None for the rule book's defaults).
    #[new]
    #[pyo3(signature = (policy=None))]
    fn new(py: Python<'_>, policy: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let inner = guarded(|| {
            match policy
                .map(request)
                .transpose()
                .map_err(CoreError::into_policy)?
            {
                None => CoreEngine::from_value(&Value::Null),
                Some(Request::Value(v)) => CoreEngine::from_value(&v),
                Some(Request::Text(t)) => CoreEngine::from_json(&t),
            }
        });
        inner
            .map(|inner| Engine { inner })
            .map_err(|e| to_py_err(py, e))
    }

    #[pyo3(signature = (request, *, lean=None))]
    fn check_return(
        &self,
        py: Python<'_>,
        request: &Bound<'_, PyAny>,
        lean: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        self.run(py, "check_return", request, lean)
    }

    #[pyo3(signature = (order, *, lean=None))]
    fn order_flag(
        &self,
        py: Python<'_>,
        order: &Bound<'_, PyAny>,
        lean: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        self.run(py, "order_flag", order, lean)
    }

    #[pyo3(signature = (request, *, lean=None))]
    fn order_action(
        &self,
        py: Python<'_>,
        request: &Bound<'_, PyAny>,
        lean: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        self.run(py, "order_action", request, lean)
    }

    #[pyo3(signature = (complaint, *, lean=None))]
    fn classify_complaint(
        &self,
        py: Python<'_>,
        complaint: &Bound<'_, PyAny>,
        lean: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        self.run(py, "classify_complaint", complaint, lean)
    }

    #[pyo3(signature = (case, *, lean=None))]
    fn refund_timeline(
        &self,
        py: Python<'_>,
        case: &Bound<'_, PyAny>,
        lean: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        self.run(py, "refund_timeline", case, lean)
    }

    #[pyo3(signature = (request, *, lean=None))]
    fn sla(
        &self,
        py: Python<'_>,
        request: &Bound<'_, PyAny>,
        lean: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        self.run(py, "sla", request, lean)
    }

    #[pyo3(signature = (order, *, lean=None))]
    fn dispatch_estimate(
        &self,
        py: Python<'_>,
        order: &Bound<'_, PyAny>,
        lean: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        self.run(py, "dispatch_estimate", order, lean)
    }

    #[pyo3(signature = (kind, request, *, lean=None))]
    fn evaluate(
        &self,
        py: Python<'_>,
        kind: &str,
        request: &Bound<'_, PyAny>,
        lean: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        self.run(py, kind, request, lean)
    }

    /// What the policy of `new` would change (issue 20: a policy tried on history): every
    /// request decided under this engine's policy and under `new`'s, compared on the kind's
    /// main fields and reason codes by core (`kefu_core::whatif`). Answers
    /// `{"changes": [...], "summary": {...}}`; the GIL is released while kefu decides.
    #[pyo3(signature = (kind, requests, new, threads=None))]
    fn diff_policy(
        &self,
        py: Python<'_>,
        kind: &str,
        requests: &Bound<'_, PyAny>,
        new: PyRef<'_, Engine>,
        threads: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let threads = threads_option(threads).map_err(|e| to_py_err(py, e))?;
        let items: Vec<Bound<'_, PyAny>> = if let Ok(l) = requests.cast::<PyList>() {
            l.iter().collect()
        } else if let Ok(t) = requests.cast::<PyTuple>() {
            t.iter().collect()
        } else {
            // A data frame (anything with the Arrow PyCapsule interface), read column-wise.
            let (_, batches) = frame::import(requests)?;
            let (old, new) = (&self.inner, &new.inner);
            let (changes, summary) = py
                .detach(|| frame::diff(old, new, kind, &batches))
                .map_err(|e| to_py_err(py, e))?;
            return answer(
                py,
                &serde_json::json!({ "changes": changes, "summary": summary }),
            );
        };
        let rows: Vec<kefu_core::Result<Value>> = items
            .iter()
            .map(|r| to_value(r, &mut String::new(), 1))
            .collect();
        let (old, new) = (&self.inner, &new.inner);
        let (a, b) = py
            .detach(|| -> kefu_core::Result<_> {
                Ok((
                    old.evaluate_batch_rows(kind, &rows, threads)?,
                    new.evaluate_batch_rows(kind, &rows, threads)?,
                ))
            })
            .map_err(|e| to_py_err(py, e))?;
        answer(py, &kefu_core::whatif::compare_all(&a, &b))
    }

    /// One result per request, in order. The GIL is released while kefu decides, on
    /// `threads` threads (default: every core this process may use).
    /// With `lean`, each decision is in its lean form.
    #[pyo3(signature = (kind, requests, threads=None, *, lean=None))]
    fn evaluate_batch(
        &self,
        py: Python<'_>,
        kind: &str,
        requests: &Bound<'_, PyAny>,
        threads: Option<&Bound<'_, PyAny>>,
        lean: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let lean = lean_option(lean).map_err(|e| to_py_err(py, e))?;
        let threads = threads_option(threads).map_err(|e| to_py_err(py, e))?;
        // Row by row, so a row that is not JSON-shaped is that row's error, in its place.
        let rows: Option<Vec<kefu_core::Result<Value>>> = if let Ok(l) = requests.cast::<PyList>() {
            Some(
                l.iter()
                    .map(|r| to_value(&r, &mut String::new(), 1))
                    .collect(),
            )
        } else if let Ok(t) = requests.cast::<PyTuple>() {
            Some(
                t.iter()
                    .map(|r| to_value(&r, &mut String::new(), 1))
                    .collect(),
            )
        } else {
            None
        };
        let out = match rows {
            Some(rows) => py.detach(|| self.inner.evaluate_batch_rows(kind, &rows, threads)),
            None => {
                let whole =
                    to_value(requests, &mut String::new(), 0).map_err(|e| to_py_err(py, e))?;
                py.detach(|| self.inner.evaluate_batch_value(kind, &whole, threads))
            }
        };
        let items = out.map_err(|e| to_py_err(py, e))?;
        // Row by row: one small JSON value at a time, not one for the whole batch.
        let list = PyList::empty(py);
        for item in &items {
            let row = if lean {
                answer(py, &item.lean())?
            } else {
                answer(py, item)?
            };
            list.append(row)?;
        }
        Ok(list.into_any().unbind())
    }

    /// A data frame decided column-wise through Arrow (see `kefu.evaluate_frame`): one answer
    /// row per input row, in order. The GIL is released while rows are read and decided.
    #[pyo3(signature = (kind, data, threads=None, decisions=false))]
    fn evaluate_arrow(
        &self,
        py: Python<'_>,
        kind: &str,
        data: &Bound<'_, PyAny>,
        threads: Option<&Bound<'_, PyAny>>,
        decisions: bool,
    ) -> PyResult<frame::ArrowStream> {
        let threads = threads_option(threads).map_err(|e| to_py_err(py, e))?;
        let (_, batches) = frame::import(data)?;
        py.detach(|| frame::decide(&self.inner, kind, &batches, threads, decisions))
            .map_err(|e| to_py_err(py, e))
    }

    fn is_workday(&self, py: Python<'_>, date: &Bound<'_, PyAny>) -> PyResult<bool> {
        self.args(py, &[("date", date)], |e, mut a| {
            e.is_workday_arg(a.remove(0))
        })
    }

    fn add_working_time(
        &self,
        py: Python<'_>,
        start: &Bound<'_, PyAny>,
        minutes: &Bound<'_, PyAny>,
    ) -> PyResult<String> {
        self.args(py, &[("start", start), ("minutes", minutes)], |e, mut a| {
            let minutes = a.pop().unwrap_or_default();
            e.add_working_time_args(a.pop().unwrap_or_default(), minutes)
        })
    }

    fn working_minutes_between(
        &self,
        py: Python<'_>,
        a: &Bound<'_, PyAny>,
        b: &Bound<'_, PyAny>,
    ) -> PyResult<i64> {
        self.args(py, &[("from", a), ("to", b)], |e, mut v| {
            let to = v.pop().unwrap_or_default();
            e.working_minutes_between_args(v.pop().unwrap_or_default(), to)
        })
    }

    fn policy(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_py(py, &self.inner.policy().to_value())
    }

    fn policy_hash(&self) -> String {
        self.inner.policy_hash().to_owned()
    }
}

/// Every problem of a policy document, as `[{path, message}]`; empty when valid.
#[pyfunction]
fn validate_policy(py: Python<'_>, doc: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let problems = guarded(|| match request(doc).map_err(CoreError::into_policy) {
        Ok(Request::Value(v)) => Ok(kefu_core::validate_policy(&v)),
        Ok(Request::Text(t)) => Ok(kefu_core::validate_policy_json(&t)),
        Err(e) if !e.problems.is_empty() => Ok(e.problems),
        Err(e) => Err(e),
    });
    let problems = problems.map_err(|e| to_py_err(py, e))?;
    to_py(py, &kefu_core::Problem::list_to_json(&problems))
}

/// A State Council holiday notice (its text) read into a `calendar.years` entry,
/// `{"2026": {"holidays": [{name, from, to}…], "workdays": […]}}`. Core reads and checks the
/// text; anything but a str is `INVALID_INPUT` at `/text`, as core's decoder words it.
#[pyfunction]
fn calendar_from_notice(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let years = guarded(|| kefu_core::calendar_from_notice_arg(arg(text, "text")?))
        .map_err(|e| to_py_err(py, e))?;
    to_py(py, &years)
}

/// A platform's payload (a Taobao trade or refund, a JD order or remark, a Pinduoduo order;
/// whole API response or inner object; a list of payloads of one order; or its JSON text) read
/// into the request of `kind`, with the shop's `facts` merged over it (docs/platforms.md). Core
/// reads it; this converts.
#[pyfunction]
#[pyo3(signature = (platform, kind, payload, facts=None))]
fn from_platform(
    py: Python<'_>,
    platform: &Bound<'_, PyAny>,
    kind: &Bound<'_, PyAny>,
    payload: &Bound<'_, PyAny>,
    facts: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let request = guarded(|| {
        let facts = match facts {
            Some(f) if !f.is_none() => arg(f, "facts")?,
            _ => Value::Null,
        };
        kefu_core::platforms::read_args(
            arg(platform, "platform")?,
            arg(kind, "kind")?,
            arg(payload, "payload")?,
            facts,
        )
    })
    .map_err(|e| to_py_err(py, e))?;
    to_py(py, &request)
}

/// A flag decision (`order_flag`, `order_action`) written back as `platform`'s update call,
/// `{"method", "params"}`; `memo` instead of the decision's note (docs/platforms.md).
#[pyfunction]
#[pyo3(signature = (platform, decision, memo=None))]
fn to_platform(
    py: Python<'_>,
    platform: &Bound<'_, PyAny>,
    decision: &Bound<'_, PyAny>,
    memo: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let call = guarded(|| {
        let memo = match memo {
            Some(m) if !m.is_none() => arg(m, "memo")?,
            _ => Value::Null,
        };
        kefu_core::platforms::write_args(
            arg(platform, "platform")?,
            arg(decision, "decision")?,
            memo,
        )
    })
    .map_err(|e| to_py_err(py, e))?;
    to_py(py, &call)
}

/// A JSON Schema of kefu's public shape as its text (`policy`, `check_return` for its
/// request, `check_return.decision`, `check_return.lean`, …): the documents of `schemas/`,
/// derived from core's types. An unknown name is `INVALID_INPUT` at `/name`.
#[pyfunction]
fn schema_text(py: Python<'_>, name: &Bound<'_, PyAny>) -> PyResult<&'static str> {
    let name: String = name.extract().map_err(|_| {
        to_py_err(
            py,
            kefu_core::Error::invalid_input(
                "/name",
                "a schema's name is a str, such as \"policy\"",
            ),
        )
    })?;
    kefu_core::schema(&name).map_err(|e| to_py_err(py, e))
}

/// Every name `schema_text` knows: `policy`, then each kind's request, decision and lean form.
#[pyfunction]
fn schema_names() -> Vec<String> {
    kefu_core::schema_names()
}

#[pymodule]
fn _kefu(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<Engine>()?;
    m.add_class::<frame::ArrowStream>()?;
    m.add_function(wrap_pyfunction!(validate_policy, m)?)?;
    m.add_function(wrap_pyfunction!(calendar_from_notice, m)?)?;
    m.add_function(wrap_pyfunction!(schema_text, m)?)?;
    m.add_function(wrap_pyfunction!(schema_names, m)?)?;
    m.add_function(wrap_pyfunction!(from_platform, m)?)?;
    m.add_function(wrap_pyfunction!(to_platform, m)?)?;
    m.add("KefuError", py.get_type::<KefuError>())?;
    m.add("InvalidInputError", py.get_type::<InvalidInputError>())?;
    m.add("InvalidPolicyError", py.get_type::<InvalidPolicyError>())?;
    m.add(
        "CalendarYearUnknownError",
        py.get_type::<CalendarYearUnknownError>(),
    )?;
    m.add("UnknownKindError", py.get_type::<UnknownKindError>())?;
    m.add("InternalError", py.get_type::<InternalError>())?;
    m.add(
        "ERROR_CODES",
        ErrorCode::ALL
            .iter()
            .map(|c| c.as_str())
            .collect::<Vec<_>>(),
    )?;
    m.add("KINDS", kefu_core::KINDS.to_vec())?;
    m.add("VERSION", kefu_core::VERSION)?;
    Ok(())
}
