//! A staff account. `role` is admin | bcu_lead | advocate | analyst; a BCU lead has a
//! `unit_id`, an advocate an `advocacy_service_id`.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "staff_users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub email: String,
    pub password_hash: String,
    pub role: String,
    pub unit_id: Option<i32>,
    pub advocacy_service_id: Option<i32>,
    pub active: bool,
    pub failed_logins: i32,
    /// Unix seconds; sign-in refused until then after repeated failures.
    pub locked_until: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
