//! What the evaluation tests share: the day they run on, the current quarter of the fixture, a
//! complete penilaian, and the shapes of a refusal.
#![allow(dead_code)] // each test binary uses its own part

use chrono::NaiveDate;
use kinerja_core::db::entities::{periode, skp};
use kinerja_core::rules::berakhlak;
use kinerja_core::services::evaluasi::penilaian::{self, PenilaianInput};
use kinerja_core::{CoreError, DatabaseConnection};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 18).unwrap()
}

pub async fn triwulan(db: &DatabaseConnection, instansi: i32) -> periode::Model {
    periode::Entity::find()
        .filter(periode::Column::InstansiId.eq(instansi))
        .filter(periode::Column::Nama.eq("Triwulan IV-AKHIR 2026"))
        .one(db)
        .await
        .unwrap()
        .unwrap()
}

pub fn nilai(ikis: &[i32], hk: &str, pk: &str) -> PenilaianInput {
    let mut i = PenilaianInput {
        rating_hasil: hk.into(),
        rating_perilaku: pk.into(),
        ..Default::default()
    };
    for iki in ikis {
        i.umpan_iki.insert(*iki, "Target triwulan tercapai.".into());
    }
    for n in berakhlak::NILAI {
        i.umpan_perilaku
            .insert(n.kode, format!("Baik dalam {}.", n.nama));
    }
    i
}

pub async fn skp_of(db: &DatabaseConnection, pegawai_id: i32) -> i32 {
    skp::Entity::find()
        .filter(skp::Column::PegawaiId.eq(pegawai_id))
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .id
}

pub async fn ikis_of(
    db: &DatabaseConnection,
    who: &kinerja_core::Actor,
    skp: i32,
    per: i32,
) -> Vec<i32> {
    penilaian::lembar(db, who, skp, Some(per), today())
        .await
        .unwrap()
        .baris
        .iter()
        .map(|b| b.iki.id)
        .collect()
}

pub fn conflict<T: std::fmt::Debug>(res: Result<T, CoreError>, contains: &str) {
    match res {
        Err(CoreError::Conflict(m)) => assert!(m.contains(contains), "{m}"),
        other => panic!("expected conflict with {contains:?}: {other:?}"),
    }
}

pub fn field<T: std::fmt::Debug>(res: Result<T, CoreError>, name: &str) {
    match res {
        Err(CoreError::Validation(e)) => assert!(e.get(name).is_some(), "{e:?}"),
        other => panic!("expected 422 on {name}: {other:?}"),
    }
}

pub fn forbidden<T: std::fmt::Debug>(res: Result<T, CoreError>) {
    assert!(matches!(res, Err(CoreError::Forbidden)), "{res:?}");
}

/// A 422 naming every one of `names`.
pub fn fields<T: std::fmt::Debug>(res: Result<T, CoreError>, names: &[&str]) {
    match res {
        Err(CoreError::Validation(e)) => {
            for n in names {
                assert!(e.get(n).is_some(), "{n}: {e:?}");
            }
        }
        other => panic!("expected 422 on {names:?}: {other:?}"),
    }
}

/// The penilai `actor` hands out evaluation `evaluasi_id` on `hari`, with a reason for the
/// distribution (the fixture's teams are too small for the pattern).
pub async fn serahkan(
    db: &DatabaseConnection,
    actor: &kinerja_core::Actor,
    evaluasi_id: i32,
    hari: NaiveDate,
) {
    kinerja_core::services::evaluasi::penetapan::tetapkan(
        db,
        actor,
        evaluasi_id,
        &kinerja_core::services::evaluasi::penetapan::PenetapanInput {
            catatan: String::new(),
            alasan_distribusi: "Satu perawat dinilai pada periode ini.".into(),
        },
        hari,
    )
    .await
    .unwrap();
}
