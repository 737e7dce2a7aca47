//! A decision's main fields (core's `main_fields`) captured as text while the decision is
//! serialized: no JSON value is built, which is what lets a data frame answer a million rows
//! a second. Text as it is, numbers and booleans as written, lists of scalars joined by `|`,
//! `reason_codes` from the reasons' codes; any other value as JSON.

use kefu_core::Decision;
use serde::ser::{self, Impossible, Serialize, SerializeSeq, SerializeStruct, Serializer};
use std::fmt;

/// Fill `cells[i]` with the text of field `wanted[i]` of `decision` (None when absent or null).
pub fn capture(decision: &Decision, wanted: &[&str], cells: &mut [Option<String>]) {
    let _ = decision.serialize(Top { wanted, cells });
}

#[derive(Debug)]
struct Skip;

impl fmt::Display for Skip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not captured")
    }
}

impl std::error::Error for Skip {}

impl ser::Error for Skip {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Skip
    }
}

struct Top<'a, 'c> {
    wanted: &'a [&'a str],
    cells: &'c mut [Option<String>],
}

impl SerializeStruct for Top<'_, '_> {
    type Ok = ();
    type Error = Skip;

    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Skip> {
        let (name, codes) = if key == "reasons" {
            ("reason_codes", true)
        } else {
            (key, false)
        };
        let Some(i) = self.wanted.iter().position(|w| *w == name) else {
            return Ok(());
        };
        let text = if codes {
            let mut out = Codes(Vec::new());
            value.serialize(&mut out).ok().map(|()| out.0.join("|"))
        } else {
            value
                .serialize(Scalar)
                .unwrap_or_else(|_| serde_json::to_string(value).ok())
        };
        if let Some(cell) = self.cells.get_mut(i) {
            *cell = text;
        }
        Ok(())
    }

    fn end(self) -> Result<(), Skip> {
        Ok(())
    }
}

/// The `Serializer` methods a capturing serializer refuses (`Err(Skip)`), by group: `scalars`
/// (every primitive), `newtype_variant`, and one name per compound kind.
macro_rules! refuse {
    (scalars) => {
        refuse!(@one serialize_bool(bool), serialize_i8(i8), serialize_i16(i16), serialize_i32(i32),
            serialize_i64(i64), serialize_u8(u8), serialize_u16(u16), serialize_u32(u32),
            serialize_u64(u64), serialize_f32(f32), serialize_f64(f64), serialize_char(char),
            serialize_str(&str), serialize_bytes(&[u8]), serialize_none(), serialize_unit(),
            serialize_unit_struct(&'static str),
            serialize_unit_variant(&'static str, u32, &'static str));
    };
    (@one $($f:ident($($t:ty),*)),*) => {$(
        fn $f(self, $(_: $t),*) -> Result<Self::Ok, Skip> { Err(Skip) }
    )*};
    (newtype_variant) => {
        fn serialize_newtype_variant<T: ?Sized + Serialize>(self, _: &'static str, _: u32, _: &'static str, _: &T) -> Result<Self::Ok, Skip> { Err(Skip) }
    };
    (seq) => { fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Skip> { Err(Skip) } };
    (tuple) => { fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Skip> { Err(Skip) } };
    (tuple_struct) => { fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, Skip> { Err(Skip) } };
    (tuple_variant) => { fn serialize_tuple_variant(self, _: &'static str, _: u32, _: &'static str, _: usize) -> Result<Self::SerializeTupleVariant, Skip> { Err(Skip) } };
    (map) => { fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Skip> { Err(Skip) } };
    (struct) => { fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Skip> { Err(Skip) } };
    (struct_variant) => { fn serialize_struct_variant(self, _: &'static str, _: u32, _: &'static str, _: usize) -> Result<Self::SerializeStructVariant, Skip> { Err(Skip) } };
    ($($group:tt),+) => { $(refuse!($group);)+ };
}

/// `Some(x)` and newtype structs are their content.
macro_rules! see_through {
    () => {
        fn serialize_some<T: ?Sized + Serialize>(self, v: &T) -> Result<Self::Ok, Skip> {
            v.serialize(self)
        }
        fn serialize_newtype_struct<T: ?Sized + Serialize>(
            self,
            _: &'static str,
            v: &T,
        ) -> Result<Self::Ok, Skip> {
            v.serialize(self)
        }
    };
}

/// The associated types every capturing serializer shares (each names its own `SerializeSeq`
/// and `SerializeStruct`).
macro_rules! compounds {
    ($ok:ty) => {
        type Ok = $ok;
        type Error = Skip;
        type SerializeTuple = Impossible<$ok, Skip>;
        type SerializeTupleStruct = Impossible<$ok, Skip>;
        type SerializeTupleVariant = Impossible<$ok, Skip>;
        type SerializeMap = Impossible<$ok, Skip>;
        type SerializeStructVariant = Impossible<$ok, Skip>;
    };
}

impl<'a, 'c> Serializer for Top<'a, 'c> {
    compounds!(());
    type SerializeSeq = Impossible<(), Skip>;
    type SerializeStruct = Top<'a, 'c>;

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Top<'a, 'c>, Skip> {
        Ok(self)
    }
    // An untagged decision's variant is its content.
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        v: &T,
    ) -> Result<(), Skip> {
        v.serialize(self)
    }
    see_through!();
    refuse!(
        scalars,
        seq,
        tuple,
        tuple_struct,
        tuple_variant,
        map,
        struct_variant
    );
}

