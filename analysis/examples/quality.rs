//! Quality and speed benchmark for the analysis crate.
//!
//! `cargo run -p analysis --release --example quality [-- --verbose]`
//!
//! Scores redaction and theme tagging against the hand-labelled `data/corpus.jsonl`, which has
//! a `dev` split (cues written and model trained against it) and a `holdout` split (written
//! before the tagger was run on it, never used to tune anything), and times redact+tag on
//! 100 KB of adversarial text. Scoring rules:
//! - PII recall per kind: a labelled span is found if a redacted span of the same kind overlaps
//!   it. "Redacted at all" recall ignores the kind (what anonymity needs).
//! - PII precision: a redacted span that overlaps no labelled span is a false positive; one that
//!   overlaps a labelled span of another kind is counted as correct (it removed a real detail)
//!   and reported separately as a kind mismatch.
//! - Themes: a true positive needs id and polarity to match; id-only scores are printed too.
//!   Micro F1 pools all decisions; macro F1 averages per-theme F1 over the taxonomy.
//! - Cross-validation: grouped 5-fold on the dev split (a model trained on four folds scores
//!   the fifth), and leave-one-part-out (each writer's batch scored by a model trained on the
//!   others, the nearest the dev split comes to a new writer), so the model's dev figures are
//!   not in-sample ones. The cues were written
//!   against the dev split, so the cues' own dev figure is optimistic; the held-out figure is
//!   the honest one for both.
//! - Corrections: comments in file order stand for time order. Staff corrections of the
//!   first half of the held-out split are fed to `Tagger::learn_with` (all of learning, and
//!   each part alone), and the second half is scored before and after; so is the corrected
//!   half itself.
//! - Agreement: parts G and H were labelled a second time by another annotator who never saw
//!   the first labels (`data/second_annotator/`); the first labels scored against the second
//!   show how far two careful readers agree, the ceiling any tagger can be held to.

#[path = "common/mod.rs"]
mod common;

use analysis::{redact, LearnOptions, PiiKind, Tagger, ThemeTag, TrainOptions};
use common::{
    corrections, cross_validate, f1, leave_one_part_out, load_rows, overlaps, parts, score,
    score_refined, unlabelled, Row, Tally,
};
use std::collections::{BTreeMap, HashSet};
use std::time::Instant;

/// A second annotator's theme labels, one JSON line per comment of the part in corpus order.
const SECOND_ANNOTATOR: &[(&str, &str)] = &[
    ("G", include_str!("../data/second_annotator/G.jsonl")),
    ("H", include_str!("../data/second_annotator/H.jsonl")),
];

#[derive(serde::Deserialize)]
struct SecondLabels {
    n: usize,
    themes: Vec<ThemeTag>,
}

/// Micro F1 (id and polarity) of the second annotator's labels against the corpus labels.
fn agreement(rows: &[&Row], second: &str) -> f64 {
    let labels: Vec<SecondLabels> = second
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("second annotator line is valid JSON"))
        .collect();
    assert_eq!(labels.len(), rows.len(), "one second label per comment");
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    for (i, (row, second)) in rows.iter().zip(&labels).enumerate() {
        assert_eq!(second.n, i, "second labels in corpus order");
        let first: HashSet<&ThemeTag> = row.themes.iter().collect();
        let other: HashSet<&ThemeTag> = second.themes.iter().collect();
        tp += first.intersection(&other).count();
        fp += other.difference(&first).count();
        fn_ += first.difference(&other).count();
    }
    f1(tp, fp, fn_).2
}

/// Redaction recall and precision (all kinds pooled) on some rows.
fn pii_summary(rows: &[&Row]) -> String {
    let (mut found, mut total, mut fp, mut pred) = (0, 0, 0, 0);
    for r in rows {
        let red = redact(&r.text);
        for l in &r.pii {
            total += 1;
            found += usize::from(common::found(l, &red.spans));
        }
        for s in &red.spans {
            pred += 1;
            fp += usize::from(unlabelled(s, &r.pii));
        }
    }
    format!(
        "PII recall {found}/{total} = {:.3}, precision {}/{pred} = {:.3}",
        found as f64 / total.max(1) as f64,
        pred - fp,
        (pred - fp) as f64 / pred.max(1) as f64
    )
}

