//! One redacted free-text answer. Kept apart from `responses` so retention can delete text
//! while the response and its rollups stay.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "comments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub response_id: String,
    pub question_id: String,
    pub body: String,
    pub stage: String,
    pub unit_id: i32,
    pub week: String,
    /// Re-tagged by the background refiner (`services::refine`), or corrected by staff: either
    /// way the refiner leaves it alone from then on.
    pub themes_refined: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
