//! Each pegawai's SKP in force with its RHK's progress, kept one row per pegawai and year
//! (`services::ringkasan::skp`), on SQLite and PostgreSQL: after a new SKP, RHK and indicators
//! added, changed and removed, submitting, returning, setting, a new version that takes the
//! activities over, verification, closing, and a rebuild, the rows equal what their sources give,
//! and the monitoring page shows them. On PostgreSQL two transactions refreshing one pegawai at
//! once do not lose either's change.

use chrono::NaiveDate;
use kinerja_core::db::entities::rhk;
use kinerja_core::rules::alur_skp::{self, Aksi};
use kinerja_core::services::harian::aktivitas::{self as akt, AktivitasInput, VerifikasiInput};
use kinerja_core::services::{
    harian::monitoring, perencanaan::skp as skp_svc, ringkasan::keluaran,
    ringkasan::skp as ringkasan_skp,
};
use kinerja_core::storage::BuktiStore;
use kinerja_core::testing::{NIP_KAPUS, NIP_PERAWAT1, NIP_PERAWAT2, actor, fixture, rencana};
use kinerja_core::{DatabaseConnection, db_test};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, Set,
    TransactionTrait,
};
use std::time::Duration;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn kegiatan(tanggal: &str, rhk: i32, jumlah: &str) -> AktivitasInput {
    AktivitasInput {
        tanggal: tanggal.into(),
        rhk_id: rhk.to_string(),
        uraian: "Menyusun laporan asuhan keperawatan".into(),
        kuantitas: jumlah.into(),
        satuan: "Laporan".into(),
        tautan: String::new(),
        ajukan: Some("1".into()),
    }
}

fn verdik(v: &str) -> VerifikasiInput {
    VerifikasiInput {
        verifikasi: v.into(),
        catatan: if v == akt::SESUAI { "" } else { "Lengkapi" }.into(),
        ..Default::default()
    }
}

fn rhk_input(teks: &str) -> skp_svc::RhkInput {
    skp_svc::RhkInput {
        jenis: skp_svc::UTAMA.into(),
        teks: teks.into(),
        perspektif: "Penerima Layanan".into(),
        ..Default::default()
    }
}

fn iki_input(target: &str, satuan: &str) -> skp_svc::IkiInput {
    skp_svc::IkiInput {
        aspek: "KUANTITAS".into(),
        indikator: format!("Jumlah {satuan}"),
        target: target.into(),
        satuan: satuan.into(),
    }
}

/// The kept rows equal their sources; returns them.
async fn sama(
    db: &DatabaseConnection,
    langkah: &str,
) -> std::collections::BTreeMap<(i32, i32), ringkasan_skp::Ringkasan> {
    let kept = ringkasan_skp::tersimpan(db).await.unwrap();
    let from = ringkasan_skp::semua_dari_sumber(db).await.unwrap();
    assert_eq!(kept, from, "after {langkah}");
    kept
}

/// What the monitoring page shows of one member: the SKP's state, and each RHK as text,
/// verified output, target and unit.
async fn di_monitoring(
    db: &DatabaseConnection,
    penilai: &kinerja_core::Actor,
    pegawai_id: i32,
) -> (String, Vec<(String, i64, i64, String)>) {
    let tim = monitoring::tim(db, penilai, false, today()).await.unwrap();
    let a = tim
        .anggota
        .into_iter()
        .find(|a| a.pegawai.id == pegawai_id)
        .expect("a member of the team");
    let progres = a
        .progres
        .iter()
        .map(|p| (p.teks.clone(), p.capai, p.target, p.satuan.clone()))
        .collect();
    (a.skp_label().to_string(), progres)
}

