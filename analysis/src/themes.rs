//! Multi-label theme tagging with a polarity per theme, driven by a taxonomy that is data.
//!
//! The taxonomy (`data/themes.json`, embedded at build time, or any file with the same shape
//! through [`Tagger::from_json`] / [`Tagger::from_path`]) lists each theme's cue phrases and,
//! shared by all themes, negation words, sentiment words and clause breaks. An analyst can add a
//! theme or a cue by editing that file; no release is needed.
//!
//! Two halves decide together (see [`Tagger::tag`]). The cues are transparent: staff can see
//! why a tag is there ("it says communication because the text says 'no updates'"). The
//! learned model (`model` module, weights in `data/model.json`) adds themes the cues miss in
//! wording nobody wrote a cue for, and its second pass drops cue hits the rest of the comment
//! does not bear out; a cue learned from staff corrections always counts. On the blind
//! held-out parts H and N (560 comments): micro-F1 0.729 against 0.428 for the cues alone
//! (details in the `model` module). [`Tagger::cues_only`] gives the cues alone.
//!
//! Polarity for one cue hit, in order:
//! 1. a theme's `negative_cues` / `positive_cues` carry their own direction; a negation just
//!    before a positive cue flips it ("never kept me updated");
//! 2. otherwise, sentiment words within `window` words in the same clause vote (+1 / -1; a
//!    negated positive word votes -1), and a negation near the cue itself votes -1 (a theme
//!    mentioned with "no"/"never"/"nie" is almost always a complaint: "no safety plan");
//! 3. a tie falls back to the theme's `default_polarity` (negative for most themes: people
//!    name a part of the process in a feedback form mostly to say it went wrong).
//!
//! Hits are summed per theme. Themes with `fixed_polarity` (praise) drop negated hits instead.

use crate::model::{Model, TrainOptions};
use crate::redact::{redact, PiiKind};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Which way a theme is mentioned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Polarity {
    Negative,
    Positive,
    Neutral,
}

/// One theme found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ThemeTag {
    pub id: String,
    pub polarity: Polarity,
}

/// What the backend stores: the redacted text and its themes; never the original text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Analysis {
    pub redacted: String,
    pub themes: Vec<ThemeTag>,
}

/// A taxonomy file that cannot be used.
#[derive(Debug)]
pub enum TaxonomyError {
    Json(serde_json::Error),
    Io(std::io::Error),
    Invalid(String),
}

impl fmt::Display for TaxonomyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TaxonomyError::Json(e) => write!(f, "taxonomy is not valid JSON: {e}"),
            TaxonomyError::Io(e) => write!(f, "taxonomy could not be read: {e}"),
            TaxonomyError::Invalid(m) => write!(f, "taxonomy is invalid: {m}"),
        }
    }
}

impl std::error::Error for TaxonomyError {}

/// The JSON shape of `data/themes.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Taxonomy {
    #[serde(default)]
    pub version: u32,
    #[serde(default = "default_window")]
    pub window: usize,
    #[serde(default)]
    pub negation: Vec<String>,
    #[serde(default)]
    pub negative: Vec<String>,
    #[serde(default)]
    pub positive: Vec<String>,
    #[serde(default)]
    pub clause_breaks: Vec<String>,
    pub themes: Vec<ThemeDef>,
}

fn default_window() -> usize {
    6
}

fn default_negative() -> Polarity {
    Polarity::Negative
}

/// One theme of the taxonomy.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ThemeDef {
    pub id: String,
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub cues: Vec<String>,
    #[serde(default)]
    pub negative_cues: Vec<String>,
    #[serde(default)]
    pub positive_cues: Vec<String>,
    #[serde(default = "default_negative")]
    pub default_polarity: Polarity,
    #[serde(default)]
    pub fixed_polarity: Option<Polarity>,
}

const DEFAULT_TAXONOMY: &str = include_str!("../data/themes.json");
/// Trained weights (`null` for none); regenerate with the `train` example.
const DEFAULT_MODEL: &str = include_str!("../data/model.json");

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Pat {
    Exact(String),
    Prefix(String),
    Any,
}

