//! Staff corrections as a learning signal for the theme tagger.
//!
//! When staff fix the themes on a comment, the fixed comment becomes a [`Correction`]: its
//! (already redacted) text and the themes a person says it has. [`Tagger::with_corrections`]
//! and [`Tagger::learn`] turn a batch of them into changes anyone can inspect, never into
//! opaque weights:
//!
//! - **New cues.** Every word and word pair (bigram) of each corrected text, minus function
//!   words and placeholders, is counted against the themes staff gave. An n-gram becomes a
//!   learned cue for a theme when it appears in at least [`MIN_SUPPORT`] (2) corrections where
//!   staff added that theme because the tagger had missed it, and at least [`MIN_PRECISION`] of all corrections containing it have that
//!   theme (and clearly more than the theme's base rate, so a theme that is on nearly every
//!   comment does not adopt every word). A learned cue triggers the theme like any other; its
//!   polarity still comes from negation and sentiment words around it, with the polarity staff
//!   most often gave as the tie-breaker. One correction alone never changes anything, so a
//!   single mistaken click cannot teach the tagger.
//! - **Retired cues.** If a built-in cue made the tagger assign a theme that staff removed, in
//!   at least 2 corrections, and that cue never led to a theme staff kept, the cue is switched
//!   off: for example "order" firing protective_orders on "in order to".
//!
//! So the comments that staff corrected last month are tagged right next month, and similar
//! wording elsewhere is too. The learned cues can be listed ([`Tagger::learned_cues`]) and
//! copied into `data/themes.json` by an analyst when they have proved themselves.

use crate::model::TrainOptions;
use crate::themes::{words, Cue, Pat, Polarity, Tagger, ThemeTag};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

/// A comment whose themes a member of staff has set by hand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Correction {
    /// The stored (redacted) text; unredacted text is redacted again here anyway.
    pub text: String,
    /// The full set of themes staff say the comment has.
    pub themes: Vec<ThemeTag>,
}

/// Corrections that must contain an n-gram (with the theme) before it is learned.
pub const MIN_SUPPORT: usize = 2;
/// Share of corrections containing an n-gram that must carry the theme.
pub const MIN_PRECISION: f64 = 0.8;
/// L2 pull towards the current model when fine-tuning on corrections: higher than in
/// training, so a batch of corrections moves the weights without erasing what the corpus taught.
pub const FINE_TUNE_L2: f64 = 0.01;
/// Gradient steps when fine-tuning on corrections.
pub const FINE_TUNE_EPOCHS: usize = 300;

/// What a batch of corrections changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LearnReport {
    /// (theme id, cue phrase) added.
    pub added: Vec<(String, String)>,
    /// (theme id, cue phrase) retired.
    pub retired: Vec<(String, String)>,
    /// Model features whose weights the corrections changed.
    #[serde(default)]
    pub model_features: usize,
}

const FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "and", "or", "but", "to", "of", "in", "on", "at", "for", "with", "by",
    "from", "it", "its", "it's", "is", "was", "were", "be", "been", "am", "are", "i", "i'm", "im",
    "me", "my", "he", "him", "his", "she", "her", "they", "them", "their", "we", "us", "our",
    "you", "your", "that", "this", "these", "those", "there", "then", "so", "as", "if", "when",
    "what", "which", "who", "had", "has", "have", "do", "did", "does", "just", "about", "after",
    "all", "also", "any", "can", "could", "would", "will", "up", "out", "get", "got", "one",
    "even", "very", "really", "too", "more", "some", "into", "over", "again", "still", "time",
    "said", "told", "police", "officer", "case", "i'd", "i've", "he's", "she's", "there's",
    "that's", "to", "how", "why", "where", "than", "like", "went", "go", "going", "way", "back",
];

