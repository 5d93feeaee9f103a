//! Regenerates `data/model.json`, the learned half of the theme tagger.
//!
//! `cargo run -p analysis --release --example train [-- --sweep]`
//!
//! Trains on the `dev` split of `data/corpus.jsonl` only (never the held-out split) with
//! [`TrainOptions::default`], and writes the weights, one feature per line so a diff shows
//! what changed. `--sweep` instead prints cross-validated F1 on the dev split (grouped
//! 5-fold, and leave-one-part-out) for the defaults or the settings in `VV_SWEEP`, which is
//! how the defaults were chosen.

#[path = "common/mod.rs"]
mod common;

use analysis::{Model, Tagger, TrainOptions};
use common::{corrections, cross_validate, leave_one_part_out, load_rows, Row};
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

/// The model as JSON with one weight line per feature.
fn to_json(m: &Model) -> String {
    let mut s = String::from("{\n");
    let _ = writeln!(s, "  \"about\": {},", j(&m.about));
    let _ = writeln!(s, "  \"options\": {},", j(&m.options));
    let _ = writeln!(s, "  \"themes\": {},", j(&m.themes));
    let _ = writeln!(s, "  \"bias\": {},", j(&m.bias));
    let _ = writeln!(s, "  \"polarity_bias\": {},", j(&m.polarity_bias));
    let _ = writeln!(s, "  \"stack\": {},", j(&m.stack));
    s.push_str("  \"weights\": {\n");
    write_sorted(&mut s, &m.weights);
    s.push_str("  },\n  \"polarity_weights\": {\n");
    write_sorted(&mut s, &m.polarity_weights);
    s.push_str("  }\n}\n");
    s
}

/// One `"feature": weights` line per entry, in feature order, so the file diffs well.
fn write_sorted<V: serde::Serialize, S>(s: &mut String, weights: &HashMap<String, V, S>) {
    let sorted: BTreeMap<_, _> = weights.iter().collect();
    let n = sorted.len();
    for (i, (f, w)) in sorted.into_iter().enumerate() {
        let comma = if i + 1 < n { "," } else { "" };
        let _ = writeln!(s, "    {}: {}{comma}", j(f), j(w));
    }
}

fn j<T: serde::Serialize + ?Sized>(v: &T) -> String {
    serde_json::to_string(v).expect("serialisable")
}

/// Prints cross-validated F1 on the dev split for the defaults, or for each option set in
/// `VV_SWEEP` (a JSON array of partial `TrainOptions`, each laid over the defaults, e.g.
/// `VV_SWEEP='[{"l2":0.01},{"threshold":0.5}]'`).
fn sweep(dev: &[&Row]) {
    let base = serde_json::to_value(TrainOptions::default()).expect("serialisable");
    let grid: Vec<serde_json::Value> = std::env::var("VV_SWEEP")
        .map(|v| serde_json::from_str(&v).expect("VV_SWEEP is a JSON array"))
        .unwrap_or_else(|_| vec![serde_json::json!({})]);
    println!(
        "dev split ({} comments): grouped 5-fold CV, and leave-one-part-out (LOPO)",
        dev.len()
    );
    let mut cues_shown = false;
    for over in grid {
        let mut v = base.clone();
        for (k, x) in over.as_object().expect("each entry is an object") {
            v[k] = x.clone();
        }
        let o: TrainOptions = serde_json::from_value(v).expect("valid TrainOptions");
        let (cues, learned) = cross_validate(dev, 5, o);
        let (lopo_cues, lopo, per_part) = leave_one_part_out(dev, o);
        if !cues_shown {
            println!(
                "cues alone\n  5-fold: {}\n  LOPO:   {}",
                cues.line(),
                lopo_cues.line()
            );
            cues_shown = true;
        }
        let parts: Vec<String> = per_part
            .iter()
            .map(|(p, t)| format!("{p} {:.3}", t.micro(false).2))
            .collect();
        println!(
            "{over}\n  5-fold: {}\n  LOPO:   {}\n  LOPO per part: {}",
            learned.line(),
            lopo.line(),
            parts.join(", ")
        );
        let themes: Vec<String> = lopo
            .per_theme
            .iter()
            .map(|(id, (c, _))| format!("{id} {:.3}", common::f1(c.tp, c.fp, c.fn_).2))
            .collect();
        println!("  LOPO per theme: {}", themes.join(", "));
    }
}

fn main() {
    let rows = load_rows();
    let dev: Vec<&Row> = rows.iter().filter(|r| r.split == "dev").collect();
    if std::env::args().any(|a| a == "--sweep") {
        sweep(&dev);
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
