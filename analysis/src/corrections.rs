//! Staff corrections as a learning signal for the theme tagger.
//!
//! When staff fix the themes on a comment, the fixed comment becomes a [`Correction`]: its
//! (already redacted) text and the themes a person says it has. [`Tagger::with_corrections`]
//! and [`Tagger::learn`] turn a batch of them into changes anyone can inspect:
//!
//! - **New cues.** Every word and word pair (bigram) of each corrected text, minus function
//!   words and placeholders, is counted against the themes staff gave. An n-gram becomes a
//!   learned cue for a theme when it appears in at least [`MIN_SUPPORT`] (2) corrections where
//!   staff added that theme because the tagger had missed it, at least [`MIN_PRECISION`] of
//!   all corrections containing it have that theme (and clearly more than the theme's base
//!   rate, so a theme on nearly every comment does not adopt every word), and none of its
//!   words is a built-in cue of another theme (in "no updates from anyone and the stairwell
//!   lights smashed", "updates from" is communication's evidence, not safety advice's), and
//!   the labelled corpus does not contradict it (of the corpus comments containing it, if
//!   there are at least [`CORPUS_MIN_SUPPORT`], at least [`CORPUS_MIN_PRECISION`] carry the
//!   theme). A learned cue triggers the theme like any other; its polarity still comes from negation and
//!   sentiment words around it, with the polarity staff most often gave as the tie-breaker.
//!   One correction alone never changes anything, so a single mistaken click cannot teach.
//! - **Retired cues.** If a built-in cue made the tagger assign a theme that staff removed, in
//!   at least 2 corrections, and that cue never led to a theme staff kept, the cue is switched
//!   off: for example "order" firing protective_orders on "in order to".
//! - **Model retraining** (opt-in, [`LearnOptions::retrain_model`]): the learned model is
//!   retrained from scratch on its dev corpus plus the corrections (one example per distinct
//!   text). Meant for a periodic analyst run, not every correction; see the option for why.
//!
//! What it buys, measured by the `quality` example (staff correct the first 280 held-out
//! comments in time order; micro-F1, id and polarity): the corrected comments themselves go
//! from 0.773 to 0.779 with cue learning and to 0.880 with the model retrained too, so
//! comments worded like them are tagged as staff said; the 280 later comments stay at 0.691
//! -> 0.690 with cue learning and 0.693 with retraining. That is: corrections fix
//! recurring wording reliably and do not help unrelated later comments. Before learned cues
//! had to pass the corpus (an n-gram seen in at least [`CORPUS_MIN_SUPPORT`] corpus comments
//! is learned only if at least half of them carry the theme), 30 cues learned from 130
//! corrections cost later comments 0.03.
//!
//! The encoder tagger ([`Tagger::refine`], what staff see once the server's refiner has
//! passed) keeps the learned cues: a cue learned for a theme tags it whatever the encoder
//! says. Retired cues and model retraining do not reach it (its themes come from the encoder,
//! not the cues or the bag-of-words model); teaching the encoder itself means adding the
//! corrections to the corpus and re-running `export_encoder.py`. The quality example prints
//! what cue learning does to the encoder tagger too.
//!
//! The learned cues can be listed ([`Tagger::learned_cues`]) and copied into
//! `data/themes.json` by an analyst when they have proved themselves; corrections can also be
//! added to the corpus and the model regenerated with the `train` example.

use crate::model::{training_corpus, TrainOptions};
use crate::themes::{words, Cue, Pat, Polarity, Tagger, ThemeTag};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, Mutex, OnceLock};

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
/// What [`Tagger::learn_with`] does with a batch of corrections.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LearnOptions {
    /// Learn new cues from themes the tagger missed.
    pub add_cues: bool,
    /// Retire cues staff kept overruling.
    pub retire_cues: bool,
    /// Retrain the model from scratch on its training corpus (the embedded dev split) plus
    /// the corrections. Off by default: a single correction can move the model (rare words
    /// get decisive weights), retraining costs about 0.2 s in release builds and seconds in
    /// debug ones, and its weights cannot be reviewed the way cues can; it is for a periodic
    /// analyst run rather than every correction. (Fitting the corrections alone made later tagging worse: a few
    /// hundred comments are not a training set, and the model forgot the corpus. Starting
    /// from the current weights did too: AdaGrad's first step moves every weight by the full
    /// step size whatever its gradient.)
    pub retrain_model: bool,
    /// Gradient steps of the retraining (fewer than the shipped model's 1000, to keep a
    /// rebuild after each correction well under a second in release builds).
    pub epochs: usize,
    /// How much one correction counts against one comment of the training corpus.
    pub weight: f64,
}

impl Default for LearnOptions {
    fn default() -> Self {
        LearnOptions {
            add_cues: true,
            retire_cues: true,
            retrain_model: false,
            epochs: 300,
            weight: 1.0,
        }
    }
}

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

/// Corpus comments an n-gram must appear in before the corpus can veto it as a cue.
pub const CORPUS_MIN_SUPPORT: usize = 3;
/// Share of those corpus comments that must carry the theme for the n-gram to be learned.
pub const CORPUS_MIN_PRECISION: f64 = 0.5;

/// Per corpus comment: its n-grams and the ids of the themes it carries.
type CorpusGrams = Vec<(HashSet<Vec<String>>, HashSet<String>)>;

