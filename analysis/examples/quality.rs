//! Quality and speed benchmark for the analysis crate.
//!
//! `cargo run -p analysis --release --example quality [-- --verbose]`
//!
//! Scores redaction and theme tagging against the hand-labelled `data/corpus.jsonl` and times
//! redact+tag on 100 KB of adversarial text. Scoring rules:
//! - PII recall per kind: a labelled span is found if a redacted span of the same kind overlaps
//!   it. "Redacted at all" recall ignores the kind (what anonymity needs).
//! - PII precision: a redacted span that overlaps no labelled span is a false positive; one that
//!   overlaps a labelled span of another kind is counted as correct (it removed a real detail)
//!   and reported separately as a kind mismatch.
//! - Themes: a true positive needs id and polarity to match; id-only scores are printed too.
//!   Micro F1 pools all decisions; macro F1 averages per-theme F1 over the taxonomy.
//! - Corrections: two-fold cross-validation (learn from half the corpus as staff corrections,
//!   score the other half), to show what correction-learning adds on unseen comments.

use analysis::{redact, Correction, PiiKind, Polarity, Tagger, ThemeTag};
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};
use std::time::Instant;

#[derive(Deserialize)]
struct Row {
    text: String,
    /// "heldout": written after the cue list was frozen and never used to tune it.
    #[serde(default)]
    split: Option<String>,
    pii: Vec<Span>,
    themes: Vec<ThemeTag>,
}

