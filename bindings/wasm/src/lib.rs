//! The wasm-bindgen shim: converts JS values to JSON-shaped values and back, and turns kefu's
//! errors into JS `Error`s with `.code` and `.path`. Every rule, default and check is in core.

use kefu_core::decode::host;
use kefu_core::lean::Options;
use kefu_core::{guarded, Engine as CoreEngine, Error as CoreError, ErrorCode};
use serde::Serialize;
use serde_json::{Map, Value};
use wasm_bindgen::prelude::*;

fn to_js_error(e: &CoreError) -> JsValue {
    let err = js_sys::Error::new(&e.message);
    let obj: &JsValue = err.as_ref();
    let _ = js_sys::Reflect::set(obj, &"code".into(), &e.code.as_str().into());
    let _ = js_sys::Reflect::set(obj, &"kind".into(), &e.kind.as_str().into());
    let _ = js_sys::Reflect::set(obj, &"message_zh".into(), &e.message_zh.as_str().into());
    let path = e.path.as_deref().map_or(JsValue::NULL, JsValue::from);
    let _ = js_sys::Reflect::set(obj, &"path".into(), &path);
    if !e.problems.is_empty() {
        let _ = js_sys::Reflect::set(obj, &"problems".into(), &to_js(&e.problems));
    }
    err.into()
}

/// A panic cannot be caught in wasm32 (it aborts: `catch_unwind` in [`guarded`] never sees
/// it), so this hook turns it into the host's error itself: it throws kefu's `INTERNAL` error
/// to the JS caller, and asks wasm-bindgen for a fresh instance before the next call, since an
/// aborted call leaves the old instance's memory as it was mid-call. Functions on the default
/// policy then keep working; an `Engine` made before the panic belonged to the old instance,
/// and its next call throws ("stale object"): make it again.
#[wasm_bindgen(start)]
fn start() {
    std::panic::set_hook(Box::new(|info| {
        wasm_bindgen::handler::schedule_reinit();
        wasm_bindgen::throw_val(to_js_error(&kefu_core::internal_error(info.payload())));
    }));
}

fn to_js<T: Serialize + ?Sized>(v: &T) -> JsValue {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}

/// A JS value as JSON, naming the path of anything that is not JSON-shaped (undefined in a
/// list, a function, a symbol, a bigint, NaN or an infinity); object keys whose value is
/// `undefined` are left out, as `JSON.stringify` does. Written out rather than through
/// serde-wasm-bindgen, which recurses without a limit (a circular object overflows the stack).
fn from_js(v: JsValue, path: &str) -> Result<Value, CoreError> {
    to_value(&v, &mut path.to_owned(), 0)
}

fn to_value(v: &JsValue, path: &mut String, depth: usize) -> Result<Value, CoreError> {
    if v.is_null() {
        return Ok(Value::Null);
    }
    if let Some(b) = v.as_bool() {
        return Ok(Value::Bool(b));
    }
    if let Some(f) = v.as_f64() {
        return host::number(f, path);
    }
    if let Some(s) = v.as_string() {
        return Ok(Value::String(s));
    }
    if v.is_object() && !v.is_function() {
        // Objects whose content is not their own keys: read as keys they would be `{}` (a
        // Date) or `{"0": …}` (bytes).
        if v.is_instance_of::<js_sys::Date>() {
            return Err(host::not_json(path, "a JS Date"));
        }
        if js_sys::ArrayBuffer::is_view(v) || v.is_instance_of::<js_sys::ArrayBuffer>() {
            return Err(host::not_json(path, "a JS typed array or buffer"));
        }
        if depth >= host::MAX_DEPTH {
            return Ok(host::too_deep());
        }
        if js_sys::Array::is_array(v) {
            let items = js_sys::Array::from(v);
            let mut out = Vec::with_capacity(items.length() as usize);
            for (i, item) in items.iter().enumerate() {
                let len = host::enter_index(path, i);
                out.push(to_value(&item, path, depth + 1)?);
                path.truncate(len);
            }
            return Ok(Value::Array(out));
        }
        let obj = js_sys::Object::from(v.clone());
        let mut map = Map::new();
        for key in js_sys::Object::keys(&obj).iter() {
            let Some(name) = key.as_string() else {
                continue;
            };
            let item = js_sys::Reflect::get(&obj, &key).map_err(|_| {
                CoreError::invalid_input(
                    path.as_str(),
                    format!("property {name} could not be read"),
                )
            })?;
            if item.is_undefined() {
                continue;
            }
            let len = host::enter_key(path, &name);
            let value = to_value(&item, path, depth + 1)?;
            path.truncate(len);
            host::insert(&mut map, name, value);
        }
        return Ok(Value::Object(map));
    }
    let what = v.js_typeof().as_string().unwrap_or_default();
    Err(host::not_json(path, &format!("a JS {what}")))
}

