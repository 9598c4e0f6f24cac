//! Organisation, people, accounts, sessions and the audit trail.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Instansi {
    Table,
    Id,
    Kode,
    Nama,
    NamaLower,
    Jenis,
    Lokasi,
    Aktif,
    CreatedAt,
}

#[derive(DeriveIden)]
enum UnitKerja {
    Table,
    Id,
    InstansiId,
    ParentId,
    Nama,
    NamaLower,
    Singkatan,
    Aktif,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Jabatan {
    Table,
    Id,
    InstansiId,
    UnitKerjaId,
    Nama,
    NamaLower,
    Jenis,
    Jenjang,
    AtasanId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Pegawai {
    Table,
    Id,
    InstansiId,
    Nip,
    Nama,
    NamaLower,
    StatusAsn,
    Golongan,
    JabatanId,
    UnitKerjaId,
    Aktif,
    PenilaiManualId,
    PenilaiManualAlasan,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum PenugasanPlt {
    Table,
    Id,
    InstansiId,
    JabatanId,
    PegawaiId,
    Jenis,
    Mulai,
    Selesai,
    CreatedAt,
}

#[derive(DeriveIden)]
enum UserAccount {
    Table,
    Id,
    Username,
    PasswordHash,
    PegawaiId,
    InstansiId,
    Peran,
    Locale,
    Aktif,
    CreatedAt,
    PasswordChangedAt,
}

#[derive(DeriveIden)]
enum UserSession {
    Table,
    Id,
    TokenHash,
    UserId,
    CreatedAt,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum LoginThrottle {
    Table,
    Id,
    Key,
    Failures,
    FirstFailureAt,
    LockedUntil,
}

#[derive(DeriveIden)]
enum AuditEvent {
    Table,
    Id,
    At,
    InstansiId,
    ActorUserId,
    ActorLabel,
    Action,
    Entity,
    EntityId,
    BeforeJson,
    AfterJson,
}

fn fk(
    name: &str,
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(on_delete)
        .to_owned()
}

fn index(
    name: &str,
    table: impl IntoIden,
    cols: &[&'static str],
    unique: bool,
) -> IndexCreateStatement {
    let mut stmt = Index::create();
    stmt.name(name).table(table);
    for c in cols {
        stmt.col(Alias::new(*c));
    }
    if unique {
        stmt.unique();
    }
    stmt.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use ForeignKeyAction::{Cascade, Restrict, SetNull};
        m.create_table(
            Table::create()
                .table(Instansi::Table)
                .col(pk_auto(Instansi::Id))
                .col(string_len_uniq(Instansi::Kode, 40))
                .col(string(Instansi::Nama))
                .col(string(Instansi::NamaLower))
                .col(string_len(Instansi::Jenis, 20))
                .col(string(Instansi::Lokasi))
                .col(boolean(Instansi::Aktif))
                .col(timestamp_with_time_zone(Instansi::CreatedAt))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(UnitKerja::Table)
                .col(pk_auto(UnitKerja::Id))
                .col(integer(UnitKerja::InstansiId))
                .col(integer_null(UnitKerja::ParentId))
                .col(string(UnitKerja::Nama))
                .col(string(UnitKerja::NamaLower))
                .col(string(UnitKerja::Singkatan))
                .col(boolean(UnitKerja::Aktif))
                .col(timestamp_with_time_zone(UnitKerja::CreatedAt))
                .foreign_key(&mut fk(
                    "fk_unit_kerja_instansi",
                    (UnitKerja::Table, UnitKerja::InstansiId),
                    (Instansi::Table, Instansi::Id),
                    Restrict,
                ))
                .foreign_key(&mut fk(
                    "fk_unit_kerja_parent",
                    (UnitKerja::Table, UnitKerja::ParentId),
                    (UnitKerja::Table, UnitKerja::Id),
                    Restrict,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ux_unit_kerja_instansi_nama",
            UnitKerja::Table,
            &["instansi_id", "nama_lower"],
            true,
        ))
        .await?;
        m.create_index(index(
            "ix_unit_kerja_parent",
            UnitKerja::Table,
            &["parent_id"],
            false,
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(Jabatan::Table)
                .col(pk_auto(Jabatan::Id))
                .col(integer(Jabatan::InstansiId))
                .col(integer(Jabatan::UnitKerjaId))
                .col(string(Jabatan::Nama))
                .col(string(Jabatan::NamaLower))
                .col(string_len(Jabatan::Jenis, 40))
                .col(string_len(Jabatan::Jenjang, 20))
                .col(integer_null(Jabatan::AtasanId))
                .col(timestamp_with_time_zone(Jabatan::CreatedAt))
                .foreign_key(&mut fk(
                    "fk_jabatan_instansi",
                    (Jabatan::Table, Jabatan::InstansiId),
                    (Instansi::Table, Instansi::Id),
                    Restrict,
                ))
                .foreign_key(&mut fk(
                    "fk_jabatan_unit",
                    (Jabatan::Table, Jabatan::UnitKerjaId),
                    (UnitKerja::Table, UnitKerja::Id),
                    Restrict,
                ))
                .foreign_key(&mut fk(
                    "fk_jabatan_atasan",
                    (Jabatan::Table, Jabatan::AtasanId),
                    (Jabatan::Table, Jabatan::Id),
                    Restrict,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ux_jabatan_unit_nama",
            Jabatan::Table,
            &["unit_kerja_id", "nama_lower"],
            true,
        ))
        .await?;
        m.create_index(index(
            "ix_jabatan_atasan",
            Jabatan::Table,
            &["atasan_id"],
            false,
        ))
        .await?;
        m.create_index(index(
            "ix_jabatan_instansi_nama",
            Jabatan::Table,
            &["instansi_id", "nama_lower"],
            false,
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(Pegawai::Table)
                .col(pk_auto(Pegawai::Id))
                .col(integer(Pegawai::InstansiId))
                .col(string_len_uniq(Pegawai::Nip, 18))
                .col(string(Pegawai::Nama))
                .col(string(Pegawai::NamaLower))
                .col(string_len(Pegawai::StatusAsn, 8))
                .col(string_len(Pegawai::Golongan, 8))
                .col(integer(Pegawai::JabatanId))
                .col(integer(Pegawai::UnitKerjaId))
                .col(boolean(Pegawai::Aktif))
                .col(integer_null(Pegawai::PenilaiManualId))
                .col(string(Pegawai::PenilaiManualAlasan))
                .col(timestamp_with_time_zone(Pegawai::CreatedAt))
                .col(timestamp_with_time_zone(Pegawai::UpdatedAt))
                .foreign_key(&mut fk(
                    "fk_pegawai_instansi",
                    (Pegawai::Table, Pegawai::InstansiId),
                    (Instansi::Table, Instansi::Id),
                    Restrict,
                ))
                .foreign_key(&mut fk(
                    "fk_pegawai_jabatan",
                    (Pegawai::Table, Pegawai::JabatanId),
                    (Jabatan::Table, Jabatan::Id),
                    Restrict,
                ))
                .foreign_key(&mut fk(
                    "fk_pegawai_unit",
                    (Pegawai::Table, Pegawai::UnitKerjaId),
                    (UnitKerja::Table, UnitKerja::Id),
                    Restrict,
                ))
                .foreign_key(&mut fk(
                    "fk_pegawai_penilai_manual",
                    (Pegawai::Table, Pegawai::PenilaiManualId),
                    (Pegawai::Table, Pegawai::Id),
                    SetNull,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_pegawai_instansi_nama",
            Pegawai::Table,
            &["instansi_id", "nama_lower"],
            false,
        ))
        .await?;
        m.create_index(index(
            "ix_pegawai_jabatan",
            Pegawai::Table,
            &["jabatan_id"],
            false,
        ))
        .await?;
        m.create_index(index(
            "ix_pegawai_unit",
            Pegawai::Table,
            &["unit_kerja_id"],
            false,
        ))
        .await?;
        m.create_index(index(
            "ix_pegawai_penilai_manual",
            Pegawai::Table,
            &["penilai_manual_id"],
            false,
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(PenugasanPlt::Table)
                .col(pk_auto(PenugasanPlt::Id))
                .col(integer(PenugasanPlt::InstansiId))
                .col(integer(PenugasanPlt::JabatanId))
                .col(integer(PenugasanPlt::PegawaiId))
                .col(string_len(PenugasanPlt::Jenis, 4))
                .col(date(PenugasanPlt::Mulai))
                .col(date_null(PenugasanPlt::Selesai))
                .col(timestamp_with_time_zone(PenugasanPlt::CreatedAt))
                .foreign_key(&mut fk(
                    "fk_plt_instansi",
                    (PenugasanPlt::Table, PenugasanPlt::InstansiId),
                    (Instansi::Table, Instansi::Id),
                    Restrict,
                ))
                .foreign_key(&mut fk(
                    "fk_plt_jabatan",
                    (PenugasanPlt::Table, PenugasanPlt::JabatanId),
                    (Jabatan::Table, Jabatan::Id),
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    "fk_plt_pegawai",
                    (PenugasanPlt::Table, PenugasanPlt::PegawaiId),
                    (Pegawai::Table, Pegawai::Id),
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_plt_jabatan",
            PenugasanPlt::Table,
            &["jabatan_id"],
            false,
        ))
        .await?;
        m.create_index(index(
            "ix_plt_pegawai",
            PenugasanPlt::Table,
            &["pegawai_id"],
            false,
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(UserAccount::Table)
                .col(pk_auto(UserAccount::Id))
                .col(string_len_uniq(UserAccount::Username, 64))
                .col(string(UserAccount::PasswordHash))
                .col(integer_null(UserAccount::PegawaiId).unique_key())
                .col(integer_null(UserAccount::InstansiId))
                .col(string_len(UserAccount::Peran, 20))
                .col(string_len(UserAccount::Locale, 8))
                .col(boolean(UserAccount::Aktif))
                .col(timestamp_with_time_zone(UserAccount::CreatedAt))
                .col(timestamp_with_time_zone(UserAccount::PasswordChangedAt))
                .foreign_key(&mut fk(
                    "fk_user_pegawai",
                    (UserAccount::Table, UserAccount::PegawaiId),
                    (Pegawai::Table, Pegawai::Id),
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    "fk_user_instansi",
                    (UserAccount::Table, UserAccount::InstansiId),
                    (Instansi::Table, Instansi::Id),
                    Restrict,
                ))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(UserSession::Table)
                .col(pk_auto(UserSession::Id))
                .col(string_len_uniq(UserSession::TokenHash, 64))
                .col(integer(UserSession::UserId))
                .col(timestamp_with_time_zone(UserSession::CreatedAt))
                .col(big_integer(UserSession::ExpiresAt))
                .foreign_key(&mut fk(
                    "fk_session_user",
                    (UserSession::Table, UserSession::UserId),
                    (UserAccount::Table, UserAccount::Id),
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_session_user",
            UserSession::Table,
            &["user_id"],
            false,
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(LoginThrottle::Table)
                .col(pk_auto(LoginThrottle::Id))
                .col(string_len_uniq(LoginThrottle::Key, 128))
                .col(integer(LoginThrottle::Failures))
                .col(big_integer(LoginThrottle::FirstFailureAt))
                .col(big_integer(LoginThrottle::LockedUntil))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(AuditEvent::Table)
                .col(big_pk_auto(AuditEvent::Id))
                .col(timestamp_with_time_zone(AuditEvent::At))
                .col(integer_null(AuditEvent::InstansiId))
                .col(integer_null(AuditEvent::ActorUserId))
                .col(string(AuditEvent::ActorLabel))
                .col(string_len(AuditEvent::Action, 32))
                .col(string_len(AuditEvent::Entity, 40))
                .col(big_integer(AuditEvent::EntityId))
                .col(text_null(AuditEvent::BeforeJson))
                .col(text_null(AuditEvent::AfterJson))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_audit_entity",
            AuditEvent::Table,
            &["entity", "entity_id", "id"],
            false,
        ))
        .await?;
        m.create_index(index(
            "ix_audit_instansi",
            AuditEvent::Table,
            &["instansi_id", "id"],
            false,
        ))
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // Self-references first: SQLite checks foreign keys row by row while dropping a table.
        let db = m.get_connection();
        db.execute_unprepared("UPDATE jabatan SET atasan_id = NULL")
            .await?;
        db.execute_unprepared("UPDATE unit_kerja SET parent_id = NULL")
            .await?;
        db.execute_unprepared("UPDATE pegawai SET penilai_manual_id = NULL")
            .await?;
        for t in [
            AuditEvent::Table.into_iden(),
            LoginThrottle::Table.into_iden(),
            UserSession::Table.into_iden(),
            UserAccount::Table.into_iden(),
            PenugasanPlt::Table.into_iden(),
            Pegawai::Table.into_iden(),
            Jabatan::Table.into_iden(),
            UnitKerja::Table.into_iden(),
            Instansi::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
