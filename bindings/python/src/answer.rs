//! kefu's answers straight into Python objects: a serde `Serializer` whose output is a Python
//! value, so a decision becomes dicts, lists and strings without a `serde_json::Value` in
//! between (which cost an allocation per value and a sorted map per object: a third of a
//! lean call). The shape is the JSON one, value for value: structs and maps are dicts (in the
//! decision's field order), unit variants their name, other variants `{name: value}`, `None`
//! and unit `None`, a non-finite float `None` (as `serde_json::to_value` gives).

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use serde::ser::{self, Serialize};

/// Serialization failed; it cannot for kefu's own types (kept typed, never a panic).
#[derive(Debug)]
pub struct Failed(String);

impl std::fmt::Display for Failed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Failed {}

impl ser::Error for Failed {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Failed(msg.to_string())
    }
}

fn py_err(e: PyErr) -> Failed {
    Failed(e.to_string())
}

/// `value` as a Python object.
pub fn to_py<T: Serialize + ?Sized>(py: Python<'_>, value: &T) -> Result<Py<PyAny>, Failed> {
    value.serialize(Answer(py)).map(Bound::unbind)
}

#[derive(Clone, Copy)]
struct Answer<'py>(Python<'py>);

type Out<'py> = Bound<'py, PyAny>;

fn any<'py, T: IntoPyObject<'py>>(py: Python<'py>, v: T) -> Result<Out<'py>, Failed> {
    pyo3::IntoPyObjectExt::into_bound_py_any(v, py).map_err(py_err)
}

/// A dict with one entry: how JSON writes an enum variant that carries data.
fn tagged<'py>(py: Python<'py>, variant: &str, value: Out<'py>) -> Result<Out<'py>, Failed> {
    let dict = PyDict::new(py);
    dict.set_item(variant, value).map_err(py_err)?;
    Ok(dict.into_any())
}

impl<'py> ser::Serializer for Answer<'py> {
    type Ok = Out<'py>;
    type Error = Failed;
    type SerializeSeq = Seq<'py>;
    type SerializeTuple = Seq<'py>;
    type SerializeTupleStruct = Seq<'py>;
    type SerializeTupleVariant = Seq<'py>;
    type SerializeMap = Dict<'py>;
    type SerializeStruct = Dict<'py>;
    type SerializeStructVariant = Dict<'py>;

    fn serialize_bool(self, v: bool) -> Result<Out<'py>, Failed> {
        Ok(pyo3::types::PyBool::new(self.0, v).to_owned().into_any())
    }
    fn serialize_i8(self, v: i8) -> Result<Out<'py>, Failed> {
        any(self.0, v)
    }
    fn serialize_i16(self, v: i16) -> Result<Out<'py>, Failed> {
        any(self.0, v)
    }
    fn serialize_i32(self, v: i32) -> Result<Out<'py>, Failed> {
        any(self.0, v)
    }
    fn serialize_i64(self, v: i64) -> Result<Out<'py>, Failed> {
        any(self.0, v)
    }
    fn serialize_u8(self, v: u8) -> Result<Out<'py>, Failed> {
        any(self.0, v)
    }
    fn serialize_u16(self, v: u16) -> Result<Out<'py>, Failed> {
        any(self.0, v)
    }
    fn serialize_u32(self, v: u32) -> Result<Out<'py>, Failed> {
        any(self.0, v)
    }
    fn serialize_u64(self, v: u64) -> Result<Out<'py>, Failed> {
        any(self.0, v)
    }
    fn serialize_f32(self, v: f32) -> Result<Out<'py>, Failed> {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<Out<'py>, Failed> {
        if v.is_finite() {
            any(self.0, v)
        } else {
            Ok(self.0.None().into_bound(self.0))
        }
    }
    fn serialize_char(self, v: char) -> Result<Out<'py>, Failed> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<Out<'py>, Failed> {
        Ok(PyString::new(self.0, v).into_any())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<Out<'py>, Failed> {
        ser::Serializer::collect_seq(self, v)
    }
    fn serialize_none(self) -> Result<Out<'py>, Failed> {
        Ok(self.0.None().into_bound(self.0))
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<Out<'py>, Failed> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Out<'py>, Failed> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Out<'py>, Failed> {
        self.serialize_none()
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<Out<'py>, Failed> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<Out<'py>, Failed> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Out<'py>, Failed> {
        tagged(self.0, variant, value.serialize(self)?)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Seq<'py>, Failed> {
        Ok(Seq {
            py: self.0,
            items: Vec::with_capacity(len.unwrap_or(0)),
            variant: None,
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Seq<'py>, Failed> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Seq<'py>, Failed> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Seq<'py>, Failed> {
        let mut seq = self.serialize_seq(Some(len))?;
        seq.variant = Some(variant);
        Ok(seq)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Dict<'py>, Failed> {
        Ok(Dict {
            py: self.0,
            dict: PyDict::new(self.0),
            key: None,
            variant: None,
        })
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Dict<'py>, Failed> {
        self.serialize_map(None)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Dict<'py>, Failed> {
        let mut dict = self.serialize_map(None)?;
        dict.variant = Some(variant);
        Ok(dict)
    }
}

