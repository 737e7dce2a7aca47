//! The napi-rs shim of the npm package `kefu`: it converts JS values to JSON-shaped values and
//! back, and turns kefu's errors into JS `Error`s with `.code` and `.path`. Every rule,
//! default and check is in core.

use kefu_core::decode::host;
use kefu_core::lean::Options;
use kefu_core::{guarded, Engine as CoreEngine, Error as CoreError, ErrorCode};
use napi::bindgen_prelude::*;
use napi_derive::napi;
use serde_json::{Map, Value};

/// A JS `Error` carrying kefu's `code`, `path` and (for policies) `problems`.
fn to_js_error(env: &Env, e: CoreError) -> Error {
    let build = || -> Result<Error> {
        let mut obj = env.create_error(Error::new(Status::GenericFailure, e.message.clone()))?;
        obj.set("code", e.code.as_str())?;
        obj.set("kind", e.kind.as_str())?;
        obj.set("message_zh", e.message_zh.clone())?;
        obj.set("path", e.path.clone())?;
        if !e.problems.is_empty() {
            obj.set("problems", kefu_core::Problem::list_to_json(&e.problems))?;
        }
        Ok(Error::from(obj.to_unknown()))
    };
    build().unwrap_or_else(|_| Error::new(Status::GenericFailure, e.message))
}

/// A JS value as JSON, naming the path of anything that is not JSON-shaped (undefined in a
/// list, a function, a symbol, a bigint, NaN or an infinity); object keys whose value is
/// `undefined` are left out, as `JSON.stringify` does.
fn from_js(_env: &Env, v: Unknown<'_>, path: &str) -> std::result::Result<Value, CoreError> {
    to_value(&v, &mut path.to_owned(), 0)
}

fn napi(path: &str) -> impl Fn(Error) -> CoreError + '_ {
    move |e: Error| CoreError::invalid_input(path, format!("unreadable value: {}", e.reason))
}

fn to_value(
    v: &Unknown<'_>,
    path: &mut String,
    depth: usize,
) -> std::result::Result<Value, CoreError> {
    let ty = v.get_type().map_err(napi(path))?;
    match ty {
        ValueType::Null => Ok(Value::Null),
        // SAFETY (each cast below): `get_type` reported exactly this type, which is the
        // contract of `Unknown::cast`.
        ValueType::Boolean => Ok(Value::Bool(
            unsafe { v.cast::<bool>() }.map_err(napi(path))?,
        )),
        ValueType::String => Ok(Value::String(
            unsafe { v.cast::<String>() }.map_err(napi(path))?,
        )),
        ValueType::Number => host::number(unsafe { v.cast::<f64>() }.map_err(napi(path))?, path),
        ValueType::Object => {
            if depth >= host::MAX_DEPTH {
                return Ok(host::too_deep());
            }
            let obj = unsafe { v.cast::<Object<'_>>() }.map_err(napi(path))?;
            // Objects whose content is not their own keys: read as keys they would be `{}`
            // (a Date) or `{"0": …}` (bytes).
            let special = [
                (obj.is_date(), "a JS Date"),
                (obj.is_typedarray(), "a JS typed array"),
                (obj.is_buffer(), "a Node Buffer"),
                (obj.is_arraybuffer(), "a JS ArrayBuffer"),
                (obj.is_dataview(), "a JS DataView"),
            ];
            for (is, what) in special {
                if is.map_err(napi(path))? {
                    return Err(host::not_json(path, what));
                }
            }
            if obj.is_array().map_err(napi(path))? {
                let n = obj.get_array_length().map_err(napi(path))?;
                let mut out = Vec::with_capacity(n as usize);
                for i in 0..n {
                    let item: Unknown<'_> = obj.get_element(i).map_err(napi(path))?;
                    let len = host::enter_index(path, i as usize);
                    out.push(to_value(&item, path, depth + 1)?);
                    path.truncate(len);
                }
                return Ok(Value::Array(out));
            }
            let keys = own_keys(&obj).map_err(napi(path))?;
            let n = keys.get_array_length().map_err(napi(path))?;
            let mut map = Map::new();
            for i in 0..n {
                // The property is fetched by the key as JS holds it: a key with a lone
                // surrogate reads as U+FFFD, and by that name it would not be found.
                let js_key: Unknown<'_> = keys.get_element(i).map_err(napi(path))?;
                let key = match to_value(&js_key, path, depth)? {
                    Value::String(k) => k,
                    other => other.to_string(),
                };
                let item: Unknown<'_> = obj.get_property(js_key).map_err(napi(path))?;
                if matches!(item.get_type(), Ok(ValueType::Undefined)) {
                    continue;
                }
                let len = host::enter_key(path, &key);
                let value = to_value(&item, path, depth + 1)?;
                path.truncate(len);
                map.insert(key, value);
            }
            Ok(Value::Object(map))
        }
        other => Err(host::not_json(path, &format!("a JS {other:?}"))),
    }
}

/// An object's own enumerable string keys, numbers as strings: the keys `JSON.stringify`,
/// `Object.keys` and the wasm build read. (`get_property_names` also gives inherited ones, so
/// `Object.create({reason: …})` read as a request with a reason here and not in wasm.)
fn own_keys<'env>(obj: &Object<'env>) -> Result<Object<'env>> {
    use napi::sys;
    let v = obj.value();
    let mut out = std::ptr::null_mut();
    // SAFETY: `v` is the live object of this call's environment; napi writes a new array
    // value into `out` when it returns `napi_ok`, which is checked before `out` is used.
    let status = unsafe {
        sys::napi_get_all_property_names(
            v.env,
            v.value,
            sys::KeyCollectionMode::own_only,
            sys::KeyFilter::enumerable | sys::KeyFilter::skip_symbols,
            sys::KeyConversion::numbers_to_strings,
            &mut out,
        )
    };
    if status != sys::Status::napi_ok {
        return Err(Error::from_status(Status::from(status)));
    }
    // SAFETY: `out` is the array napi just made, in the same environment.
    unsafe { Object::from_napi_value(v.env, out) }
}