db_test!(kept_rows_follow_every_change_of_an_skp, |db| {
    let f = fixture(db).await;
    let r = rencana(db, &f, today()).await;
    let ani = actor(db, NIP_PERAWAT1).await;
    let joko = actor(db, NIP_PERAWAT2).await;
    let kapus = actor(db, NIP_KAPUS).await;
    let admin = actor(db, "admin.alpha").await;
    let t = today();
    let st = BuktiStore::memory();
    let rows = sama(db, "the plan of the fixture").await;
    assert_eq!(rows.len(), 3, "the kadis, the kapus and Ani: {rows:?}");

    // Joko, who had none, drafts an SKP: a row with no RHK, then one RHK and its indicators.
    let buat = skp_svc::BuatInput {
        tahun: "2026".into(),
        pendekatan: skp_svc::KUANTITATIF.into(),
    };
    let sj = skp_svc::buat(db, &joko, f.perawat2.id, &buat, t)
        .await
        .unwrap();
    let rows = sama(db, "a new SKP").await;
    assert!(rows[&(f.perawat2.id, 2026)].1.is_empty());
    let mut rhk_joko = rhk_input("Laporan shift");
    rhk_joko.rhk_atasan_id = r.rhk_kapus.to_string();
    let rj = skp_svc::simpan_rhk(db, &joko, sj.id, None, &rhk_joko, t)
        .await
        .unwrap();
    sama(db, "an RHK added").await;
    let ij = skp_svc::tambah_iki(db, &joko, rj.id, &iki_input("20", "Laporan"), t)
        .await
        .unwrap();
    skp_svc::tambah_iki(db, &joko, rj.id, &iki_input("3", "Dokumen"), t)
        .await
        .unwrap();
    sama(db, "two indicators added").await;
    rhk_joko.teks = "Laporan dinas".into();
    skp_svc::simpan_rhk(db, &joko, sj.id, Some(rj.id), &rhk_joko, t)
        .await
        .unwrap();
    sama(db, "an RHK changed").await;
    assert_eq!(
        di_monitoring(db, &kapus, f.perawat2.id).await,
        (
            alur_skp::label(alur_skp::DRAFT).to_string(),
            vec![("Laporan dinas".into(), 0, 2000, "Laporan".into())]
        )
    );
    skp_svc::hapus_iki(db, &joko, ij.id, t).await.unwrap();
    let rows = sama(db, "the kuantitas indicator removed").await;
    assert_eq!(rows[&(f.perawat2.id, 2026)].1[0].satuan, "Dokumen");
    skp_svc::hapus_rhk(db, &joko, rj.id, t).await.unwrap();
    let rows = sama(db, "the RHK removed").await;
    assert!(rows[&(f.perawat2.id, 2026)].1.is_empty());

    // Ani's output, verified: approved counts, returned does not.
    let mut ids = Vec::new();
    for (d, n) in [
        ("2026-11-17", "3"),
        ("2026-11-18", "2"),
        ("2026-11-19", "4"),
    ] {
        let a = akt::catat(db, &st, &ani, &kegiatan(d, r.rhk_perawat1, n), &[], t)
            .await
            .unwrap();
        ids.push(a.id);
    }
    sama(db, "recording (no verified output yet)").await;
    for (id, v) in ids.iter().zip([akt::SESUAI, akt::TIDAK_SESUAI]) {
        akt::verifikasi(db, &kapus, *id, &verdik(v), t)
            .await
            .unwrap();
    }
    sama(db, "verifying").await;
    let (label, progres) = di_monitoring(db, &kapus, f.perawat1.id).await;
    assert_eq!(label, alur_skp::label(alur_skp::DITETAPKAN));
    assert_eq!((progres[0].1, progres[0].2), (300, 1200));

    // A new version: the set one stays in force while it is drafted, submitted and returned.
    let v2 = skp_svc::jalankan(db, &ani, r.skp_perawat1, Aksi::Ubah, "", t)
        .await
        .unwrap();
    let rows = sama(db, "a new version").await;
    assert_eq!(rows[&(f.perawat1.id, 2026)].0.id, r.skp_perawat1);
    let rhk_baru = rhk::Entity::find()
        .filter(rhk::Column::SkpId.eq(v2.id))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let mut revisi = rhk_input("Laporan asuhan keperawatan yang lengkap");
    revisi.rhk_atasan_id = rhk_baru
        .rhk_atasan_id
        .map(|x| x.to_string())
        .unwrap_or_default();
    skp_svc::simpan_rhk(db, &ani, v2.id, Some(rhk_baru.id), &revisi, t)
        .await
        .unwrap();
    sama(db, "the new version's RHK changed").await;
    skp_svc::jalankan(db, &ani, v2.id, Aksi::Ajukan, "", t)
        .await
        .unwrap();
    sama(db, "submitting the new version").await;
    skp_svc::jalankan(db, &kapus, v2.id, Aksi::Kembalikan, "Perjelas", t)
        .await
        .unwrap();
    let rows = sama(db, "returning it").await;
    assert_eq!(rows[&(f.perawat1.id, 2026)].0.id, r.skp_perawat1);
    skp_svc::jalankan(db, &ani, v2.id, Aksi::Ajukan, "", t)
        .await
        .unwrap();
    skp_svc::jalankan(db, &kapus, v2.id, Aksi::Tetapkan, "", t)
        .await
        .unwrap();
    // Set, it is in force, with the output it took over.
    let rows = sama(db, "setting the new version").await;
    let (skp, progres) = &rows[&(f.perawat1.id, 2026)];
    assert_eq!(skp.id, v2.id);
    assert_eq!(progres[0].rhk_id, rhk_baru.id);
    assert_eq!(progres[0].capai, 300);
    akt::verifikasi(db, &kapus, ids[2], &verdik(akt::SESUAI), t)
        .await
        .unwrap();
    sama(db, "verifying after the move").await;
    assert_eq!(
        di_monitoring(db, &kapus, f.perawat1.id).await.1,
        vec![(
            "Laporan asuhan keperawatan yang lengkap".into(),
            700,
            1200,
            "Laporan".into()
        )]
    );

    // Closed by the admin, Joko's SKP leaves no row, and the page says he has none.
    skp_svc::jalankan(db, &admin, sj.id, Aksi::Tutup, "", t)
        .await
        .unwrap();
    let rows = sama(db, "closing").await;
    assert!(!rows.contains_key(&(f.perawat2.id, 2026)));
    assert_eq!(
        di_monitoring(db, &kapus, f.perawat2.id).await,
        ("Belum ada SKP".to_string(), Vec::new())
    );

    // A rebuild gives the same rows.
    let before = sama(db, "everything").await;
    ringkasan_skp::hitung_ulang(db).await.unwrap();
    assert_eq!(ringkasan_skp::tersimpan(db).await.unwrap(), before);
});

