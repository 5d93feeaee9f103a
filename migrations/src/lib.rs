//! Schema migrations, run by the backend at start (and by `victim-voice migrate`). The same
//! migrations run on SQLite and PostgreSQL, so only portable column types are used.

pub use sea_orm_migration::prelude::*;

mod m20261127_000001_initial;
mod m20261128_000002_themes_actions_advocates;
mod m20261128_000003_sms_outbox;
mod m20261128_000004_staff;
mod m20261128_000005_monthly_rollups;
mod m20261128_000006_comment_corrections;
mod m20261128_000007_stageless_theme_rollup;
mod m20261130_000008_deferred_rollups;
mod m20261201_000009_own_correction_deltas;
mod m20261202_000010_refined_themes;
mod m20261203_000011_all_units_answer_rollup;
mod m20261203_000012_comment_themes_keyed;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261127_000001_initial::Migration),
            Box::new(m20261128_000002_themes_actions_advocates::Migration),
            Box::new(m20261128_000003_sms_outbox::Migration),
            Box::new(m20261128_000004_staff::Migration),
            Box::new(m20261128_000005_monthly_rollups::Migration),
            Box::new(m20261128_000006_comment_corrections::Migration),
            Box::new(m20261128_000007_stageless_theme_rollup::Migration),
            Box::new(m20261130_000008_deferred_rollups::Migration),
            Box::new(m20261201_000009_own_correction_deltas::Migration),
            Box::new(m20261202_000010_refined_themes::Migration),
            Box::new(m20261203_000011_all_units_answer_rollup::Migration),
            Box::new(m20261203_000012_comment_themes_keyed::Migration),
        ]
    }
}