/// A theme the cues found in a comment.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CueTag {
    pub(crate) theme: usize,
    pub(crate) polarity: Polarity,
    /// The polarity came from evidence in the text (a polar cue or sentiment words) rather
    /// than the theme's default.
    pub(crate) evidence: bool,
    /// A cue learned from staff corrections fired for it.
    pub(crate) taught: bool,
}

/// A compiled cue: which theme, what it says about direction, and its word pattern.
#[derive(Debug, Clone)]
pub(crate) struct Cue {
    pub(crate) theme: usize,
    /// `Some` for polar cues; for learned cues this is only a tie-breaker (see `learned`).
    pub(crate) polarity: Option<Polarity>,
    pub(crate) learned: bool,
    pub(crate) pats: Vec<Pat>,
}

/// Word lists matched the same way as cues (exact words, stems, short phrases).
#[derive(Debug, Clone, Default)]
struct Lexicon {
    index: PatIndex,
    pats: Vec<Vec<Pat>>,
}

/// First-word index over patterns, so matching costs a few hash lookups per word.
#[derive(Debug, Clone, Default)]
struct PatIndex {
    exact: FxHashMap<String, Vec<usize>>,
    prefix: FxHashMap<String, Vec<usize>>,
}

const PREFIX_KEY: usize = 3;

impl PatIndex {
    fn insert(&mut self, first: &Pat, id: usize) {
        match first {
            Pat::Exact(w) => self.exact.entry(w.clone()).or_default().push(id),
            Pat::Prefix(p) => {
                let key: String = p.chars().take(PREFIX_KEY).collect();
                self.prefix.entry(key).or_default().push(id)
            }
            Pat::Any => {}
        }
    }

    /// Candidate pattern ids whose first word may match `word`: its exact entry, then those
    /// of its first one, two and three characters (slices of it: nothing is allocated, as
    /// this runs for every word of every comment).
    fn candidates<'a>(&'a self, word: &'a str) -> impl Iterator<Item = usize> + 'a {
        let exact = self.exact.get(word).into_iter().flatten().copied();
        let prefix = word
            .char_indices()
            .take(PREFIX_KEY)
            .filter_map(move |(i, c)| self.prefix.get(&word[..i + c.len_utf8()]))
            .flatten()
            .copied();
        exact.chain(prefix)
    }
}

pub(crate) fn parse_pattern(s: &str) -> Vec<Pat> {
    s.split_whitespace()
        .map(|w| {
            let w = w.to_lowercase().replace('’', "'");
            if w == "*" {
                Pat::Any
            } else if let Some(stem) = w.strip_suffix('*') {
                Pat::Prefix(stem.to_string())
            } else {
                Pat::Exact(w)
            }
        })
        .collect()
}

fn pat_matches(pats: &[Pat], words: &[Word], at: usize) -> bool {
    if at + pats.len() > words.len() {
        return false;
    }
    // A phrase must not straddle a sentence end.
    let clause = words[at].sentence;
    pats.iter().zip(&words[at..]).all(|(p, w)| {
        w.sentence == clause
            && match p {
                Pat::Exact(e) => w.text == *e,
                Pat::Prefix(pre) => w.text.starts_with(pre.as_str()),
                Pat::Any => true,
            }
    })
}

impl Lexicon {
    fn new(list: &[String]) -> Self {
        let mut lex = Lexicon::default();
        for s in list {
            let p = parse_pattern(s);
            if p.is_empty() || p[0] == Pat::Any {
                continue;
            }
            lex.index.insert(&p[0], lex.pats.len());
            lex.pats.push(p);
        }
        lex
    }

    /// Marks every word covered by an entry of this lexicon.
    fn mark(&self, words: &[Word]) -> Vec<bool> {
        let mut hit = vec![false; words.len()];
        for i in 0..words.len() {
            for id in self.index.candidates(&words[i].text) {
                let p = &self.pats[id];
                if pat_matches(p, words, i) {
                    for h in hit.iter_mut().skip(i).take(p.len()) {
                        *h = true;
                    }
                }
            }
        }
        hit
    }
}

/// A tagged word: lower-cased text, sentence id (for phrases), clause id (for polarity).
#[derive(Debug, Clone)]
pub(crate) struct Word {
    pub(crate) text: String,
    pub(crate) sentence: usize,
    clause: usize,
}

