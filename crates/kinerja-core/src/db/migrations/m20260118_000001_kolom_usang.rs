//! Two columns nothing reads any more: `user_account.locale` (the language is the browser's
//! choice, kept in a cookie) and `login_throttle.locked_until` (a login is refused from the count
//! of failures in the window, not from a stored deadline). Both databases drop a column in place.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        db.execute_unprepared("ALTER TABLE user_account DROP COLUMN locale")
            .await?;
        db.execute_unprepared("ALTER TABLE login_throttle DROP COLUMN locked_until")
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        db.execute_unprepared(
            "ALTER TABLE user_account ADD COLUMN locale VARCHAR(8) NOT NULL DEFAULT 'id-ID'",
        )
        .await?;
        db.execute_unprepared(
            "ALTER TABLE login_throttle ADD COLUMN locked_until BIGINT NOT NULL DEFAULT 0",
        )
        .await?;
        Ok(())
    }
}