/// A request: JSON text when given a string, otherwise a JSON-shaped value.
enum Request {
    Value(Value),
    Text(String),
}

fn request(env: &Env, v: Unknown<'_>) -> std::result::Result<Request, CoreError> {
    if matches!(v.get_type(), Ok(ValueType::String)) {
        return match to_value(&v, &mut String::new(), 0) {
            Ok(Value::String(s)) => Ok(Request::Text(s)),
            _ => Err(CoreError::new(
                ErrorCode::InvalidJson,
                "unreadable JSON text",
                Some(String::new()),
            )),
        };
    }
    from_js(env, v, "").map(Request::Value)
}

/// `JSON.parse` as this JS thread has it (looked up on each call: a napi reference kept across
/// calls would have to be tied to the thread's environment and freed with it).
fn json_parse<'env>(env: &'env Env) -> Result<Function<'env, String, Unknown<'env>>> {
    let json: napi::JSON<'_> = env.get_global()?.get_named_property_unchecked("JSON")?;
    json.get_named_property_unchecked("parse")
}

/// A JS value for one of kefu's answers, made by `JSON.parse` from kefu's JSON text.
/// Why: every napi call costs, and building a decision field by field took one or more per
/// value (≈14 µs for a whole `check_return` decision, most of a call); its JSON text and one
/// `JSON.parse` give the same plain objects for a fraction. Answers are JSON-shaped by
/// construction (no key comes from the caller, numbers are finite and below 2^53). Should that
/// route fail (a text longer than V8's strings allow, a `JSON.parse` replaced by one that
/// throws), the answer is built value by value instead: never a non-kefu error.
fn to_js<'env, T: serde::Serialize>(env: &'env Env, v: &T) -> Result<Unknown<'env>> {
    let parsed = json_parse(env).and_then(|parse| parse_with(&parse, v));
    match parsed {
        Ok(value) => Ok(value),
        Err(_) => env.to_js_value(v),
    }
}

