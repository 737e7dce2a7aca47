//! `cargo +nightly fuzz run request_value --features fuzzing`: see `kefu_fuzz::request_value`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kefu_fuzz::request_value(data));
