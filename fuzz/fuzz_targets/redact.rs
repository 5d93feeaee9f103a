//! Fuzzes the whole free-text path on arbitrary bytes: `cargo +nightly fuzz run redact` (or
//! `scripts/fuzz.sh`).
//! Besides "no panic", it checks the invariants the backend relies on.

#![no_main]

use analysis::{redact, redact_bytes, Tagger};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn tagger() -> &'static Tagger {
    static T: OnceLock<Tagger> = OnceLock::new();
    T.get_or_init(Tagger::default)
}

fuzz_target!(|data: &[u8]| {
    let r = redact_bytes(data);
    let text = String::from_utf8_lossy(data);
    for s in &r.spans {
        assert!(s.start <= s.end && s.end <= text.len());
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
    }
    assert_eq!(redact(&r.text).text, r.text, "redaction must be idempotent");
    let a = tagger().analyse(&text);
    assert_eq!(a.redacted, r.text);
});