enum Request {
    Value(Value),
    Text(String),
}

fn request(v: JsValue) -> Result<Request, CoreError> {
    match v.as_string() {
        Some(text) => Ok(Request::Text(text)),
        None => from_js(v, "").map(Request::Value),
    }
}

fn finish<T: Serialize>(out: Result<T, CoreError>) -> Result<JsValue, JsValue> {
    out.map(|v| to_js(&v)).map_err(|e| to_js_error(&e))
}

/// Call options (`{ lean }`) as core reads them; left out, `undefined` or `null` for the
/// defaults (an `Option`, so the generated types mark the argument optional).
fn read_options(options: Option<JsValue>) -> Result<Options, CoreError> {
    match options {
        Some(options) if !options.is_undefined() => {
            Options::from_value(&from_js(options, "/options")?)
        }
        _ => Ok(Options::default()),
    }
}

// The TypeScript of the package (kefu_wasm.d.ts), beyond what wasm-bindgen writes from the
// attributes below: the request, decision, lean and policy types generated from schemas/ by
// core/tools/gen_types.py (the same text as the napi package's kefu-types.d.ts), and the forms
// of Engine's calls one signature cannot say. wasm-bindgen writes custom sections before the
// class, so these overloads merge into `class Engine` after its own signatures (the whole
// decision): `{ lean: true }` gives the lean form; evaluate and evaluateBatch (generic in the
// kind, which an attribute cannot declare) are typed here only.
#[wasm_bindgen(typescript_custom_section)]
const KEFU_TYPES: &str = include_str!("../kefu-types.d.ts");

#[wasm_bindgen(typescript_custom_section)]
const ENGINE_CALLS: &str = r#"
/** The other forms of Engine's calls (merged into the class below). */
export interface Engine {
  checkReturn(request: ReturnRequest | string, options: LeanOption): LeanReturnDecision;
  checkReturn(request: ReturnRequest | string, options: Options | null): ReturnDecision | LeanReturnDecision;
  orderFlag(order: OrderFacts | string, options: LeanOption): LeanFlagDecision;
  orderFlag(order: OrderFacts | string, options: Options | null): FlagDecision | LeanFlagDecision;
  orderAction(request: ActionRequest | string, options: LeanOption): LeanActionDecision;
  orderAction(request: ActionRequest | string, options: Options | null): ActionDecision | LeanActionDecision;
  classifyComplaint(complaint: Complaint | string, options: LeanOption): LeanComplaintDecision;
  classifyComplaint(complaint: Complaint | string, options: Options | null): ComplaintDecision | LeanComplaintDecision;
  refundTimeline(refundCase: RefundCase | string, options: LeanOption): LeanTimelineDecision;
  refundTimeline(refundCase: RefundCase | string, options: Options | null): TimelineDecision | LeanTimelineDecision;
  sla(request: SlaRequest | string, options: LeanOption): LeanSlaDecision;
  sla(request: SlaRequest | string, options: Options | null): SlaDecision | LeanSlaDecision;
  dispatchEstimate(order: DispatchRequest | string, options: LeanOption): LeanDispatchDecision;
  dispatchEstimate(order: DispatchRequest | string, options: Options | null): DispatchDecision | LeanDispatchDecision;
  /** Any decision by kind name: typed by the kind (`Requests`, `Decisions`, `LeanDecisions`). */
  evaluate<K extends Kind>(kind: K, request: Requests[K] | string, options: LeanOption): LeanDecisions[K];
  evaluate<K extends Kind>(kind: K, request: Requests[K] | string, options?: WholeOption | null): Decisions[K];
  evaluate<K extends Kind>(kind: K, request: Requests[K] | string, options: Options | null): Decisions[K] | LeanDecisions[K];
  /** A kind named at run time (an unknown one throws UNKNOWN_KIND): some kind's decision. */
  evaluate(kind: string, request: object | string, options?: Options | null): Decision | LeanDecision;
  /** One result per input, in order. */
  evaluateBatch<K extends Kind>(kind: K, requests: object[], options: LeanOption): BatchItem<LeanDecisions[K]>[];
  evaluateBatch<K extends Kind>(kind: K, requests: object[], options?: WholeOption | null): BatchItem<Decisions[K]>[];
  evaluateBatch<K extends Kind>(kind: K, requests: object[], options: Options | null): BatchItem<Decisions[K] | LeanDecisions[K]>[];
  /** A kind named at run time. */
  evaluateBatch(kind: string, requests: object[], options?: Options | null): BatchItem[];
}
"#;

