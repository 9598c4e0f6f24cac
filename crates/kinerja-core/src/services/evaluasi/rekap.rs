//! The recap of a unit's results for one period: every active pegawai of the unit and the units
//! beneath, with their ratings, predikat, angka kredit and the evaluation's state, for the results
//! page and the XLSX export. Readable by whoever may read the unit's distribution.

use crate::actor::Actor;
use crate::db::entities::{evaluasi, jabatan, pegawai};
use crate::error::CoreResult;
use crate::rules::predikat::Predikat;
use crate::services::evaluasi::distribusi;
use crate::services::evaluasi::pihak::{rating_label, status_label};
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

pub struct BarisRekap {
    /// The evaluation to open, when there is one.
    pub evaluasi_id: Option<i32>,
    pub nama: String,
    pub nip: String,
    pub jabatan: String,
    pub unit: String,
    pub rating_hasil: &'static str,
    pub rating_perilaku: &'static str,
    pub predikat: &'static str,
    /// Hundredths.
    pub angka_kredit: Option<i64>,
    pub status: &'static str,
}

pub struct Rekap {
    pub periode_id: i32,
    pub unit_id: i32,
    pub judul: String,
    pub baris: Vec<BarisRekap>,
}

pub async fn unit<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    unit_id: i32,
    periode_id: i32,
    today: NaiveDate,
) -> CoreResult<Rekap> {
    let (per, unit, units) =
        distribusi::subtree_terlihat(db, actor, unit_id, periode_id, today).await?;
    let nama_unit: HashMap<i32, String> = units.iter().map(|u| (u.id, u.nama.clone())).collect();
    let ids: Vec<i32> = units.iter().map(|u| u.id).collect();
    let peg = pegawai::Entity::find()
        .filter(pegawai::Column::UnitKerjaId.is_in(ids))
        .filter(pegawai::Column::Aktif.eq(true))
        .order_by_asc(pegawai::Column::NamaLower)
        .all(db)
        .await?;
    let jab: HashMap<i32, String> = jabatan::Entity::find()
        .filter(jabatan::Column::Id.is_in(peg.iter().map(|p| p.jabatan_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|j| (j.id, j.nama))
        .collect();
    let ev: HashMap<i32, evaluasi::Model> = evaluasi::Entity::find()
        .filter(evaluasi::Column::PeriodeId.eq(per.id))
        .filter(evaluasi::Column::PegawaiId.is_in(peg.iter().map(|p| p.id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|e| (e.pegawai_id, e))
        .collect();
    let baris = peg
        .into_iter()
        .map(|p| {
            let e = ev.get(&p.id);
            BarisRekap {
                evaluasi_id: e.map(|e| e.id),
                jabatan: jab.get(&p.jabatan_id).cloned().unwrap_or_default(),
                unit: nama_unit.get(&p.unit_kerja_id).cloned().unwrap_or_default(),
                rating_hasil: rating_label(e.and_then(|e| e.rating_hasil.as_deref())),
                rating_perilaku: rating_label(e.and_then(|e| e.rating_perilaku.as_deref())),
                predikat: e
                    .and_then(|e| e.predikat.as_deref())
                    .and_then(Predikat::from_code)
                    .map_or("-", Predikat::label),
                angka_kredit: e.and_then(|e| e.angka_kredit),
                status: e.map_or("Belum dinilai", |e| status_label(e, today)),
                nama: p.nama,
                nip: p.nip,
            }
        })
        .collect();
    Ok(Rekap {
        periode_id: per.id,
        unit_id: unit.id,
        judul: format!("Rekap evaluasi kinerja {} · {}", unit.nama, per.nama),
        baris,
    })
}
