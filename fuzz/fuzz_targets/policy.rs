//! `cargo +nightly fuzz run policy --features fuzzing`: see `kefu_fuzz::policy`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kefu_fuzz::policy(data));