/// A compiled policy; cheap to call many times.
#[wasm_bindgen]
pub struct Engine {
    inner: CoreEngine,
}

impl Engine {
    /// A string is JSON text; anything else goes through [`from_js`] (not serde-wasm-bindgen's
    /// deserializer, which reads a JS array as map entries, recursively, without a limit).
    fn run(&self, kind: &str, req: JsValue, options: Option<JsValue>) -> Result<JsValue, JsValue> {
        guarded(|| {
            let options = read_options(options)?;
            let decision = match req.as_string() {
                Some(text) => self.inner.decide_json(kind, &text),
                None => self.inner.decide(kind, &from_js(req, "")?),
            }?;
            Ok(if options.lean {
                to_js(&decision.lean())
            } else {
                to_js(&decision)
            })
        })
        .map_err(|e| to_js_error(&e))
    }

    /// Convert host arguments, then call `f` with them; errors become JS errors.
    fn args<T>(
        &self,
        args: Vec<(&str, JsValue)>,
        f: impl FnOnce(&CoreEngine, Vec<Value>) -> kefu_core::Result<T>,
    ) -> Result<T, JsValue> {
        guarded(|| {
            let values = args
                .into_iter()
                .map(|(name, v)| from_js(v, &format!("/{name}")))
                .collect::<kefu_core::Result<Vec<_>>>()?;
            f(&self.inner, values)
        })
        .map_err(|e| to_js_error(&e))
    }
}

