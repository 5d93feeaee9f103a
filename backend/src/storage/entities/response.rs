//! An anonymous response: random id, the week it arrived (not the time), no link to any
//! invitation. `answers` is JSON of the non-free-text answers; free text lives in `comments`.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "responses")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub stage: String,
    pub unit_id: i32,
    pub channel: String,
    pub survey_version: i32,
    /// Monday of the ISO week, `YYYY-MM-DD`.
    pub week: String,
    pub answers: String,
    /// Counted in the rollups yet (`services::rollups` folds those that are not).
    pub rolled_up: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
