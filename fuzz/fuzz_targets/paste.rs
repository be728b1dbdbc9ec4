#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    haoping_core::fuzzing::paste(data);
});