#[wasm_bindgen]
impl Engine {
    /// Compile `policy` (an object, JSON text, or nothing for the rule book's defaults).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_optional_param_type = "Policy | string | null")] policy: JsValue,
    ) -> Result<Engine, JsValue> {
        guarded(|| {
            if policy.is_undefined() || policy.is_null() {
                return CoreEngine::from_value(&Value::Null);
            }
            match request(policy).map_err(CoreError::into_policy)? {
                Request::Value(v) => CoreEngine::from_value(&v),
                Request::Text(t) => CoreEngine::from_json(&t),
            }
        })
        .map(|inner| Engine { inner })
        .map_err(|e| to_js_error(&e))
    }

    /// May this item go back (rule book §3).
    #[wasm_bindgen(js_name = checkReturn, unchecked_return_type = "ReturnDecision")]
    pub fn check_return(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ReturnRequest | string")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "WholeOption | null")] options: Option<
            JsValue,
        >,
    ) -> Result<JsValue, JsValue> {
        self.run("check_return", request, options)
    }

    /// The flag an order should carry now (rule book §1).
    #[wasm_bindgen(js_name = orderFlag, unchecked_return_type = "FlagDecision")]
    pub fn order_flag(
        &self,
        #[wasm_bindgen(unchecked_param_type = "OrderFacts | string")] order: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "WholeOption | null")] options: Option<
            JsValue,
        >,
    ) -> Result<JsValue, JsValue> {
        self.run("order_flag", order, options)
    }

    /// What to do with a request on an order (rule book §2).
    #[wasm_bindgen(js_name = orderAction, unchecked_return_type = "ActionDecision")]
    pub fn order_action(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ActionRequest | string")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "WholeOption | null")] options: Option<
            JsValue,
        >,
    ) -> Result<JsValue, JsValue> {
        self.run("order_action", request, options)
    }

    /// Severity, type, causes, cues, owner and reply deadline of a complaint (rule book §4).
    #[wasm_bindgen(js_name = classifyComplaint, unchecked_return_type = "ComplaintDecision")]
    pub fn classify_complaint(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Complaint | string")] complaint: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "WholeOption | null")] options: Option<
            JsValue,
        >,
    ) -> Result<JsValue, JsValue> {
        self.run("classify_complaint", complaint, options)
    }

    /// Where a refund case stands and its next deadline (rule book §3).
    #[wasm_bindgen(js_name = refundTimeline, unchecked_return_type = "TimelineDecision")]
    pub fn refund_timeline(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RefundCase | string")] case: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "WholeOption | null")] options: Option<
            JsValue,
        >,
    ) -> Result<JsValue, JsValue> {
        self.run("refund_timeline", case, options)
    }

    /// The due time of a service standard and its state at `now` (rule book §5).
    #[wasm_bindgen(unchecked_return_type = "SlaDecision")]
    pub fn sla(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SlaRequest | string")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "WholeOption | null")] options: Option<
            JsValue,
        >,
    ) -> Result<JsValue, JsValue> {
        self.run("sla", request, options)
    }

    /// Ship-by date and expected delivery (rule book §5).
    #[wasm_bindgen(js_name = dispatchEstimate, unchecked_return_type = "DispatchDecision")]
    pub fn dispatch_estimate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DispatchRequest | string")] order: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "WholeOption | null")] options: Option<
            JsValue,
        >,
    ) -> Result<JsValue, JsValue> {
        self.run("dispatch_estimate", order, options)
    }

    /// Any decision by kind name (typed in `ENGINE_CALLS`, generic in the kind).
    #[wasm_bindgen(skip_typescript)]
    pub fn evaluate(
        &self,
        kind: &str,
        request: JsValue,
        options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        self.run(kind, request, options)
    }

    /// One result per input, in order (typed in `ENGINE_CALLS`, generic in the kind).
    #[wasm_bindgen(js_name = evaluateBatch, skip_typescript)]
    pub fn evaluate_batch(
        &self,
        kind: &str,
        requests: JsValue,
        options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        guarded(|| {
            let options = read_options(options)?;
            let items = if js_sys::Array::is_array(&requests) {
                // Row by row, so a row that is not JSON-shaped is that row's error, in its place.
                let rows: Vec<_> = js_sys::Array::from(&requests)
                    .iter()
                    .map(|row| to_value(&row, &mut String::new(), 1))
                    .collect();
                self.inner.evaluate_batch_rows(kind, &rows, 1)?
            } else {
                self.inner
                    .evaluate_batch_value(kind, &from_js(requests, "")?, 1)?
            };
            Ok(if options.lean {
                to_js(
                    &items
                        .iter()
                        .map(kefu_core::BatchItem::lean)
                        .collect::<Vec<_>>(),
                )
            } else {
                to_js(&items)
            })
        })
        .map_err(|e| to_js_error(&e))
    }

    /// Whether a `YYYY-MM-DD` date is a working day.
    #[wasm_bindgen(js_name = isWorkday)]
    pub fn is_workday(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DateString")] date: JsValue,
    ) -> Result<bool, JsValue> {
        self.args(vec![("date", date)], |e, mut a| {
            e.is_workday_arg(a.remove(0))
        })
    }

    /// The earliest instant at which `minutes` working minutes have passed since `start`.
    #[wasm_bindgen(js_name = addWorkingTime, unchecked_return_type = "Instant")]
    pub fn add_working_time(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Instant")] start: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] minutes: JsValue,
    ) -> Result<String, JsValue> {
        self.args(vec![("start", start), ("minutes", minutes)], |e, mut a| {
            let minutes = a.pop().unwrap_or_default();
            e.add_working_time_args(a.pop().unwrap_or_default(), minutes)
        })
    }

    /// Working minutes from `a` to `b`.
    #[wasm_bindgen(js_name = workingMinutesBetween)]
    pub fn working_minutes_between(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Instant")] a: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Instant")] b: JsValue,
    ) -> Result<f64, JsValue> {
        self.args(vec![("from", a), ("to", b)], |e, mut v| {
            let to = v.pop().unwrap_or_default();
            #[allow(clippy::cast_precision_loss)]
            e.working_minutes_between_args(v.pop().unwrap_or_default(), to)
                .map(|m| m as f64)
        })
    }

    /// The effective policy, every default filled in.
    #[wasm_bindgen(unchecked_return_type = "Required<Policy>")]
    pub fn policy(&self) -> JsValue {
        to_js(&self.inner.policy().to_value())
    }

    /// The effective policy's content hash.
    #[wasm_bindgen(js_name = policyHash)]
    pub fn policy_hash(&self) -> String {
        self.inner.policy_hash().to_owned()
    }
}

