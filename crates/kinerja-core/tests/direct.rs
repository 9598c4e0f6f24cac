//! Reads on the calling thread (`db::direct`) on SQLite and PostgreSQL: they return what SeaORM
//! returns for the same statement (tuples, and the whole rows of every model read directly), see what was just committed, and inside a transaction go
//! through the transaction, which sees its own uncommitted writes.

use chrono::{Datelike, NaiveDate};
use kinerja_core::db::direct;
use kinerja_core::db::entities::{instansi, jabatan, pegawai, penugasan_plt, periode};
use kinerja_core::services::{periode as periode_svc, skp};
use kinerja_core::testing::{fixture, rencana};
use kinerja_core::{DatabaseConnection, db_test};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DbBackend, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    QueryTrait, Set, TransactionTrait,
};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

type PegawaiBaris = (i32, String, bool, Option<i32>, i32);

fn pegawai_query() -> sea_orm::Select<pegawai::Entity> {
    pegawai::Entity::find()
        .select_only()
        .columns([
            pegawai::Column::Id,
            pegawai::Column::Nama,
            pegawai::Column::Aktif,
            pegawai::Column::PenilaiManualId,
            pegawai::Column::JabatanId,
        ])
        .order_by_asc(pegawai::Column::Id)
}

/// The direct path is taken on a SQLite file and only there.
fn expect_direct(db: &DatabaseConnection) {
    let file = direct::sqlite_file_of(db);
    match db.get_database_backend() {
        DbBackend::Sqlite => assert!(file.is_some_and(|f| f.exists()), "a SQLite file"),
        _ => assert!(file.is_none()),
    }
}

db_test!(direct_reads_return_what_seaorm_returns, |db| {
    expect_direct(db);
    let f = fixture(db).await;
    rencana(db, &f, today()).await;
    let backend = db.get_database_backend();

    // Integers, text, booleans and a nullable column, in order.
    let seaorm: Vec<PegawaiBaris> = pegawai_query().into_tuple().all(db).await.unwrap();
    let direct: Vec<PegawaiBaris> = direct::all(db, pegawai_query().build(backend))
        .await
        .unwrap();
    assert!(seaorm.len() >= 5);
    assert_eq!(direct, seaorm);

    // Dates bound and read, and a filter on a boolean and a string.
    let q = || {
        periode::Entity::find()
            .select_only()
            .columns([
                periode::Column::Id,
                periode::Column::Nama,
                periode::Column::Mulai,
                periode::Column::Selesai,
                periode::Column::BatasPengisian,
            ])
            .filter(periode::Column::InstansiId.eq(f.alpha))
            .filter(periode::Column::Mulai.lte(today()))
            .filter(periode::Column::Jenis.ne("TAHUNAN"))
            .order_by_asc(periode::Column::Mulai)
    };
    type PeriodeBaris = (i32, String, NaiveDate, NaiveDate, NaiveDate);
    let seaorm: Vec<PeriodeBaris> = q().into_tuple().all(db).await.unwrap();
    let direct: Vec<PeriodeBaris> = direct::all(db, q().build(backend)).await.unwrap();
    assert_eq!(seaorm.len(), 4, "four quarters have begun by 23 November");
    assert_eq!(direct, seaorm);

    // One row, and none.
    let first: Option<PegawaiBaris> = direct::one(db, pegawai_query().limit(1).build(backend))
        .await
        .unwrap();
    assert_eq!(first.as_ref(), seaorm_first(db).await.as_ref());
    let none: Option<PegawaiBaris> = direct::one(
        db,
        pegawai_query()
            .filter(pegawai::Column::Id.eq(-1))
            .limit(1)
            .build(backend),
    )
    .await
    .unwrap();
    assert_eq!(none, None);

    // A timestamp is bound by SeaORM (whose text form the direct path does not repeat): same
    // answer either way.
    let q = || pegawai_query().filter(pegawai::Column::CreatedAt.lte(chrono::Utc::now()));
    let seaorm: Vec<PegawaiBaris> = q().into_tuple().all(db).await.unwrap();
    let direct: Vec<PegawaiBaris> = direct::all(db, q().build(backend)).await.unwrap();
    assert_eq!(direct, seaorm);
    assert!(!direct.is_empty());

    // A statement SQLite refuses is an error, not a panic.
    let bad = sea_orm::Statement::from_string(backend, "SELECT id FROM tidak_ada");
    assert!(direct::all::<(i32,), _>(db, bad).await.is_err());
});

async fn seaorm_first(db: &DatabaseConnection) -> Option<PegawaiBaris> {
    pegawai_query().into_tuple().one(db).await.unwrap()
}

