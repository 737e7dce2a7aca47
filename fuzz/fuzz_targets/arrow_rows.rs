//! `cargo +nightly fuzz run arrow_rows --features fuzzing`: see `kefu_fuzz::arrow_rows`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kefu_fuzz::arrow_rows(data));
