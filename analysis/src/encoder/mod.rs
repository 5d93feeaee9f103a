//! The encoder tagger: slower and better than the cues and bag-of-words model of
//! [`Tagger::tag`], so the server runs it in the background over stored comments
//! (`backend/src/services/refine.rs`) rather than on the request path.
//!
//! It is all-MiniLM-L6-v2 fine-tuned on the corpus's dev split, whose (theme, polarity)
//! probabilities are averaged with TF-IDF logistic regressions fitted on the same split; the
//! epochs and threshold were chosen on a validation split of dev
//! (`analysis/experiments/sentence_embeddings/honest_selection.py`) and the weights written by
//! `export_encoder.py` in the same folder. Everything runs in Rust from the embedded files in
//! `data/encoder/` (24 MB, int8), with no Python and no model download at run time.
//!
//! What the encoder cannot know it leaves to the rest of the tagger: a theme an analyst added
//! to `data/themes.json` after the export is tagged by its cues and the bag-of-words model, and
//! a cue learned from staff corrections still tags its theme.

mod bert;
mod tfidf;
mod weights;
mod wordpiece;

use crate::redact::redact;
use crate::themes::{words, Analysis, Polarity, Tagger, ThemeTag};
use bert::Bert;
use rustc_hash::FxHashMap;
use std::sync::OnceLock;
use tfidf::Tfidf;
use weights::Weights;
use wordpiece::WordPiece;

static WEIGHTS: &[u8] = include_bytes!("../../data/encoder/weights.bin");
static VOCAB: &str = include_str!("../../data/encoder/vocab.txt");
static TFIDF_TERMS: &str = include_str!("../../data/encoder/tfidf_terms.txt");

/// The fine-tuned encoder and its TF-IDF partner, loaded from the embedded files.
pub struct Encoder {
    labels: Vec<(String, Polarity)>,
    threshold: f32,
    max_tokens: usize,
    wordpiece: WordPiece,
    bert: Bert,
    tfidf: Tfidf,
}

/// Both halves' probabilities for one comment, one per [`Encoder::labels`] entry.
#[derive(Debug, Clone)]
pub struct Probabilities {
    pub encoder: Vec<f32>,
    pub tfidf: Vec<f32>,
}

/// Frees the calling thread's working buffers and drops the embedded weights' pages from the
/// process's resident memory, for a process that has finished tagging for a while (the
/// server's refiner, between batches). The weights are read-only pages of the binary: the next
/// comment faults them back in from the page cache, unchanged.
pub fn release_memory() {
    bert::release_workspace();
    #[cfg(target_os = "linux")]
    drop_resident_pages(WEIGHTS);
}

/// `MADV_DONTNEED` over the whole pages inside `bytes`.
#[cfg(target_os = "linux")]
fn drop_resident_pages(bytes: &'static [u8]) {
    const PAGE: usize = 4096;
    let start = (bytes.as_ptr() as usize).next_multiple_of(PAGE);
    let end = (bytes.as_ptr() as usize + bytes.len()) / PAGE * PAGE;
    if end > start {
        // SAFETY: the range lies inside a `'static` read-only slice of the binary's own image,
        // never written, so discarding its pages only makes the kernel read them again from
        // the file on the next access; no Rust reference sees different bytes.
        unsafe { libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_DONTNEED) };
    }
}