/// Every problem of a policy document, with its JSON pointer; empty when valid.
#[wasm_bindgen(js_name = validatePolicy, unchecked_return_type = "Problem[]")]
pub fn validate_policy(
    #[wasm_bindgen(unchecked_param_type = "Policy | object | string")] doc: JsValue,
) -> Result<JsValue, JsValue> {
    finish(guarded(|| {
        let problems = match request(doc).map_err(CoreError::into_policy) {
            Ok(Request::Value(v)) => kefu_core::validate_policy(&v),
            Ok(Request::Text(t)) => kefu_core::validate_policy_json(&t),
            Err(e) if !e.problems.is_empty() => e.problems,
            Err(e) => return Err(e),
        };
        Ok(problems)
    }))
}

/// A State Council holiday notice (its text) read into a `calendar.years` entry,
/// `{"2026": {"holidays": [{name, from, to}…], "workdays": […]}}`. Core reads and checks the
/// text; anything but a string is `INVALID_INPUT` at `/text`, as core's decoder words it.
#[wasm_bindgen(js_name = calendarFromNotice, unchecked_return_type = "CalendarYears")]
pub fn calendar_from_notice(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<JsValue, JsValue> {
    finish(guarded(|| {
        kefu_core::calendar_from_notice_arg(from_js(text, "/text")?)
    }))
}

/// The stable error codes, as every host lists them.
#[wasm_bindgen(js_name = errorCodes)]
pub fn error_codes() -> Vec<String> {
    ErrorCode::ALL
        .iter()
        .map(|c| c.as_str().to_owned())
        .collect()
}

/// The what-if (issue 20), in the module built with the `whatif` feature only: the browser
/// package's main module stays inside its 300,000-byte budget (the comparison and its summary
/// measured 7.2 KB gzipped), and a page loads `whatif/kefu_wasm.js` when it needs it (the
/// desk: on its first comparison). The Node target (`pkg/nodejs`) is built with it.
#[cfg(feature = "whatif")]
#[wasm_bindgen]
impl Engine {
    /// What `proposed`'s policy would change over `requests` (issue 20: a policy tried on
    /// history): `{changes, summary}`, the comparison core's (`kefu_core::whatif`).
    #[wasm_bindgen(js_name = diffPolicy, unchecked_return_type = "PolicyDiff")]
    pub fn diff_policy(
        &self,
        kind: &str,
        #[wasm_bindgen(unchecked_param_type = "Array<object | string>")] requests: JsValue,
        proposed: &Engine,
    ) -> Result<JsValue, JsValue> {
        guarded(|| {
            if !js_sys::Array::is_array(&requests) {
                return Err(kefu_core::Error::invalid_input(
                    "/requests",
                    "requests is an array of requests",
                )
                .with_zh("requests 应为请求的数组"));
            }
            let rows: Vec<_> = js_sys::Array::from(&requests)
                .iter()
                .map(|row| to_value(&row, &mut String::new(), 1))
                .collect();
            let a = self.inner.evaluate_batch_rows(kind, &rows, 1)?;
            let b = proposed.inner.evaluate_batch_rows(kind, &rows, 1)?;
            Ok(to_js(&kefu_core::whatif::compare_all(&a, &b)))
        })
        .map_err(|e| to_js_error(&e))
    }
}

/// Platform payloads in, platform codes out (issue 21; docs/platforms.md), in the on-demand
/// module only (built with the `platforms` feature, beside the what-if): the main module stays
/// inside its size budget, and a page loads `kefu-wasm/platforms` when it needs it (the desk:
/// on its first pasted payload). Core reads and writes; these convert.
#[cfg(feature = "platforms")]
#[wasm_bindgen(js_name = fromPlatform, unchecked_return_type = "OrderFacts | ActionRequest | DispatchRequest | ReturnRequest | RefundCase")]
pub fn from_platform(
    #[wasm_bindgen(unchecked_param_type = "'taobao' | 'jd' | 'pinduoduo'")] platform: JsValue,
    #[wasm_bindgen(
        unchecked_param_type = "'order_flag' | 'order_action' | 'dispatch_estimate' | 'check_return' | 'refund_timeline'"
    )]
    kind: JsValue,
    #[wasm_bindgen(unchecked_param_type = "unknown")] payload: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Record<string, unknown> | null")] facts: Option<
        JsValue,
    >,
) -> Result<JsValue, JsValue> {
    finish(guarded(|| {
        let facts = match facts {
            Some(f) if !f.is_undefined() => from_js(f, "/facts")?,
            _ => serde_json::Value::Null,
        };
        kefu_core::platforms::read_args(
            from_js(platform, "/platform")?,
            from_js(kind, "/kind")?,
            from_js(payload, "/payload")?,
            facts,
        )
    }))
}

