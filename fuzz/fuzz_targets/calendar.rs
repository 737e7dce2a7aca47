//! `cargo +nightly fuzz run calendar --features fuzzing`: see `kefu_fuzz::calendar`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kefu_fuzz::calendar(data));
