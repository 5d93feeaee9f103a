//! Redacts standard input line by line, as the server does before anything is stored.
//!
//! `cargo run -p analysis --release --example redact_lines < comments.txt`
//!
//! The encoder's training script (`analysis/experiments/sentence_embeddings/export_encoder.py`)
//! trains on redacted text, because redacted text is all the server ever tags. A line's
//! newlines must be escaped by the caller (`\n` as the two characters `\` `n`), so one
//! comment stays one line; they are restored before redaction and escaped again after.

use std::io::{BufRead, Write};

fn main() -> std::io::Result<()> {
    let stdin = std::io::stdin();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for line in stdin.lock().lines() {
        let text = line?.replace("\\n", "\n");
        let redacted = analysis::redact(&text).text;
        writeln!(out, "{}", redacted.replace('\n', "\\n"))?;
    }
    Ok(())
}