/// Splits redacted text into lower-cased words. Placeholders are dropped: "[phone]" must not
/// count as the word "phone" (which is a cue for evidence handling).
pub(crate) fn words(text: &str, clause_breaks: &[String]) -> Vec<Word> {
    let mut out = Vec::new();
    let mut sentence = 0;
    let mut clause = 0;
    let mut cur = String::new();
    let mut in_placeholder = false;
    let flush = |cur: &mut String, out: &mut Vec<Word>, sentence: usize, clause: &mut usize| {
        let w = cur.trim_matches('\'').to_string();
        cur.clear();
        if w.is_empty() {
            return;
        }
        if clause_breaks.contains(&w) {
            *clause += 1;
        }
        out.push(Word {
            text: w,
            sentence,
            clause: *clause,
        });
    };
    for c in text.chars() {
        if in_placeholder {
            if c == ']' {
                in_placeholder = false;
            }
            continue;
        }
        if c.is_alphanumeric() || c == '\'' || c == '’' || c == '/' || (c == '-' && !cur.is_empty())
        {
            if c == '’' {
                cur.push('\'');
            } else {
                cur.extend(c.to_lowercase());
            }
            continue;
        }
        flush(&mut cur, &mut out, sentence, &mut clause);
        match c {
            '[' => in_placeholder = true,
            '.' | '!' | '?' | ';' | '\n' | '(' | ')' => {
                sentence += 1;
                clause += 1;
            }
            _ => {}
        }
    }
    flush(&mut cur, &mut out, sentence, &mut clause);
    out
}

/// Tags free text with themes from a taxonomy. Cheap to clone; build once and share.
#[derive(Debug, Clone)]
pub struct Tagger {
    pub(crate) taxonomy: Taxonomy,
    pub(crate) cues: Vec<Cue>,
    cue_index: PatIndex,
    negation: Lexicon,
    negative: Lexicon,
    positive: Lexicon,
    pub(crate) model: Option<Model>,
}

impl Default for Tagger {
    /// The embedded taxonomy and model; a unit test guarantees both parse. Parsed once per
    /// process (the model is a few hundred KB of JSON) and cloned after that.
    fn default() -> Self {
        static DEFAULT: std::sync::OnceLock<Tagger> = std::sync::OnceLock::new();
        DEFAULT
            .get_or_init(|| {
                let model: Option<Model> =
                    serde_json::from_str(DEFAULT_MODEL).expect("embedded data/model.json is valid");
                Tagger::cues_only().with_model(model)
            })
            .clone()
    }
}

impl Tagger {
    /// The embedded taxonomy without the learned model (the cues alone).
    pub fn cues_only() -> Self {
        Tagger::from_json(DEFAULT_TAXONOMY).expect("embedded data/themes.json is valid")
    }

    /// Replaces the learned model (`None`: the cues alone decide).
    pub fn with_model(mut self, model: Option<Model>) -> Self {
        self.model = model;
        self
    }

    /// The learned model in use, if any.
    pub fn model(&self) -> Option<&Model> {
        self.model.as_ref()
    }

    /// Trains a fresh model for this tagger's taxonomy and cues from labelled comments
    /// (their text is redacted again here). Deterministic: the same input gives the same model.
    pub fn train_model(&self, labelled: &[crate::Correction], options: TrainOptions) -> Model {
        let examples = self.examples_with(labelled, 1.0, None, &options);
        let themes = self.taxonomy.themes.iter().map(|t| t.id.clone()).collect();
        let mut m = Model::train(themes, &examples, options);
        m.about = format!(
            "Per-theme logistic regression and polarity model over word stems, bigrams and \
             negation scope, and a second pass over their probabilities and the cues' \
             verdicts; trained on {} comments. Regenerate with \
             `cargo run -p analysis --release --example train`.",
            labelled.len()
        );
        m
    }

    /// Labelled comments as model examples, with theme indices and feature options from
    /// `model` (`with_cues` overriding its `cue_features`), or the taxonomy's order and the
    /// default options when there is no model yet.
    pub(crate) fn examples(
        &self,
        labelled: &[crate::Correction],
        weight: f64,
        model: Option<&Model>,
        with_cues: bool,
    ) -> Vec<crate::model::Example> {
        let opts = TrainOptions {
            cue_features: with_cues,
            ..model.map(|m| m.options).unwrap_or_default()
        };
        self.examples_with(labelled, weight, model, &opts)
    }

