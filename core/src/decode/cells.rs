//! A request from a row of text cells under field-path columns (the command line's CSV).
//!
//! A cell is read as the type its field has, asked by the request's own `Deserialize`, never
//! guessed from how it looks (issue 18 item 6): an order number `3456789012345678901` is the
//! text it is, a complaint `12315`, `true` or `null` is that text, and `1500` is a number
//! only where the field is one. Only a field that takes more than one form (a number of
//! cents, a flag given by name or code) or a list or object (written as JSON in its cell)
//! reads the cell as JSON first.
//!
//! Columns are field paths (`condition.seal_broken`, or `condition/seal_broken`): a header
//! is checked once — a column named twice, or a column that is also the parent of another,
//! is refused before any row is read. An empty cell is a field left out.

use crate::error::Result;
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, Visitor};
use serde::forward_to_deserialize_any;
use serde_json::Value;

/// The columns of a header, as field paths.
#[derive(Debug, Clone, Default)]
pub struct Columns {
    paths: Vec<Vec<String>>,
}

impl Columns {
    /// The columns of a header. An empty header name is a column without a field (its cells
    /// are not read). Refused: a name given twice, or a field and a field under it.
    pub fn new<S: AsRef<str>>(names: &[S]) -> std::result::Result<Columns, String> {
        let paths: Vec<Vec<String>> = names
            .iter()
            .map(|n| {
                n.as_ref()
                    .trim()
                    .split(['.', '/'])
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .collect();
        check_paths(&paths)?;
        Ok(Columns { paths })
    }

    /// The columns' field paths, `.`-joined, in header order.
    pub fn names(&self) -> Vec<String> {
        self.paths.iter().map(|p| p.join(".")).collect()
    }

    /// These columns without the ones at `skip` (their cells are then never read).
    pub fn without(&self, skip: &[usize]) -> Columns {
        let paths = self
            .paths
            .iter()
            .enumerate()
            .map(|(i, p)| {
                if skip.contains(&i) {
                    Vec::new()
                } else {
                    p.clone()
                }
            })
            .collect();
        Columns { paths }
    }

    /// The columns that are no field of `kind`'s requests (`customer_name` beside a return's
    /// fields), by position. Each column is tried alone, once: a request's decoder meets an
    /// unknown key before it asks for anything else of the object that holds it.
    pub fn unknown(&self, engine: &crate::Engine, kind: &str) -> Vec<usize> {
        let mut out = Vec::new();
        for (i, path) in self.paths.iter().enumerate() {
            if path.is_empty() {
                continue;
            }
            let mut root = Node::Branch(Vec::new());
            root.insert(path, "x");
            let Err(e) = Row(root).decide(engine, kind) else {
                continue;
            };
            let at = super::pointer(path);
            let on_it = e
                .path
                .as_deref()
                .is_some_and(|p| !p.is_empty() && (at == p || at.starts_with(&format!("{p}/"))));
            if on_it && e.message.starts_with("unknown field") {
                out.push(i);
            }
        }
        out
    }

    /// A row's cells (in header order) as a deserializer of the request they make.
    pub fn row<'a>(&'a self, cells: &[&'a str]) -> Row<'a> {
        let mut root = Node::Branch(Vec::new());
        for (path, cell) in self.paths.iter().zip(cells) {
            if cell.is_empty() || path.is_empty() {
                continue;
            }
            root.insert(path, cell);
        }
        Row(root)
    }

    /// The cell under `path` (`["order", "order_id"]`) in a row, if the header has it.
    pub fn cell<'a>(&self, cells: &[&'a str], path: &[&str]) -> Option<&'a str> {
        let at = self
            .paths
            .iter()
            .position(|p| p.iter().map(String::as_str).eq(path.iter().copied()))?;
        cells.get(at).copied().filter(|c| !c.is_empty())
    }
}