fn cue_text(pats: &[Pat]) -> String {
    pats.iter()
        .map(|p| match p {
            Pat::Exact(w) => w.clone(),
            Pat::Prefix(p) => format!("{p}*"),
            Pat::Any => "*".into(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn ngrams(text: &str, breaks: &[String]) -> HashSet<Vec<String>> {
    let red = crate::redact::redact(text).text;
    let ws = words(&red, breaks);
    let fw: HashSet<&str> = FUNCTION_WORDS.iter().copied().collect();
    let content = |w: &str| {
        w.chars().count() >= 3 && !fw.contains(w) && !w.chars().all(|c| c.is_ascii_digit())
    };
    let mut out = HashSet::new();
    for (i, w) in ws.iter().enumerate() {
        if content(&w.text) {
            out.insert(vec![w.text.clone()]);
        }
        if let Some(n) = ws.get(i + 1) {
            // A bigram may include one function word ("no updates", "let go"), not two.
            if content(&w.text) || content(&n.text) {
                out.insert(vec![w.text.clone(), n.text.clone()]);
            }
        }
    }
    out
}

impl Tagger {
    /// The default taxonomy, improved by staff corrections.
    pub fn with_corrections(corrections: &[Correction]) -> Tagger {
        let mut t = Tagger::default();
        t.learn(corrections);
        t
    }

    /// Adds cues learned from corrections to this tagger and retires cues staff kept
    /// overruling. Learning again from a larger batch replaces nothing: call it on a fresh
    /// tagger with all corrections to date.
    pub fn learn(&mut self, corrections: &[Correction]) -> LearnReport {
        let mut report = LearnReport::default();
        let theme_index: HashMap<&str, usize> = self
            .taxonomy
            .themes
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.as_str(), i))
            .collect();
        let n = corrections.len();
        if n == 0 {
            return report;
        }
        let breaks = self.taxonomy.clause_breaks.clone();

        // Retire built-in cues that only ever produced themes staff removed.
        let mut wrong: HashMap<usize, usize> = HashMap::new();
        let mut right: HashSet<usize> = HashSet::new();
        // Per correction, the themes staff gave that the tagger missed: new cues are learned
        // only from these, so learning fixes errors instead of piling up redundant cues.
        let mut missed: Vec<HashSet<usize>> = Vec::with_capacity(n);
        for c in corrections {
            let red = crate::redact::redact(&c.text).text;
            let ws = words(&red, &breaks);
            let truth: HashSet<usize> = c
                .themes
                .iter()
                .filter_map(|t| theme_index.get(t.id.as_str()).copied())
                .collect();
            let predicted: HashSet<usize> =
                self.tag_words(&ws).into_iter().map(|(t, _)| t).collect();
            missed.push(truth.difference(&predicted).copied().collect());
            let mut seen = HashSet::new();
            for (ci, _, _) in self.hits(&ws) {
                if !seen.insert(ci) {
                    continue;
                }
                if truth.contains(&self.cues[ci].theme) {
                    right.insert(ci);
                } else {
                    *wrong.entry(ci).or_default() += 1;
                }
            }
        }
        let retire: HashSet<usize> = wrong
            .into_iter()
            .filter(|(ci, k)| *k >= MIN_SUPPORT && !right.contains(ci))
            .map(|(ci, _)| ci)
            .collect();

        // Count n-grams per correction, per theme, and the polarity staff gave.
        let mut doc_freq: HashMap<Vec<String>, usize> = HashMap::new();
        let mut theme_freq: HashMap<(Vec<String>, usize), BTreeMap<Polarity, usize>> =
            HashMap::new();
        let mut base = vec![0usize; self.taxonomy.themes.len()];
        let mut missed_freq: HashMap<(Vec<String>, usize), usize> = HashMap::new();
        for (ix, c) in corrections.iter().enumerate() {
            let grams = ngrams(&c.text, &breaks);
            let mut ts: Vec<(usize, Polarity)> = c
                .themes
                .iter()
                .filter_map(|t| theme_index.get(t.id.as_str()).map(|&i| (i, t.polarity)))
                .collect();
            ts.sort();
            ts.dedup_by_key(|(i, _)| *i);
            for &(t, _) in &ts {
                base[t] += 1;
            }
            for g in grams {
                *doc_freq.entry(g.clone()).or_default() += 1;
                for &(t, p) in &ts {
                    *theme_freq
                        .entry((g.clone(), t))
                        .or_default()
                        .entry(p)
                        .or_default() += 1;
                    if missed[ix].contains(&t) {
                        *missed_freq.entry((g.clone(), t)).or_default() += 1;
                    }
                }
            }
        }
        let existing: HashSet<(usize, String)> = self
            .cues
            .iter()
            .map(|c| (c.theme, cue_text(&c.pats)))
            .collect();
        let mut learned: Vec<Cue> = Vec::new();
        let mut keys: Vec<_> = theme_freq.into_iter().collect();
        // Deterministic order, so the same corrections always give the same tagger.
        keys.sort_by(|a, b| (a.0 .1, &a.0 .0).cmp(&(b.0 .1, &b.0 .0)));
        for ((gram, t), pols) in keys {
            let with_theme: usize = pols.values().sum();
            let df = doc_freq.get(&gram).copied().unwrap_or(0);
            let fixes = missed_freq.get(&(gram.clone(), t)).copied().unwrap_or(0);
            if fixes < MIN_SUPPORT || df == 0 {
                continue;
            }
            let precision = with_theme as f64 / df as f64;
            let base_rate = base[t] as f64 / n as f64;
            if precision < MIN_PRECISION || precision < (base_rate + 0.1).min(1.0) {
                continue;
            }
            let pats: Vec<Pat> = gram.iter().map(|w| Pat::Exact(w.clone())).collect();
            let text = cue_text(&pats);
            if existing.contains(&(t, text.clone())) {
                continue;
            }
            let polarity = pols
                .iter()
                .max_by_key(|(p, k)| (**k, std::cmp::Reverse(**p)))
                .map(|(p, _)| *p);
            report
                .added
                .push((self.taxonomy.themes[t].id.clone(), text));
            learned.push(Cue {
                theme: t,
                polarity,
                learned: true,
                pats,
            });
        }
        // Bigrams subsume their words: drop a learned unigram if a learned bigram of the same
        // theme contains it? No: both are evidence, and hits are summed per theme only for
        // polarity, where a repeated vote is harmless. Keep both.
        let mut kept = Vec::with_capacity(self.cues.len());
        for (ci, c) in self.cues.drain(..).enumerate() {
            if retire.contains(&ci) {
                report
                    .retired
                    .push((self.taxonomy.themes[c.theme].id.clone(), cue_text(&c.pats)));
            } else {
                kept.push(c);
            }
        }
        kept.extend(learned);
        self.cues = kept;
        self.reindex();

        // Fine-tune the model on the corrections, pulled towards its current weights.
        if let Some(model) = &self.model {
            let examples = self.examples(corrections, 1.0, Some(model), model.options.cue_features);
            let options = TrainOptions {
                l2: FINE_TUNE_L2,
                epochs: FINE_TUNE_EPOCHS,
                ..model.options
            };
            let mut tuned = model.fit(&examples, options, false);
            tuned.options = model.options;
            report.model_features = tuned
                .weights
                .iter()
                .filter(|(f, w)| model.weights.get(*f) != Some(*w))
                .count();
            self.model = Some(tuned);
        }
        report
    }

    /// Cues learned from corrections so far, as (theme id, phrase), for review by an analyst.
    pub fn learned_cues(&self) -> Vec<(String, String)> {
        self.cues
            .iter()
            .filter(|c| c.learned)
            .map(|c| (self.taxonomy.themes[c.theme].id.clone(), cue_text(&c.pats)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corr(text: &str, id: &str, p: Polarity) -> Correction {
        Correction {
            text: text.into(),
            themes: vec![ThemeTag {
                id: id.into(),
                polarity: p,
            }],
        }
    }

    #[test]
    fn two_agreeing_corrections_teach_a_cue_and_one_does_not() {
        let text = "the housing association kept the estate gates broken";
        assert!(Tagger::default()
            .tag(text)
            .iter()
            .all(|t| t.id != "safety_advice"));

        let one = [corr(
            "gates broken again at the estate",
            "safety_advice",
            Polarity::Negative,
        )];
        assert!(Tagger::with_corrections(&one)
            .tag(text)
            .iter()
            .all(|t| t.id != "safety_advice"));

        let two = [
            one[0].clone(),
            corr(
                "the gates broken for months, anyone can walk in",
                "safety_advice",
                Polarity::Negative,
            ),
            corr(
                "the officer explained bail well",
                "understanding_process",
                Polarity::Positive,
            ),
        ];
        let t = Tagger::with_corrections(&two);
        assert!(t
            .learned_cues()
            .contains(&("safety_advice".into(), "gates broken".into())));
        assert!(t.tag(text).contains(&ThemeTag {
            id: "safety_advice".into(),
            polarity: Polarity::Negative
        }));
    }

    #[test]
    fn cues_staff_keep_overruling_are_retired() {
        let mut t = Tagger::default();
        let text = "I moved flat in order to get some peace";
        assert!(t.tag(text).iter().any(|x| x.id == "protective_orders"));
        let cs = [
            Correction {
                text: "I changed jobs in order to avoid him".into(),
                themes: vec![],
            },
            Correction {
                text: "in order to feel normal I stopped going out".into(),
                themes: vec![],
            },
        ];
        let rep = t.learn(&cs);
        assert!(
            rep.retired
                .contains(&("protective_orders".into(), "order".into())),
            "{rep:?}"
        );
        assert!(t.tag(text).iter().all(|x| x.id != "protective_orders"));
    }
}
