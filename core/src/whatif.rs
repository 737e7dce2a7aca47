//! What a proposed policy would change, tried on history before it goes live (issue 20
//! part 3; docs/api.md "What-if"). Each request is decided under the current policy and the
//! proposed one; a row changes when the kind's main fields or its reason codes differ (a
//! failure compares by its error code and path). Hosts stream rows through [`compare`] and
//! count them in a [`Summary`], so memory is the counters, not the history.
//!
//! Decisions are compared as values ([`Decision::differing_fields`]) and written in their lean
//! form by the host's own serializer: nothing here serializes a decision, which keeps the
//! browser package inside its budget (a comparison through JSON values measured 13.8 KB of
//! gzipped wasm).

use crate::engine::BatchItem;
use serde::ser::{Serialize, SerializeMap, Serializer};
use std::collections::BTreeMap;

/// One request whose answer changes under the proposed policy; it borrows the two answers.
#[derive(Debug, Clone, Copy)]
pub struct Change<'a> {
    old: &'a BatchItem,
    new: &'a BatchItem,
}

/// One side of a [`Change`]: the lean decision, or `{"error": {"code", "path"}}`.
#[derive(Debug, Clone, Copy)]
pub struct Answer<'a>(&'a BatchItem);

impl Serialize for Answer<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match (&self.0.decision, &self.0.error) {
            (Some(d), _) => d.lean().serialize(s),
            (None, e) => {
                let mut map = s.serialize_map(Some(1))?;
                map.serialize_entry("error", &ErrorAt(e.as_ref()))?;
                map.end()
            }
        }
    }
}

struct ErrorAt<'a>(Option<&'a crate::Error>);

impl Serialize for ErrorAt<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(2))?;
        map.serialize_entry("code", &self.0.map(|e| e.code.as_str()))?;
        map.serialize_entry("path", &self.0.and_then(|e| e.path.as_deref()))?;
        map.end()
    }
}

fn codes(item: &BatchItem) -> Vec<&'static str> {
    item.decision
        .as_ref()
        .map(|d| d.reasons().iter().map(|r| r.code).collect())
        .unwrap_or_default()
}

/// The codes of `these` that `those` lacks, each once, in order.
fn only_in(these: &[&'static str], those: &[&'static str]) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for c in these {
        if !those.contains(c) && !out.contains(c) {
            out.push(c);
        }
    }
    out
}

impl<'a> Change<'a> {
    /// The row's position in the input.
    pub fn index(&self) -> usize {
        self.old.index
    }

    /// The main fields that differ (`reason_codes` included; `error` when a side failed).
    pub fn changed(&self) -> Vec<&'static str> {
        match (&self.old.decision, &self.new.decision) {
            (Some(a), Some(b)) => a.differing_fields(b),
            _ => vec!["error"],
        }
    }

    /// Reason codes the proposed policy gives that the current one did not.
    pub fn codes_added(&self) -> Vec<&'static str> {
        let (a, b) = (codes(self.old), codes(self.new));
        only_in(&b, &a)
    }

    /// Reason codes the current policy gave that the proposed one does not.
    pub fn codes_removed(&self) -> Vec<&'static str> {
        let (a, b) = (codes(self.old), codes(self.new));
        only_in(&a, &b)
    }

    /// The answer under the current policy (`old` on the wire).
    pub fn current(&self) -> Answer<'a> {
        Answer(self.old)
    }

    /// The answer under the proposed policy (`new` on the wire).
    pub fn proposed(&self) -> Answer<'a> {
        Answer(self.new)
    }
}

/// `{index, id, order_id, changed, old, new, codes_added, codes_removed}`.
impl Serialize for Change<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("index", &self.index())?;
        if let Some(id) = self.old.id.as_ref().or(self.new.id.as_ref()) {
            map.serialize_entry("id", id)?;
        }
        if let Some(o) = self.old.order_id.as_ref().or(self.new.order_id.as_ref()) {
            map.serialize_entry("order_id", o)?;
        }
        map.serialize_entry("changed", &self.changed())?;
        map.serialize_entry("old", &self.current())?;
        map.serialize_entry("new", &self.proposed())?;
        map.serialize_entry("codes_added", &self.codes_added())?;
        map.serialize_entry("codes_removed", &self.codes_removed())?;
        map.end()
    }
}

/// What a whole history shows: how many rows, how many changed, and how.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    /// Rows compared.
    pub rows_read: u64,
    /// Rows whose answer changes.
    pub rows_changed: u64,
    /// Rows that failed alike under both policies (bad input, not a change).
    pub rows_failed: u64,
    /// Changed rows by the kind's first main field, `"old -> new"` (`"eligible -> ineligible"`;
    /// a failure shows as `error CODE`); `"eligible -> eligible"` when only other fields moved.
    pub transitions: BTreeMap<String, u64>,
    /// Changed rows per reason code that appeared.
    pub codes_added: BTreeMap<String, u64>,
    /// Changed rows per reason code that went.
    pub codes_removed: BTreeMap<String, u64>,
}

fn same_error(a: &BatchItem, b: &BatchItem) -> bool {
    match (&a.error, &b.error) {
        (Some(x), Some(y)) => x.code == y.code && x.path == y.path,
        _ => false,
    }
}