fn parse_with<'env, T: serde::Serialize + ?Sized>(
    parse: &Function<'env, String, Unknown<'env>>,
    v: &T,
) -> Result<Unknown<'env>> {
    let text = serde_json::to_string(v).map_err(|e| Error::from_reason(e.to_string()))?;
    parse.call(text)
}

/// Call options (`{ lean }`) as core reads them; nothing, `undefined` or `null` for the defaults.
fn options(v: Option<Unknown<'_>>) -> std::result::Result<Options, CoreError> {
    match v {
        Some(v) if !matches!(v.get_type(), Ok(ValueType::Undefined)) => {
            Options::from_value(&to_value(&v, &mut String::from("/options"), 0)?)
        }
        _ => Ok(Options::default()),
    }
}

/// Batch results as JS values: whole, or each decision in its lean form.
/// Each item is parsed on its own (see [`to_js`]): one text for a whole batch could pass V8's
/// longest string (2^29 characters, ~400,000 `check_return` decisions).
fn items_to_js<'env>(
    env: &'env Env,
    items: &[kefu_core::BatchItem],
    lean: bool,
) -> Result<Unknown<'env>> {
    let len = u32::try_from(items.len()).map_err(|e| Error::from_reason(e.to_string()))?;
    let mut out = env.create_array(len)?;
    let parse = json_parse(env).ok();
    for (i, item) in (0..len).zip(items) {
        let value = if lean {
            item_to_js(env, parse.as_ref(), &item.lean())
        } else {
            item_to_js(env, parse.as_ref(), item)
        }?;
        out.set(i, value)?;
    }
    Ok(out.to_unknown())
}

/// One batch item, as [`to_js`] with `JSON.parse` looked up once for the batch.
fn item_to_js<'env, T: serde::Serialize>(
    env: &'env Env,
    parse: Option<&Function<'env, String, Unknown<'env>>>,
    v: &T,
) -> Result<Unknown<'env>> {
    match parse.map(|p| parse_with(p, v)) {
        Some(Ok(value)) => Ok(value),
        _ => env.to_js_value(v),
    }
}

/// How many threads a batch may use: every core this process may use.
fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
}

/// A batch as handed over: a list is converted row by row (a row that is not JSON-shaped is
/// that row's error, in its place); anything else whole, for the "not a list" error.
enum Batch {
    Rows(Vec<std::result::Result<Value, CoreError>>),
    Whole(std::result::Result<Value, CoreError>),
}

impl Batch {
    fn read(v: Unknown<'_>) -> Batch {
        // SAFETY: `get_type` reported an object, the contract of `Unknown::cast`.
        let list = match v.get_type() {
            Ok(ValueType::Object) => unsafe { v.cast::<Object<'_>>() }
                .ok()
                .filter(|o| o.is_array().unwrap_or(false)),
            _ => None,
        };
        let Some(list) = list else {
            return Batch::Whole(to_value(&v, &mut String::new(), 0));
        };
        // A length that cannot be read is an error for the whole call, never an empty batch.
        let n = match list.get_array_length() {
            Ok(n) => n,
            Err(e) => return Batch::Whole(Err(napi("")(e))),
        };
        Batch::Rows(
            (0..n)
                .map(|i| {
                    // Paths inside a row are the row's own, as for every other row error.
                    let row: Unknown<'_> = list.get_element(i).map_err(napi(""))?;
                    to_value(&row, &mut String::new(), 1)
                })
                .collect(),
        )
    }

    fn decide(
        &self,
        engine: &CoreEngine,
        kind: &str,
    ) -> std::result::Result<Vec<kefu_core::BatchItem>, CoreError> {
        match self {
            Batch::Rows(rows) => engine.evaluate_batch_rows(kind, rows, cores()),
            Batch::Whole(whole) => {
                engine.evaluate_batch_value(kind, whole.as_ref().map_err(Clone::clone)?, cores())
            }
        }
    }
}

/// A batch decided on libuv's thread pool for `evaluateBatchAsync`.
pub struct BatchTask {
    engine: std::sync::Arc<CoreEngine>,
    kind: String,
    requests: Batch,
    options: std::result::Result<Options, CoreError>,
}

impl<'task> napi::ScopedTask<'task> for BatchTask {
    type Output = std::result::Result<(Vec<kefu_core::BatchItem>, Options), CoreError>;
    type JsValue = Unknown<'task>;

