//! `cargo +nightly fuzz run request --features fuzzing`: see `kefu_fuzz::request`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kefu_fuzz::request(data));
