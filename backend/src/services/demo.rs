//! Demo data for `serve --demo`: a few hundred synthetic anonymous responses spread over the
//! last 12 months, written through `responses::store`: the same rows, themes and rollup fold
//! as real answers.

use crate::services::responses::{self, NewResponse};
use crate::services::{actions, advocacy, auth, rollups, surveys, units};
use crate::storage::entities::response;
use crate::week::week_label;
use analysis::Tagger;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait, TransactionTrait};
use shared::{AnswerValue, Channel, QuestionKind, Stage, SurveyDefinition, YesNoNotSure};
use shared::{NewStaffUser, StaffRole};
use std::collections::BTreeMap;
use time::{Duration, OffsetDateTime};

pub const DEMO_RESPONSES: usize = 600;
/// Share of demo responses for the demo BCU lead's unit (CE), so its dashboard has figures
/// above the suppression threshold while most other units show what suppression looks like.
const DEMO_UNIT_SHARE: f64 = 0.45;

/// Synthetic comments in the voice victims used in the 2024 deep dive; no real person's words.
const SAMPLE_COMMENTS: [&str; 12] = [
    "Nobody told me whether he had been charged, I had to chase for weeks.",
    "The officer changed three times and I had to repeat my story every time.",
    "I was told to just block him and change my number, which made things worse.",
    "The advocate was brilliant, she explained everything and I felt safer.",
    "They said it was not a crime until I showed them the pattern.",
    "I was never told the court date had moved.",
    "The call handler recognised it as stalking straight away, thank you.",
    "Nobody explained why the charge was changed to harassment.",
    "Calls were not returned and I stopped supporting the case.",
    "I did not understand what a protection order was or how to get one.",
    "Please keep people updated, even when there is no news.",
    "Being believed on the first call made all the difference.",
];

/// Demo staff accounts (admin, BCU lead of Central East, advocate, analyst), for local use only:
/// they exist only in a database that `serve --demo` filled.
pub const DEMO_STAFF: [&str; 4] = [
    "admin@demo.example",
    "lead.ce@demo.example",
    "advocate@demo.example",
    "analyst@demo.example",
];
pub const DEMO_STAFF_PASSWORD: &str = "demo password only";

const DEMO_ACTIONS: [(&str, &str, &str); 2] = [
    (
        "communication",
        "You told us you were not kept up to date about your case.",
        "Every open case now gets an update at least every 28 days, even when there is no news.",
    ),
    (
        "officer_continuity",
        "You told us you had to repeat your story to new officers.",
        "Each case now has a named contact who stays with it, and a handover note when they change.",
    ),
];

/// Loads demo responses if the database holds none. Returns how many were written.
pub async fn load_if_empty(db: &DatabaseConnection, tagger: &Tagger) -> anyhow::Result<usize> {
    if response::Entity::find().count(db).await? > 0 {
        return Ok(0);
    }
    let units = units::all(db).await?;
    anyhow::ensure!(!units.is_empty(), "no units to load demo data for");
    let mut definitions = Vec::new();
    for stage in Stage::ALL {
        if let Some(definition) = surveys::latest(db, stage).await? {
            definitions.push(definition);
        }
    }
    anyhow::ensure!(!definitions.is_empty(), "no surveys to load demo data for");

    let mut rng = StdRng::seed_from_u64(2024);
    let today = OffsetDateTime::now_utc().date();
    let txn = db.begin().await?;
    for _ in 0..DEMO_RESPONSES {
        let unit = match units.iter().find(|u| u.code == "CE") {
            Some(central_east) if rng.random_bool(DEMO_UNIT_SHARE) => central_east,
            _ => &units[rng.random_range(0..units.len())],
        };
        let definition = &definitions[rng.random_range(0..definitions.len())];
        let days_ago = rng.random_range(0..365);
        let channel = if rng.random_bool(0.6) {
            Channel::Sms
        } else {
            Channel::Advocate
        };
        let new = NewResponse {
            stage: definition.stage,
            unit_id: unit.id,
            channel,
            survey_version: definition.version,
            week: week_label(today - Duration::days(days_ago)),
            answers: random_answers(definition, &mut rng),
        };
        responses::store(&txn, tagger, &new).await?;
    }
    rollups::fold_pending(&txn).await?;
    txn.commit().await?;

    let service = advocacy::create(db, "Demo advocacy service")
        .await
        .map_err(|e| anyhow::anyhow!("creating the demo advocacy service: {e}"))?;
    for (email, role, unit, advocacy_code) in [
        (DEMO_STAFF[0], StaffRole::Admin, None, None),
        (DEMO_STAFF[1], StaffRole::BcuLead, Some("CE"), None),
        (
            DEMO_STAFF[2],
            StaffRole::Advocate,
            None,
            Some(service.code.clone()),
        ),
        (DEMO_STAFF[3], StaffRole::Analyst, None, None),
    ] {
        auth::create_user(
            db,
            &NewStaffUser {
                email: email.to_string(),
                password: DEMO_STAFF_PASSWORD.to_string(),
                role,
                unit_code: unit.map(str::to_string),
                advocacy_code,
            },
        )
        .await
        .map_err(|e| anyhow::anyhow!("creating demo staff account {email}: {e}"))?;
    }
    let central_east = units::find_by_code(db, "CE").await?;
    if let Some(unit) = central_east {
        for (theme, you_said, we_did) in DEMO_ACTIONS {
            actions::publish(db, unit.id, theme, you_said, we_did)
                .await
                .map_err(|e| anyhow::anyhow!("publishing a demo action: {e}"))?;
        }
    }
    Ok(DEMO_RESPONSES)
}

fn random_answers(
    definition: &SurveyDefinition,
    rng: &mut StdRng,
) -> BTreeMap<String, AnswerValue> {
    let mut answers = BTreeMap::new();
    for question in &definition.questions {
        if !definition.is_shown(question, &answers) || rng.random_bool(0.15) {
            continue;
        }
        let answer = match &question.kind {
            // Skewed towards poor, as the deep dive found, so the demo dashboards have a story.
            QuestionKind::Scale { .. } => {
                AnswerValue::Scale([1, 1, 2, 2, 3, 3, 4, 5][rng.random_range(0..8)])
            }
            QuestionKind::YesNoNotSure => AnswerValue::YesNo(
                [
                    YesNoNotSure::Yes,
                    YesNoNotSure::No,
                    YesNoNotSure::No,
                    YesNoNotSure::NotSure,
                ][rng.random_range(0..4)],
            ),
            QuestionKind::SingleChoice { options } => {
                AnswerValue::Choice(options[rng.random_range(0..options.len())].id.clone())
            }
            QuestionKind::MultipleChoice { options } => {
                let first = rng.random_range(0..options.len());
                let mut chosen = vec![options[first].id.clone()];
                let second = rng.random_range(0..options.len());
                if second != first && rng.random_bool(0.4) {
                    chosen.push(options[second].id.clone());
                }
                AnswerValue::Choices(chosen)
            }
            QuestionKind::FreeText { .. } => {
                if rng.random_bool(0.6) {
                    continue;
                }
                AnswerValue::Text(
                    SAMPLE_COMMENTS[rng.random_range(0..SAMPLE_COMMENTS.len())].to_string(),
                )
            }
        };
        answers.insert(question.id.clone(), answer);
    }
    answers
}