/// A list being built (for a tuple variant, wrapped in `{variant: [...]}` at the end).
struct Seq<'py> {
    py: Python<'py>,
    items: Vec<Out<'py>>,
    variant: Option<&'static str>,
}

impl<'py> Seq<'py> {
    fn push<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Failed> {
        self.items.push(value.serialize(Answer(self.py))?);
        Ok(())
    }

    fn finish(self) -> Result<Out<'py>, Failed> {
        let list = PyList::new(self.py, self.items).map_err(py_err)?.into_any();
        match self.variant {
            Some(variant) => tagged(self.py, variant, list),
            None => Ok(list),
        }
    }
}

impl<'py> ser::SerializeSeq for Seq<'py> {
    type Ok = Out<'py>;
    type Error = Failed;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Failed> {
        self.push(value)
    }
    fn end(self) -> Result<Out<'py>, Failed> {
        self.finish()
    }
}

impl<'py> ser::SerializeTuple for Seq<'py> {
    type Ok = Out<'py>;
    type Error = Failed;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Failed> {
        self.push(value)
    }
    fn end(self) -> Result<Out<'py>, Failed> {
        self.finish()
    }
}

impl<'py> ser::SerializeTupleStruct for Seq<'py> {
    type Ok = Out<'py>;
    type Error = Failed;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Failed> {
        self.push(value)
    }
    fn end(self) -> Result<Out<'py>, Failed> {
        self.finish()
    }
}

impl<'py> ser::SerializeTupleVariant for Seq<'py> {
    type Ok = Out<'py>;
    type Error = Failed;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Failed> {
        self.push(value)
    }
    fn end(self) -> Result<Out<'py>, Failed> {
        self.finish()
    }
}

/// A dict being built (for a struct variant, wrapped in `{variant: {...}}` at the end).
struct Dict<'py> {
    py: Python<'py>,
    dict: Bound<'py, PyDict>,
    key: Option<Out<'py>>,
    variant: Option<&'static str>,
}

impl<'py> Dict<'py> {
    fn finish(self) -> Result<Out<'py>, Failed> {
        let dict = self.dict.into_any();
        match self.variant {
            Some(variant) => tagged(self.py, variant, dict),
            None => Ok(dict),
        }
    }
}

impl<'py> ser::SerializeMap for Dict<'py> {
    type Ok = Out<'py>;
    type Error = Failed;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), Failed> {
        // JSON keys are text: a key that is not a string (a number) is written as its text.
        let key = key.serialize(Answer(self.py))?;
        self.key = Some(if key.is_instance_of::<PyString>() {
            key
        } else {
            key.str().map_err(py_err)?.into_any()
        });
        Ok(())
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Failed> {
        let key = self
            .key
            .take()
            .ok_or_else(|| Failed(String::from("a map value without its key")))?;
        self.dict
            .set_item(key, value.serialize(Answer(self.py))?)
            .map_err(py_err)
    }
    fn end(self) -> Result<Out<'py>, Failed> {
        self.finish()
    }
}

impl<'py> ser::SerializeStruct for Dict<'py> {
    type Ok = Out<'py>;
    type Error = Failed;
    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Failed> {
        self.dict
            .set_item(key, value.serialize(Answer(self.py))?)
            .map_err(py_err)
    }
    fn end(self) -> Result<Out<'py>, Failed> {
        self.finish()
    }
}

impl<'py> ser::SerializeStructVariant for Dict<'py> {
    type Ok = Out<'py>;
    type Error = Failed;
    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Failed> {
        ser::SerializeStruct::serialize_field(self, key, value)
    }
    fn end(self) -> Result<Out<'py>, Failed> {
        self.finish()
    }
}
