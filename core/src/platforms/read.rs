//! From a platform's payload (and the shop's facts) to a kefu request: what every platform's
//! reader hands over ([`Read`]), how several payloads of one order merge, and what each kind
//! takes from them (docs/platforms.md, "How a payload is read").

use super::{bad, jd, pinduoduo, taobao, KINDS, PLATFORMS};
use crate::error::{Error, ErrorKind, Result};
use crate::time::Instant;
use serde_json::{Map, Value};

/// One sellable line of an order: its SKU and, where the platform gives it, what was paid.
#[derive(Debug, Clone, Default)]
pub(crate) struct Item {
    pub sku: Option<String>,
    /// The platform's id of the line (Taobao `oid`), matched with a refund's.
    pub oid: Option<String>,
    pub price_paid_cents: Option<i64>,
}

/// What one payload says, in kefu's words.
#[derive(Debug, Default)]
pub(crate) struct Read {
    /// kefu request fields read: `order_id`, `paid`, `paid_at`, `shipped`,
    /// `waybill_uploaded`, `current_flag`, `after_sales`, `destination_city`, `free_shipping`,
    /// `requested_at`, `return_goods`, `events`.
    pub fields: Map<String, Value>,
    /// The order's lines, and the payload path they were read at (for the "choose one" error).
    pub items: Vec<Item>,
    pub items_path: &'static str,
    /// Why the goods cannot be returned yet (not shipped, not received), for `check_return`.
    pub not_returnable: Option<Error>,
    /// Why the payload cannot give `events` (a snapshot without the times), for
    /// `refund_timeline` when the facts give none.
    pub no_events: Option<Error>,
    /// The platform says the order has a stock-out being handled (Pinduoduo `is_stock_out`):
    /// before or after entry is the shop's `entered`.
    pub stock_out: bool,
    /// Why the order is over (closed, cancelled): nothing to flag, act on, ship or return.
    pub closed: Option<Error>,
    /// The line a refund is about (Taobao `oid`), to choose it in a trade of several.
    pub oid: Option<String>,
}

impl Read {
    /// The order's state, as every platform's order reader gives it: id, paid (and when),
    /// shipped; a shipment on these platforms needs the waybill, so it is uploaded with it.
    pub(crate) fn order(
        &mut self,
        order_id: String,
        paid: bool,
        paid_at: Option<Instant>,
        shipped: bool,
    ) {
        let f = &mut self.fields;
        f.insert(String::from("order_id"), Value::from(order_id));
        f.insert(String::from("paid"), Value::from(paid));
        if let Some(at) = paid_at {
            f.insert(String::from("paid_at"), super::instant_text(at));
        }
        f.insert(String::from("shipped"), Value::from(shipped));
        f.insert(String::from("waybill_uploaded"), Value::from(shipped));
    }
}

/// An order's lines with their SKU only (`list` of objects, each its SKU at `sku`), for the
/// platforms that give no price paid per line (JD's `jdPrice` is a list price, Pinduoduo's
/// `pay_amount` the whole order's).
pub(crate) fn sku_lines(platform: &str, order: &Value, list: &str, sku: &str) -> Result<Vec<Item>> {
    let mut items = Vec::new();
    for (i, line) in order
        .get(list)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        let sku = match line.get(sku) {
            None | Some(Value::Null) => None,
            Some(v) => Some(super::id_text(platform, &format!("/{list}/{i}/{sku}"), v)?),
        };
        items.push(Item {
            sku,
            ..Item::default()
        });
    }
    Ok(items)
}

/// The fields of `order_flag`'s request (and `order_action`'s `order`).
const ORDER_FIELDS: [&str; 8] = [
    "order_id",
    "platform",
    "paid",
    "paid_at",
    "shipped",
    "waybill_uploaded",
    "current_flag",
    "after_sales",
];

/// The order's facts no platform knows, and what they say (docs/rules.md §1): left out they
/// would default to "not done", and a flag decided from them would wipe the flag the shop set.
const SHOP_FACTS: [(&str, &str, &str); 3] = [
    (
        "entered",
        "entered into the back office (the shop's own system)",
        "是否已录入公司后台（店铺自己的系统）",
    ),
    (
        "marketing_done",
        "marketing done on the order",
        "是否已做营销",
    ),
    (
        "info_change_pending",
        "an information change pending entry",
        "是否有待录入的信息修改",
    ),
];

/// The order's state a flag or action needs from the platform (or the facts).
const ORDER_STATE: [(&str, &str, &str); 3] = [
    ("paid", "whether it is paid", "是否已付款"),
    ("shipped", "whether it is shipped", "是否已发货"),
    (
        "after_sales",
        "the open after-sales matters",
        "未结的售后事项",
    ),
];