/// One [`pii_summary`] line per part (writer's batch) among some rows.
fn pii_by_part(rows: &[&Row]) {
    for part in parts(rows) {
        let of_part: Vec<&Row> = rows.iter().copied().filter(|r| r.part == part).collect();
        println!(
            "    part {part} ({} comments): {}",
            of_part.len(),
            pii_summary(&of_part)
        );
    }
}

/// Per kind: "recall (n) / precision (n redacted)" on some rows, scored as above.
fn pii_by_kind(rows: &[&Row]) -> BTreeMap<PiiKind, String> {
    PiiKind::ALL
        .into_iter()
        .map(|k| {
            let (mut found, mut total, mut fp, mut pred) = (0, 0, 0, 0);
            for r in rows {
                let red = redact(&r.text);
                for l in r.pii.iter().filter(|l| l.kind == k) {
                    total += 1;
                    found += usize::from(common::found(l, &red.spans));
                }
                for s in red.spans.iter().filter(|s| s.kind == k) {
                    pred += 1;
                    fp += usize::from(unlabelled(s, &r.pii));
                }
            }
            let ratio = |a: usize, b: usize| {
                if b == 0 {
                    "  -  ".to_string()
                } else {
                    format!("{:.3}", a as f64 / b as f64)
                }
            };
            let cell = format!(
                "{} ({total}) / {} ({pred})",
                ratio(found, total),
                ratio(pred - fp, pred)
            );
            (k, cell)
        })
        .collect()
}

fn per_theme_table(t: &Tally) {
    println!("  theme                        P      R      F1   (id+polarity)");
    for (id, (c, _)) in &t.per_theme {
        let (p, r, f) = f1(c.tp, c.fp, c.fn_);
        println!(
            "  {id:<24} {p:>6.3} {r:>6.3} {f:>6.3}  (tp {} fp {} fn {})",
            c.tp, c.fp, c.fn_
        );
    }
}

