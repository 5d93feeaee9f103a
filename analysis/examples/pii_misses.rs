//! Lists the redactor's misses and over-redactions on some development parts, to study the
//! category behind each error (not to patch single strings).
//!
//! `cargo run -p analysis --release --example pii_misses -- I J K`
//!
//! Refuses a held-out part unless `--unblind` is given: reading its errors ends its use as a
//! blind measure of redaction, so record its blind figures first.

#[path = "common/mod.rs"]
mod common;

use analysis::redact;
use common::{found, load_rows, unlabelled};

fn main() {
    let unblind = std::env::args().any(|a| a == "--unblind");
    let wanted: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--unblind")
        .collect();
    let rows = load_rows();
    for part in &wanted {
        assert!(
            unblind || rows.iter().all(|r| &r.part != part || r.split == "dev"),
            "part {part} is held out: its errors stay unread"
        );
    }
    for r in rows.iter().filter(|r| wanted.contains(&r.part)) {
        let red = redact(&r.text);
        for l in &r.pii {
            if !found(l, &red.spans) {
                println!(
                    "MISS {:<9} {:?}\n     in {:?}",
                    l.kind.as_str(),
                    &r.text[l.start..l.end],
                    r.text
                );
            }
        }
        for s in &red.spans {
            if unlabelled(s, &r.pii) {
                println!(
                    "OVER {:<9} {:?}\n     in {:?}",
                    s.kind.as_str(),
                    &r.text[s.start..s.end],
                    r.text
                );
            }
        }
    }
}
