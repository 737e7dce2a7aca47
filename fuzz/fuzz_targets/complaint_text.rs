//! `cargo +nightly fuzz run complaint_text --features fuzzing`: see `kefu_fuzz::complaint_text`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kefu_fuzz::complaint_text(data));