/// What each kind must have once payload and facts are merged (each a request field, `order/…`
/// for `order_action`'s order), and where it comes from.
fn required(kind: &str) -> Vec<(String, &'static str, &'static str)> {
    let list = |items: &[(&'static str, &'static str, &'static str)], under: &str| {
        items
            .iter()
            .map(|(f, en, zh)| (format!("{under}{f}"), *en, *zh))
            .collect::<Vec<_>>()
    };
    match kind {
        "order_flag" => [list(&ORDER_STATE, ""), list(&SHOP_FACTS, "")].concat(),
        "order_action" => [
            list(
                &[
                    ("type", "which flow (modify, cancel_before_shipment, …)", "哪种处理流程"),
                    ("now", "when the agent handles it", "客服处理的时间"),
                ],
                "",
            ),
            list(&ORDER_STATE, "order/"),
            list(&SHOP_FACTS, "order/"),
        ]
        .concat(),
        "dispatch_estimate" => list(
            &[
                ("paid_at", "when the order was paid: it is not paid yet", "付款时间：订单尚未付款"),
                ("destination_city", "the receiver's city", "收货城市"),
            ],
            "",
        ),
        "check_return" => list(
            &[
                ("reason", "why the buyer returns it", "买家退货的原因"),
                ("category", "the shop's category of the item", "商品的类目"),
                (
                    "signed_at",
                    "the signing time, which the logistics API records (confirming receipt comes later and is not signing)",
                    "签收时间，由物流接口记录（确认收货晚于签收，不能代替）",
                ),
                ("requested_at", "when the buyer asked", "买家申请的时间"),
            ],
            "",
        ),
        _ => list(
            &[
                ("now", "the moment to judge at", "判断的时刻"),
                ("return_goods", "whether the goods come back (退货退款) or not (仅退款)", "是否退货（退货退款）或仅退款"),
                ("events", "the refund's history", "退款的经过"),
            ],
            "",
        ),
    }
}

/// `platform`'s `payload` (one, or a list of payloads of one order) and the shop's `facts`
/// (a partial request, merged over what the payload gives) as a request of `kind`.
///
/// # Errors
/// `INVALID_INPUT` at `/platform` or `/kind` for a platform or kind kefu does not read; at the
/// payload's field for a value it cannot read (an unknown status, a bad amount or time); at
/// the request field a decision needs that neither the payload nor the facts give.
pub fn read(platform: &str, kind: &str, payload: &Value, facts: Option<&Value>) -> Result<Value> {
    read_with(platform, kind, payload, facts, true)
}

/// What `payload` alone says of a request of `kind`, without the fields it cannot give being
/// asked for: for a form to fill (the desk's "paste a platform payload"), where the agent adds
/// the rest. The same reading and errors as [`read`] otherwise.
///
/// # Errors
/// As [`read`], except that a field no payload gives is not one.
pub fn read_partial(platform: &str, kind: &str, payload: &Value) -> Result<Value> {
    read_with(platform, kind, payload, None, false)
}

fn read_with(
    platform: &str,
    kind: &str,
    payload: &Value,
    facts: Option<&Value>,
    complete: bool,
) -> Result<Value> {
    if !PLATFORMS.contains(&platform) {
        return Err(Error::invalid_input(
            "/platform",
            format!(
                "unknown platform {platform:?}; kefu reads {}",
                PLATFORMS.join(", ")
            ),
        )
        .with_zh(format!(
            "kefu 不读取平台“{platform}”；可用的有：{}",
            PLATFORMS.join("、")
        ))
        .with_kind(ErrorKind::UnknownVariant));
    }
    if !KINDS.contains(&kind) {
        if !crate::engine::is_kind(kind) {
            return Err(crate::engine::unknown_kind(kind));
        }
        return Err(Error::invalid_input(
            "/kind",
            format!(
                "{kind} is not read from a platform payload; these are: {}",
                KINDS.join(", ")
            ),
        )
        .with_zh(format!(
            "{kind} 不从平台数据读取；可读取的有：{}",
            KINDS.join("、")
        )));
    }
    let facts = match facts {
        None | Some(Value::Null) => None,
        Some(Value::Object(f)) => Some(f),
        Some(other) => {
            return Err(Error::invalid_input(
                "/facts",
                format!("facts are a partial request (an object), not {other}"),
            )
            .with_zh(format!("facts 应为部分请求（对象），而不是 {other}"))
            .with_kind(ErrorKind::WrongType))
        }
    };
    let reads = match payload {
        Value::Array(list) if list.is_empty() => {
            return Err(bad(
                platform,
                "",
                String::from("an empty list of payloads"),
                String::from("平台数据列表为空"),
            ))
        }
        Value::Array(list) => list
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let at = format!("/{i}");
                one(platform, p)
                    .map(|mut r| {
                        // Errors kept for later are this payload's too.
                        r.not_returnable = r.not_returnable.map(|e| e.under(&at));
                        r.no_events = r.no_events.map(|e| e.under(&at));
                        r.closed = r.closed.map(|e| e.under(&at));
                        r
                    })
                    .map_err(|e| e.under(&at))
            })
            .collect::<Result<Vec<_>>>()?,
        single => vec![one(platform, single)?],
    };
    let read = merge(platform, reads)?;
    let mut request = assemble(platform, kind, read, facts)?;
    if let Some(facts) = facts {
        deep_merge(&mut request, facts);
    }
    for (field, what, what_zh) in required(kind).iter().filter(|_| complete) {
        let given = match field.split_once('/') {
            Some((outer, inner)) => request.get(outer).and_then(|o| o.get(inner)).is_some(),
            None => request.contains_key(field.as_str()),
        };
        if !given {
            return Err(bad(
                platform,
                &format!("/{field}"),
                format!(
                    "{kind} needs {field} ({what}), which the {platform} payload does not carry: give it in facts"
                ),
                format!("{kind} 需要 {field}（{what_zh}），{platform} 的数据里没有：请在 facts 中给出"),
            )
            .with_kind(ErrorKind::MissingField));
        }
    }
    Ok(Value::Object(request))
}