fn main() {
    let verbose = std::env::args().any(|a| a == "--verbose" || a == "-v");
    let rows = load_rows();
    let dev: Vec<&Row> = rows.iter().filter(|r| r.split == "dev").collect();
    let held: Vec<&Row> = rows.iter().filter(|r| r.split == "holdout").collect();
    println!(
        "corpus: {} comments ({} dev, {} held out), {} labelled PII spans",
        rows.len(),
        dev.len(),
        held.len(),
        rows.iter().map(|r| r.pii.len()).sum::<usize>()
    );

    // ---- redaction
    let mut rec: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new(); // found, found_any, total
    let mut pre: BTreeMap<&str, (usize, usize)> = BTreeMap::new(); // false positives, predicted
    let mut mismatched = 0;
    for row in &rows {
        let red = redact(&row.text);
        for l in &row.pii {
            let e = rec.entry(l.kind.as_str()).or_default();
            e.2 += 1;
            let same = common::found(l, &red.spans);
            let any = red
                .spans
                .iter()
                .any(|s| overlaps((s.start, s.end), (l.start, l.end)));
            e.0 += usize::from(same);
            e.1 += usize::from(any);
            if verbose && !same {
                println!(
                    "  MISS {:<9} {:?} in {:?}",
                    l.kind.as_str(),
                    &row.text[l.start..l.end],
                    red.text
                );
            }
        }
        for s in &red.spans {
            let e = pre.entry(s.kind.as_str()).or_default();
            e.1 += 1;
            let hit = row
                .pii
                .iter()
                .find(|l| overlaps((s.start, s.end), (l.start, l.end)));
            match hit {
                None => {
                    e.0 += 1;
                    if verbose {
                        println!(
                            "  FP   {:<9} {:?} in {:?}",
                            s.kind.as_str(),
                            &row.text[s.start..s.end],
                            row.text
                        );
                    }
                }
                Some(l) if l.kind != s.kind => mismatched += 1,
                _ => {}
            }
        }
    }
    println!("\nredaction      recall  (n)    precision (n redacted)");
    let (mut tf, mut ta, mut tt, mut tfp, mut tpred) = (0, 0, 0, 0, 0);
    for k in PiiKind::ALL {
        let (f, a, t) = rec.get(k.as_str()).copied().unwrap_or_default();
        let (fp, p) = pre.get(k.as_str()).copied().unwrap_or_default();
        tf += f;
        ta += a;
        tt += t;
        tfp += fp;
        tpred += p;
        let r = if t == 0 { 1.0 } else { f as f64 / t as f64 };
        let pr = if p == 0 {
            1.0
        } else {
            (p - fp) as f64 / p as f64
        };
        println!(
            "  {:<11} {r:>6.3} ({t:>3})   {pr:>6.3}   ({p:>3})",
            k.as_str()
        );
    }
    println!(
        "  {:<11} {:>6.3} ({tt:>3})   {:>6.3}   ({tpred:>3})",
        "OVERALL",
        tf as f64 / tt as f64,
        (tpred - tfp) as f64 / tpred as f64
    );
    println!(
        "  redacted at all (any kind): recall {:.3}; kind mismatches among redactions: {mismatched}",
        ta as f64 / tt as f64
    );

    println!("  dev:      {}", pii_summary(&dev));
    // Parts I onwards were written as training data, but by writers who never saw the
    // redactor: until their misses are studied, their figures are blind too.
    pii_by_part(&dev);
    println!("  held out: {}", pii_summary(&held));
    pii_by_part(&held);
    println!("  per kind, recall (n) / precision (n redacted):");
    println!("  {:<11} {:<24} {:<24}", "", "dev", "held out");
    let (kd, kh) = (pii_by_kind(&dev), pii_by_kind(&held));
    for k in PiiKind::ALL {
        println!("  {:<11} {:<24} {:<24}", k.as_str(), kd[&k], kh[&k]);
    }

    // ---- themes
    let shipped = Tagger::default();
    let cues = Tagger::cues_only();
    println!(
        "\nthemes, held-out split ({} comments), shipped tagger (cues + model trained on dev):",
        held.len()
    );
    let h = score(&shipped, &held, verbose);
    per_theme_table(&h);
    let started = Instant::now();
    let refined = score_refined(&shipped, &held, false);
    let per_comment = started.elapsed() / held.len() as u32;
    println!(
        "\nthemes, held-out split, encoder ensemble (Tagger::refine: fine-tuned MiniLM averaged \
         with TF-IDF regressions, both trained on dev; {per_comment:.1?} a comment):"
    );
    per_theme_table(&refined);
    println!("\nthemes summary (id and polarity must match)");
    println!("  held out, encoder ensemble: {}", refined.line());
    println!("  held out, cues + model:  {}", h.line());
    println!(
        "  held out, cues alone:    {}",
        score(&cues, &held, false).line()
    );
    for part in parts(&held) {
        let rows: Vec<&Row> = held.iter().copied().filter(|r| r.part == part).collect();
        println!("    part {part} ({} comments):", rows.len());
        println!(
            "      cues + model: {}",
            score(&shipped, &rows, false).line()
        );
        println!("      cues alone:   {}", score(&cues, &rows, false).line());
        println!(
            "      encoder ensemble: {}",
            score_refined(&shipped, &rows, false).line()
        );
    }
    for (part, second) in SECOND_ANNOTATOR {
        let rows: Vec<&Row> = rows.iter().filter(|r| r.part == *part).collect();
        println!(
            "  part {part} ({} comments), a second annotator blind to the labels: micro F1 {:.3}; the shipped tagger: {:.3}",
            rows.len(),
            agreement(&rows, second),
            score(&shipped, &rows, false).micro(false).2
        );
    }
    println!(
        "  dev, cues + model:       {}   (in-sample)",
        score(&shipped, &dev, false).line()
    );
    println!(
        "  dev, cues alone:         {}   (cues were written against it)",
        score(&cues, &dev, false).line()
    );
    let (cv_cues, cv_model) = cross_validate(&dev, 5, TrainOptions::default());
    println!("  dev 5-fold CV, cues + model: {}", cv_model.line());
    println!("  dev 5-fold CV, cues alone:   {}", cv_cues.line());
    let (lopo_cues, lopo_model, _) = leave_one_part_out(&dev, TrainOptions::default());
    println!(
        "  dev leave-one-part-out, cues + model: {}",
        lopo_model.line()
    );
    println!(
        "  dev leave-one-part-out, cues alone:   {}",
        lopo_cues.line()
    );

    // ---- corrections
    // Staff correct the first half of the held-out comments as they arrive (file order stands
    // for time order); the second half is scored before and after learning. The corrected
    // half itself is scored too: that is what staff see change straight away.
    println!(
        "\ncorrections: staff correct held-out[..{hh}] (time order); micro F1 before -> after learning",
        hh = held.len() / 2
    );
    let hh = held.len() / 2;
    let fixes = corrections(&held[..hh]);
    let d = LearnOptions::default();
    let variants = [
        ("default (cue learning)", d),
        (
            "  + model retrained",
            LearnOptions {
                retrain_model: true,
                ..d
            },
        ),
        (
            "  model retrained only",
            LearnOptions {
                add_cues: false,
                retire_cues: false,
                retrain_model: true,
                ..d
            },
        ),
    ];
    for (name, options) in variants {
        let mut after = shipped.clone();
        let rep = after.learn_with(&fixes, options);
        println!(
            "  {name:<30} later held-out[{hh}..]: {:.3} -> {:.3}   corrected held-out[..{hh}]: {:.3} -> {:.3}   ({} cues added, {} retired, {} model weights moved)",
            score(&shipped, &held[hh..], false).micro(false).2,
            score(&after, &held[hh..], false).micro(false).2,
            score(&shipped, &held[..hh], false).micro(false).2,
            score(&after, &held[..hh], false).micro(false).2,
            rep.added.len(),
            rep.retired.len(),
            rep.model_features
        );
    }
    // The encoder tagger keeps what cue learning taught (a learned cue tags its theme); it
    // is not retrained, so retired cues and model retraining do not reach it.
    let mut after = shipped.clone();
    let rep = after.learn(&fixes);
    println!(
        "  {:<30} later held-out[{hh}..]: {:.3} -> {:.3}   corrected held-out[..{hh}]: {:.3} -> {:.3}   ({} cues added)",
        "encoder tagger, cue learning",
        score_refined(&shipped, &held[hh..], false).micro(false).2,
        score_refined(&after, &held[hh..], false).micro(false).2,
        score_refined(&shipped, &held[..hh], false).micro(false).2,
        score_refined(&after, &held[..hh], false).micro(false).2,
        rep.added.len(),
    );
    let mut after = cues.clone();
    let rep = after.learn(&fixes);
    println!(
        "  {:<30} later held-out[{hh}..]: {:.3} -> {:.3}   corrected held-out[..{hh}]: {:.3} -> {:.3}   ({} cues added, {} retired)",
        "cues alone (no model)",
        score(&cues, &held[hh..], false).micro(false).2,
        score(&after, &held[hh..], false).micro(false).2,
        score(&cues, &held[..hh], false).micro(false).2,
        score(&after, &held[..hh], false).micro(false).2,
        rep.added.len(),
        rep.retired.len()
    );

    // ---- adversarial timing
    println!("\nadversarial input, 100 KB each: redact + tag, then the encoder tagger");
    let kb100 = 100 * 1024;
    let fill = |unit: &str| -> String {
        let mut s = String::with_capacity(kb100 + unit.len());
        while s.len() < kb100 {
            s.push_str(unit);
        }
        s
    };
    let cases: Vec<(&str, String)> = vec![
        ("digits", fill("0")),
        ("digit groups", fill("0770 0900 123 4 ")),
        ("PC PC PC", fill("PC ")),
        ("my ex my ex", fill("my ex My Ex ")),
        ("huge word", fill("a")),
        ("@ x 10^5", "@".repeat(kb100)),
        ("emails glued", fill("a@b.co")),
        ("dots and slashes", fill("1/2./-")),
        ("mixed unicode", fill("zażółć 07700 ✓ 𝔘𝔫𝔦 \u{200B}\u{202E} ")),
        ("control chars", fill("\u{0}\u{1}\u{7f}\r")),
        ("capitalised runs", fill("Zork Qwerty Blip Road House ")),
        ("weekdays, names", fill("last Monday night Gary's Kestrel estate ")),
        ("realistic", fill("PC Smith never rang back on 07700 900123, crime ref 1234567/24, 12 Acacia Avenue SW1A 1AA. ")),
    ];
    let (mut worst, mut worst_refine): (f64, f64) = (0.0, 0.0);
    for (name, text) in &cases {
        let start = Instant::now();
        let a = shipped.analyse(text);
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        worst = worst.max(ms);
        let start = Instant::now();
        shipped.refine(&a.redacted);
        let refine_ms = start.elapsed().as_secs_f64() * 1000.0;
        worst_refine = worst_refine.max(refine_ms);
        println!(
            "  {name:<18} {:>8.1} ms  ({} bytes out)  refine {refine_ms:>6.1} ms",
            ms,
            a.redacted.len()
        );
    }
    println!("  worst: {worst:.1} ms per 100 KB; refine {worst_refine:.1} ms");
}
