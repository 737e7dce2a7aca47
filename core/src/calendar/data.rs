//! Shapes of the built-in holiday table (see `cn_data.rs`, generated).

/// A holiday period of one year, `(month, day)` both ends inclusive.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Holiday {
    pub name: &'static str,
    #[allow(dead_code)]
    pub name_en: &'static str,
    pub from: (u8, u8),
    pub to: (u8, u8),
}

/// One year of the State Council's notice: its holidays and its make-up working days.
#[derive(Debug, Clone, Copy)]
pub(crate) struct YearSpec {
    pub year: i32,
    pub holidays: &'static [Holiday],
    pub workdays: &'static [(u8, u8)],
}
