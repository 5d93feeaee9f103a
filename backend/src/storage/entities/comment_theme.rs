//! A theme on a comment: `source` is `auto` (the tagger) or `staff` (a correction).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "comment_themes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub comment_id: String,
    pub theme: String,
    pub polarity: String,
    pub source: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