    fn compute(&mut self) -> Result<Self::Output> {
        Ok(guarded(|| {
            let options = self.options.clone()?;
            Ok((self.requests.decide(&self.engine, &self.kind)?, options))
        }))
    }

    fn resolve(&mut self, env: &'task Env, output: Self::Output) -> Result<Unknown<'task>> {
        match output {
            Ok((items, options)) => items_to_js(env, &items, options.lean),
            Err(e) => Err(to_js_error(env, e)),
        }
    }
}

/// Engines lent to other worker threads by [`Engine::share`], by number. Held weakly: a
/// shared engine lives as long as an `Engine` object in some thread holds it.
static SHARED: std::sync::Mutex<Vec<(u32, std::sync::Weak<CoreEngine>)>> =
    std::sync::Mutex::new(Vec::new());

/// A compiled policy; cheap to call many times.
#[napi]
pub struct Engine {
    // Shared with batches decided off the main thread (`evaluateBatchAsync`).
    inner: std::sync::Arc<CoreEngine>,
}

impl Engine {
    /// A string is JSON text; anything else is walked into JSON (as in every host, so a bad
    /// field is reported alike everywhere), then decided.
    fn run<'env>(
        &self,
        env: &'env Env,
        kind: &str,
        req: Unknown<'_>,
        opts: Option<Unknown<'_>>,
    ) -> Result<Unknown<'env>> {
        let decided = guarded(|| {
            let options = options(opts)?;
            let decision = match request(env, req)? {
                Request::Text(text) => self.inner.decide_json(kind, &text),
                Request::Value(v) => self.inner.decide(kind, &v),
            }?;
            Ok((decision, options))
        });
        let (decision, options) = decided.map_err(|e| to_js_error(env, e))?;
        if options.lean {
            to_js(env, &decision.lean())
        } else {
            // The whole decision straight into JS values, without a JSON value between.
            to_js(env, &decision)
        }
    }

    /// Convert host arguments, then call `f` with them; errors become JS errors.
    fn args<T>(
        &self,
        env: &Env,
        args: Vec<(&str, Unknown<'_>)>,
        f: impl FnOnce(&CoreEngine, Vec<Value>) -> kefu_core::Result<T>,
    ) -> Result<T> {
        guarded(|| {
            let values = args
                .into_iter()
                .map(|(name, v)| from_js(env, v, &format!("/{name}")))
                .collect::<kefu_core::Result<Vec<_>>>()?;
            f(&self.inner, values)
        })
        .map_err(|e| to_js_error(env, e))
    }
}

#[napi]
impl Engine {
    /// Compile `policy` (an object, JSON text, or nothing for the rule book's defaults).
    #[napi(constructor, ts_args_type = "policy?: object | string | null")]
    pub fn new(env: Env, policy: Option<Unknown<'_>>) -> Result<Self> {
        guarded(|| {
            let policy = match policy {
                Some(p) if !matches!(p.get_type(), Ok(ValueType::Undefined | ValueType::Null)) => {
                    Some(request(&env, p).map_err(CoreError::into_policy)?)
                }
                _ => None,
            };
            match policy {
                None => CoreEngine::from_value(&Value::Null),
                Some(Request::Value(v)) => CoreEngine::from_value(&v),
                Some(Request::Text(t)) => CoreEngine::from_json(&t),
            }
        })
        .map(|inner| Engine {
            inner: std::sync::Arc::new(inner),
        })
        .map_err(|e| to_js_error(&env, e))
    }