    /// [`Tagger::examples`] with explicit feature options.
    fn examples_with(
        &self,
        labelled: &[crate::Correction],
        weight: f64,
        model: Option<&Model>,
        opts: &TrainOptions,
    ) -> Vec<crate::model::Example> {
        let index: std::collections::HashMap<&str, usize> = match model {
            Some(m) => crate::model::theme_map(m),
            None => self
                .taxonomy
                .themes
                .iter()
                .enumerate()
                .map(|(i, t)| (t.id.as_str(), i))
                .collect(),
        };
        labelled
            .iter()
            .map(|c| {
                let red = redact(&c.text).text;
                let ws = words(&red, &self.taxonomy.clause_breaks);
                let cue = self.cue_tags(&ws);
                crate::model::Example {
                    features: self
                        .model_features(&ws, &cue, opts)
                        .iter()
                        .map(String::from)
                        .collect(),
                    themes: c
                        .themes
                        .iter()
                        .filter_map(|t| index.get(t.id.as_str()).map(|&i| (i, t.polarity)))
                        .collect(),
                    weight,
                    cued: cue
                        .iter()
                        .filter_map(|c| {
                            index
                                .get(self.taxonomy.themes[c.theme].id.as_str())
                                .copied()
                        })
                        .collect(),
                }
            })
            .collect()
    }

    /// Builds a tagger from taxonomy JSON (the shape of `data/themes.json`).
    pub fn from_json(json: &str) -> Result<Self, TaxonomyError> {
        let taxonomy: Taxonomy = serde_json::from_str(json).map_err(TaxonomyError::Json)?;
        Self::from_taxonomy(taxonomy)
    }

    /// Builds a tagger from a taxonomy file, so analysts can change themes without a release.
    pub fn from_path(path: impl AsRef<std::path::Path>) -> Result<Self, TaxonomyError> {
        let json = std::fs::read_to_string(path).map_err(TaxonomyError::Io)?;
        Self::from_json(&json)
    }

    pub fn from_taxonomy(taxonomy: Taxonomy) -> Result<Self, TaxonomyError> {
        let mut seen = std::collections::HashSet::new();
        for t in &taxonomy.themes {
            if t.id.trim().is_empty() {
                return Err(TaxonomyError::Invalid("a theme has an empty id".into()));
            }
            if !seen.insert(t.id.as_str()) {
                return Err(TaxonomyError::Invalid(format!(
                    "duplicate theme id {:?}",
                    t.id
                )));
            }
        }
        let mut cues = Vec::new();
        for (ti, t) in taxonomy.themes.iter().enumerate() {
            let lists = [
                (&t.cues, None),
                (&t.negative_cues, Some(Polarity::Negative)),
                (&t.positive_cues, Some(Polarity::Positive)),
            ];
            for (list, polarity) in lists {
                for s in list {
                    let pats = parse_pattern(s);
                    if pats.is_empty() || pats[0] == Pat::Any {
                        continue;
                    }
                    cues.push(Cue {
                        theme: ti,
                        polarity,
                        learned: false,
                        pats,
                    });
                }
            }
        }
        let mut tagger = Tagger {
            negation: Lexicon::new(&taxonomy.negation),
            negative: Lexicon::new(&taxonomy.negative),
            positive: Lexicon::new(&taxonomy.positive),
            taxonomy,
            cues,
            cue_index: PatIndex::default(),
            model: None,
        };
        tagger.reindex();
        Ok(tagger)
    }

    pub(crate) fn reindex(&mut self) {
        let mut idx = PatIndex::default();
        for (i, c) in self.cues.iter().enumerate() {
            idx.insert(&c.pats[0], i);
        }
        self.cue_index = idx;
    }

    /// The taxonomy in use (for listing themes and labels in staff pages).
    pub fn taxonomy(&self) -> &Taxonomy {
        &self.taxonomy
    }

