//! The direct paths behind `db::baca` and `db::tulis`, on SQLite and PostgreSQL. Reads on the calling thread return
//! what SeaORM returns for the same statement (tuples, and the whole rows of every model read
//! directly, with dates and timestamps in any text form SQLite holds), see what was just
//! committed, and inside a transaction go through the transaction, which sees its own
//! uncommitted writes. The activity form's direct writer stores what SeaORM reads back, and a
//! failed or panicking write leaves nothing and the writer usable.

use chrono::{Datelike, NaiveDate};
use kinerja_core::db::entities::{
    aktivitas, audit_event, bukti_dukung, instansi, jabatan, pegawai, penugasan_plt, periode,
};
use kinerja_core::db::{baca, tulis};
use kinerja_core::services::harian::aktivitas::{self as akt, AktivitasInput};
use kinerja_core::services::{perencanaan::periode as periode_svc, perencanaan::skp};
use kinerja_core::storage::BuktiStore;
use kinerja_core::testing::{NIP_PERAWAT1, actor, fixture, rencana};
use kinerja_core::{DatabaseConnection, db_test};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, QueryTrait, Set, TransactionTrait,
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
    let file = baca::sqlite_file_of(db);
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
    let direct: Vec<PegawaiBaris> = baca::all(db, pegawai_query().build(backend)).await.unwrap();
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
    let direct: Vec<PeriodeBaris> = baca::all(db, q().build(backend)).await.unwrap();
    assert_eq!(seaorm.len(), 4, "four quarters have begun by 23 November");
    assert_eq!(direct, seaorm);

    // One row, and none.
    let first: Option<PegawaiBaris> = baca::one(db, pegawai_query().limit(1).build(backend))
        .await
        .unwrap();
    assert_eq!(first.as_ref(), seaorm_first(db).await.as_ref());
    let none: Option<PegawaiBaris> = baca::one(
        db,
        pegawai_query()
            .filter(pegawai::Column::Id.eq(-1))
            .limit(1)
            .build(backend),
    )
    .await
    .unwrap();
    assert_eq!(none, None);

    // A timestamp is bound in sqlx's text form: a range gives the same answer either way, and
    // equality with a stored timestamp (written by sqlx) finds exactly its row.
    let q = || pegawai_query().filter(pegawai::Column::CreatedAt.lte(chrono::Utc::now()));
    let seaorm: Vec<PegawaiBaris> = q().into_tuple().all(db).await.unwrap();
    let direct: Vec<PegawaiBaris> = baca::all(db, q().build(backend)).await.unwrap();
    assert_eq!(direct, seaorm);
    assert!(!direct.is_empty());
    let stored = pegawai::Entity::find_by_id(f.perawat1.id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let q = pegawai_query().filter(pegawai::Column::CreatedAt.eq(stored.created_at));
    let direct: Vec<PegawaiBaris> = baca::all(db, q.build(backend)).await.unwrap();
    assert!(direct.iter().any(|p| p.0 == f.perawat1.id), "{direct:?}");

    // A statement SQLite refuses is an error, not a panic.
    let bad = sea_orm::Statement::from_string(backend, "SELECT id FROM tidak_ada");
    assert!(baca::all::<(i32,), _>(db, bad).await.is_err());
});

// The path is chosen from the connection a service passes: SeaORM's own connection reads
// directly (on a SQLite file, and on PostgreSQL on connections of its own), a transaction reads
// through itself. A service cannot tell the difference, and the answers are the same.
db_test!(the_connection_chooses_the_path, |db| {
    fixture(db).await;
    let backend = db.get_database_backend();
    let direct = baca::counting::counter_of(db);
    let read = pegawai_query().build(backend);
    let lewat_koneksi: Vec<PegawaiBaris> = baca::all(db, read.clone()).await.unwrap();
    let first = baca::first(db, pegawai::Entity::find()).await.unwrap();
    assert_eq!(direct.load(std::sync::atomic::Ordering::SeqCst), 2);

    let txn = db.begin().await.unwrap();
    let lewat_transaksi: Vec<PegawaiBaris> = baca::all(&txn, read).await.unwrap();
    let first_txn = baca::first(&txn, pegawai::Entity::find()).await.unwrap();
    txn.commit().await.unwrap();
    assert_eq!(
        direct.load(std::sync::atomic::Ordering::SeqCst),
        2,
        "a transaction reads through itself"
    );
    assert_eq!(lewat_transaksi, lewat_koneksi);
    assert_eq!(first_txn, first);
    assert!(!lewat_koneksi.is_empty());
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
    assert_eq!(baca::models(db, pegawai).await.unwrap(), seaorm);

    let jabatan = jabatan::Entity::find().order_by_asc(jabatan::Column::Id);
    let seaorm = jabatan.clone().all(db).await.unwrap();
    assert!(
        seaorm.iter().any(|j| j.atasan_id.is_none())
            && seaorm.iter().any(|j| j.atasan_id.is_some())
    );
    assert_eq!(baca::models(db, jabatan).await.unwrap(), seaorm);

    let periode = periode::Entity::find().order_by_asc(periode::Column::Id);
    let seaorm = periode.clone().all(db).await.unwrap();
    assert_eq!(seaorm.len(), 5);
    assert_eq!(baca::models(db, periode).await.unwrap(), seaorm);

    let instansi = instansi::Entity::find().order_by_asc(instansi::Column::Id);
    let seaorm = instansi.clone().all(db).await.unwrap();
    assert_eq!(seaorm.len(), 2, "alpha and beta");
    assert_eq!(baca::models(db, instansi).await.unwrap(), seaorm);

    let plt = penugasan_plt::Entity::find().order_by_asc(penugasan_plt::Column::Id);
    let seaorm = plt.clone().all(db).await.unwrap();
    assert_eq!(seaorm.len(), 2);
    assert_eq!(baca::models(db, plt).await.unwrap(), seaorm);

    // Dates and timestamps in a text form other than the one sqlx writes (an import by hand,
    // an older release) fall back to rusqlite's parsers and still read as SeaORM reads them.
    if db.get_database_backend() == DbBackend::Sqlite {
        let tulis = "UPDATE pegawai SET created_at = '2026-01-12 08:30:00', \
                     updated_at = '2026-01-12T08:30:00.5Z' WHERE id = ?";
        let stmt = sea_orm::Statement::from_sql_and_values(
            DbBackend::Sqlite,
            tulis,
            [f.perawat1.id.into()],
        );
        db.execute_raw(stmt).await.unwrap();
        let satu = pegawai::Entity::find_by_id(f.perawat1.id);
        let seaorm = satu.clone().one(db).await.unwrap().unwrap();
        let jam = chrono::NaiveTime::from_hms_opt(8, 30, 0).unwrap();
        assert_eq!(seaorm.created_at.time(), jam);
        assert_eq!(baca::first(db, satu).await.unwrap(), Some(seaorm));
    }
});

