//! `cargo +nightly fuzz run cli_rows --features fuzzing`: see `kefu_fuzz::cli_rows`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kefu_fuzz::cli_rows(data));