    /// Redacts, then tags the redacted text. The original text goes no further than this call.
    pub fn analyse(&self, text: &str) -> Analysis {
        let redacted = redact(text).text;
        let themes = self.tag(&redacted);
        Analysis { redacted, themes }
    }

    /// Tags text that has already been redacted.
    pub fn tag(&self, redacted: &str) -> Vec<ThemeTag> {
        let ws = words(redacted, &self.taxonomy.clause_breaks);
        self.tag_words(&ws)
            .into_iter()
            .map(|(ti, polarity)| ThemeTag {
                id: self.taxonomy.themes[ti].id.clone(),
                polarity,
            })
            .collect()
    }

    /// Cue hits as (cue index, first word, one past the last word).
    pub(crate) fn hits(&self, ws: &[Word]) -> Vec<(usize, usize, usize)> {
        let mut hits = Vec::new();
        for i in 0..ws.len() {
            for ci in self.cue_index.candidates(&ws[i].text) {
                let pats = &self.cues[ci].pats;
                if pat_matches(pats, ws, i) {
                    hits.push((ci, i, i + pats.len()));
                }
            }
        }
        hits
    }

    /// Themes the cues alone find.
    pub(crate) fn cue_tags(&self, ws: &[Word]) -> Vec<CueTag> {
        let neg = self.negation.mark(ws);
        let negw = self.negative.mark(ws);
        let posw = self.positive.mark(ws);
        let window = self.taxonomy.window;
        let negated_before = |i: usize, n: usize| -> bool {
            (i.saturating_sub(n)..i).any(|k| neg[k] && ws[k].clause == ws[i].clause)
        };

        let n_themes = self.taxonomy.themes.len();
        let mut present = vec![false; n_themes];
        let mut taught = vec![false; n_themes];
        let mut score = vec![0i32; n_themes];
        let mut hint = vec![0i32; n_themes];
        // A word that was used as part of a polar cue must not also vote as a sentiment word for
        // the same theme; the simplest way is to let polar cues dominate with a weight of 2.
        let mut hits = self.hits(ws);
        // A cue inside a longer cue of the same theme says nothing more, and may say it with the
        // wrong sign ("repeat myself" inside "never had to repeat myself"): keep maximal hits.
        hits.sort_by_key(|&(ci, a, b)| (self.cues[ci].theme, a, std::cmp::Reverse(b)));
        let mut kept: Vec<(usize, usize, usize)> = Vec::with_capacity(hits.len());
        for h in hits {
            let t = self.cues[h.0].theme;
            let inside = kept
                .iter()
                .rev()
                .take_while(|k| self.cues[k.0].theme == t)
                .any(|k| k.1 <= h.1 && h.2 <= k.2 && (k.1, k.2) != (h.1, h.2));
            if !inside {
                kept.push(h);
            }
        }
        for (ci, a, b) in kept {
            let cue = &self.cues[ci];
            let t = cue.theme;
            taught[t] |= cue.learned;
            let def = &self.taxonomy.themes[t];
            if def.fixed_polarity.is_some() {
                // Praise that is negated ("not helpful", "nobody was kind") is not praise.
                if negated_before(a, 3) {
                    continue;
                }
                present[t] = true;
                continue;
            }
            present[t] = true;
            match (cue.polarity, cue.learned) {
                // "never had to repeat myself": a negated complaint is praise.
                (Some(Polarity::Negative), false) => {
                    let self_negated = (a..b).any(|k| neg[k]);
                    score[t] += if !self_negated && negated_before(a, 2) {
                        2
                    } else {
                        -2
                    };
                }
                (Some(Polarity::Positive), false) => {
                    score[t] += if negated_before(a, 3) { -2 } else { 2 };
                }
                (Some(p), true) => {
                    hint[t] += match p {
                        Polarity::Negative => -1,
                        Polarity::Positive => 1,
                        Polarity::Neutral => 0,
                    }
                }
                _ => {}
            }
            if cue.polarity.is_none() || cue.learned {
                let clause = ws[a].clause;
                let lo = a.saturating_sub(window);
                let hi = (b + window).min(ws.len());
                let mut s = 0i32;
                for k in lo..hi {
                    if ws[k].clause != clause || (a..b).contains(&k) {
                        continue;
                    }
                    if posw[k] {
                        s += if negated_before(k, 3) { -1 } else { 1 };
                    } else if negw[k] {
                        s -= 1;
                    }
                }
                let near_neg = (a.saturating_sub(4)..(b + 2).min(ws.len()))
                    .any(|k| neg[k] && ws[k].clause == clause);
                if near_neg {
                    s -= 1;
                }
                score[t] += s.signum();
            }
        }
        (0..n_themes)
            .filter(|&t| present[t])
            .map(|t| {
                let def = &self.taxonomy.themes[t];
                let p = if let Some(p) = def.fixed_polarity {
                    p
                } else if score[t] > 0 {
                    Polarity::Positive
                } else if score[t] < 0 {
                    Polarity::Negative
                } else if hint[t] > 0 {
                    Polarity::Positive
                } else if hint[t] < 0 {
                    Polarity::Negative
                } else {
                    def.default_polarity
                };
                CueTag {
                    theme: t,
                    polarity: p,
                    evidence: def.fixed_polarity.is_some() || score[t] != 0,
                    taught: taught[t],
                }
            })
            .collect()
    }