/// A new activity of Ani's RHK, with a link as its evidence.
fn kegiatan(rhk: i32, uraian: &str) -> AktivitasInput {
    AktivitasInput {
        tanggal: "2026-11-20".into(),
        rhk_id: rhk.to_string(),
        uraian: uraian.into(),
        kuantitas: "1,5".into(),
        satuan: "Laporan".into(),
        tautan: "https://contoh.go.id/laporan".into(),
        ajukan: Some("1".into()),
    }
}

db_test!(the_direct_writer_stores_what_seaorm_reads_back, |db| {
    let f = fixture(db).await;
    let r = rencana(db, &f, today()).await;
    let ani = actor(db, NIP_PERAWAT1).await;
    let st = BuktiStore::memory();

    // The activity form's write (on SQLite through the direct writer): every column of the
    // activity, its evidence and its audit event read back through SeaORM as returned.
    let a = akt::catat(
        db,
        &st,
        &ani,
        &kegiatan(r.rhk_perawat1, "Asuhan"),
        &[],
        today(),
    )
    .await
    .unwrap();
    assert_eq!(a.kuantitas, 150);
    let stored = aktivitas::Entity::find_by_id(a.id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored, a, "timestamps to the nanosecond, dates, nulls");
    let bukti = bukti_dukung::Entity::find()
        .filter(bukti_dukung::Column::AktivitasId.eq(a.id))
        .all(db)
        .await
        .unwrap();
    assert_eq!(bukti.len(), 1);
    assert_eq!(bukti[0].url, "https://contoh.go.id/laporan");
    let event = audit_event::Entity::find()
        .filter(audit_event::Column::Entity.eq("aktivitas"))
        .filter(audit_event::Column::EntityId.eq(a.id as i64))
        .one(db)
        .await
        .unwrap()
        .expect("an audit event");
    assert!(event.after_json.unwrap().contains("Asuhan"));
    // The models the writer reads back are the ones SeaORM reads.
    let q = aktivitas::Entity::find().order_by_asc(aktivitas::Column::Id);
    assert_eq!(
        baca::models(db, q.clone()).await.unwrap(),
        q.all(db).await.unwrap()
    );
    let q = bukti_dukung::Entity::find().order_by_asc(bukti_dukung::Column::Id);
    assert_eq!(
        baca::models(db, q.clone()).await.unwrap(),
        q.all(db).await.unwrap()
    );
});