/// Compare one request's answers under the current (`old`) and proposed (`new`) policies:
/// the change, if there is one.
pub fn compare<'a>(old: &'a BatchItem, new: &'a BatchItem) -> Option<Change<'a>> {
    let same = match (&old.decision, &new.decision) {
        (Some(a), Some(b)) => a.differing_fields(b).is_empty(),
        (None, None) => same_error(old, new),
        _ => false,
    };
    (!same).then_some(Change { old, new })
}

fn headline(item: &BatchItem) -> String {
    match (&item.decision, &item.error) {
        (Some(d), _) => d.headline(),
        (None, Some(e)) => format!("error {}", e.code.as_str()),
        (None, None) => String::new(),
    }
}

impl Summary {
    /// Count one row: its answer under the current policy and the change found, if any.
    pub fn count(&mut self, old: &BatchItem, change: Option<&Change<'_>>) {
        self.rows_read += 1;
        match change {
            None if !old.ok => self.rows_failed += 1,
            None => {}
            Some(c) => {
                self.rows_changed += 1;
                let key = format!("{} -> {}", headline(c.old), headline(c.new));
                *self.transitions.entry(key).or_default() += 1;
                for code in c.codes_added() {
                    *self.codes_added.entry(code.to_owned()).or_default() += 1;
                }
                for code in c.codes_removed() {
                    *self.codes_removed.entry(code.to_owned()).or_default() += 1;
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

/// The changed rows of a history and its summary, as hosts hand them out:
/// `{"changes": [...], "summary": {...}}`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PolicyDiff<'a> {
    /// The changed rows, in input order.
    pub changes: Vec<Change<'a>>,
    /// The counts.
    pub summary: Summary,
}

/// Compare two batches' items, pairwise in order.
pub fn compare_all<'a>(old: &'a [BatchItem], new: &'a [BatchItem]) -> PolicyDiff<'a> {
    let mut summary = Summary::default();
    let mut changes = Vec::new();
    for (x, y) in old.iter().zip(new) {
        let c = compare(x, y);
        summary.count(x, c.as_ref());
        changes.extend(c);
    }
    PolicyDiff { changes, summary }
}

/// Decide `requests` under both engines: the two batches, to hand to [`compare_all`]. An
/// unknown kind is `UNKNOWN_KIND`, before any row.
pub fn decide_both(
    kind: &str,
    old: &crate::Engine,
    new: &crate::Engine,
    requests: &[serde_json::Value],
    threads: usize,
) -> crate::Result<(Vec<BatchItem>, Vec<BatchItem>)> {
    Ok((
        old.evaluate_batch_on(kind, requests, threads)?,
        new.evaluate_batch_on(kind, requests, threads)?,
    ))
}

/// A main field's value as text for the transitions: strings and enum values as they are
/// written, numbers and booleans in JSON, anything else `…`. A serializer of its own, for the
/// few types that head a kind, so no JSON serializer of decisions is built into the browser.
pub(crate) fn text<T: Serialize + ?Sized>(value: &T) -> String {
    value.serialize(Text).unwrap_or_else(|_| String::from("…"))
}

struct Text;

#[derive(Debug)]
struct NotText;

impl std::fmt::Display for NotText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not text")
    }
}

impl std::error::Error for NotText {}

impl serde::ser::Error for NotText {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        NotText
    }
}

macro_rules! as_display {
    ($($method:ident: $t:ty),*) => {$(
        fn $method(self, v: $t) -> Result<String, NotText> {
            Ok(v.to_string())
        }
    )*};
}

impl Serializer for Text {
    type Ok = String;
    type Error = NotText;
    type SerializeSeq = serde::ser::Impossible<String, NotText>;
    type SerializeTuple = serde::ser::Impossible<String, NotText>;
    type SerializeTupleStruct = serde::ser::Impossible<String, NotText>;
    type SerializeTupleVariant = serde::ser::Impossible<String, NotText>;
    type SerializeMap = serde::ser::Impossible<String, NotText>;
    type SerializeStruct = serde::ser::Impossible<String, NotText>;
    type SerializeStructVariant = serde::ser::Impossible<String, NotText>;
    as_display!(serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32,
        serialize_i64: i64, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32,
        serialize_u64: u64, serialize_f32: f32, serialize_f64: f64, serialize_char: char,
        serialize_str: &str);
    fn serialize_bytes(self, _: &[u8]) -> Result<String, NotText> {
        Err(NotText)
    }
    fn serialize_none(self) -> Result<String, NotText> {
        Ok(String::from("null"))
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<String, NotText> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<String, NotText> {
        Ok(String::from("null"))
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<String, NotText> {
        Ok(String::from("null"))
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        v: &'static str,
    ) -> Result<String, NotText> {
        Ok(v.to_owned())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<String, NotText> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<String, NotText> {
        Err(NotText)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, NotText> {
        Err(NotText)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, NotText> {
        Err(NotText)
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, NotText> {
        Err(NotText)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, NotText> {
        Err(NotText)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, NotText> {
        Err(NotText)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, NotText> {
        Err(NotText)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, NotText> {
        Err(NotText)
    }
}
