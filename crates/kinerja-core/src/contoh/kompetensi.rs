//! The competency part of the demo: a development catalogue in every instansi; in the
//! Pontianak puskesmas whose perawat was already rated, a 360 assessment answered by everyone and
//! closed (so that the gap report, the IDP, the unit heat map and the nine-box have something to
//! show), the rated perawat's IDP line and a training; and a second round left open for a visitor
//! to fill in. Everything goes through the services, as a user would do it.

use crate::Actor;
use crate::contoh::rencana::actor_of;
use crate::db::entities::{evaluasi, instansi, pegawai};
use crate::error::CoreResult;
use crate::services::kompetensi::asesmen::{self, AsesmenInput};
use crate::services::kompetensi::kamus as kompetensi;
use crate::services::kompetensi::pengembangan::{self, KatalogInput, PelatihanInput, RencanaInput};
use crate::services::status::evaluasi::DITETAPKAN;
use crate::storage::BuktiStore;
use chrono::{Datelike, Duration, NaiveDate};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// (name, kind, competency code or "" for general, JP).
const KATALOG: [(&str, &str, &str, &str); 6] = [
    (
        "Pelatihan Integritas dan Antikorupsi",
        "KLASIKAL",
        "M.01",
        "16",
    ),
    ("Kerja sama tim lintas program", "NON_KLASIKAL", "M.02", "8"),
    ("Pelatihan Komunikasi Efektif", "KLASIKAL", "M.03", "12"),
    ("Coaching pelayanan prima", "COACHING", "M.05", "6"),
    (
        "E-learning Komunikasi Kesehatan",
        "NON_KLASIKAL",
        "T.01",
        "10",
    ),
    (
        "Mentoring pengambilan keputusan klinis",
        "MENTORING",
        "M.08",
        "8",
    ),
];

pub async fn load(db: &DatabaseConnection, today: NaiveDate) -> CoreResult<()> {
    let sistem = Actor::system();
    for inst in instansi::Entity::find().all(db).await? {
        let kamus = kompetensi::kamus_instansi(db, inst.id).await?;
        for (nama, jenis, kode, jp) in KATALOG {
            let kid = kamus
                .iter()
                .find(|k| k.kode == kode)
                .map(|k| k.id.to_string())
                .unwrap_or_default();
            pengembangan::tambah_katalog(
                db,
                &sistem,
                inst.id,
                &KatalogInput {
                    nama: nama.into(),
                    jenis: jenis.into(),
                    kompetensi_id: kid,
                    jp: jp.into(),
                },
            )
            .await?;
        }
    }
    // The puskesmas whose perawat was rated this quarter.
    let Some(e) = evaluasi::Entity::find()
        .filter(evaluasi::Column::Status.eq(DITETAPKAN))
        .order_by_asc(evaluasi::Column::Id)
        .one(db)
        .await?
    else {
        return Ok(());
    };
    let Some(perawat) = pegawai::Entity::find_by_id(e.pegawai_id).one(db).await? else {
        return Ok(());
    };
    let batas = (today + Duration::days(21)).format("%Y-%m-%d").to_string();
    let a = asesmen::buka(
        db,
        &sistem,
        e.instansi_id,
        &AsesmenInput {
            nama: format!("Asesmen kompetensi Puskesmas {}", today.year()),
            tahun: today.year().to_string(),
            batas: batas.clone(),
            dengan_360: "1".into(),
            unit_kerja_id: e.unit_kerja_id.to_string(),
        },
        today,
    )
    .await?;
    // Every rater answers, around the standard: the spread depends on who rates what.
    let mut aktor: HashMap<i32, Actor> = HashMap::new();
    let tugas = crate::db::entities::asesmen_penilai::Entity::find()
        .filter(crate::db::entities::asesmen_penilai::Column::AsesmenId.eq(a.id))
        .all(db)
        .await?;
    for t in tugas {
        if let std::collections::hash_map::Entry::Vacant(slot) = aktor.entry(t.penilai_id) {
            let Some(p) = pegawai::Entity::find_by_id(t.penilai_id).one(db).await? else {
                continue;
            };
            slot.insert(actor_of(db, &p).await?);
        }
        let who = &aktor[&t.penilai_id];
        let f = asesmen::formulir(db, who, t.id).await?;
        let isian: HashMap<i32, (String, String)> = f
            .baris
            .iter()
            .map(|b| {
                let geser = [0, 1, -1, 0, 1][((b.kompetensi.id + t.penilai_id) % 5) as usize];
                let level = (i32::from(b.standar) + geser).clamp(1, 5);
                (
                    b.kompetensi.id,
                    (
                        level.to_string(),
                        format!(
                            "Teramati dalam pelayanan harian: {}.",
                            b.kompetensi.level()[(level - 1) as usize].to_lowercase()
                        ),
                    ),
                )
            })
            .collect();
        asesmen::simpan(db, who, t.id, &isian).await?;
    }
    asesmen::tutup(db, &sistem, a.id).await?;

    // The rated perawat plans the catalogue's offer for their widest gap and records a training.
    let me = actor_of(db, &perawat).await?;
    let idp = pengembangan::idp(db, &me, perawat.id, today.year(), today).await?;
    if let Some(u) = idp.usulan.iter().find(|u| !u.katalog.is_empty()) {
        pengembangan::tambah_rencana(
            db,
            &me,
            perawat.id,
            &RencanaInput {
                tahun: today.year().to_string(),
                sumber: "KOMPETENSI".into(),
                kompetensi_id: u.kompetensi.id.to_string(),
                katalog_id: u.katalog[0].id.to_string(),
                ..Default::default()
            },
            today,
        )
        .await?;
    }
    let selesai = today - Duration::days(30);
    if selesai.year() == today.year() {
        // The demo's evidence is links only (see `demo_rencana`).
        let store = BuktiStore::memory();
        pengembangan::catat_pelatihan(
            db,
            &store,
            &me,
            perawat.id,
            &PelatihanInput {
                nama: "Pelatihan Dokumentasi Keperawatan Elektronik".into(),
                jenis: "KLASIKAL".into(),
                penyelenggara: "Dinas Kesehatan".into(),
                mulai: (selesai - Duration::days(1)).format("%Y-%m-%d").to_string(),
                selesai: selesai.format("%Y-%m-%d").to_string(),
                jp: "12".into(),
                rencana_id: String::new(),
                tautan: "https://contoh.kinerja.go.id/sertifikat/dokumentasi-keperawatan".into(),
            },
            &[],
            today,
        )
        .await?;
    }
    // A second round, open, for a visitor to fill in: self and atasan.
    asesmen::buka(
        db,
        &sistem,
        e.instansi_id,
        &AsesmenInput {
            nama: format!("Asesmen kompetensi lanjutan {}", today.year()),
            tahun: today.year().to_string(),
            batas,
            dengan_360: String::new(),
            unit_kerja_id: e.unit_kerja_id.to_string(),
        },
        today,
    )
    .await?;
    Ok(())
}