impl Encoder {
    /// The embedded encoder, parsed once per process on first use (a few milliseconds; the
    /// int8 matrices are borrowed from the binary, not copied).
    pub fn embedded() -> &'static Encoder {
        static ENCODER: OnceLock<Encoder> = OnceLock::new();
        ENCODER.get_or_init(|| {
            let weights = Weights::parse(WEIGHTS);
            let labels = weights
                .header
                .labels
                .iter()
                .map(|(id, polarity)| {
                    let polarity = serde_json::from_value(polarity.as_str().into())
                        .expect("encoder labels carry a known polarity");
                    (id.clone(), polarity)
                })
                .collect();
            Encoder {
                labels,
                threshold: weights.header.threshold,
                max_tokens: weights.header.max_tokens,
                wordpiece: WordPiece::new(VOCAB),
                bert: Bert::new(&weights),
                tfidf: Tfidf::new(&weights, TFIDF_TERMS),
            }
        })
    }

    /// The (theme id, polarity) pairs the encoder scores, in output order.
    pub fn labels(&self) -> &[(String, Polarity)] {
        &self.labels
    }

    /// The averaged probability at which a label is tagged (chosen on a validation split).
    pub fn threshold(&self) -> f32 {
        self.threshold
    }

    /// WordPiece ids with `[CLS]` and `[SEP]`, truncated to the encoder's 128 tokens.
    pub fn token_ids(&self, text: &str) -> Vec<u32> {
        self.wordpiece.encode(text, self.max_tokens)
    }

    pub fn probabilities(&self, text: &str) -> Probabilities {
        Probabilities {
            encoder: self.bert.probabilities(&self.token_ids(text)),
            tfidf: self.tfidf.probabilities(text),
        }
    }

    /// Does the encoder score this theme at all?
    pub fn knows(&self, theme: &str) -> bool {
        self.labels.iter().any(|(id, _)| id == theme)
    }

    /// Themes whose averaged probability reaches the threshold, each with its most probable
    /// polarity (a comment gets one polarity per theme, as everywhere else).
    pub fn themes(&self, text: &str) -> Vec<ThemeTag> {
        let p = self.probabilities(text);
        let mut best: Vec<(usize, f32)> = Vec::new();
        for (label, (e, t)) in p.encoder.iter().zip(&p.tfidf).enumerate() {
            let averaged = (e + t) / 2.0;
            if averaged < self.threshold {
                continue;
            }
            let theme = &self.labels[label].0;
            match best.iter_mut().find(|(l, _)| &self.labels[*l].0 == theme) {
                Some(slot) if slot.1 < averaged => *slot = (label, averaged),
                Some(_) => {}
                None => best.push((label, averaged)),
            }
        }
        best.into_iter()
            .map(|(label, _)| ThemeTag {
                id: self.labels[label].0.clone(),
                polarity: self.labels[label].1,
            })
            .collect()
    }
}

impl Tagger {
    /// Themes for already-redacted text from the fine-tuned encoder, averaged with TF-IDF
    /// regressions, plus what staff corrections taught. Tens of milliseconds of CPU: call it
    /// off the request path.
    ///
    /// For each theme of this tagger's taxonomy: if the encoder scores it, the encoder decides,
    /// except that a cue learned from staff corrections also tags it (the encoder never saw
    /// the corrections); if the encoder does not score it (an analyst added it since), the
    /// fast tagger's verdict stands. A theme with a fixed polarity keeps it.
    pub fn refine(&self, redacted: &str) -> Vec<ThemeTag> {
        let encoder = Encoder::embedded();
        let ws = words(redacted, &self.taxonomy.clause_breaks);
        let from_encoder = encoder.themes(redacted);
        let cues = self.cue_tags(&ws);
        let mut fast = None;
        let mut out = Vec::new();
        for (t, def) in self.taxonomy.themes.iter().enumerate() {
            let polarity = if encoder.knows(&def.id) {
                let taught = cues.iter().find(|c| c.theme == t && c.taught);
                match (from_encoder.iter().find(|e| e.id == def.id), taught) {
                    (Some(e), _) => Some(e.polarity),
                    (None, Some(c)) => Some(c.polarity),
                    (None, None) => None,
                }
            } else {
                fast.get_or_insert_with(|| self.tag_words(&ws))
                    .iter()
                    .find(|(ft, _)| *ft == t)
                    .map(|&(_, p)| p)
            };
            if let Some(p) = polarity {
                out.push(ThemeTag {
                    id: def.id.clone(),
                    polarity: def.fixed_polarity.unwrap_or(p),
                });
            }
        }
        out
    }

    /// [`Tagger::analyse`] with [`Tagger::refine`]'s themes: redacts, then refines.
    pub fn analyse_refined(&self, text: &str) -> Analysis {
        let redacted = redact(text).text;
        let themes = self.refine(&redacted);
        Analysis { redacted, themes }
    }
}

/// Each line of `text` mapped to its line number, in a map sized once: growing it
/// from empty leaves the allocator holding every outgrown table (about 10 MB resident for
/// the WordPiece vocabulary, measured with mimalloc).
pub(crate) fn line_numbers<V: TryFrom<usize>>(text: &'static str) -> FxHashMap<&'static str, V>
where
    V::Error: std::fmt::Debug,
{
    let mut map = FxHashMap::with_capacity_and_hasher(text.lines().count(), Default::default());
    for (i, line) in text.lines().enumerate() {
        map.insert(line, V::try_from(i).expect("line number fits"));
    }
    map
}