/// One payload, read by its platform's reader.
fn one(platform: &str, payload: &Value) -> Result<Read> {
    if let Some(e) = payload.get("error_response") {
        return Err(bad(
            platform,
            "/error_response",
            format!("the platform answered with an error, not data: {e}"),
            format!("平台返回的是错误而不是数据：{e}"),
        ));
    }
    if !payload.is_object() {
        return Err(bad(
            platform,
            "",
            format!("a payload is a JSON object, not {payload}"),
            format!("平台数据应为 JSON 对象，而不是 {payload}"),
        )
        .with_kind(ErrorKind::WrongType));
    }
    match platform {
        "taobao" => taobao::read(payload),
        "jd" => jd::read(payload),
        _ => pinduoduo::read(payload),
    }
}

/// Several payloads of one order as one: fields given by two must agree; lines, and the
/// reasons a kind cannot be read, are kept from whichever gave them.
fn merge(platform: &str, reads: Vec<Read>) -> Result<Read> {
    let mut all = reads.into_iter().enumerate();
    let Some((_, mut out)) = all.next() else {
        return Ok(Read::default());
    };
    for (i, r) in all {
        for (key, value) in r.fields {
            match out.fields.get(&key) {
                Some(have) if *have != value => {
                    return Err(bad(
                        platform,
                        &format!("/{i}"),
                        format!("payload {i} gives {key} {value}, an earlier one {have}: they are not of one order"),
                        format!("第 {i} 份数据的 {key} 为 {value}，之前的为 {have}：不是同一订单的数据"),
                    ))
                }
                _ => {
                    out.fields.insert(key, value);
                }
            }
        }
        if out.items.is_empty() {
            out.items = r.items;
            out.items_path = r.items_path;
        }
        out.not_returnable = out.not_returnable.or(r.not_returnable);
        out.no_events = out.no_events.or(r.no_events);
        out.stock_out |= r.stock_out;
        out.closed = out.closed.or(r.closed);
        out.oid = out.oid.or(r.oid);
    }
    Ok(out)
}