    /// Model features of a comment: word stems, bigrams, negation scope and the cues' verdict.
    pub(crate) fn model_features(
        &self,
        ws: &[Word],
        cue: &[CueTag],
        opts: &TrainOptions,
    ) -> crate::model::Features {
        let neg = self.negation.mark(ws);
        // A negation covers the next three words of its clause ("never [got a call]").
        let mut scope = vec![false; ws.len()];
        for (i, w) in ws.iter().enumerate() {
            if neg[i] {
                for (k, s) in scope.iter_mut().enumerate().skip(i + 1).take(3) {
                    if ws[k].clause == w.clause {
                        *s = true;
                    }
                }
            }
        }
        let tokens: Vec<crate::model::Token> = ws
            .iter()
            .zip(scope)
            .map(|(w, negated)| crate::model::Token {
                word: &w.text,
                sentence: w.sentence,
                negated,
            })
            .collect();
        let cue_ids: Vec<(&str, Polarity)> = if opts.cue_features {
            cue.iter()
                .map(|c| (self.taxonomy.themes[c.theme].id.as_str(), c.polarity))
                .collect()
        } else {
            Vec::new()
        };
        crate::model::features(&tokens, &cue_ids)
    }

    /// Themes of a comment: the cues' verdict, decided by the model where it knows the theme.
    ///
    /// A theme the model was trained on is tagged when the model's second pass says so (or,
    /// for a model without one, when its cues fire or its probability reaches the
    /// threshold), or when a cue learned from staff corrections fired. Its polarity is the
    /// cues' when the text gave them a direction, otherwise the polarity model's. A theme the
    /// model does not know (one an analyst added since) is tagged by its cues alone.
    pub(crate) fn tag_words(&self, ws: &[Word]) -> Vec<(usize, Polarity)> {
        let cue = self.cue_tags(ws);
        let Some(model) = &self.model else {
            return cue.into_iter().map(|c| (c.theme, c.polarity)).collect();
        };
        let feats = self.model_features(ws, &cue, &model.options);
        let probs = model.theme_probs(feats.iter());
        // A dozen themes: finding one by a scan costs less than building a map per comment.
        let model_index = |id: &str| model.themes.iter().position(|m| m == id);
        let mut cued = vec![false; model.themes.len()];
        for c in &cue {
            if let Some(m) = model_index(&self.taxonomy.themes[c.theme].id) {
                cued[m] = true;
            }
        }
        let mut polarity_scores = None;
        let mut out = Vec::new();
        for (t, def) in self.taxonomy.themes.iter().enumerate() {
            let from_cues = cue.iter().find(|c| c.theme == t);
            let Some(m) = model_index(&def.id) else {
                if let Some(c) = from_cues {
                    out.push((t, c.polarity));
                }
                continue;
            };
            // A cue learned from staff corrections always tags its theme: the model has not
            // seen those corrections (unless retrained), and staff expect what they taught.
            let taught = from_cues.is_some_and(|c| c.taught);
            let tagged = taught
                || match model.stacked(&probs, &cued, m) {
                    Some(p) => p >= model.options.stack_threshold,
                    None => {
                        (!model.options.cue_features && from_cues.is_some())
                            || probs[m] >= model.options.threshold
                    }
                };
            if !tagged {
                continue;
            }
            let p = match (def.fixed_polarity, from_cues) {
                (Some(p), _) => p,
                (None, Some(c)) if c.evidence => c.polarity,
                _ => model.polarity_of(
                    *polarity_scores.get_or_insert_with(|| model.polarity_scores(feats.iter())),
                    m,
                ),
            };
            out.push((t, p));
        }
        out
    }
}

