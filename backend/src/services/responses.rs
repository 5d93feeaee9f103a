//! Storing a response: check it against the survey version it answered, redact free text,
//! then in one transaction claim the invitation, write the anonymous response and its
//! comments, and bump the rollups. The response row gets a random id and the week only.

use crate::error::{ApiError, ApiResult};
use crate::services::{invitations, surveys, units};
use crate::storage::entities::{comment, response, rollup_answer, rollup_response};
use crate::week::current_week;
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, Set, TransactionTrait};
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
    store(&txn, &new_response).await?;
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

/// Writes one response, its comments and its rollup counts on `db` (a transaction in practice).
/// Also used by the demo loader, so demo data goes through the same path as real answers.
pub async fn store(db: &impl ConnectionTrait, new: &NewResponse) -> Result<(), DbErr> {
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

    let comments: Vec<comment::ActiveModel> = new
        .answers
        .iter()
        .filter_map(|(question_id, answer)| match answer {
            AnswerValue::Text(body) => Some(comment::ActiveModel {
                id: Set(Uuid::new_v4().to_string()),
                response_id: Set(response_id.clone()),
                question_id: Set(question_id.clone()),
                body: Set(body.clone()),
                stage: Set(stage.clone()),
                unit_id: Set(new.unit_id),
                week: Set(new.week.clone()),
            }),
            _ => None,
        })
        .collect();
    if !comments.is_empty() {
        comment::Entity::insert_many(comments)
            .exec_without_returning(db)
            .await?;
    }

    let answer_cells: Vec<rollup_answer::ActiveModel> = counted
        .iter()
        .flat_map(|(question_id, answer)| {
            answer
                .tokens()
                .into_iter()
                .map(|value| rollup_answer::ActiveModel {
                    unit_id: Set(new.unit_id),
                    stage: Set(stage.clone()),
                    week: Set(new.week.clone()),
                    question_id: Set((*question_id).clone()),
                    value: Set(value),
                    count: Set(1),
                    ..Default::default()
                })
        })
        .collect();
    if !answer_cells.is_empty() {
        rollup_answer::Entity::insert_many(answer_cells)
            .on_conflict(
                OnConflict::columns([
                    rollup_answer::Column::UnitId,
                    rollup_answer::Column::Stage,
                    rollup_answer::Column::Week,
                    rollup_answer::Column::QuestionId,
                    rollup_answer::Column::Value,
                ])
                .value(
                    rollup_answer::Column::Count,
                    Expr::col((rollup_answer::Entity, rollup_answer::Column::Count)).add(1),
                )
                .to_owned(),
            )
            .exec_without_returning(db)
            .await?;
    }

    rollup_response::Entity::insert(rollup_response::ActiveModel {
        unit_id: Set(new.unit_id),
        stage: Set(stage),
        week: Set(new.week.clone()),
        channel: Set(new.channel.as_str().to_string()),
        count: Set(1),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([
            rollup_response::Column::UnitId,
            rollup_response::Column::Stage,
            rollup_response::Column::Week,
            rollup_response::Column::Channel,
        ])
        .value(
            rollup_response::Column::Count,
            Expr::col((rollup_response::Entity, rollup_response::Column::Count)).add(1),
        )
        .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}