/// The request of `kind` from what was read (before the facts are merged over it).
fn assemble(
    platform: &str,
    kind: &str,
    mut read: Read,
    facts: Option<&Map<String, Value>>,
) -> Result<Map<String, Value>> {
    let take = |read: &Read, keys: &[&str]| -> Map<String, Value> {
        keys.iter()
            .filter_map(|k| read.fields.get(*k).map(|v| ((*k).to_owned(), v.clone())))
            .collect()
    };
    let fact = |key: &str| facts.and_then(|f| f.get(key));
    if kind != "refund_timeline" {
        if let Some(e) = read.closed.take() {
            return Err(e);
        }
    }
    match kind {
        "order_flag" | "order_action" => {
            read.fields
                .insert(String::from("platform"), Value::from(platform));
            if read.stock_out {
                // Before or after entry into the back office: the shop's fact (default: not
                // entered, as kefu's `entered` defaults).
                let entered = if kind == "order_flag" {
                    fact("entered")
                } else {
                    fact("order").and_then(|o| o.get("entered"))
                };
                let key = if entered == Some(&Value::Bool(true)) {
                    "stock_out_after_entry"
                } else {
                    "stock_out_before_entry"
                };
                if let Some(Value::Object(a)) = read.fields.get_mut("after_sales") {
                    a.insert(String::from(key), Value::Bool(true));
                }
            }
            let order = take(&read, &ORDER_FIELDS);
            if kind == "order_flag" {
                Ok(order)
            } else {
                let mut request = Map::new();
                request.insert(String::from("order"), Value::Object(order));
                Ok(request)
            }
        }
        "dispatch_estimate" => Ok(take(
            &read,
            &["order_id", "paid_at", "destination_city", "free_shipping"],
        )),
        "check_return" => {
            if let Some(e) = read.not_returnable.take() {
                return Err(e);
            }
            let mut request = take(&read, &["order_id", "paid_at", "requested_at"]);
            if let Some(item) = choose(platform, &read, fact("sku"))? {
                if let Some(sku) = item.sku {
                    request.insert(String::from("sku"), Value::from(sku));
                }
                if let Some(cents) = item.price_paid_cents {
                    request.insert(String::from("price_paid_cents"), Value::from(cents));
                }
            }
            Ok(request)
        }
        _ => {
            if fact("events").is_none() {
                if let Some(e) = read.no_events.take() {
                    return Err(e);
                }
            }
            Ok(take(&read, &["order_id", "return_goods", "events"]))
        }
    }
}

/// The line a return is about: the one whose SKU the facts name, else the refund's line (its
/// `oid`), else the only one.
fn choose(platform: &str, read: &Read, sku: Option<&Value>) -> Result<Option<Item>> {
    if read.items.is_empty() {
        return Ok(None);
    }
    let wanted = |value: &str, pick: fn(&Item) -> Option<&str>, en: String, zh: String| {
        read.items
            .iter()
            .find(|i| pick(i) == Some(value))
            .cloned()
            .map(Some)
            .ok_or_else(|| bad(platform, read.items_path, en, zh))
    };
    if let Some(sku) = sku {
        let sku = sku
            .as_str()
            .map(str::to_owned)
            .unwrap_or_else(|| sku.to_string());
        return wanted(
            &sku,
            |i| i.sku.as_deref(),
            format!("no line of the order has the SKU {sku:?} given in facts"),
            format!("订单中没有 facts 给出的 SKU {sku:?}"),
        );
    }
    if let Some(oid) = read.oid.as_deref() {
        return wanted(
            oid,
            |i| i.oid.as_deref(),
            format!("the refund's oid {oid} is no line of the trade: they are not of one order"),
            format!("退款的子订单号 {oid} 不在该交易中：不是同一订单的数据"),
        );
    }
    match read.items.as_slice() {
        [only] => Ok(Some(only.clone())),
        items => Err(bad(
            platform,
            read.items_path,
            format!(
                "the order has {} lines: give the returned item's sku in facts to choose one",
                items.len()
            ),
            format!(
                "订单有 {} 个商品：请在 facts 中给出退货商品的 sku",
                items.len()
            ),
        )),
    }
}

/// `over` merged over `base`, objects key by key (for hosts that take facts from two places,
/// such as the command line's `--facts` and a row's own).
pub fn merge_facts(base: &Value, over: &Value) -> Value {
    match (base, over) {
        (Value::Object(b), Value::Object(o)) => {
            let mut out = b.clone();
            deep_merge(&mut out, o);
            Value::Object(out)
        }
        (b, Value::Null) => b.clone(),
        (_, o) => o.clone(),
    }
}

/// `facts` over `into`, objects key by key (the shop's facts win: they are newer than the
/// platform's snapshot).
fn deep_merge(into: &mut Map<String, Value>, facts: &Map<String, Value>) {
    for (key, value) in facts {
        match (into.get_mut(key), value) {
            (Some(Value::Object(have)), Value::Object(new)) => deep_merge(have, new),
            _ => {
                into.insert(key.clone(), value.clone());
            }
        }
    }
}

/// The five after-sales booleans of an order, as kefu's `after_sales`.
pub(crate) fn after_sales(
    refund: bool,
    return_exchange: bool,
    stock_out_before: bool,
    stock_out_after: bool,
) -> Value {
    serde_json::json!({
        "refund": refund,
        "return_exchange": return_exchange,
        "stock_out_before_entry": stock_out_before,
        "stock_out_after_entry": stock_out_after,
        "price_difference": false,
    })
}
