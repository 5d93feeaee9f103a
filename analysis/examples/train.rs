//! Regenerates `data/model.json`, the learned half of the theme tagger.
//!
//! `cargo run -p analysis --release --example train [-- --sweep]`
//!
//! Trains on the `dev` split of `data/corpus.jsonl` only (never the held-out split) with
//! [`TrainOptions::default`], and writes the weights, one feature per line so a diff shows
//! what changed. `--sweep` instead prints grouped 5-fold cross-validated F1 on the dev split
//! for a few settings, which is how the defaults were chosen.

#[path = "common/mod.rs"]
mod common;

use analysis::{Model, Tagger, TrainOptions};
use common::{corrections, cross_validate, load_rows, validate_on_late_batch, Row};
use std::fmt::Write;

/// The model as JSON with one weight line per feature.
fn to_json(m: &Model) -> String {
    let mut s = String::from("{\n");
    let _ = writeln!(s, "  \"about\": {},", j(&m.about));
    let _ = writeln!(s, "  \"options\": {},", j(&m.options));
    let _ = writeln!(s, "  \"themes\": {},", j(&m.themes));
    let _ = writeln!(s, "  \"bias\": {},", j(&m.bias));
    let _ = writeln!(s, "  \"polarity_bias\": {},", j(&m.polarity_bias));
    s.push_str("  \"weights\": {\n");
    let n = m.weights.len();
    for (i, (f, w)) in m.weights.iter().enumerate() {
        let comma = if i + 1 < n { "," } else { "" };
        let _ = writeln!(s, "    {}: {}{comma}", j(f), j(w));
    }
    s.push_str("  },\n  \"polarity_weights\": {\n");
    let n = m.polarity_weights.len();
    for (i, (f, w)) in m.polarity_weights.iter().enumerate() {
        let comma = if i + 1 < n { "," } else { "" };
        let _ = writeln!(s, "    {}: {}{comma}", j(f), j(w));
    }
    s.push_str("  }\n}\n");
    s
}

fn j<T: serde::Serialize + ?Sized>(v: &T) -> String {
    serde_json::to_string(v).expect("serialisable")
}

fn main() {
    let rows = load_rows();
    let dev: Vec<&Row> = rows.iter().filter(|r| r.split == "dev").collect();
    if std::env::args().any(|a| a == "--sweep") {
        println!(
            "grouped 5-fold CV on the dev split ({} comments)",
            dev.len()
        );
        let d = TrainOptions::default();
        let grid: Vec<(f64, f64, usize, bool, usize)> = std::env::var("VV_SWEEP")
            .ok()
            .map(|v| {
                v.split(',')
                    .map(|t| {
                        let p: Vec<&str> = t.split(':').collect();
                        (
                            p[0].parse().unwrap(),
                            p[1].parse().unwrap(),
                            p[2].parse().unwrap(),
                            p[3] == "cues",
                            p.get(4).map_or(d.min_df, |m| m.parse().unwrap()),
                        )
                    })
                    .collect()
            })
            .unwrap_or_else(|| vec![(d.l2, d.threshold, d.epochs, d.cue_features, d.min_df)]);
        for (l2, threshold, epochs, cue_features, min_df) in grid {
            let o = TrainOptions {
                l2,
                threshold,
                epochs,
                cue_features,
                min_df,
                ..d
            };
            let (cues, learned) = cross_validate(&dev, 5, o);
            let (late_cues, late_learned) = validate_on_late_batch(&dev, o);
            println!(
                "l2 {l2} threshold {threshold} epochs {epochs} cue features {cue_features} min_df {min_df}\n  \
                 5-fold CV:  cues+model {}\n              cues alone {}\n  \
                 part C:     cues+model {}\n              cues alone {}",
                learned.line(),
                cues.line(),
                late_learned.line(),
                late_cues.line()
            );
        }
        return;
    }
    let model = Tagger::cues_only().train_model(&corrections(&dev), TrainOptions::default());
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/model.json");
    std::fs::write(path, to_json(&model)).expect("write data/model.json");
    let back: Model = serde_json::from_str(&std::fs::read_to_string(path).expect("read back"))
        .expect("written model parses");
    assert_eq!(back, model, "model.json round-trips");
    println!(
        "wrote {path}: {} theme features, {} polarity features, trained on {} dev comments",
        model.weights.len(),
        model.polarity_weights.len(),
        dev.len()
    );
}