/// Columns named by field paths, checked as one header: refused, a path named twice, or a
/// path that is also the parent of another (`condition` beside `condition.seal_broken`).
/// Empty paths are columns without a field. Linear in the columns (a header is the caller's:
/// a pairwise check of 100,000 columns would not end). The command line's CSV header and
/// Python's dotted data-frame columns are checked here alike.
pub fn check_paths<S: AsRef<str> + Ord>(paths: &[Vec<S>]) -> std::result::Result<(), String> {
    use std::collections::BTreeMap;
    let name = |p: &[S]| p.iter().map(AsRef::as_ref).collect::<Vec<_>>().join(".");
    // Each column's path, and each path above one, with the first column that made it.
    let mut columns: BTreeMap<&[S], usize> = BTreeMap::new();
    let mut parents: BTreeMap<&[S], usize> = BTreeMap::new();
    for (i, path) in paths.iter().enumerate().filter(|(_, p)| !p.is_empty()) {
        if let Some(j) = columns.get(path.as_slice()) {
            return Err(format!(
                "the column {:?} is named twice (columns {} and {})",
                name(path),
                j + 1,
                i + 1
            ));
        }
        let clash = parents
            .get(path.as_slice())
            .map(|j| (*j, path.as_slice()))
            .or_else(|| {
                (1..path.len())
                    .filter_map(|n| path.get(..n))
                    .find_map(|above| columns.get(above).map(|j| (*j, above)))
            });
        if let Some((j, filled)) = clash {
            return Err(format!(
                "the columns {:?} ({}) and {:?} ({}) both fill {:?}",
                name(paths.get(j).map_or(&[][..], Vec::as_slice)),
                j + 1,
                name(path),
                i + 1,
                name(filled)
            ));
        }
        columns.insert(path.as_slice(), i);
        for n in 1..path.len() {
            if let Some(above) = path.get(..n) {
                parents.entry(above).or_insert(i);
            }
        }
    }
    Ok(())
}

/// A row as a tree of cells.
#[derive(Debug)]
enum Node<'a> {
    Cell(&'a str),
    Branch(Vec<(&'a str, Node<'a>)>),
}

impl<'a> Node<'a> {
    fn insert(&mut self, path: &'a [String], cell: &'a str) {
        let Node::Branch(children) = self else { return };
        let Some((key, rest)) = path.split_first() else {
            return;
        };
        if rest.is_empty() {
            children.push((key, Node::Cell(cell)));
            return;
        }
        let at = match children.iter().position(|(k, _)| *k == key) {
            Some(at) => at,
            None => {
                children.push((key, Node::Branch(Vec::new())));
                children.len() - 1
            }
        };
        if let Some((_, child)) = children.get_mut(at) {
            child.insert(rest, cell);
        }
    }
}

/// A row of cells, to hand to [`Engine::decide_from`](crate::Engine::decide_from).
#[derive(Debug)]
pub struct Row<'a>(Node<'a>);

impl Row<'_> {
    /// Decide the row with `engine`, as `kind`.
    pub fn decide(self, engine: &crate::Engine, kind: &str) -> Result<crate::Decision> {
        engine.decide_from(kind, NodeDe(self.0))
    }
}

/// The error of reading a cell.
type DeError = super::fact::DecodeError;

struct NodeDe<'a>(Node<'a>);

