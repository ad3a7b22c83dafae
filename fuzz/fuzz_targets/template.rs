//! Fuzz target `template`: feeds libFuzzer's bytes to `harness::template` (the checks are there).
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::template(data));
