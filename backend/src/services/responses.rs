//! Storing a response: check it against the survey version it answered, redact free text,
//! then in one transaction claim the invitation, write the anonymous response and its
//! comments, and bump the rollups. The response row gets a random id and the week only.

use crate::error::{ApiError, ApiResult};
use crate::services::{invitations, surveys, units};
use crate::storage::entities::{comment, comment_theme, response};
use crate::week::current_week;
use analysis::{Polarity, Tagger};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, OnConflict, Query};
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, Set, TransactionTrait, Value,
};
use shared::{AnswerValue, Channel, Stage, SubmissionReceipt, SubmissionRequest};
use std::collections::BTreeMap;
use std::str::FromStr;
use uuid::Uuid;

/// A response ready to store: answers already checked against its survey version.
pub struct NewResponse {
    pub stage: Stage,
    pub unit_id: i32,
    pub channel: Channel,
    pub survey_version: u32,
    pub week: String,
    pub answers: BTreeMap<String, AnswerValue>,
}

pub async fn submit(
    db: &DatabaseConnection,
    tagger: &Tagger,
    token_text: &str,
    request: SubmissionRequest,
) -> ApiResult<SubmissionReceipt> {
    let invitation = invitations::find_open(db, token_text).await?;
    let stage = Stage::from_str(&invitation.stage)
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("stored invitation: {e}")))?;
    let channel = Channel::from_str(&invitation.channel)
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("stored invitation: {e}")))?;
    let definition = surveys::find_version(db, stage, request.survey_version)
        .await?
        .ok_or_else(|| {
            ApiError::field("survey_version", "there is no such version of this survey")
        })?;
    definition
        .check_submission(&request)
        .map_err(ApiError::Validation)?;
    let unit = units::find_by_id(db, invitation.unit_id)
        .await?
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("invitation names a missing unit")))?;

    let new_response = NewResponse {
        stage,
        unit_id: invitation.unit_id,
        channel,
        survey_version: request.survey_version,
        week: current_week(),
        answers: redact_free_text(request.answers),
    };
    let txn = db.begin().await?;
    invitations::claim(&txn, invitation.id).await?;
    store(&txn, tagger, &new_response).await?;
    txn.commit().await?;
    Ok(SubmissionReceipt {
        stored: true,
        unit_code: unit.code,
    })
}

/// Free text is redacted before it goes anywhere else, including logs.
fn redact_free_text(answers: BTreeMap<String, AnswerValue>) -> BTreeMap<String, AnswerValue> {
    answers
        .into_iter()
        .map(|(id, answer)| match answer {
            AnswerValue::Text(text) => (id, AnswerValue::Text(analysis::redact(&text).text)),
            other => (id, other),
        })
        .collect()
}

/// Where a comment's theme came from.
pub const THEME_SOURCE_AUTO: &str = "auto";
pub const THEME_SOURCE_STAFF: &str = "staff";

pub fn polarity_name(polarity: Polarity) -> &'static str {
    match polarity {
        Polarity::Negative => "negative",
        Polarity::Positive => "positive",
        Polarity::Neutral => "neutral",
    }
}