impl<'de> de::Deserializer<'de> for NodeDe<'de> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(
        self,
        visitor: V,
    ) -> std::result::Result<V::Value, DeError> {
        match self.0 {
            Node::Branch(children) => visitor.visit_map(Children {
                children: children.into_iter(),
                value: None,
            }),
            Node::Cell(cell) => CellDe(cell).deserialize_any(visitor),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(
        self,
        visitor: V,
    ) -> std::result::Result<V::Value, DeError> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> std::result::Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    forward_to_deserialize_any! {
        map struct
    }

    fn deserialize_bool<V: Visitor<'de>>(self, v: V) -> std::result::Result<V::Value, DeError> {
        self.cell()?.deserialize_bool(v)
    }
    fn deserialize_i8<V: Visitor<'de>>(self, v: V) -> std::result::Result<V::Value, DeError> {
        self.cell()?.deserialize_i64(v)
    }
    fn deserialize_i16<V: Visitor<'de>>(self, v: V) -> std::result::Result<V::Value, DeError> {
        self.cell()?.deserialize_i64(v)
    }
    fn deserialize_i32<V: Visitor<'de>>(self, v: V) -> std::result::Result<V::Value, DeError> {
        self.cell()?.deserialize_i64(v)
    }
    fn deserialize_i64<V: Visitor<'de>>(self, v: V) -> std::result::Result<V::Value, DeError> {
        self.cell()?.deserialize_i64(v)
    }
    fn deserialize_u8<V: Visitor<'de>>(self, v: V) -> std::result::Result<V::Value, DeError> {
        self.cell()?.deserialize_u64(v)
    }
    fn deserialize_u16<V: Visitor<'de>>(self, v: V) -> std::result::Result<V::Value, DeError> {
        self.cell()?.deserialize_u64(v)
    }
    fn deserialize_u32<V: Visitor<'de>>(self, v: V) -> std::result::Result<V::Value, DeError> {
        self.cell()?.deserialize_u64(v)
    }
    fn deserialize_u64<V: Visitor<'de>>(self, v: V) -> std::result::Result<V::Value, DeError> {
        self.cell()?.deserialize_u64(v)
    }
    fn deserialize_f32<V: Visitor<'de>>(self, v: V) -> std::result::Result<V::Value, DeError> {
        self.cell()?.deserialize_f64(v)
    }
    fn deserialize_f64<V: Visitor<'de>>(self, v: V) -> std::result::Result<V::Value, DeError> {
        self.cell()?.deserialize_f64(v)
    }
    fn deserialize_char<V: Visitor<'de>>(self, v: V) -> std::result::Result<V::Value, DeError> {
        self.cell()?.deserialize_str(v)
    }
    fn deserialize_str<V: Visitor<'de>>(self, v: V) -> std::result::Result<V::Value, DeError> {
        self.cell()?.deserialize_str(v)
    }
    fn deserialize_string<V: Visitor<'de>>(self, v: V) -> std::result::Result<V::Value, DeError> {
        self.cell()?.deserialize_str(v)
    }
    fn deserialize_identifier<V: Visitor<'de>>(
        self,
        v: V,
    ) -> std::result::Result<V::Value, DeError> {
        self.cell()?.deserialize_str(v)
    }
    fn deserialize_bytes<V: Visitor<'de>>(self, v: V) -> std::result::Result<V::Value, DeError> {
        self.cell()?.deserialize_str(v)
    }
    fn deserialize_byte_buf<V: Visitor<'de>>(self, v: V) -> std::result::Result<V::Value, DeError> {
        self.cell()?.deserialize_str(v)
    }
    fn deserialize_unit<V: Visitor<'de>>(self, v: V) -> std::result::Result<V::Value, DeError> {
        self.cell()?.deserialize_any(v)
    }
    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        v: V,
    ) -> std::result::Result<V::Value, DeError> {
        self.cell()?.deserialize_any(v)
    }
    fn deserialize_seq<V: Visitor<'de>>(self, v: V) -> std::result::Result<V::Value, DeError> {
        self.cell()?
            .json()?
            .deserialize_seq(v)
            .map_err(de::Error::custom)
    }
    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        v: V,
    ) -> std::result::Result<V::Value, DeError> {
        self.deserialize_seq(v)
    }
    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        v: V,
    ) -> std::result::Result<V::Value, DeError> {
        self.deserialize_seq(v)
    }
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        v: V,
    ) -> std::result::Result<V::Value, DeError> {
        self.cell()?.deserialize_enum(name, variants, v)
    }
    fn deserialize_ignored_any<V: Visitor<'de>>(
        self,
        v: V,
    ) -> std::result::Result<V::Value, DeError> {
        v.visit_unit()
    }
}

impl<'a> NodeDe<'a> {
    /// The cell, where the field wants one value and not the columns under it.
    fn cell(self) -> std::result::Result<CellDe<'a>, DeError> {
        match self.0 {
            Node::Cell(c) => Ok(CellDe(c)),
            Node::Branch(_) => Err(de::Error::custom(
                "a single value, not columns under it, is expected here",
            )),
        }
    }
}

