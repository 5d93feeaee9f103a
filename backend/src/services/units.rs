//! Units (BCUs by default): seeding from the units file and lookup by code.

use crate::storage::entities::unit;
use anyhow::Context;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    Set,
};
use serde::Deserialize;
use std::path::Path;

const LONDON_BCUS: &str = include_str!("../../units/london.json");

#[derive(Debug, Clone, Deserialize)]
pub struct UnitSeed {
    pub code: String,
    pub name: String,
    pub areas: Vec<String>,
}

pub fn read_units_file(path: Option<&Path>) -> anyhow::Result<Vec<UnitSeed>> {
    let text = match path {
        Some(path) => std::fs::read_to_string(path)
            .with_context(|| format!("reading units file {}", path.display()))?,
        None => LONDON_BCUS.to_string(),
    };
    let units: Vec<UnitSeed> = serde_json::from_str(&text).context("parsing units file")?;
    anyhow::ensure!(!units.is_empty(), "the units file lists no units");
    Ok(units)
}

/// Inserts the units only into an empty table, so later edits by admins are never overwritten.
pub async fn seed_if_empty(db: &DatabaseConnection, seeds: &[UnitSeed]) -> anyhow::Result<()> {
    if unit::Entity::find().count(db).await? > 0 {
        return Ok(());
    }
    for seed in seeds {
        unit::ActiveModel {
            code: Set(seed.code.clone()),
            name: Set(seed.name.clone()),
            areas: Set(serde_json::to_string(&seed.areas)?),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    tracing::info!(count = seeds.len(), "seeded units");
    Ok(())
}

pub async fn find_by_code(
    db: &DatabaseConnection,
    code: &str,
) -> Result<Option<unit::Model>, sea_orm::DbErr> {
    unit::Entity::find()
        .filter(unit::Column::Code.eq(code))
        .one(db)
        .await
}

pub async fn find_by_id(
    db: &impl sea_orm::ConnectionTrait,
    id: i32,
) -> Result<Option<unit::Model>, sea_orm::DbErr> {
    unit::Entity::find_by_id(id).one(db).await
}

pub async fn all(db: &DatabaseConnection) -> Result<Vec<unit::Model>, sea_orm::DbErr> {
    unit::Entity::find().all(db).await
}

/// Units as staff pages and advocate links show them.
pub async fn options(db: &DatabaseConnection) -> Result<Vec<shared::UnitOption>, sea_orm::DbErr> {
    Ok(all(db).await?.into_iter().map(to_option).collect())
}

fn to_option(unit: unit::Model) -> shared::UnitOption {
    shared::UnitOption {
        areas: serde_json::from_str(&unit.areas).unwrap_or_default(),
        code: unit.code,
        name: unit.name,
    }
}

pub async fn create(
    db: &DatabaseConnection,
    new: &shared::NewUnit,
) -> crate::error::ApiResult<shared::UnitOption> {
    let code = new.code.trim().to_uppercase();
    if !code.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(crate::error::ApiError::field(
            "code",
            "use letters and digits only",
        ));
    }
    if find_by_code(db, &code).await?.is_some() {
        return Err(crate::error::ApiError::field(
            "code",
            "a unit with this code already exists",
        ));
    }
    let row = unit::ActiveModel {
        code: Set(code),
        name: Set(new.name.trim().to_string()),
        areas: Set(serde_json::to_string(&new.areas)
            .map_err(|e| crate::error::ApiError::Internal(e.into()))?),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(to_option(row))
}