/// A scalar, or a list of scalars, as text (`Ok(None)`: null).
struct Scalar;

struct Joined(Vec<String>);

impl SerializeSeq for Joined {
    type Ok = Option<String>;
    type Error = Skip;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, v: &T) -> Result<(), Skip> {
        if let Some(text) = v.serialize(Scalar)? {
            self.0.push(text);
        }
        Ok(())
    }
    fn end(self) -> Result<Option<String>, Skip> {
        Ok(Some(self.0.join("|")))
    }
}

macro_rules! text {
    ($($f:ident($t:ty)),* $(,)?) => {$(
        fn $f(self, v: $t) -> Result<Option<String>, Skip> { Ok(Some(v.to_string())) }
    )*};
}

impl Serializer for Scalar {
    compounds!(Option<String>);
    type SerializeSeq = Joined;
    type SerializeStruct = Impossible<Option<String>, Skip>;

    text!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_char(char),
        serialize_str(&str)
    );
    fn serialize_f32(self, v: f32) -> Result<Option<String>, Skip> {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<Option<String>, Skip> {
        Ok(Some(kefu_core::num::show(v)))
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<Option<String>, Skip> {
        Err(Skip)
    }
    fn serialize_none(self) -> Result<Option<String>, Skip> {
        Ok(None)
    }
    fn serialize_unit(self) -> Result<Option<String>, Skip> {
        Ok(None)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Option<String>, Skip> {
        Ok(None)
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<Option<String>, Skip> {
        Ok(Some(variant.to_owned()))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Joined, Skip> {
        Ok(Joined(Vec::with_capacity(len.unwrap_or(0))))
    }
    see_through!();
    refuse!(
        newtype_variant,
        tuple,
        tuple_struct,
        tuple_variant,
        map,
        struct,
        struct_variant
    );
}

/// The `code` of each reason.
struct Codes(Vec<String>);

struct Code<'a>(&'a mut Vec<String>);

impl Serializer for &mut Codes {
    compounds!(());
    type SerializeSeq = Self;
    type SerializeStruct = Impossible<(), Skip>;

    fn serialize_seq(self, _: Option<usize>) -> Result<Self, Skip> {
        Ok(self)
    }
    see_through!();
    refuse!(
        scalars,
        newtype_variant,
        tuple,
        tuple_struct,
        tuple_variant,
        map,
        struct,
        struct_variant
    );
}

impl SerializeSeq for &mut Codes {
    type Ok = ();
    type Error = Skip;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, v: &T) -> Result<(), Skip> {
        v.serialize(Code(&mut self.0))
    }
    fn end(self) -> Result<(), Skip> {
        Ok(())
    }
}

impl SerializeStruct for Code<'_> {
    type Ok = ();
    type Error = Skip;
    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), Skip> {
        if key == "code" {
            if let Some(code) = v.serialize(Scalar)? {
                self.0.push(code);
            }
        }
        Ok(())
    }
    fn end(self) -> Result<(), Skip> {
        Ok(())
    }
}

impl<'a> Serializer for Code<'a> {
    compounds!(());
    type SerializeSeq = Impossible<(), Skip>;
    type SerializeStruct = Code<'a>;

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Code<'a>, Skip> {
        Ok(self)
    }
    see_through!();
    refuse!(
        scalars,
        newtype_variant,
        seq,
        tuple,
        tuple_struct,
        tuple_variant,
        map,
        struct_variant
    );
}
