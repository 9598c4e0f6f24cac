//! The running totals of verified output (`services::ringkasan::keluaran`) on SQLite and PostgreSQL: after
//! verification (approved, returned), units written differently, a new SKP version taking over
//! the activities, and a rebuild, they equal the sums over the activities themselves, and the
//! monitoring page shows them.

use chrono::NaiveDate;
use kinerja_core::DatabaseConnection;
use kinerja_core::db::entities::rhk;
use kinerja_core::db_test;
use kinerja_core::rules::alur_skp::Aksi;
use kinerja_core::services::harian::aktivitas::{self as akt, AktivitasInput, VerifikasiInput};
use kinerja_core::services::{
    evaluasi::realisasi, harian::monitoring, perencanaan::skp as skp_svc, ringkasan::keluaran,
};
use kinerja_core::storage::BuktiStore;
use kinerja_core::testing::{NIP_KAPUS, NIP_PERAWAT1, actor, fixture, rencana};
use sea_orm::EntityTrait;
use std::collections::HashMap;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn kegiatan(tanggal: &str, rhk: i32, jumlah: &str, satuan: &str) -> AktivitasInput {
    AktivitasInput {
        tanggal: tanggal.into(),
        rhk_id: rhk.to_string(),
        uraian: "Menyusun laporan asuhan keperawatan".into(),
        kuantitas: jumlah.into(),
        satuan: satuan.into(),
        tautan: String::new(),
        ajukan: Some("1".into()),
    }
}

/// The totals as kept, and as summed from the verified activities.
async fn both(
    db: &DatabaseConnection,
) -> (HashMap<(i32, String), i64>, HashMap<(i32, String), i64>) {
    let ids: Vec<i32> = rhk::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect();
    let kept = keluaran::per_rhk(db, ids.clone()).await.unwrap();
    let from = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
    let summed = realisasi::keluaran_disetujui(db, ids, from, today())
        .await
        .unwrap();
    (kept, summed)
}

db_test!(running_totals_follow_every_change, |db| {
    let f = fixture(db).await;
    let r = rencana(db, &f, today()).await;
    let ani = actor(db, NIP_PERAWAT1).await;
    let kapus = actor(db, NIP_KAPUS).await;
    let t = today();
    let st = BuktiStore::memory();
    let mut ids = Vec::new();
    for (d, n, s) in [
        ("2026-11-16", "3", "Laporan"),
        ("2026-11-17", "2", " laporan "),
        ("2026-11-18", "1,5", "Dokumen"),
        ("2026-11-19", "4", "Laporan"),
        ("2026-11-20", "7", "Laporan"),
    ] {
        let a = akt::catat(db, &st, &ani, &kegiatan(d, r.rhk_perawat1, n, s), &[], t)
            .await
            .unwrap();
        ids.push(a.id);
    }
    let (kept, _) = both(db).await;
    assert!(kept.is_empty(), "nothing verified yet: {kept:?}");

    let v = |verdik: &str, catatan: &str| VerifikasiInput {
        verifikasi: verdik.into(),
        catatan: catatan.into(),
        ..Default::default()
    };
    // Approved (SESUAI, KURANG) count; returned does not; the last one stays submitted.
    for (id, verdik) in ids
        .iter()
        .zip(["SESUAI", "KURANG", "SESUAI", "TIDAK_SESUAI"])
    {
        let catatan = if verdik == "SESUAI" { "" } else { "Lengkapi" };
        akt::verifikasi(db, &kapus, *id, &v(verdik, catatan), t)
            .await
            .unwrap();
    }
    let (kept, summed) = both(db).await;
    assert_eq!(kept, summed);
    assert_eq!(kept.get(&(r.rhk_perawat1, "laporan".into())), Some(&500));
    assert_eq!(kept.get(&(r.rhk_perawat1, "dokumen".into())), Some(&150));
    assert_eq!(kept.len(), 2);

    // The monitoring page reads them: 5 of 12 Laporan.
    let tim = monitoring::tim(db, &kapus, false, t).await.unwrap();
    let baris = tim
        .anggota
        .iter()
        .find(|a| a.pegawai.id == f.perawat1.id)
        .unwrap();
    assert_eq!(baris.progres.len(), 1);
    assert_eq!(
        (baris.progres[0].capai, baris.progres[0].target),
        (500, 1200)
    );

    // A new SKP version takes the activities over, and their totals with them.
    let v2 = skp_svc::jalankan(db, &ani, r.skp_perawat1, Aksi::Ubah, "", t)
        .await
        .unwrap();
    skp_svc::jalankan(db, &ani, v2.id, Aksi::Ajukan, "", t)
        .await
        .unwrap();
    skp_svc::jalankan(db, &kapus, v2.id, Aksi::Tetapkan, "", t)
        .await
        .unwrap();
    let rhk_baru = rhk::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .find(|x| x.skp_id == v2.id)
        .unwrap()
        .id;
    let (kept, summed) = both(db).await;
    assert_eq!(kept, summed);
    assert_eq!(kept.get(&(rhk_baru, "laporan".into())), Some(&500));
    assert!(!kept.keys().any(|(rhk, _)| *rhk == r.rhk_perawat1));

    // Verifying the last one after the move adds to the new RHK.
    akt::verifikasi(db, &kapus, ids[4], &v("SESUAI", ""), t)
        .await
        .unwrap();
    let (kept, summed) = both(db).await;
    assert_eq!(kept, summed);
    assert_eq!(kept.get(&(rhk_baru, "laporan".into())), Some(&1200));
    let tim = monitoring::tim(db, &kapus, false, t).await.unwrap();
    let baris = tim
        .anggota
        .iter()
        .find(|a| a.pegawai.id == f.perawat1.id)
        .unwrap();
    assert_eq!(baris.progres[0].capai, 1200);

    // A rebuild from the activities gives the same totals.
    keluaran::hitung_ulang(db).await.unwrap();
    let (rebuilt, _) = both(db).await;
    assert_eq!(rebuilt, kept);
});