#[derive(Deserialize)]
struct Span {
    kind: PiiKind,
    start: usize,
    end: usize,
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

fn f1(tp: usize, fp: usize, fn_: usize) -> (f64, f64, f64) {
    let p = if tp + fp == 0 {
        1.0
    } else {
        tp as f64 / (tp + fp) as f64
    };
    let r = if tp + fn_ == 0 {
        1.0
    } else {
        tp as f64 / (tp + fn_) as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

struct ThemeScores {
    micro: (f64, f64, f64),
    macro_f1: f64,
    micro_id: (f64, f64, f64),
    macro_id: f64,
    per_theme: BTreeMap<String, (Counts, Counts)>,
}

fn score_themes(tagger: &Tagger, rows: &[&Row], verbose: bool) -> ThemeScores {
    let ids: Vec<String> = tagger
        .taxonomy()
        .themes
        .iter()
        .map(|t| t.id.clone())
        .collect();
    let mut per: BTreeMap<String, (Counts, Counts)> = ids
        .iter()
        .map(|i| (i.clone(), Default::default()))
        .collect();
    for row in rows {
        let got = tagger.analyse(&row.text).themes;
        let want: HashSet<(&str, Polarity)> = row
            .themes
            .iter()
            .map(|t| (t.id.as_str(), t.polarity))
            .collect();
        let have: HashSet<(&str, Polarity)> =
            got.iter().map(|t| (t.id.as_str(), t.polarity)).collect();
        let want_id: HashSet<&str> = want.iter().map(|x| x.0).collect();
        let have_id: HashSet<&str> = have.iter().map(|x| x.0).collect();
        for id in &ids {
            let e = per.get_mut(id).expect("known id");
            let w = want.iter().find(|x| x.0 == id);
            let h = have.iter().find(|x| x.0 == id);
            match (w, h) {
                (Some(a), Some(b)) if a == b => e.0.tp += 1,
                (Some(_), Some(_)) => {
                    e.0.fp += 1;
                    e.0.fn_ += 1;
                }
                (Some(_), None) => e.0.fn_ += 1,
                (None, Some(_)) => e.0.fp += 1,
                (None, None) => {}
            }
            match (want_id.contains(id.as_str()), have_id.contains(id.as_str())) {
                (true, true) => e.1.tp += 1,
                (true, false) => e.1.fn_ += 1,
                (false, true) => e.1.fp += 1,
                _ => {}
            }
        }
        if verbose && want != have {
            let mut w: Vec<_> = want.iter().collect();
            let mut h: Vec<_> = have.iter().collect();
            w.sort();
            h.sort();
            println!(
                "  THEME want {w:?}\n        got  {h:?}\n        {:?}",
                row.text
            );
        }
    }
    let sum = |sel: fn(&(Counts, Counts)) -> Counts| {
        per.values()
            .map(sel)
            .fold(Counts::default(), |a, c| Counts {
                tp: a.tp + c.tp,
                fp: a.fp + c.fp,
                fn_: a.fn_ + c.fn_,
            })
    };
    let m = sum(|x| x.0);
    let mi = sum(|x| x.1);
    let macro_of = |sel: fn(&(Counts, Counts)) -> Counts| {
        per.values()
            .map(|x| f1(sel(x).tp, sel(x).fp, sel(x).fn_).2)
            .sum::<f64>()
            / per.len() as f64
    };
    ThemeScores {
        micro: f1(m.tp, m.fp, m.fn_),
        macro_f1: macro_of(|x| x.0),
        micro_id: f1(mi.tp, mi.fp, mi.fn_),
        macro_id: macro_of(|x| x.1),
        per_theme: per,
    }
}

fn main() {
    let verbose = std::env::args().any(|a| a == "--verbose" || a == "-v");
    let rows: Vec<Row> = include_str!("../data/corpus.jsonl")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("corpus line is valid JSON"))
        .collect();
    println!(
        "corpus: {} comments, {} labelled PII spans",
        rows.len(),
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
            let same = red
                .spans
                .iter()
                .any(|s| s.kind == l.kind && overlaps((s.start, s.end), (l.start, l.end)));
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

    // ---- themes
    let tagger = Tagger::default();
    let all: Vec<&Row> = rows.iter().collect();
    let s = score_themes(&tagger, &all, verbose);
    println!("\nthemes (id+polarity must match)    P      R      F1");
    for (id, (c, _)) in &s.per_theme {
        let (p, r, f) = f1(c.tp, c.fp, c.fn_);
        println!(
            "  {id:<24} {p:>6.3} {r:>6.3} {f:>6.3}  (tp {} fp {} fn {})",
            c.tp, c.fp, c.fn_
        );
    }
    println!(
        "  micro: P {:.3} R {:.3} F1 {:.3}   macro F1 {:.3}",
        s.micro.0, s.micro.1, s.micro.2, s.macro_f1
    );
    println!(
        "  id only: micro P {:.3} R {:.3} F1 {:.3}   macro F1 {:.3}",
        s.micro_id.0, s.micro_id.1, s.micro_id.2, s.macro_id
    );

    // ---- held-out comments only
    let held: Vec<&Row> = rows
        .iter()
        .filter(|r| r.split.as_deref() == Some("heldout"))
        .collect();
    let hs = score_themes(&tagger, &held, false);
    let dev: Vec<&Row> = rows.iter().filter(|r| r.split.is_none()).collect();
    let ds = score_themes(&tagger, &dev, false);
    println!(
        "\ndevelopment part ({} comments the cues were written against): theme micro F1 {:.3} (id only {:.3}), macro F1 {:.3}",
        dev.len(),
        ds.micro.2,
        ds.micro_id.2,
        ds.macro_f1
    );
    let (mut found, mut total) = (0, 0);
    for r in &held {
        let red = redact(&r.text);
        for l in &r.pii {
            total += 1;
            found += usize::from(
                red.spans
                    .iter()
                    .any(|s| s.kind == l.kind && overlaps((s.start, s.end), (l.start, l.end))),
            );
        }
    }
    println!(
        "held out ({} comments written after the cues were frozen): theme micro F1 {:.3} (id only {:.3}), macro F1 {:.3}; PII recall {found}/{total}",
        held.len(),
        hs.micro.2,
        hs.micro_id.2,
        hs.macro_f1
    );

    // ---- corrections, two-fold
    let mut base_f = 0.0;
    let mut learned_f = 0.0;
    let mut n_learned = 0;
    for fold in 0..2 {
        let (train, test): (Vec<&Row>, Vec<&Row>) =
            rows.iter()
                .enumerate()
                .fold((Vec::new(), Vec::new()), |(mut a, mut b), (i, r)| {
                    if i % 2 == fold {
                        a.push(r)
                    } else {
                        b.push(r)
                    }
                    (a, b)
                });
        let corrections: Vec<Correction> = train
            .iter()
            .map(|r| Correction {
                text: r.text.clone(),
                themes: r.themes.clone(),
            })
            .collect();
        let learned = Tagger::with_corrections(&corrections);
        n_learned += learned.learned_cues().len();
        base_f += score_themes(&tagger, &test, false).micro.2 / 2.0;
        learned_f += score_themes(&learned, &test, false).micro.2 / 2.0;
    }
    println!(
        "\ncorrections (2-fold, learn on one half, score the other): micro F1 {base_f:.3} -> {learned_f:.3} ({} learned cues per fold on average)",
        n_learned / 2
    );

    // ---- adversarial timing
    println!("\nadversarial input, 100 KB each: redact + tag");
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
        ("realistic", fill("PC Smith never rang back on 07700 900123, crime ref 1234567/24, 12 Acacia Avenue SW1A 1AA. ")),
    ];
    let mut worst: f64 = 0.0;
    for (name, text) in &cases {
        let start = Instant::now();
        let a = tagger.analyse(text);
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        worst = worst.max(ms);
        println!(
            "  {name:<18} {:>8.1} ms  ({} bytes out)",
            ms,
            a.redacted.len()
        );
    }
    println!("  worst: {worst:.1} ms per 100 KB");
}
