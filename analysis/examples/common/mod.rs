//! What the `quality` and `train` examples share: the labelled corpus, theme scoring and
//! grouped k-fold cross-validation.

#![allow(dead_code)]

use analysis::{Correction, Polarity, Tagger, ThemeTag, TrainOptions};
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};

#[derive(Deserialize, Clone)]
pub struct Row {
    pub text: String,
    /// "dev" (cues written and model trained against it) or "holdout" (never used to tune).
    pub split: String,
    /// Rows sharing a group (the same themed sentence with different details) stay together
    /// in cross-validation, so a fold never tests on a sentence it trained on.
    #[serde(default)]
    pub group: Option<String>,
    /// Which part of make_corpus.py wrote it: A, B (detail + themed sentence), C, D, E, F
    /// (earlier held-out batches, now dev), G (the blind held-out split).
    pub part: String,
    pub pii: Vec<Span>,
    pub themes: Vec<ThemeTag>,
}

#[derive(Deserialize, Clone)]
pub struct Span {
    pub kind: analysis::PiiKind,
    pub start: usize,
    pub end: usize,
}

/// Whether two byte spans share at least one byte (how a redaction is matched to a label).
pub fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// A labelled detail is found when a redacted span of its kind overlaps it.
pub fn found(label: &Span, redacted: &[analysis::PiiSpan]) -> bool {
    redacted
        .iter()
        .any(|s| s.kind == label.kind && overlaps((s.start, s.end), (label.start, label.end)))
}

/// A redacted span is a false positive when it overlaps no labelled detail (one overlapping a
/// detail of another kind still removed a real detail).
pub fn unlabelled(span: &analysis::PiiSpan, labels: &[Span]) -> bool {
    !labels
        .iter()
        .any(|l| overlaps((span.start, span.end), (l.start, l.end)))
}

pub fn load_rows() -> Vec<Row> {
    include_str!("../../data/corpus.jsonl")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("corpus line is valid JSON"))
        .collect()
}

pub fn corrections(rows: &[&Row]) -> Vec<Correction> {
    rows.iter()
        .map(|r| Correction {
            text: r.text.clone(),
            themes: r.themes.clone(),
        })
        .collect()
}

