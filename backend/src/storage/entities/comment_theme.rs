//! A theme on a comment: `source` is `auto` (the tagger) or `staff` (a correction). Keyed by
//! comment and theme: a comment has each theme once, with one polarity.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "comment_themes")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub comment_id: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub theme: String,
    pub polarity: String,
    pub source: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
