//! Fuzzes the encoder tagger's text handling on arbitrary bytes: `cargo +nightly fuzz run
//! encoder` (or `scripts/fuzz.sh`). The server's background refiner runs the encoder over
//! every stored comment; what turns arbitrary text into model input is the WordPiece
//! tokenizer (normalising, accent stripping, splitting, greedy matching), so that is what this
//! target drives, checking at most 128 tokens framed by `[CLS]` and `[SEP]`.
//!
//! The forward pass itself only ever sees those bounded token ids; under the fuzzer's
//! instrumentation it takes about two seconds an input, so it is exercised by the property
//! test `any_text_gives_bounded_tokens_and_well_formed_themes` in `analysis/tests/encoder.rs`
//! instead (probabilities in [0, 1], each theme from the taxonomy once).

#![no_main]

use analysis::encoder::Encoder;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let encoder = Encoder::embedded();
    let ids = encoder.token_ids(&text);
    let framing = encoder.token_ids("");
    assert!(ids.len() >= 2 && ids.len() <= 128, "{} tokens", ids.len());
    assert_eq!(ids[0], framing[0]);
    assert_eq!(ids[ids.len() - 1], framing[1]);
});
