//! Evaluating a whole instansi at once (`services::evaluasi::instansi`): the predikat of every
//! rated pegawai from the matrix, angka kredit for a jabatan fungsional, the distribution check
//! under each unit's organisational predikat, and who may run it when.

use chrono::NaiveDate;
use kinerja_core::db::entities::{audit_event, evaluasi, pegawai, periode, predikat_organisasi};
use kinerja_core::db_test;
use kinerja_core::rules::distribusi::PredikatOrganisasi;
use kinerja_core::rules::predikat::Rating;
use kinerja_core::services::{
    evaluasi::instansi as evaluasi_instansi, now, perencanaan::periode as periode_svc,
};
use kinerja_core::testing::{self, actor, fixture};
use kinerja_core::{Actor, CoreError};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 18).unwrap()
}

async fn nilai(
    db: &sea_orm::DatabaseConnection,
    p: &pegawai::Model,
    per: i32,
    ratings: Option<(Rating, Rating)>,
) {
    evaluasi::ActiveModel {
        instansi_id: Set(p.instansi_id),
        pegawai_id: Set(p.id),
        periode_id: Set(per),
        skp_id: Set(None),
        unit_kerja_id: Set(p.unit_kerja_id),
        jabatan_id: Set(p.jabatan_id),
        penilai_id: Set(None),
        rating_hasil: Set(ratings.map(|r| r.0.code().into())),
        rating_perilaku: Set(ratings.map(|r| r.1.code().into())),
        predikat: Set(None),
        angka_kredit: Set(None),
        status: Set("DINILAI".into()),
        created_at: Set(now()),
        updated_at: Set(now()),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
}

async fn hasil(db: &sea_orm::DatabaseConnection, p: &pegawai::Model) -> evaluasi::Model {
    evaluasi::Entity::find()
        .filter(evaluasi::Column::PegawaiId.eq(p.id))
        .one(db)
        .await
        .unwrap()
        .unwrap()
}

db_test!(whole_instansi_is_evaluated_in_one_run, |db| {
    let f = fixture(db).await;
    testing::rencana(db, &f, today()).await;
    let tahunan = periode::Entity::find()
        .filter(periode::Column::InstansiId.eq(f.alpha))
        .filter(periode::Column::Jenis.eq("TAHUNAN"))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    use Rating::*;
    nilai(db, &f.kadis, tahunan.id, Some((DiAtas, DiAtas))).await;
    nilai(db, &f.kapus, tahunan.id, Some((Sesuai, Sesuai))).await;
    nilai(db, &f.perawat1, tahunan.id, Some((DiAtas, DiAtas))).await;
    nilai(db, &f.perawat2, tahunan.id, None).await;
    for (unit, p) in [
        (f.unit_pkm, PredikatOrganisasi::Baik),
        (f.unit_dinas, PredikatOrganisasi::Istimewa),
    ] {
        predikat_organisasi::ActiveModel {
            instansi_id: Set(f.alpha),
            unit_kerja_id: Set(unit),
            periode_id: Set(tahunan.id),
            predikat: Set(p.code().into()),
            ditetapkan_oleh: Set(Some(f.kadis.id)),
            catatan: Set(String::new()),
            created_at: Set(now()),
            updated_at: Set(now()),
            ..Default::default()
        }
        .insert(db)
        .await
        .unwrap();
    }

    // Nobody outside the instansi's administration may run it.
    for who in ["admin.beta", testing::NIP_KAPUS] {
        let a = actor(db, who).await;
        let r = evaluasi_instansi::jalankan(db, &a, tahunan.id, &mut |_, _, _| {}).await;
        assert!(matches!(r, Err(CoreError::Forbidden)), "{who}: {r:?}");
    }
    assert_eq!(hasil(db, &f.perawat1).await.predikat, None);

    let admin = actor(db, "admin.alpha").await;
    let l = evaluasi_instansi::jalankan(db, &admin, tahunan.id, &mut |_, _, _| {})
        .await
        .unwrap();
    assert_eq!((l.dinilai, l.belum_dinilai), (3, 1));
    assert_eq!(l.sebaran.0, [2, 1, 0, 0, 0]);
    // Ani is a perawat ahli pertama: Sangat Baik for a year is 150% of 12.5.
    assert_eq!((l.pegawai_ak, l.total_ak), (1, 1875));
    let ani = hasil(db, &f.perawat1).await;
    assert_eq!(ani.predikat.as_deref(), Some("SANGAT_BAIK"));
    assert_eq!(ani.angka_kredit, Some(1875));
    let sari = hasil(db, &f.kapus).await;
    assert_eq!(sari.predikat.as_deref(), Some("BAIK"));
    assert_eq!(sari.angka_kredit, None);
    assert_eq!(hasil(db, &f.perawat2).await.predikat, None);
    // Under the Puskesmas (Baik) only Ani counts, Sangat Baik: Baik is not the largest group and
    // nobody is Butuh Perbaikan or Kurang. Under the Dinas (Istimewa) Sari and Ani count (the
    // kepala dinas heads it and is outside its scope): one Sangat Baik of two is allowed.
    assert_eq!(l.unit_diperiksa, 2);
    assert_eq!(l.pelanggaran.len(), 1, "{:?}", l.pelanggaran);
    let v = &l.pelanggaran[0];
    assert_eq!(v.unit, "Puskesmas Kota");
    assert_eq!(v.sebaran.0, [1, 0, 0, 0, 0]);
    assert_eq!(v.aturan.len(), 2, "{:?}", v.aturan);
    assert!(
        audit_event::Entity::find()
            .filter(audit_event::Column::Entity.eq("periode"))
            .filter(audit_event::Column::EntityId.eq(i64::from(tahunan.id)))
            .one(db)
            .await
            .unwrap()
            .is_some()
    );

    // A closed period is final: the run is refused and changes nothing.
    periode_svc::ubah_status(db, &admin, tahunan.id, false)
        .await
        .unwrap();
    evaluasi::Entity::update_many()
        .col_expr(evaluasi::Column::RatingHasil, "DIBAWAH".into())
        .filter(evaluasi::Column::PegawaiId.eq(f.perawat1.id))
        .exec(db)
        .await
        .unwrap();
    let r = evaluasi_instansi::jalankan(db, &Actor::system(), tahunan.id, &mut |_, _, _| {}).await;
    assert!(matches!(r, Err(CoreError::Conflict(_))), "{r:?}");
    assert_eq!(
        hasil(db, &f.perawat1).await.predikat.as_deref(),
        Some("SANGAT_BAIK")
    );
});