/// The fields of a branch, in header order.
struct Children<'a> {
    children: std::vec::IntoIter<(&'a str, Node<'a>)>,
    value: Option<Node<'a>>,
}

impl<'de> MapAccess<'de> for Children<'de> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> std::result::Result<Option<K::Value>, DeError> {
        match self.children.next() {
            Some((key, node)) => {
                self.value = Some(node);
                seed.deserialize(key.into_deserializer()).map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> std::result::Result<V::Value, DeError> {
        match self.value.take() {
            Some(node) => seed.deserialize(NodeDe(node)),
            None => Err(de::Error::custom("a value without its key")),
        }
    }
}

/// One cell's text, read as its field asks.
struct CellDe<'a>(&'a str);

impl<'a> CellDe<'a> {
    /// The cell as JSON, for fields that hold a list or an object.
    fn json(&self) -> std::result::Result<Value, DeError> {
        serde_json::from_str(self.0).map_err(|e| {
            de::Error::custom(format!(
                "a list or object is written in its cell as JSON ({e})"
            ))
        })
    }

    fn deserialize_any<V: Visitor<'a>>(self, v: V) -> std::result::Result<V::Value, DeError> {
        // A field of more than one form: a number or a boolean where the cell is one, a list
        // or object where it is JSON, else the text.
        match serde_json::from_str::<Value>(self.0) {
            Ok(Value::Number(n)) => {
                if let Some(i) = n.as_u64() {
                    v.visit_u64(i)
                } else if let Some(i) = n.as_i64() {
                    v.visit_i64(i)
                } else {
                    v.visit_f64(n.as_f64().unwrap_or(f64::NAN))
                }
            }
            Ok(Value::Bool(b)) => v.visit_bool(b),
            Ok(json @ (Value::Array(_) | Value::Object(_))) => {
                de::Deserializer::deserialize_any(json, v).map_err(de::Error::custom)
            }
            _ => v.visit_str(self.0),
        }
    }

    fn deserialize_bool<V: Visitor<'a>>(self, v: V) -> std::result::Result<V::Value, DeError> {
        // Spreadsheets write TRUE and FALSE.
        match self.0.trim() {
            t if t.eq_ignore_ascii_case("true") => v.visit_bool(true),
            t if t.eq_ignore_ascii_case("false") => v.visit_bool(false),
            _ => Err(de::Error::invalid_value(
                de::Unexpected::Str(self.0),
                &"true or false",
            )),
        }
    }

    fn deserialize_i64<V: Visitor<'a>>(self, v: V) -> std::result::Result<V::Value, DeError> {
        match self.0.trim().parse::<i64>() {
            Ok(i) => v.visit_i64(i),
            Err(_) => Err(de::Error::invalid_value(
                de::Unexpected::Str(self.0),
                &"a whole number",
            )),
        }
    }

    fn deserialize_u64<V: Visitor<'a>>(self, v: V) -> std::result::Result<V::Value, DeError> {
        match self.0.trim().parse::<u64>() {
            Ok(i) => v.visit_u64(i),
            Err(_) => Err(de::Error::invalid_value(
                de::Unexpected::Str(self.0),
                &"a whole number, 0 or more",
            )),
        }
    }

    fn deserialize_f64<V: Visitor<'a>>(self, v: V) -> std::result::Result<V::Value, DeError> {
        match self.0.trim().parse::<f64>() {
            Ok(f) if f.is_finite() => v.visit_f64(f),
            _ => Err(de::Error::invalid_value(
                de::Unexpected::Str(self.0),
                &"a number",
            )),
        }
    }

    fn deserialize_str<V: Visitor<'a>>(self, v: V) -> std::result::Result<V::Value, DeError> {
        v.visit_borrowed_str(self.0)
    }

    fn deserialize_enum<V: Visitor<'a>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        v: V,
    ) -> std::result::Result<V::Value, DeError> {
        de::Deserializer::deserialize_enum(self.0.into_deserializer(), name, variants, v)
    }
}