/// Writes one response, its comments with their themes, and its rollup counts on `db` (a
/// transaction in practice). Free text must already be redacted. Also used by the demo
/// loader, so demo data goes through the same path as real answers.
pub async fn store(
    db: &impl ConnectionTrait,
    tagger: &Tagger,
    new: &NewResponse,
) -> Result<(), DbErr> {
    let response_id = Uuid::new_v4().to_string();
    let stage = new.stage.to_string();
    let counted: BTreeMap<&String, &AnswerValue> = new
        .answers
        .iter()
        .filter(|(_, a)| !matches!(a, AnswerValue::Text(_)))
        .collect();
    response::Entity::insert(response::ActiveModel {
        id: Set(response_id.clone()),
        stage: Set(stage.clone()),
        unit_id: Set(new.unit_id),
        channel: Set(new.channel.as_str().to_string()),
        survey_version: Set(new.survey_version as i32),
        week: Set(new.week.clone()),
        answers: Set(serde_json::to_string(&counted).map_err(|e| DbErr::Custom(e.to_string()))?),
    })
    .exec_without_returning(db)
    .await?;

    let unit = Value::from(new.unit_id);
    let stage_value = Value::from(stage.clone());
    let week = Value::from(new.week.clone());
    let mut theme_cells = Vec::new();
    for (question_id, answer) in &new.answers {
        let AnswerValue::Text(body) = answer else {
            continue;
        };
        let comment_id = Uuid::new_v4().to_string();
        comment::Entity::insert(comment::ActiveModel {
            id: Set(comment_id.clone()),
            response_id: Set(response_id.clone()),
            question_id: Set(question_id.clone()),
            body: Set(body.clone()),
            stage: Set(stage.clone()),
            unit_id: Set(new.unit_id),
            week: Set(new.week.clone()),
        })
        .exec_without_returning(db)
        .await?;
        let tags = tagger.tag(body);
        if tags.is_empty() {
            continue;
        }
        comment_theme::Entity::insert_many(tags.iter().map(|tag| comment_theme::ActiveModel {
            comment_id: Set(comment_id.clone()),
            theme: Set(tag.id.clone()),
            polarity: Set(polarity_name(tag.polarity).to_string()),
            source: Set(THEME_SOURCE_AUTO.to_string()),
            ..Default::default()
        }))
        .exec_without_returning(db)
        .await?;
        theme_cells.extend(tags.into_iter().map(|tag| {
            vec![
                unit.clone(),
                stage_value.clone(),
                week.clone(),
                Value::from(tag.id),
                Value::from(polarity_name(tag.polarity)),
            ]
        }));
    }

    let answer_cells = counted.iter().flat_map(|(question_id, answer)| {
        answer.tokens().into_iter().map(|token| {
            vec![
                unit.clone(),
                stage_value.clone(),
                week.clone(),
                Value::from((*question_id).clone()),
                Value::from(token),
            ]
        })
    });
    bump_counts(
        db,
        "rollup_answers",
        &["unit_id", "stage", "week", "question_id", "value"],
        answer_cells.collect(),
    )
    .await?;
    bump_counts(
        db,
        "rollup_responses",
        &["unit_id", "stage", "week", "channel"],
        vec![vec![
            unit,
            stage_value,
            week,
            Value::from(new.channel.as_str()),
        ]],
    )
    .await?;
    bump_counts(
        db,
        "rollup_themes",
        &["unit_id", "stage", "week", "theme", "polarity"],
        theme_cells,
    )
    .await?;
    Ok(())
}

/// Adds one to the `count` of each cell (keyed by `key_columns`) per time it is listed,
/// inserting cells not yet there: one upsert per table keeps the transaction short.
async fn bump_counts(
    db: &impl ConnectionTrait,
    table: &str,
    key_columns: &[&str],
    cells: Vec<Vec<Value>>,
) -> Result<(), DbErr> {
    if cells.is_empty() {
        return Ok(());
    }
    // PostgreSQL refuses an upsert that touches one row twice, so equal cells (two comments
    // with the same theme) are sent once with their summed count.
    let mut merged: Vec<(Vec<Value>, i64)> = Vec::new();
    for cell in cells {
        match merged.iter_mut().find(|(existing, _)| *existing == cell) {
            Some((_, count)) => *count += 1,
            None => merged.push((cell, 1)),
        }
    }
    add_to_counts(db, table, key_columns, merged).await
}

/// Adds each cell's delta (negative when a staff correction takes a theme back) to its
/// `count`, inserting cells not yet there and deleting cells that reach zero (a recount would
/// not have them). Cells must be distinct: PostgreSQL refuses an upsert that touches one row
/// twice.
pub(crate) async fn add_to_counts(
    db: &impl ConnectionTrait,
    table: &str,
    key_columns: &[&str],
    merged: Vec<(Vec<Value>, i64)>,
) -> Result<(), DbErr> {
    if merged.is_empty() {
        return Ok(());
    }
    let taken_away = merged.iter().any(|(_, delta)| *delta < 0);
    let table_name = table;
    let table = Alias::new(table);
    let count = Alias::new("count");
    let mut columns: Vec<Alias> = key_columns.iter().map(|c| Alias::new(*c)).collect();
    columns.push(count.clone());
    let mut insert = Query::insert();
    insert.into_table(table.clone()).columns(columns);
    for (cell, times) in merged {
        let row = cell.into_iter().chain([Value::from(times)]).map(Expr::val);
        insert
            .values(row)
            .map_err(|e| DbErr::Custom(e.to_string()))?;
    }
    insert.on_conflict(
        OnConflict::columns(key_columns.iter().map(|c| Alias::new(*c)))
            .value(
                count.clone(),
                Expr::col((table, count.clone())).add(Expr::col((Alias::new("excluded"), count))),
            )
            .to_owned(),
    );
    db.execute(&insert).await?;
    if taken_away {
        db.execute_unprepared(&format!("DELETE FROM {table_name} WHERE count <= 0"))
            .await?;
    }
    Ok(())
}