db_test!(
    direct_reads_see_commits_and_transactions_read_their_own,
    |db| {
        let f = fixture(db).await;
        let r = rencana(db, &f, today()).await;
        let t = today();
        // Read once, so that the thread's connection is open before the writes below.
        assert!(periode_svc::terbuka_pada(db, f.alpha, t, t).await.unwrap());
        let per = periode::Entity::find()
            .filter(periode::Column::InstansiId.eq(f.alpha))
            .filter(periode::Column::Jenis.ne("TAHUNAN"))
            .filter(periode::Column::Mulai.lte(t))
            .filter(periode::Column::Selesai.gte(t))
            .one(db)
            .await
            .unwrap()
            .unwrap();

        // Inside a transaction the period is closed; outside it is still open until the commit.
        let txn = db.begin().await.unwrap();
        let mut am: periode::ActiveModel = per.clone().into();
        am.status = Set(periode_svc::DITUTUP.into());
        am.update(&txn).await.unwrap();
        assert!(
            !periode_svc::terbuka_pada(&txn, f.alpha, t, t)
                .await
                .unwrap()
        );
        assert!(periode_svc::terbuka_pada(db, f.alpha, t, t).await.unwrap());
        txn.commit().await.unwrap();
        assert!(!periode_svc::terbuka_pada(db, f.alpha, t, t).await.unwrap());

        // A rolled-back change is never seen.
        let txn = db.begin().await.unwrap();
        let mut am: periode::ActiveModel = per.into();
        am.status = Set(periode_svc::TERBUKA.into());
        am.update(&txn).await.unwrap();
        assert!(
            periode_svc::terbuka_pada(&txn, f.alpha, t, t)
                .await
                .unwrap()
        );
        txn.rollback().await.unwrap();
        assert!(!periode_svc::terbuka_pada(db, f.alpha, t, t).await.unwrap());

        // The SKP in force with its RHK, and an RHK of someone else's SKP.
        let found = skp::berlaku_dengan_rhk(db, f.perawat1.id, t.year(), r.rhk_perawat1)
            .await
            .unwrap();
        assert_eq!(found, Some((r.skp_perawat1, Some(r.rhk_perawat1))));
        let other = skp::berlaku_dengan_rhk(db, f.perawat1.id, t.year(), r.rhk_kapus)
            .await
            .unwrap();
        assert_eq!(other, Some((r.skp_perawat1, None)));
        assert_eq!(
            skp::berlaku_dengan_rhk(db, f.perawat2.id, t.year(), r.rhk_perawat1)
                .await
                .unwrap(),
            None,
            "Joko has no SKP"
        );
    }
);

db_test!(whole_rows_read_directly_equal_seaorm_models, |db| {
    let f = fixture(db).await;
    rencana(db, &f, today()).await;
    let t = today();
    // Two acting assignments: open-ended, and with an end.
    for (pegawai_id, selesai) in [(f.kapus.id, None), (f.perawat2.id, Some(t))] {
        penugasan_plt::ActiveModel {
            instansi_id: Set(f.alpha),
            jabatan_id: Set(f.jab_kadis),
            pegawai_id: Set(pegawai_id),
            jenis: Set("PLT".into()),
            mulai: Set(NaiveDate::from_ymd_opt(2026, 1, 2).unwrap()),
            selesai: Set(selesai),
            created_at: Set(chrono::Utc::now()),
            ..Default::default()
        }
        .insert(db)
        .await
        .unwrap();
    }
    let pegawai = pegawai::Entity::find().order_by_asc(pegawai::Column::Id);
    let seaorm = pegawai.clone().all(db).await.unwrap();
    assert!(seaorm.iter().any(|p| p.penilai_manual_id.is_none()));
    assert_eq!(direct::models(db, pegawai).await.unwrap(), seaorm);

    let jabatan = jabatan::Entity::find().order_by_asc(jabatan::Column::Id);
    let seaorm = jabatan.clone().all(db).await.unwrap();
    assert!(
        seaorm.iter().any(|j| j.atasan_id.is_none())
            && seaorm.iter().any(|j| j.atasan_id.is_some())
    );
    assert_eq!(direct::models(db, jabatan).await.unwrap(), seaorm);

    let periode = periode::Entity::find().order_by_asc(periode::Column::Id);
    let seaorm = periode.clone().all(db).await.unwrap();
    assert_eq!(seaorm.len(), 5);
    assert_eq!(direct::models(db, periode).await.unwrap(), seaorm);

    let instansi = instansi::Entity::find().order_by_asc(instansi::Column::Id);
    let seaorm = instansi.clone().all(db).await.unwrap();
    assert_eq!(seaorm.len(), 2, "alpha and beta");
    assert_eq!(direct::models(db, instansi).await.unwrap(), seaorm);

    let plt = penugasan_plt::Entity::find().order_by_asc(penugasan_plt::Column::Id);
    let seaorm = plt.clone().all(db).await.unwrap();
    assert_eq!(seaorm.len(), 2);
    assert_eq!(direct::models(db, plt).await.unwrap(), seaorm);
});