/// The n-grams of each comment of the embedded training corpus, with the themes it carries,
/// per clause-break list (computed once per taxonomy: redacting and splitting 3,000 comments
/// is too slow to repeat after every correction).
fn corpus_grams(breaks: &[String]) -> Arc<CorpusGrams> {
    type Cache = Mutex<HashMap<Vec<String>, Arc<CorpusGrams>>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let cache = CACHE.get_or_init(Cache::default);
    if let Some(found) = cache.lock().unwrap_or_else(|e| e.into_inner()).get(breaks) {
        return found.clone();
    }
    let grams: Arc<CorpusGrams> = Arc::new(
        training_corpus()
            .iter()
            .map(|c| {
                let themes = c.themes.iter().map(|t| t.id.clone()).collect();
                (ngrams(&c.text, breaks), themes)
            })
            .collect(),
    );
    cache
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(breaks.to_vec(), grams.clone());
    grams
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
        self.learn_with(corrections, LearnOptions::default())
    }

    /// [`Tagger::learn`] with explicit options (for measuring what each part adds).
    pub fn learn_with(&mut self, corrections: &[Correction], options: LearnOptions) -> LearnReport {
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
            .filter(|(ci, k)| options.retire_cues && *k >= MIN_SUPPORT && !right.contains(ci))
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
        let corpus = if options.add_cues {
            corpus_grams(&breaks)
        } else {
            Arc::default()
        };
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
            // "updates from" on comments about updates *and* a broken stairwell is evidence
            // for communication, which "updat*" already covers, not for safety advice.
            if gram.iter().any(|w| self.cue_word_of_other_theme(w, t)) {
                continue;
            }
            let precision = with_theme as f64 / df as f64;
            let base_rate = base[t] as f64 / n as f64;
            if precision < MIN_PRECISION || precision < (base_rate + 0.1).min(1.0) {
                continue;
            }
            // A handful of corrections can make any word look like evidence ("the officer"
            // on three complaints about respect); the labelled corpus has seen far more
            // comments, and vetoes an n-gram that mostly appears there without the theme.
            let theme_id = &self.taxonomy.themes[t].id;
            let (in_corpus, with_theme) = corpus
                .iter()
                .filter(|(grams, _)| grams.contains(&gram))
                .fold((0, 0), |(n, k), (_, themes)| {
                    (n + 1, k + usize::from(themes.contains(theme_id)))
                });
            if in_corpus >= CORPUS_MIN_SUPPORT
                && (with_theme as f64) < CORPUS_MIN_PRECISION * in_corpus as f64
            {
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
        if options.add_cues {
            kept.extend(learned);
        } else {
            report.added.clear();
        }
        self.cues = kept;
        self.reindex();

        // Retrain the model on its corpus plus the corrections, from its current weights.
        if let (Some(model), true) = (&self.model, options.retrain_model) {
            let with_cues = model.options.cue_features;
            // One example per distinct text: the same comment pasted (or corrected) many times
            // is one piece of evidence, or its incidental words would look decisive.
            let mut distinct: BTreeMap<&str, &Correction> = BTreeMap::new();
            for c in corrections {
                distinct.insert(c.text.as_str(), c);
            }
            let distinct: Vec<Correction> = distinct.into_values().cloned().collect();
            let mut examples = self.examples(&training_corpus(), 1.0, Some(model), with_cues);
            examples.extend(self.examples(&distinct, options.weight, Some(model), with_cues));
            let retrain = TrainOptions {
                epochs: options.epochs,
                ..model.options
            };
            let mut tuned = model.fit(&examples, retrain);
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

    /// Whether a built-in one-word cue of a theme other than `theme` matches `word`.
    fn cue_word_of_other_theme(&self, word: &str, theme: usize) -> bool {
        self.cues.iter().any(|c| {
            !c.learned
                && c.theme != theme
                && c.pats.len() == 1
                && match &c.pats[0] {
                    Pat::Exact(e) => e == word,
                    Pat::Prefix(p) => word.starts_with(p.as_str()),
                    Pat::Any => false,
                }
        })
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

    /// The backend's scenario (tests/tests/theme_corrections.rs): three identical comments get
    /// safety advice added, three plain ones are confirmed; similar wording later is tagged,
    /// a plain complaint is not.
    #[test]
    fn corrected_wording_is_tagged_later_and_plain_wording_is_not() {
        let stairwell = "No updates from anyone and the stairwell lights smashed again";
        let plain = "I got no updates about my case from anyone";
        let neg = |id: &str| ThemeTag {
            id: id.into(),
            polarity: Polarity::Negative,
        };
        let base = Tagger::default();
        assert!(base
            .tag("Before: the stairwell lights smashed")
            .iter()
            .all(|t| t.id != "safety_advice"));
        let mut cs = Vec::new();
        for _ in 0..3 {
            cs.push(Correction {
                text: stairwell.into(),
                themes: vec![neg("communication"), neg("safety_advice")],
            });
            cs.push(Correction {
                text: plain.into(),
                themes: vec![neg("communication")],
            });
        }
        let t = Tagger::with_corrections(&cs);
        assert!(t
            .tag("The stairwell lights smashed for weeks now")
            .contains(&neg("safety_advice")));
        assert!(t
            .tag("Still no updates from anyone at all")
            .iter()
            .all(|x| x.id != "safety_advice"));
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
