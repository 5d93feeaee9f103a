//! Checks the survey definition files the backend ships (`backend/surveys/*.json`): each one
//! parses as a `SurveyDefinition`, passes its own check, is named `<stage>.v<version>.json`,
//! has English and Polish for every piece of text, and carries the common core questions that
//! dashboards compare across stages. Version 1 must exist exactly once for every stage.

use shared::{LocalisedText, QuestionKind, Stage, SurveyDefinition};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// Questions every stage asks, on a 1-5 scale, under these exact ids.
const COMMON_CORE: [&str; 5] = [
    "overall",
    "kept_informed",
    "dignity",
    "believed",
    "understood_next",
];

/// Free-text prompts every stage ends with.
const FREE_TEXT: [&str; 2] = ["one_thing", "anything_else"];

const LANGUAGES: [&str; 2] = ["en", "pl"];

fn surveys_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../backend/surveys")
}

fn survey_files() -> Vec<(String, SurveyDefinition)> {
    let dir = surveys_dir();
    let mut files: Vec<(String, SurveyDefinition)> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let text =
                fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {name}: {e}"));
            let survey: SurveyDefinition = serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("{name} is not a survey definition: {e}"));
            (name, survey)
        })
        .collect();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(!files.is_empty(), "no survey files in {}", dir.display());
    files
}

/// Every piece of text in a survey, each with a label saying where it is.
fn texts(survey: &SurveyDefinition) -> Vec<(String, &LocalisedText)> {
    let mut all = vec![
        ("title".to_string(), &survey.title),
        ("intro".to_string(), &survey.intro),
    ];
    for question in &survey.questions {
        let id = &question.id;
        all.push((format!("{id}.prompt"), &question.prompt));
        if let Some(hint) = &question.hint {
            all.push((format!("{id}.hint"), hint));
        }
        if let QuestionKind::Scale { low, high } = &question.kind {
            all.push((format!("{id}.low"), low));
            all.push((format!("{id}.high"), high));
        }
        for option in question.kind.options() {
            all.push((format!("{id}.options.{}", option.id), &option.label));
        }
    }
    all
}

fn is_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

#[test]
fn every_survey_file_parses_and_passes_its_own_check() {
    for (name, survey) in survey_files() {
        if let Err(problems) = survey.check() {
            panic!("{name} fails its check: {problems:#?}");
        }
    }
}

#[test]
fn file_names_match_stage_and_version() {
    for (name, survey) in survey_files() {
        let expected = format!("{}.v{}.json", survey.stage.as_str(), survey.version);
        assert_eq!(name, expected, "file name does not match its contents");
    }
}

#[test]
fn version_one_exists_exactly_once_for_every_stage() {
    let mut counts: BTreeMap<Stage, usize> = BTreeMap::new();
    for (_, survey) in survey_files() {
        if survey.version == 1 {
            *counts.entry(survey.stage).or_default() += 1;
        }
    }
    for stage in Stage::ALL {
        assert_eq!(
            counts.get(&stage).copied().unwrap_or(0),
            1,
            "stage {stage} should have exactly one version 1 survey"
        );
    }
}

#[test]
fn every_text_has_english_and_polish() {
    let mut missing = Vec::new();
    for (name, survey) in survey_files() {
        for (place, text) in texts(&survey) {
            for language in LANGUAGES {
                let ok = text.0.get(language).is_some_and(|s| !s.trim().is_empty());
                if !ok {
                    missing.push(format!("{name}: {place} has no '{language}' text"));
                }
            }
        }
    }
    assert!(missing.is_empty(), "missing translations: {missing:#?}");
}

#[test]
fn every_stage_has_the_common_core_as_scales() {
    for (name, survey) in survey_files() {
        for id in COMMON_CORE {
            let question = survey
                .question(id)
                .unwrap_or_else(|| panic!("{name} has no '{id}' question"));
            assert!(
                matches!(question.kind, QuestionKind::Scale { .. }),
                "{name}: '{id}' must be a 1-5 scale so stages can be compared"
            );
            assert!(
                question.show_if.is_none(),
                "{name}: '{id}' must always show"
            );
        }
    }
}

#[test]
fn every_stage_has_the_free_text_prompts_with_a_privacy_hint() {
    for (name, survey) in survey_files() {
        for id in FREE_TEXT {
            let question = survey
                .question(id)
                .unwrap_or_else(|| panic!("{name} has no '{id}' question"));
            assert!(
                matches!(question.kind, QuestionKind::FreeText { .. }),
                "{name}: '{id}' must be free text"
            );
            assert!(
                question.hint.is_some(),
                "{name}: '{id}' needs a hint asking people not to include personal details"
            );
        }
    }
}

#[test]
fn question_and_option_ids_are_lowercase_words() {
    for (name, survey) in survey_files() {
        for question in &survey.questions {
            assert!(
                is_id(&question.id),
                "{name}: bad question id '{}'",
                question.id
            );
            for option in question.kind.options() {
                assert!(
                    is_id(&option.id),
                    "{name}: question '{}' has bad option id '{}'",
                    question.id,
                    option.id
                );
            }
        }
    }
}