db_test!(
    a_failed_direct_write_leaves_nothing_and_the_writer_usable,
    |db| {
        let f = fixture(db).await;
        let backend = db.get_database_backend();
        let rename = |nama: &str| {
            instansi::Entity::update_many()
                .col_expr(
                    instansi::Column::Nama,
                    sea_orm::sea_query::Expr::value(nama),
                )
                .filter(instansi::Column::Id.eq(f.alpha))
                .build(backend)
        };
        let nama = || async {
            instansi::Entity::find_by_id(f.alpha)
                .one(db)
                .await
                .unwrap()
                .unwrap()
                .nama
        };
        let before = nama().await;

        // Committed: seen by SeaORM at once.
        let done = tulis::write(db, |w| w.execute(&rename("Pemerintah Kota Alpha"))).await;
        match backend {
            DbBackend::Sqlite => assert_eq!(done.unwrap().unwrap(), 1),
            _ => {
                assert!(done.is_none(), "only SQLite writes directly");
                return;
            }
        }
        assert_eq!(nama().await, "Pemerintah Kota Alpha");

        // A statement that fails after one that succeeded: neither stays.
        let failed = tulis::write(db, |w| {
            w.execute(&rename("Tidak tersimpan"))?;
            w.execute(&sea_orm::Statement::from_string(
                backend,
                "UPDATE tidak_ada SET x = 1",
            ))
        })
        .await
        .unwrap();
        assert!(failed.is_err());
        assert_eq!(nama().await, "Pemerintah Kota Alpha");

        // A panic in the middle of a transaction rolls it back too.
        let db2 = db.clone();
        let stmt = rename("Juga tidak tersimpan");
        let panicked = tokio::spawn(async move {
            tulis::write(&db2, |w| -> Result<(), sea_orm::DbErr> {
                w.execute(&stmt)?;
                panic!("in the middle of a write")
            })
            .await
        })
        .await;
        assert!(panicked.is_err(), "{panicked:?}");
        assert_eq!(nama().await, "Pemerintah Kota Alpha");

        // And the writer's turn came back with no transaction left open: SeaORM writes and commits.
        let txn = db.begin().await.unwrap();
        let mut am: instansi::ActiveModel = instansi::Entity::find_by_id(f.alpha)
            .one(&txn)
            .await
            .unwrap()
            .unwrap()
            .into();
        am.nama = Set(before.clone());
        am.update(&txn).await.unwrap();
        txn.commit().await.unwrap();
        assert_eq!(nama().await, before);
    }
);

/// The pid of each server process connected to the database, as PostgreSQL lists them.
async fn backends(db: &DatabaseConnection) -> Vec<i32> {
    let q = sea_orm::Statement::from_string(
        DbBackend::Postgres,
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() \
         AND pid <> pg_backend_pid()",
    );
    baca::all::<(i32,), _>(db, q)
        .await
        .unwrap()
        .into_iter()
        .map(|(p,)| p)
        .collect()
}

// On PostgreSQL the direct reads have connections of their own. When the server closes them
// while they sit idle (a restart, an administrator ending them), the next read still answers,
// on a new connection; a read cancelled mid-statement leaves no connection behind that would
// answer the next read with the old statement's rows; and they are never more than the pool's
// own maximum.
#[tokio::test]
async fn postgres_direct_connections_survive_their_server_and_cancellation() {
    let Some(t) = kinerja_core::testing::postgres().await else {
        return;
    };
    let db = &t.db;
    let f = fixture(db).await;
    let backend = DbBackend::Postgres;
    let expected: Vec<PegawaiBaris> = pegawai_query().into_tuple().all(db).await.unwrap();
    let read = || async {
        baca::all::<PegawaiBaris, _>(db, pegawai_query().build(backend))
            .await
            .unwrap()
    };
    assert_eq!(read().await, expected);

    // Every connection to the database ended by the server, the pool's and the direct ones.
    let pids = backends(db).await;
    assert!(!pids.is_empty());
    let kill = sea_orm::Statement::from_string(
        backend,
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
         WHERE datname = current_database() AND pid <> pg_backend_pid()",
    );
    db.execute_raw(kill).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert_eq!(
        read().await,
        expected,
        "a read after the server ended the connections"
    );
    assert_eq!(read().await, expected);

    // A read dropped while PostgreSQL runs it, then an ordinary read.
    let slow = sea_orm::Statement::from_string(backend, "SELECT 1, pg_sleep(0.5)::text");
    let cancelled = tokio::time::timeout(
        std::time::Duration::from_millis(100),
        baca::all::<(i32, String), _>(db, slow),
    )
    .await;
    assert!(cancelled.is_err(), "the slow read was cut short");
    assert_eq!(read().await, expected);
    let one = baca::first(db, pegawai::Entity::find_by_id(f.perawat1.id))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(one.nip, NIP_PERAWAT1);

    // Many reads at once open no more direct connections than the pool may (4 in tests),
    // besides the pool's own; the backend of the cancelled read has finished its sleep by then.
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    let reads: Vec<_> = (0..16).map(|_| read()).collect();
    for rows in futures_util::future::join_all(reads).await {
        assert_eq!(rows, expected);
    }
    assert!(
        backends(db).await.len() <= 4 + 4,
        "{:?}",
        backends(db).await
    );
    t.cleanup().await;
}

// A row knows how many columns it reads, so that the next reader's start is worked out, not
// counted by hand: a tuple its members, a model every column of its entity.
#[test]
fn a_row_counts_its_columns() {
    use baca::RowAt;
    use sea_orm::Iterable;
    assert_eq!(<(i32, String, Option<bool>) as RowAt>::KOLOM, 3);
    assert_eq!(
        <pegawai::Model as RowAt>::KOLOM,
        pegawai::Column::iter().count()
    );
    assert_eq!(
        <periode::Model as RowAt>::KOLOM,
        periode::Column::iter().count()
    );
    assert_eq!(
        <aktivitas::Model as RowAt>::KOLOM,
        aktivitas::Column::iter().count()
    );
}