pub fn f1(tp: usize, fp: usize, fn_: usize) -> (f64, f64, f64) {
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
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

/// Per theme: (id and polarity must match, id only). Counts add up across folds.
#[derive(Default, Clone)]
pub struct Tally {
    pub per_theme: BTreeMap<String, (Counts, Counts)>,
}

impl Tally {
    pub fn merge(&mut self, o: &Tally) {
        for (id, (a, b)) in &o.per_theme {
            let e = self.per_theme.entry(id.clone()).or_default();
            e.0.add(*a);
            e.1.add(*b);
        }
    }

    fn pooled(&self, id_only: bool) -> Counts {
        let mut c = Counts::default();
        for v in self.per_theme.values() {
            c.add(if id_only { v.1 } else { v.0 });
        }
        c
    }

    /// Micro (P, R, F1) over all theme decisions.
    pub fn micro(&self, id_only: bool) -> (f64, f64, f64) {
        let c = self.pooled(id_only);
        f1(c.tp, c.fp, c.fn_)
    }

    /// Mean per-theme F1.
    pub fn macro_f1(&self, id_only: bool) -> f64 {
        let n = self.per_theme.len().max(1) as f64;
        self.per_theme
            .values()
            .map(|v| {
                let c = if id_only { v.1 } else { v.0 };
                f1(c.tp, c.fp, c.fn_).2
            })
            .sum::<f64>()
            / n
    }

    pub fn line(&self) -> String {
        format!(
            "micro F1 {:.3} (P {:.3} R {:.3}), macro F1 {:.3}; id only: micro {:.3}, macro {:.3}",
            self.micro(false).2,
            self.micro(false).0,
            self.micro(false).1,
            self.macro_f1(false),
            self.micro(true).2,
            self.macro_f1(true)
        )
    }
}

/// Scores a tagger on rows; a true positive needs id and polarity to match.
pub fn score(tagger: &Tagger, rows: &[&Row], verbose: bool) -> Tally {
    score_with(tagger, rows, verbose, |text| tagger.analyse(text).themes)
}

/// Scores the encoder ensemble ([`Tagger::refine`] on the redacted text) as [`score`] does.
pub fn score_refined(tagger: &Tagger, rows: &[&Row], verbose: bool) -> Tally {
    score_with(tagger, rows, verbose, |text| {
        tagger.refine(&analysis::redact(text).text)
    })
}

/// Scores the themes `tag` gives each row's raw text against its labels.
fn score_with(
    tagger: &Tagger,
    rows: &[&Row],
    verbose: bool,
    tag: impl Fn(&str) -> Vec<analysis::ThemeTag>,
) -> Tally {
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
        let got = tag(&row.text);
        let want: HashSet<(&str, Polarity)> = row
            .themes
            .iter()
            .map(|t| (t.id.as_str(), t.polarity))
            .collect();
        let have: HashSet<(&str, Polarity)> =
            got.iter().map(|t| (t.id.as_str(), t.polarity)).collect();
        for id in &ids {
            let e = per.get_mut(id).expect("known id");
            let w = want.iter().find(|x| x.0 == id);
            let h = have.iter().find(|x| x.0 == id);
            match (w, h) {
                (Some(a), Some(b)) if a == b => {
                    e.0.tp += 1;
                    e.1.tp += 1;
                }
                (Some(_), Some(_)) => {
                    e.0.fp += 1;
                    e.0.fn_ += 1;
                    e.1.tp += 1;
                }
                (Some(_), None) => {
                    e.0.fn_ += 1;
                    e.1.fn_ += 1;
                }
                (None, Some(_)) => {
                    e.0.fp += 1;
                    e.1.fp += 1;
                }
                (None, None) => {}
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
    Tally { per_theme: per }
}

/// The fold (0..k) of a row: by group where it has one, else by position; deterministic.
fn fold_of(i: usize, row: &Row, k: usize) -> usize {
    match &row.group {
        // FNV-1a over the group name: stable across runs and platforms.
        Some(g) => {
            let mut h: u64 = 0xcbf29ce484222325;
            for b in g.bytes() {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x100000001b3);
            }
            (h % k as u64) as usize
        }
        None => i % k,
    }
}

/// Cross-validation with folds given by `fold_of` (0..k): train a model on the other folds,
/// score each fold, pool counts. Returns (cues alone, cues + model, cues + model per fold).
pub fn cross_validate_by(
    rows: &[&Row],
    k: usize,
    fold_of: impl Fn(usize, &Row) -> usize,
    options: TrainOptions,
) -> (Tally, Tally, Vec<Tally>) {
    let base = Tagger::cues_only();
    let mut cues = Tally::default();
    let mut learned = Tally::default();
    let mut per_fold = Vec::new();
    for fold in 0..k {
        let mut train: Vec<&Row> = Vec::new();
        let mut test: Vec<&Row> = Vec::new();
        for (i, r) in rows.iter().copied().enumerate() {
            if fold_of(i, r) == fold {
                test.push(r);
            } else {
                train.push(r);
            }
        }
        let model = base.train_model(&corrections(&train), options);
        let tagger = Tagger::cues_only().with_model(Some(model));
        cues.merge(&score(&base, &test, false));
        let t = score(&tagger, &test, false);
        learned.merge(&t);
        per_fold.push(t);
    }
    (cues, learned, per_fold)
}

/// Grouped k-fold cross-validation: rows sharing a group share a fold.
/// Returns (cues alone, cues + model) on the same folds.
pub fn cross_validate(rows: &[&Row], k: usize, options: TrainOptions) -> (Tally, Tally) {
    let (cues, learned, _) = cross_validate_by(rows, k, |i, r| fold_of(i, r, k), options);
    (cues, learned)
}

/// The parts present in `rows`, sorted.
pub fn parts(rows: &[&Row]) -> Vec<String> {
    let mut p: Vec<String> = rows.iter().map(|r| r.part.clone()).collect();
    p.sort();
    p.dedup();
    p
}

/// Leave-one-part-out: each part (one writer's batch) is scored by a model trained on the
/// other parts, which is the closest the dev split comes to text by a new writer (part B's
/// groups never straddle parts). Returns (cues alone, cues + model, (part, cues + model)).
pub fn leave_one_part_out(
    rows: &[&Row],
    options: TrainOptions,
) -> (Tally, Tally, Vec<(String, Tally)>) {
    let names = parts(rows);
    let (cues, learned, per) = cross_validate_by(
        rows,
        names.len(),
        |_, r| names.iter().position(|p| *p == r.part).unwrap_or(0),
        options,
    );
    (cues, learned, names.into_iter().zip(per).collect())
}