    /// May this item go back (rule book §3).
    #[napi(
        ts_args_type = "request: object | string, options?: { lean?: boolean }",
        ts_return_type = "any"
    )]
    pub fn check_return<'env>(
        &self,
        env: &'env Env,
        request: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> Result<Unknown<'env>> {
        self.run(env, "check_return", request, options)
    }

    /// The flag an order should carry now (rule book §1).
    #[napi(
        ts_args_type = "order: object | string, options?: { lean?: boolean }",
        ts_return_type = "any"
    )]
    pub fn order_flag<'env>(
        &self,
        env: &'env Env,
        order: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> Result<Unknown<'env>> {
        self.run(env, "order_flag", order, options)
    }

    /// What to do with a request on an order (rule book §2).
    #[napi(
        ts_args_type = "request: object | string, options?: { lean?: boolean }",
        ts_return_type = "any"
    )]
    pub fn order_action<'env>(
        &self,
        env: &'env Env,
        request: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> Result<Unknown<'env>> {
        self.run(env, "order_action", request, options)
    }

    /// Severity, type, causes, cues, owner and reply deadline of a complaint (rule book §4).
    #[napi(
        ts_args_type = "complaint: object | string, options?: { lean?: boolean }",
        ts_return_type = "any"
    )]
    pub fn classify_complaint<'env>(
        &self,
        env: &'env Env,
        complaint: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> Result<Unknown<'env>> {
        self.run(env, "classify_complaint", complaint, options)
    }

    /// Where a refund case stands and its next deadline (rule book §3).
    #[napi(
        ts_args_type = "refundCase: object | string, options?: { lean?: boolean }",
        ts_return_type = "any"
    )]
    pub fn refund_timeline<'env>(
        &self,
        env: &'env Env,
        refund_case: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> Result<Unknown<'env>> {
        self.run(env, "refund_timeline", refund_case, options)
    }

    /// The due time of a service standard and its state at `now` (rule book §5).
    #[napi(
        ts_args_type = "request: object | string, options?: { lean?: boolean }",
        ts_return_type = "any"
    )]
    pub fn sla<'env>(
        &self,
        env: &'env Env,
        request: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> Result<Unknown<'env>> {
        self.run(env, "sla", request, options)
    }

    /// Ship-by date and expected delivery (rule book §5).
    #[napi(
        ts_args_type = "order: object | string, options?: { lean?: boolean }",
        ts_return_type = "any"
    )]
    pub fn dispatch_estimate<'env>(
        &self,
        env: &'env Env,
        order: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> Result<Unknown<'env>> {
        self.run(env, "dispatch_estimate", order, options)
    }

    /// Any decision by kind name.
    #[napi(
        ts_args_type = "kind: string, request: object | string, options?: { lean?: boolean }",
        ts_return_type = "any"
    )]
    pub fn evaluate<'env>(
        &self,
        env: &'env Env,
        kind: String,
        request: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> Result<Unknown<'env>> {
        self.run(env, &kind, request, options)
    }

    /// One result per input, in order.
    #[napi(
        ts_args_type = "kind: string, requests: Array<object>, options?: { lean?: boolean }",
        ts_return_type = "Array<any>"
    )]
    pub fn evaluate_batch<'env>(
        &self,
        env: &'env Env,
        kind: String,
        requests: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> Result<Unknown<'env>> {
        let (items, options) = guarded(|| {
            let options = self::options(options)?;
            Ok((Batch::read(requests).decide(&self.inner, &kind)?, options))
        })
        .map_err(|e| to_js_error(env, e))?;
        items_to_js(env, &items, options.lean)
    }

    /// What `proposed`'s policy would change over `requests` (issue 20: a policy tried on
    /// history): `{changes, summary}`, the comparison core's (`kefu_core::whatif`).
    #[napi(
        ts_args_type = "kind: string, requests: Array<object>, proposed: Engine",
        ts_return_type = "PolicyDiff"
    )]
    pub fn diff_policy<'env>(
        &self,
        env: &'env Env,
        kind: String,
        requests: Unknown<'_>,
        proposed: &Engine,
    ) -> Result<Unknown<'env>> {
        let out = guarded(|| {
            let batch = Batch::read(requests);
            Ok((
                batch.decide(&self.inner, &kind)?,
                batch.decide(&proposed.inner, &kind)?,
            ))
        })
        .map_err(|e| to_js_error(env, e))?;
        to_js(env, &kefu_core::whatif::compare_all(&out.0, &out.1))
    }

    /// [`evaluate_batch`](Self::evaluate_batch) off the main thread: the requests are read
    /// now, decided on libuv's thread pool (on every core), and the Promise resolves to the
    /// results, or rejects with kefu's error (`code`, `path`).
    #[napi(
        ts_args_type = "kind: string, requests: Array<object>, options?: { lean?: boolean }",
        ts_return_type = "Promise<BatchItem[]>"
    )]
    pub fn evaluate_batch_async(
        &self,
        kind: String,
        requests: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> AsyncTask<BatchTask> {
        AsyncTask::new(BatchTask {
            engine: std::sync::Arc::clone(&self.inner),
            kind,
            options: guarded(|| self::options(options)),
            requests: Batch::read(requests),
        })
    }

    /// A number naming this engine to the other worker threads of this process, where
    /// `Engine.fromShared(n)` gives the same compiled engine: one policy compiled once and
    /// read by every thread (an engine never changes after it is made).
    #[napi]
    pub fn share(&self) -> u32 {
        let mut shared = SHARED
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        shared.retain(|(_, weak)| weak.strong_count() > 0);
        if let Some((n, _)) = shared
            .iter()
            .find(|(_, weak)| std::ptr::eq(weak.as_ptr(), std::sync::Arc::as_ptr(&self.inner)))
        {
            return *n;
        }
        // Never reused, so a number kept after its engine is gone cannot name another one.
        static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        shared.push((n, std::sync::Arc::downgrade(&self.inner)));
        n
    }

    /// The engine another thread shared with [`share`](Self::share); `INVALID_INPUT` at
    /// `/shared` when no live engine has that number.
    #[napi(factory, ts_args_type = "shared: number")]
    pub fn from_shared(env: Env, shared: Unknown<'_>) -> Result<Self> {
        // Read as any other argument, not by napi's u32 conversion, which wraps -1 to
        // 4294967295 and 2**40 to 0 and names a string's error `NumberExpected` (issue 18
        // item 12).
        let shared = from_js(&env, shared, "/shared")
            .and_then(|v| kefu_core::decode::shared_engine_number(&v))
            .map_err(|e| to_js_error(&env, e))?;
        let found = SHARED
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .iter()
            .find(|(n, _)| *n == shared)
            .and_then(|(_, weak)| weak.upgrade());
        found.map(|inner| Engine { inner }).ok_or_else(|| {
            to_js_error(
                &env,
                CoreError::invalid_input(
                    "/shared",
                    format!("no engine is shared as {shared} (its last Engine is gone, or it was never shared)"),
                ),
            )
        })
    }

    /// Whether a `YYYY-MM-DD` date is a working day.
    #[napi(ts_args_type = "date: string")]
    pub fn is_workday(&self, env: Env, date: Unknown<'_>) -> Result<bool> {
        self.args(&env, vec![("date", date)], |e, mut a| {
            e.is_workday_arg(a.remove(0))
        })
    }

    /// The earliest instant at which `minutes` working minutes have passed since `start`.
    #[napi(ts_args_type = "start: string, minutes: number")]
    pub fn add_working_time(
        &self,
        env: Env,
        start: Unknown<'_>,
        minutes: Unknown<'_>,
    ) -> Result<String> {
        self.args(
            &env,
            vec![("start", start), ("minutes", minutes)],
            |e, mut a| {
                let minutes = a.pop().unwrap_or_default();
                e.add_working_time_args(a.pop().unwrap_or_default(), minutes)
            },
        )
    }

    /// Working minutes from `a` to `b`.
    #[napi(ts_args_type = "a: string, b: string")]
    pub fn working_minutes_between(&self, env: Env, a: Unknown<'_>, b: Unknown<'_>) -> Result<i64> {
        self.args(&env, vec![("from", a), ("to", b)], |e, mut v| {
            let to = v.pop().unwrap_or_default();
            e.working_minutes_between_args(v.pop().unwrap_or_default(), to)
        })
    }

    /// The effective policy, every default filled in.
    #[napi(ts_return_type = "any")]
    pub fn policy(&self) -> Value {
        self.inner.policy().to_value()
    }

    /// The effective policy's content hash.
    #[napi]
    pub fn policy_hash(&self) -> String {
        self.inner.policy_hash().to_owned()
    }
}

