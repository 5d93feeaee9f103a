//! Free-text redaction and theme tagging for Victim Voice (issue 3).
//!
//! The backend calls [`Tagger::analyse`] on every free-text answer before it is stored:
//! personal details are replaced by typed placeholders first ([`redact`]), and only the
//! redacted text is tagged with themes, so nothing downstream ever sees the raw text.
//!
//! Two taggers. [`Tagger::tag`], fast enough for the request path, uses cue phrases in
//! `data/themes.json` plus a small learned model (`data/model.json`, logistic regression over
//! word stems, trained on the labelled corpus's dev split by `cargo run -p analysis --release
//! --example train`). [`Tagger::refine`] ([`encoder`]), tens of milliseconds a comment and run
//! by the server in the background, uses a fine-tuned sentence encoder averaged with TF-IDF
//! regressions, keeping what the cues know that the encoder cannot. Quality is measured by
//! `cargo run -p analysis --release --example quality` on held-out comments (README, "Free
//! text").
//!
//! This crate is deliberately pure and synchronous (no I/O, no async runtime, no database):
//! it can be called from a request handler, a batch job or a fuzzer alike, and it is linear
//! in the input length on any input (see the `redact` module header for why).

pub mod corrections;
pub mod encoder;
pub mod model;
pub mod redact;
pub mod themes;

pub use corrections::{Correction, LearnOptions, LearnReport};
pub use model::{Model, TrainOptions};
pub use redact::{redact, redact_bytes, PiiKind, PiiSpan, Redaction};
pub use themes::{Analysis, Polarity, Tagger, Taxonomy, TaxonomyError, ThemeDef, ThemeTag};