/// Every placeholder the redactor can emit, so callers can recognise them in stored text.
pub fn placeholders() -> impl Iterator<Item = &'static str> {
    PiiKind::ALL.iter().map(|k| k.placeholder())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(s: &str) -> Vec<(String, Polarity)> {
        Tagger::default()
            .analyse(s)
            .themes
            .into_iter()
            .map(|t| (t.id, t.polarity))
            .collect()
    }

    #[test]
    fn embedded_model_covers_every_theme_and_overrules_the_cues_both_ways() {
        let t = Tagger::default();
        let model = t.model().expect("a model is embedded");
        let ids: Vec<&String> = t.taxonomy().themes.iter().map(|t| &t.id).collect();
        assert_eq!(model.themes.iter().collect::<Vec<_>>(), ids);
        assert_eq!(
            model.stack.len(),
            ids.len(),
            "a second pass for every theme"
        );
        let has =
            |tagger: &Tagger, text: &str, id: &str| tagger.tag(text).iter().any(|x| x.id == id);
        let cues = Tagger::cues_only();
        // No cue names this, the model does.
        let laughed = "He laughed when I said I was scared";
        assert!(!has(&cues, laughed, "taken_seriously") && has(&t, laughed, "taken_seriously"));
        // "court" trips court-process cues; the comment is about an advocate's explanation.
        let explained = "my advocate explained everything about court";
        assert!(has(&cues, explained, "court_process") && !has(&t, explained, "court_process"));
    }

    #[test]
    fn embedded_taxonomy_has_the_fourteen_themes() {
        let t = Tagger::default();
        let ids: Vec<&str> = t.taxonomy().themes.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "communication",
                "officer_continuity",
                "taken_seriously",
                "stalking_recognised",
                "safety_advice",
                "protective_orders",
                "investigation_quality",
                "cps_charging",
                "court_process",
                "support_referral",
                "understanding_process",
                "withdrawal",
                "respect_equality",
                "positive"
            ]
        );
    }

    #[test]
    fn polarity_follows_negation() {
        assert!(tags("They never kept me updated")
            .contains(&("communication".into(), Polarity::Negative)));
        assert!(tags("They kept me updated every week")
            .contains(&("communication".into(), Polarity::Positive)));
        assert!(tags("the advocate was not helpful")
            .iter()
            .all(|(id, _)| id != "positive"));
    }

    #[test]
    fn json_shape_is_stable() {
        let a = Analysis {
            redacted: "x".into(),
            themes: vec![ThemeTag {
                id: "communication".into(),
                polarity: Polarity::Negative,
            }],
        };
        assert_eq!(
            serde_json::to_string(&a).unwrap(),
            r#"{"redacted":"x","themes":[{"id":"communication","polarity":"negative"}]}"#
        );
    }

    #[test]
    fn an_analyst_can_add_a_theme() {
        let mut tax: Taxonomy = serde_json::from_str(DEFAULT_TAXONOMY).unwrap();
        tax.themes.push(ThemeDef {
            id: "housing".into(),
            label: "Housing".into(),
            cues: vec!["housing officer".into(), "rehous*".into()],
            negative_cues: vec![],
            positive_cues: vec![],
            default_polarity: Polarity::Negative,
            fixed_polarity: None,
        });
        let t = Tagger::from_taxonomy(tax).unwrap();
        assert!(t
            .tag("still waiting to be rehoused")
            .iter()
            .any(|t| t.id == "housing"));
        assert!(Tagger::from_json(r#"{"themes":[{"id":"a"},{"id":"a"}]}"#).is_err());
    }
}
