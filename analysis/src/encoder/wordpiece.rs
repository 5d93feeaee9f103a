//! BERT's uncased WordPiece tokenizer, as all-MiniLM-L6-v2's `tokenizer.json` configures it
//! (Hugging Face `tokenizers`: BertNormalizer, BertPreTokenizer, WordPiece, `[CLS] … [SEP]`).
//!
//! Written out rather than taken from the `tokenizers` crate, whose default build compiles a
//! C regex library and a C++ suffix-array one for features this tokenizer never uses. The
//! test `tokenizes_as_hugging_face_does` holds it to the ids the Python library gave for the
//! fixture comments.

use rustc_hash::FxHashMap;
use unicode_normalization::UnicodeNormalization;
use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};

/// Longest word WordPiece will split; a longer one is `[UNK]` (the library's default).
const MAX_WORD_CHARS: usize = 100;

pub(crate) struct WordPiece {
    ids: FxHashMap<&'static str, u32>,
    cls: u32,
    sep: u32,
    unk: u32,
}

impl WordPiece {
    /// `vocab`: one token per line, the line number is the id.
    pub(crate) fn new(vocab: &'static str) -> Self {
        let ids: FxHashMap<&'static str, u32> = super::line_numbers(vocab);
        let id = |t: &str| *ids.get(t).expect("special tokens are in the vocabulary");
        let (cls, sep, unk) = (id("[CLS]"), id("[SEP]"), id("[UNK]"));
        WordPiece { ids, cls, sep, unk }
    }

    /// Token ids with `[CLS]` and `[SEP]`, at most `max_tokens` of them in all.
    pub(crate) fn encode(&self, text: &str, max_tokens: usize) -> Vec<u32> {
        let mut out = vec![self.cls];
        let budget = max_tokens.saturating_sub(1);
        for word in pre_tokenize(&normalize(text)) {
            if out.len() >= budget {
                break;
            }
            self.push_word(&word, &mut out);
        }
        out.truncate(budget);
        out.push(self.sep);
        out
    }

    /// Greedy longest-match-first pieces of one word, or `[UNK]` if any part has no piece.
    fn push_word(&self, word: &str, out: &mut Vec<u32>) {
        if word.chars().count() > MAX_WORD_CHARS {
            out.push(self.unk);
            return;
        }
        let start_len = out.len();
        let mut start = 0;
        let mut piece = String::new();
        while start < word.len() {
            let mut end = word.len();
            let mut found = None;
            while end > start {
                piece.clear();
                if start > 0 {
                    piece.push_str("##");
                }
                piece.push_str(&word[start..end]);
                if let Some(&id) = self.ids.get(piece.as_str()) {
                    found = Some(id);
                    break;
                }
                end = word[..end]
                    .char_indices()
                    .next_back()
                    .map_or(start, |(i, _)| i);
            }
            let Some(id) = found else {
                out.truncate(start_len);
                out.push(self.unk);
                return;
            };
            out.push(id);
            start = end;
        }
    }
}

/// BertNormalizer: drop control characters, whitespace to spaces, spaces around CJK
/// ideographs, strip accents (NFD, then drop combining marks), lowercase.
fn normalize(text: &str) -> String {
    let mut cleaned = String::with_capacity(text.len());
    for c in text.chars() {
        if c == '\0' || c == '\u{fffd}' || is_control(c) {
            continue;
        }
        if is_whitespace(c) {
            cleaned.push(' ');
        } else if is_chinese(c) {
            cleaned.extend([' ', c, ' ']);
        } else {
            cleaned.push(c);
        }
    }
    cleaned
        .nfd()
        .filter(|&c| c.general_category() != unicode_properties::GeneralCategory::NonspacingMark)
        .flat_map(char::to_lowercase)
        .collect()
}

/// BertPreTokenizer: split on whitespace, and every punctuation character is a word.
fn pre_tokenize(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    for chunk in text.split(char::is_whitespace) {
        let mut current = String::new();
        for c in chunk.chars() {
            if is_punctuation(c) {
                if !current.is_empty() {
                    words.push(std::mem::take(&mut current));
                }
                words.push(c.to_string());
            } else {
                current.push(c);
            }
        }
        if !current.is_empty() {
            words.push(current);
        }
    }
    words
}

fn is_whitespace(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || c.is_whitespace()
}

fn is_control(c: char) -> bool {
    !matches!(c, '\t' | '\n' | '\r') && c.general_category_group() == GeneralCategoryGroup::Other
}

fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation() || c.general_category_group() == GeneralCategoryGroup::Punctuation
}

fn is_chinese(c: char) -> bool {
    matches!(c as u32,
        0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0x20000..=0x2A6DF | 0x2A700..=0x2B73F
        | 0x2B740..=0x2B81F | 0x2B920..=0x2CEAF | 0xF900..=0xFAFF | 0x2F800..=0x2FA1F)
}
