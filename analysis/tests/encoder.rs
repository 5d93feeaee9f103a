//! The encoder tagger against the Python it was exported from, and what it keeps from the
//! rest of the tagger. `fixtures/encoder_reference.jsonl` is written by
//! `analysis/experiments/sentence_embeddings/export_encoder.py`: 60 redacted corpus comments
//! with the token ids Hugging Face's tokenizer gave and the probabilities PyTorch (int8
//! weights, widened) and scikit-learn gave.

use analysis::encoder::Encoder;
use analysis::{Correction, Polarity, Tagger, Taxonomy, ThemeTag};

#[derive(serde::Deserialize)]
struct Reference {
    text: String,
    ids: Vec<u32>,
    encoder: Vec<f32>,
    tfidf: Vec<f32>,
}

fn references() -> Vec<Reference> {
    include_str!("fixtures/encoder_reference.jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).expect("fixture line is JSON"))
        .collect()
}

fn max_gap(a: &[f32], b: &[f32]) -> f32 {
    assert_eq!(a.len(), b.len());
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y).abs())
        .fold(0.0, f32::max)
}

#[test]
fn tokenizes_as_hugging_face_does() {
    let encoder = Encoder::embedded();
    for r in references() {
        assert_eq!(encoder.token_ids(&r.text), r.ids, "{}", r.text);
    }
}

#[test]
fn probabilities_match_pytorch_and_scikit_learn() {
    let encoder = Encoder::embedded();
    for r in references() {
        let p = encoder.probabilities(&r.text);
        assert_eq!(p.encoder.len(), encoder.labels().len());
        assert!(
            max_gap(&p.encoder, &r.encoder) < 2e-3,
            "encoder on {:?}",
            r.text
        );
        assert!(max_gap(&p.tfidf, &r.tfidf) < 2e-3, "tfidf on {:?}", r.text);
    }
}

/// The refiner hands memory back between batches: the weights' pages leave the process and
/// come back from the binary's file unchanged, and the next comment gets a new workspace.
#[test]
fn probabilities_are_unchanged_after_memory_is_released() {
    let encoder = Encoder::embedded();
    for r in references().iter().take(10) {
        analysis::encoder::release_memory();
        let p = encoder.probabilities(&r.text);
        assert!(
            max_gap(&p.encoder, &r.encoder) < 2e-3,
            "encoder on {:?}",
            r.text
        );
        assert!(max_gap(&p.tfidf, &r.tfidf) < 2e-3, "tfidf on {:?}", r.text);
    }
}

#[test]
fn a_theme_the_encoder_never_saw_still_comes_from_its_cues() {
    let mut taxonomy: Taxonomy =
        serde_json::from_str(include_str!("../data/themes.json")).expect("taxonomy parses");
    let mut parking = taxonomy.themes[0].clone();
    parking.id = "parking".into();
    parking.label = "Parking at the station".into();
    parking.cues = vec!["parking".into()];
    taxonomy.themes.push(parking);
    let tagger = Tagger::from_taxonomy(taxonomy).expect("taxonomy is valid");
    let text = "There was no parking anywhere near the station and nobody rang me back";
    let themes = tagger.refine(text);
    assert!(themes.iter().any(|t| t.id == "parking"), "{themes:?}");
    assert!(Tagger::default()
        .refine(text)
        .iter()
        .all(|t| t.id != "parking"));
}

#[test]
fn a_cue_staff_taught_still_tags_its_theme() {
    // Staff twice added court_process to comments about a "listing officer"; the encoder has
    // never seen the phrase.
    let taught = |text: &str| Correction {
        text: text.into(),
        themes: vec![ThemeTag {
            id: "court_process".into(),
            polarity: Polarity::Negative,
        }],
    };
    let text = "the zorblax listing was wrong again";
    let before = Tagger::default().refine(text);
    assert!(before.iter().all(|t| t.id != "court_process"), "{before:?}");
    let tagger = Tagger::with_corrections(&[
        taught("zorblax listing moved twice"),
        taught("the zorblax listing never told me"),
    ]);
    let after = tagger.refine(text);
    assert!(after.iter().any(|t| t.id == "court_process"), "{after:?}");
}

#[test]
fn hostile_input_is_bounded_by_the_token_limit() {
    let encoder = Encoder::embedded();
    let text = "ab".repeat(40_000) + &" x.".repeat(20_000);
    assert!(encoder.token_ids(&text).len() <= 128);
    let _ = Tagger::default().refine(&text);
    let _ = Tagger::default().refine("");
    let _ = Tagger::default().refine("\u{0}\u{202e}\u{fffd}[name] 😀 火車");
}

proptest::proptest! {
    // Each case runs the whole encoder (milliseconds), so fewer cases than the redaction
    // properties; PROPTEST_CASES=2000 for a longer hunt.
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

    /// On any text, and on words glued from vocabulary-like pieces: at most 128 tokens framed
    /// by [CLS] and [SEP], probabilities in [0, 1], and each theme from the taxonomy once.
    #[test]
    fn any_text_gives_bounded_tokens_and_well_formed_themes(
        s in proptest::prop_oneof![
            proptest::prelude::any::<String>(),
            "([a-z]{1,12}|##|[.,!?'’]|[0-9]+|\\[name\\]| ){0,400}",
        ]
    ) {
        let encoder = Encoder::embedded();
        let ids = encoder.token_ids(&s);
        let framing = encoder.token_ids("");
        proptest::prop_assert!(ids.len() >= 2 && ids.len() <= 128);
        proptest::prop_assert_eq!(ids[0], framing[0]);
        proptest::prop_assert_eq!(ids[ids.len() - 1], framing[1]);
        let p = encoder.probabilities(&s);
        for v in p.encoder.iter().chain(&p.tfidf) {
            proptest::prop_assert!((0.0..=1.0).contains(v));
        }
        let tagger = Tagger::default();
        let themes = tagger.refine(&s);
        let mut ids_seen = std::collections::HashSet::new();
        for t in &themes {
            proptest::prop_assert!(tagger.taxonomy().themes.iter().any(|d| d.id == t.id));
            proptest::prop_assert!(ids_seen.insert(t.id.clone()));
        }
    }
}