/// Two transactions refresh Ani's row at once on PostgreSQL: one verifies output (its running
/// total), the other renames her RHK. The second to refresh waits for the first to commit and
/// computes from what it committed, so the row has both changes. Without the lock of
/// `ringkasan_skp::segarkan` the second would compute without the first's total and write over it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_refreshes_keep_both_changes_on_postgres() {
    let Some(t) = kinerja_core::testing::postgres().await else {
        return;
    };
    let db = &t.db;
    let f = fixture(db).await;
    let r = rencana(db, &f, today()).await;
    let pegawai_id = f.perawat1.id;

    let satu = db.begin().await.unwrap();
    keluaran::tambah(&satu, r.rhk_perawat1, "Laporan", 500)
        .await
        .unwrap();
    ringkasan_skp::segarkan(&satu, pegawai_id, 2026)
        .await
        .unwrap();

    let db2 = db.clone();
    let rhk_id = r.rhk_perawat1;
    let dua = tokio::spawn(async move {
        let txn = db2.begin().await.unwrap();
        let mut am = rhk::Entity::find_by_id(rhk_id)
            .one(&txn)
            .await
            .unwrap()
            .unwrap()
            .into_active_model();
        am.teks = Set("Laporan yang diganti namanya".into());
        am.update(&txn).await.unwrap();
        ringkasan_skp::segarkan(&txn, pegawai_id, 2026)
            .await
            .unwrap();
        txn.commit().await.unwrap();
    });
    // The first commits only once the second is waiting on a lock.
    loop {
        let waiting = db
            .query_one_raw(sea_orm::Statement::from_string(
                db.get_database_backend(),
                "SELECT count(*)::int FROM pg_stat_activity \
                 WHERE datname = current_database() AND wait_event_type = 'Lock'",
            ))
            .await
            .unwrap()
            .unwrap()
            .try_get_by_index::<i32>(0)
            .unwrap();
        if waiting > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    satu.commit().await.unwrap();
    dua.await.unwrap();

    let kept = ringkasan_skp::tersimpan(db).await.unwrap();
    assert_eq!(kept, ringkasan_skp::semua_dari_sumber(db).await.unwrap());
    let progres = &kept[&(pegawai_id, 2026)].1;
    assert_eq!(
        (progres[0].teks.as_str(), progres[0].capai),
        ("Laporan yang diganti namanya", 500)
    );
    t.cleanup().await;
}
