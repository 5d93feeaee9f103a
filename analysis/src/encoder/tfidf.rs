//! The TF-IDF half of the ensemble: scikit-learn's `TfidfVectorizer(ngram_range=(1, 2),
//! min_df=2, sublinear_tf=True)` over lowercased text (tokens are runs of two or more word
//! characters), then one logistic regression per (theme, polarity), as fitted on the dev split
//! by `export_encoder.py`.

use super::bert::sigmoid;
use super::weights::{Int8Matrix, Weights};
use rustc_hash::FxHashMap;

pub(crate) struct Tfidf {
    columns: FxHashMap<&'static str, usize>,
    idf: Vec<f32>,
    coef: Int8Matrix,
    intercept: Vec<f32>,
}

impl Tfidf {
    /// `terms`: one vocabulary term per line, in column order.
    pub(crate) fn new(w: &Weights, terms: &'static str) -> Self {
        let columns = super::line_numbers(terms);
        let idf = w.f32("tfidf.idf");
        assert_eq!(idf.len(), columns.len(), "one idf per TF-IDF term");
        Tfidf {
            columns,
            idf,
            coef: w.int8("tfidf.coef"),
            intercept: w.f32("tfidf.intercept"),
        }
    }

    /// One probability per label.
    pub(crate) fn probabilities(&self, text: &str) -> Vec<f32> {
        let lower = text.to_lowercase();
        let tokens = tokens(&lower);
        let mut counts: FxHashMap<usize, f32> = FxHashMap::default();
        let mut count = |term: &str| {
            if let Some(&c) = self.columns.get(term) {
                *counts.entry(c).or_default() += 1.0;
            }
        };
        tokens.iter().for_each(|t| count(t));
        let mut bigram = String::new();
        for pair in tokens.windows(2) {
            bigram.clear();
            bigram.push_str(pair[0]);
            bigram.push(' ');
            bigram.push_str(pair[1]);
            count(&bigram);
        }
        let mut entries: Vec<(usize, f32)> = counts
            .into_iter()
            .map(|(c, n)| (c, (1.0 + n.ln()) * self.idf[c]))
            .collect();
        let norm = entries.iter().map(|(_, v)| v * v).sum::<f32>().sqrt();
        if norm > 0.0 {
            entries.iter_mut().for_each(|(_, v)| *v /= norm);
        }
        (0..self.coef.rows)
            .map(|label| sigmoid(self.intercept[label] + self.coef.sparse_dot(label, &entries)))
            .collect()
    }
}

/// scikit-learn's default token pattern, `\b\w\w+\b`: every maximal run of two or more word
/// characters (letters, digits, `_`). Written out because the regex crate's Unicode `\w` and
/// `\b` cost a compiled pattern about 4.5 MB of resident memory, for a scan this simple.
fn tokens(text: &str) -> Vec<&str> {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    text.split(|c: char| !is_word(c))
        .filter(|run| run.chars().nth(1).is_some())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::tokens;

    #[test]
    fn tokens_are_runs_of_two_or_more_word_characters() {
        assert_eq!(
            tokens("a pc's café_2 said: x-ray ok 7 77 żółw"),
            ["pc", "café_2", "said", "ray", "ok", "77", "żółw"]
        );
    }
}