/// Every problem of a policy document, with its JSON pointer; empty when valid.
#[napi(ts_args_type = "doc: object | string", ts_return_type = "Array<any>")]
pub fn validate_policy(env: Env, doc: Unknown<'_>) -> Result<Value> {
    guarded(|| {
        let problems = match request(&env, doc).map_err(CoreError::into_policy) {
            Ok(Request::Value(v)) => kefu_core::validate_policy(&v),
            Ok(Request::Text(t)) => kefu_core::validate_policy_json(&t),
            Err(e) if !e.problems.is_empty() => e.problems,
            Err(e) => return Err(e),
        };
        Ok(kefu_core::Problem::list_to_json(&problems))
    })
    .map_err(|e| to_js_error(&env, e))
}

/// A State Council holiday notice (its text) read into a `calendar.years` entry,
/// `{"2026": {"holidays": [{name, from, to}…], "workdays": […]}}`. Core reads and checks the
/// text; anything but a string is `INVALID_INPUT` at `/text`, as core's decoder words it.
#[napi(
    ts_args_type = "text: string",
    ts_return_type = "Record<string, { holidays: { name: string; from: string; to: string }[]; workdays: string[] }>"
)]
pub fn calendar_from_notice(env: Env, text: Unknown<'_>) -> Result<Value> {
    guarded(|| kefu_core::calendar_from_notice_arg(from_js(&env, text, "/text")?))
        .map_err(|e| to_js_error(&env, e))
}

