//! Survey definitions are data: built-in JSON files (one per stage and version) plus any in
//! `VV_SURVEYS_DIR`, published into the `surveys` table at start. A published version is never
//! changed, so older responses always read against the definition they answered.

use crate::storage::entities::survey;
use anyhow::{bail, Context};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use shared::{Stage, SurveyDefinition};
use std::path::Path;

const BUILT_IN: [(&str, &str); 5] = [
    (
        "reporting.v1.json",
        include_str!("../../surveys/reporting.v1.json"),
    ),
    (
        "investigation.v1.json",
        include_str!("../../surveys/investigation.v1.json"),
    ),
    ("cps.v1.json", include_str!("../../surveys/cps.v1.json")),
    ("court.v1.json", include_str!("../../surveys/court.v1.json")),
    (
        "support.v1.json",
        include_str!("../../surveys/support.v1.json"),
    ),
];

fn parse_definition(name: &str, text: &str) -> anyhow::Result<SurveyDefinition> {
    let definition: SurveyDefinition =
        serde_json::from_str(text).with_context(|| format!("parsing survey {name}"))?;
    if let Err(problems) = definition.check() {
        bail!("survey {name} is not valid: {}", problems.join("; "));
    }
    let expected = format!("{}.v{}.json", definition.stage, definition.version);
    if name != expected {
        bail!("survey file {name} holds {expected}");
    }
    Ok(definition)
}

/// Every definition available to this build: built-in ones, then extra files.
pub fn load_definitions(extra_dir: Option<&Path>) -> anyhow::Result<Vec<SurveyDefinition>> {
    let mut definitions = BUILT_IN
        .iter()
        .map(|(name, text)| parse_definition(name, text))
        .collect::<anyhow::Result<Vec<_>>>()?;
    if let Some(dir) = extra_dir {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .with_context(|| format!("reading surveys dir {}", dir.display()))?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        entries.sort();
        for path in entries {
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .to_string();
            let text = std::fs::read_to_string(&path)?;
            definitions.push(parse_definition(&name, &text)?);
        }
    }
    Ok(definitions)
}

/// Publishes definitions not yet in the database. A stored version whose content differs is
/// an error: editing a published survey would change the meaning of answers already given.
pub async fn publish(
    db: &DatabaseConnection,
    definitions: &[SurveyDefinition],
) -> anyhow::Result<()> {
    for definition in definitions {
        match find_version(db, definition.stage, definition.version).await? {
            Some(stored) if &stored != definition => bail!(
                "survey {} v{} differs from the published version; publish a new version instead",
                definition.stage,
                definition.version
            ),
            Some(_) => {}
            None => {
                survey::ActiveModel {
                    stage: Set(definition.stage.to_string()),
                    version: Set(definition.version as i32),
                    definition: Set(serde_json::to_string(definition)?),
                    ..Default::default()
                }
                .insert(db)
                .await?;
                tracing::info!(stage = %definition.stage, version = definition.version, "published survey");
            }
        }
    }
    Ok(())
}

fn decode(row: survey::Model) -> anyhow::Result<SurveyDefinition> {
    serde_json::from_str(&row.definition).context("stored survey definition is not valid JSON")
}

pub async fn latest(
    db: &impl ConnectionTrait,
    stage: Stage,
) -> anyhow::Result<Option<SurveyDefinition>> {
    survey::Entity::find()
        .filter(survey::Column::Stage.eq(stage.as_str()))
        .order_by_desc(survey::Column::Version)
        .one(db)
        .await?
        .map(decode)
        .transpose()
}

pub async fn find_version(
    db: &impl ConnectionTrait,
    stage: Stage,
    version: u32,
) -> anyhow::Result<Option<SurveyDefinition>> {
    survey::Entity::find()
        .filter(survey::Column::Stage.eq(stage.as_str()))
        .filter(survey::Column::Version.eq(version as i32))
        .one(db)
        .await?
        .map(decode)
        .transpose()
}
