//! What a proposed policy would change, tried on history before it goes live (issue 20
//! part 3; docs/api.md "What-if"). Each request is decided under the current policy and the
//! proposed one; a row changes when the kind's main fields or its reason codes differ (a
//! failure compares by its error code and path). Hosts stream rows through
//! [`compare`] and count them in a [`Summary`], so memory is the counters, not the history.

use crate::engine::BatchItem;
use crate::lean::REASON_CODES;
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// One request whose answer changes under the proposed policy.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// The row's position in the input.
    pub index: usize,
    /// The request's `id`, echoed (left out when it has none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The request's `order_id`, echoed (left out when it has none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_id: Option<String>,
    /// The main fields whose values differ (`reason_codes` and `error` included).
    pub changed: Vec<String>,
    /// The answer under the current policy: the main fields and reason codes, or `{"error"}`.
    pub old: Value,
    /// The answer under the proposed policy, in the same form.
    pub new: Value,
    /// Reason codes the proposed policy gives that the current one did not.
    pub codes_added: Vec<String>,
    /// Reason codes the current policy gave that the proposed one does not.
    pub codes_removed: Vec<String>,
}

/// What a whole history shows: how many rows, how many changed, and how.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Rows compared.
    pub rows_read: u64,
    /// Rows whose answer changes.
    pub rows_changed: u64,
    /// Rows that failed alike under both policies (bad input, not a change).
    pub rows_failed: u64,
    /// Changed rows by the kind's first main field, `"old -> new"` (`"eligible -> ineligible"`;
    /// a failure shows as its error code); `"eligible -> eligible"` when only other fields moved.
    pub transitions: BTreeMap<String, u64>,
    /// Changed rows per reason code that appeared.
    pub codes_added: BTreeMap<String, u64>,
    /// Changed rows per reason code that went.
    pub codes_removed: BTreeMap<String, u64>,
}

/// The compared form of one answer: the lean decision without the echoed keys, or its error.
fn answer(item: &BatchItem) -> Value {
    match (&item.decision, &item.error) {
        (Some(d), _) => {
            let mut v = d.to_lean_json();
            if let Some(map) = v.as_object_mut() {
                map.remove("id");
                map.remove("order_id");
            }
            v
        }
        (None, Some(e)) => {
            let mut error = Map::new();
            error.insert(String::from("code"), Value::from(e.code.as_str()));
            error.insert(
                String::from("path"),
                e.path.clone().map_or(Value::Null, Value::from),
            );
            let mut map = Map::new();
            map.insert(String::from("error"), Value::Object(error));
            Value::Object(map)
        }
        (None, None) => Value::Null,
    }
}

fn codes(v: &Value) -> Vec<String> {
    v.get(REASON_CODES)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// The first main field's value in words, for the transitions.
fn headline(kind: &str, v: &Value) -> String {
    if let Some(e) = v.get("error") {
        return format!(
            "error {}",
            e.get("code").and_then(Value::as_str).unwrap_or("")
        );
    }
    let field = crate::main_fields(kind)
        .iter()
        .copied()
        .find(|f| !matches!(*f, "id" | "order_id"))
        .unwrap_or("");
    match v.get(field) {
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
        None => String::from("null"),
    }
}

/// Compare one request's answers under the current (`old`) and proposed (`new`) policies:
/// the change, if there is one.
pub fn compare(old: &BatchItem, new: &BatchItem) -> Option<Change> {
    let (a, b) = (answer(old), answer(new));
    if a == b {
        return None;
    }
    let empty = Map::new();
    let (ma, mb) = (
        a.as_object().unwrap_or(&empty),
        b.as_object().unwrap_or(&empty),
    );
    let mut changed: Vec<String> = ma
        .iter()
        .filter(|(k, v)| mb.get(*k) != Some(*v))
        .map(|(k, _)| k.clone())
        .collect();
    changed.extend(mb.keys().filter(|k| !ma.contains_key(*k)).cloned());
    let (ca, cb) = (codes(&a), codes(&b));
    let mut codes_added: Vec<String> = cb.iter().filter(|c| !ca.contains(c)).cloned().collect();
    let mut codes_removed: Vec<String> = ca.iter().filter(|c| !cb.contains(c)).cloned().collect();
    codes_added.dedup();
    codes_removed.dedup();
    Some(Change {
        index: old.index,
        id: old.id.clone().or_else(|| new.id.clone()),
        order_id: old.order_id.clone().or_else(|| new.order_id.clone()),
        changed,
        old: a,
        new: b,
        codes_added,
        codes_removed,
    })
}

impl Summary {
    /// Count one row: its two answers and the change found between them, if any.
    pub fn count(&mut self, kind: &str, old: &BatchItem, change: Option<&Change>) {
        self.rows_read += 1;
        match change {
            None if !old.ok => self.rows_failed += 1,
            None => {}
            Some(c) => {
                self.rows_changed += 1;
                let key = format!("{} -> {}", headline(kind, &c.old), headline(kind, &c.new));
                *self.transitions.entry(key).or_default() += 1;
                for code in &c.codes_added {
                    *self.codes_added.entry(code.clone()).or_default() += 1;
                }
                for code in &c.codes_removed {
                    *self.codes_removed.entry(code.clone()).or_default() += 1;
                }
            }
        }
    }

    /// Add another share's counts (a thread's, a block's).
    pub fn merge(&mut self, other: Summary) {
        self.rows_read += other.rows_read;
        self.rows_changed += other.rows_changed;
        self.rows_failed += other.rows_failed;
        for (map, theirs) in [
            (&mut self.transitions, other.transitions),
            (&mut self.codes_added, other.codes_added),
            (&mut self.codes_removed, other.codes_removed),
        ] {
            for (k, n) in theirs {
                *map.entry(k).or_default() += n;
            }
        }
    }
}

/// Decide `requests` under both engines and compare them: the changed rows in order, and the
/// summary. An unknown kind is `UNKNOWN_KIND`, before any row.
pub fn diff_policy(
    kind: &str,
    old: &crate::Engine,
    new: &crate::Engine,
    requests: &[Value],
    threads: usize,
) -> crate::Result<(Vec<Change>, Summary)> {
    let a = old.evaluate_batch_on(kind, requests, threads)?;
    let b = new.evaluate_batch_on(kind, requests, threads)?;
    Ok(compare_all(kind, &a, &b))
}

/// Compare two batches' items, pairwise in order: the changed rows and the summary.
pub fn compare_all(kind: &str, old: &[BatchItem], new: &[BatchItem]) -> (Vec<Change>, Summary) {
    let mut summary = Summary::default();
    let mut changes = Vec::new();
    for (x, y) in old.iter().zip(new) {
        let c = compare(x, y);
        summary.count(kind, x, c.as_ref());
        changes.extend(c);
    }
    (changes, summary)
}
