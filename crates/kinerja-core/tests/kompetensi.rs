//! The competency dictionary and the Standar Kompetensi Jabatan, on
//! SQLite and PostgreSQL: the national dictionary seeded, technical competencies per instansi,
//! standards suggested by jenjang and confirmed by the admin; with the forbidden paths (a pegawai
//! or another instansi's admin changing them, another instansi reading them).

mod common;

use common::{fields, forbidden};
use kinerja_core::db::entities::audit_event;
use kinerja_core::db_test;
use kinerja_core::services::kompetensi::kamus::{self as kompetensi, KompetensiInput};
use kinerja_core::testing::{self, actor, fixture};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::collections::HashMap;

fn komunikasi_kesehatan() -> KompetensiInput {
    KompetensiInput {
        kode: "t.01".into(),
        nama: "Komunikasi kesehatan".into(),
        level_1: "Menyampaikan pesan kesehatan sederhana kepada pasien".into(),
        level_2: "Menyesuaikan pesan dengan latar belakang pasien".into(),
        level_3: "Memberi edukasi kelompok dan keluarga".into(),
        level_4: "Merancang materi promosi kesehatan unit".into(),
        level_5: "Menjadi rujukan komunikasi kesehatan daerah".into(),
    }
}

db_test!(dictionary_and_standards_per_jabatan, |db| {
    let f = fixture(db).await;
    let admin = actor(db, "admin.alpha").await;
    let admin_beta = actor(db, "admin.beta").await;
    let ani = actor(db, testing::NIP_PERAWAT1).await;

    // The national dictionary is there for everyone of the instansi.
    let kamus = kompetensi::kamus(db, &ani, f.alpha).await.unwrap();
    assert_eq!(kamus.len(), 9);
    assert_eq!(kamus[0].kode, "M.01");
    assert_eq!(kamus[8].nama, "Perekat Bangsa");
    forbidden(kompetensi::kamus(db, &admin_beta, f.alpha).await);

    // Technical competencies: the instansi's admin only, validated.
    forbidden(kompetensi::tambah_teknis(db, &ani, f.alpha, &komunikasi_kesehatan()).await);
    forbidden(kompetensi::tambah_teknis(db, &admin_beta, f.alpha, &komunikasi_kesehatan()).await);
    fields(
        kompetensi::tambah_teknis(
            db,
            &admin,
            f.alpha,
            &KompetensiInput {
                kode: "M.01".into(),
                level_3: " ".into(),
                ..komunikasi_kesehatan()
            },
        )
        .await,
        &["kode", "level_3"],
    );
    let k = kompetensi::tambah_teknis(db, &admin, f.alpha, &komunikasi_kesehatan())
        .await
        .unwrap();
    assert_eq!((k.kode.as_str(), k.kelompok.as_str()), ("T.01", "TEKNIS"));
    fields(
        kompetensi::tambah_teknis(db, &admin, f.alpha, &komunikasi_kesehatan()).await,
        &["kode"],
    );
    assert_eq!(
        kompetensi::kamus(db, &ani, f.alpha).await.unwrap().len(),
        10
    );
    assert_eq!(
        kompetensi::kamus(db, &admin_beta, f.beta)
            .await
            .unwrap()
            .len(),
        9
    );

    // The perawat's standard: suggested by jenjang (Ahli Pertama → 1) until the admin saves it.
    let skj = kompetensi::standar(db, &ani, f.jab_perawat).await.unwrap();
    assert!(skj.belum_ditetapkan && !skj.dapat_ubah);
    assert!(
        skj.baris
            .iter()
            .filter(|b| b.wajib())
            .all(|b| b.nilai() == Some(1))
    );
    let teknis = skj.baris.iter().find(|b| b.kompetensi.id == k.id).unwrap();
    assert_eq!(teknis.nilai(), None);
    let kadis = kompetensi::standar(db, &admin, f.jab_kadis).await.unwrap();
    assert!(
        kadis
            .baris
            .iter()
            .filter(|b| b.wajib())
            .all(|b| b.nilai() == Some(4))
    );
    forbidden(kompetensi::standar(db, &admin_beta, f.jab_perawat).await);

    let mut isian: HashMap<i32, String> = skj
        .baris
        .iter()
        .filter(|b| b.wajib())
        .map(|b| (b.kompetensi.id, "2".to_string()))
        .collect();
    forbidden(kompetensi::simpan_standar(db, &ani, f.jab_perawat, &isian).await);
    let m01 = skj.baris[0].kompetensi.id;
    isian.insert(m01, "6".into());
    fields(
        kompetensi::simpan_standar(db, &admin, f.jab_perawat, &isian).await,
        &[&format!("level_{m01}")],
    );
    isian.insert(m01, "3".into());
    isian.insert(k.id, "2".into());
    let saved = kompetensi::simpan_standar(db, &admin, f.jab_perawat, &isian)
        .await
        .unwrap();
    assert!(!saved.belum_ditetapkan);
    assert_eq!(saved.baris[0].level, Some(3));
    assert_eq!(
        saved
            .baris
            .iter()
            .find(|b| b.kompetensi.id == k.id)
            .unwrap()
            .level,
        Some(2)
    );
    // A technical competency may be left out again; every change is audited.
    isian.remove(&k.id);
    let saved = kompetensi::simpan_standar(db, &admin, f.jab_perawat, &isian)
        .await
        .unwrap();
    assert_eq!(
        saved
            .baris
            .iter()
            .find(|b| b.kompetensi.id == k.id)
            .unwrap()
            .level,
        None
    );
    let events = audit_event::Entity::find()
        .filter(audit_event::Column::Entity.eq("standar_kompetensi"))
        .all(db)
        .await
        .unwrap();
    assert_eq!(events.len(), 2);
});