/// A platform's payload read into the request of `kind`, the shop's `facts` merged over it
/// (docs/platforms.md). Core reads it; this converts.
#[napi(
    ts_args_type = "platform: 'taobao' | 'jd' | 'pinduoduo', kind: 'order_flag' | 'order_action' | 'dispatch_estimate' | 'check_return' | 'refund_timeline', payload: unknown, facts?: Record<string, unknown> | null",
    ts_return_type = "Record<string, unknown>"
)]
pub fn from_platform(
    env: Env,
    platform: Unknown<'_>,
    kind: Unknown<'_>,
    payload: Unknown<'_>,
    facts: Option<Unknown<'_>>,
) -> Result<Value> {
    guarded(|| {
        let facts = match facts {
            Some(f) => from_js(&env, f, "/facts")?,
            None => Value::Null,
        };
        kefu_core::platforms::read_args(
            from_js(&env, platform, "/platform")?,
            from_js(&env, kind, "/kind")?,
            from_js(&env, payload, "/payload")?,
            facts,
        )
    })
    .map_err(|e| to_js_error(&env, e))
}

/// A flag decision written back as the platform's update call `{method, params}`; `memo`
/// instead of the decision's note (docs/platforms.md).
#[napi(
    ts_args_type = "platform: 'taobao' | 'jd' | 'pinduoduo', decision: Record<string, unknown>, memo?: string | null",
    ts_return_type = "{ method: string; params: Record<string, unknown> }"
)]
pub fn to_platform(
    env: Env,
    platform: Unknown<'_>,
    decision: Unknown<'_>,
    memo: Option<Unknown<'_>>,
) -> Result<Value> {
    guarded(|| {
        let memo = match memo {
            Some(m) => from_js(&env, m, "/memo")?,
            None => Value::Null,
        };
        kefu_core::platforms::write_args(
            from_js(&env, platform, "/platform")?,
            from_js(&env, decision, "/decision")?,
            memo,
        )
    })
    .map_err(|e| to_js_error(&env, e))
}

/// The stable error codes, as every host lists them.
#[napi]
pub fn error_codes() -> Vec<&'static str> {
    ErrorCode::ALL.iter().map(|c| c.as_str()).collect()
}

/// The decision kinds `evaluate` knows.
#[napi]
pub fn kinds() -> Vec<&'static str> {
    kefu_core::KINDS.to_vec()
}

/// kefu's version, the same in every host.
#[napi]
pub fn version() -> &'static str {
    kefu_core::VERSION
}