/// What a platform's payload alone says of a request of `kind` (core's `read_partial`): for a
/// form to fill, the fields no payload gives left to the agent. The desk's "paste a platform
/// payload" calls it.
#[cfg(feature = "platforms")]
#[wasm_bindgen(js_name = platformFields, unchecked_return_type = "Partial<OrderFacts | ActionRequest | DispatchRequest | ReturnRequest | RefundCase>")]
pub fn platform_fields(
    #[wasm_bindgen(unchecked_param_type = "'taobao' | 'jd' | 'pinduoduo'")] platform: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] kind: JsValue,
    #[wasm_bindgen(unchecked_param_type = "unknown")] payload: JsValue,
) -> Result<JsValue, JsValue> {
    finish(guarded(|| {
        kefu_core::platforms::read_partial_args(
            from_js(platform, "/platform")?,
            from_js(kind, "/kind")?,
            from_js(payload, "/payload")?,
        )
    }))
}

/// A flag decision written back as the platform's update call `{method, params}`; `memo`
/// instead of the decision's note.
#[cfg(feature = "platforms")]
#[wasm_bindgen(js_name = toPlatform, unchecked_return_type = "{ method: string; params: Record<string, string | number> }")]
pub fn to_platform(
    #[wasm_bindgen(unchecked_param_type = "'taobao' | 'jd' | 'pinduoduo'")] platform: JsValue,
    #[wasm_bindgen(unchecked_param_type = "object")] decision: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string | null")] memo: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    finish(guarded(|| {
        let memo = match memo {
            Some(m) if !m.is_undefined() => from_js(m, "/memo")?,
            _ => serde_json::Value::Null,
        };
        kefu_core::platforms::write_args(
            from_js(platform, "/platform")?,
            from_js(decision, "/decision")?,
            memo,
        )
    }))
}

/// The decision kinds `evaluate` knows.
#[wasm_bindgen]
pub fn kinds() -> Vec<String> {
    kefu_core::KINDS.iter().map(|k| (*k).to_owned()).collect()
}

/// kefu's version, the same in every host.
#[wasm_bindgen]
pub fn version() -> String {
    kefu_core::VERSION.to_owned()
}
