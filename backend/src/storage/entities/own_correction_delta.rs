//! What one staff correction changed in one month-level theme rollup cell, kept under the
//! staff member's id so their own dashboards can leave it out (`services::corrections`).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "own_correction_deltas")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub staff_user_id: i32,
    pub unit_id: i32,
    pub stage: String,
    pub month: String,
    pub theme: String,
    pub polarity: String,
    pub delta: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
