//! Competency development (`DOMAIN.md` §14): the instansi's catalogue of
//! interventions; each pegawai's Individual Development Plan for a year, proposed from the gaps
//! of their latest assessment and agreed with their penilai; the training they completed with
//! the JP realised and the certificate as evidence; and the 20 JP a year check. The pegawai,
//! their penilai chain and the admin read a pegawai's plan; the pegawai, their penilai and the
//! admin change it; a colleague reads nothing.

use crate::actor::Actor;
use crate::db::entities::{
    asesmen_peserta, bukti_dukung, katalog_pengembangan, kompetensi, pegawai, pelatihan,
    rencana_pengembangan,
};
use crate::error::{CoreError, CoreResult, FieldErrors};
use crate::rules::pengembangan::{JP_MINIMUM, Jenis, jp_terpenuhi};
use crate::services::harian::bukti::{self, Berkas, Pemilik};
use crate::services::kompetensi::asesmen::{self, Hasil};
use crate::services::organisasi::akses::{self, Hubungan};
use crate::services::{jejak::audit, kompetensi::kamus as kamus_svc, now, organisasi::cakupan};
use crate::storage::BuktiStore;
use chrono::{Datelike, NaiveDate};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use std::collections::HashMap;

pub const RENCANA: &str = "RENCANA";
pub const SELESAI: &str = "SELESAI";
pub const BATAL: &str = "BATAL";

/// The catalogue of `instansi_id`: read by everyone of the instansi.
pub async fn katalog<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    instansi_id: i32,
) -> CoreResult<Vec<katalog_pengembangan::Model>> {
    if !actor.can_admin_instansi(instansi_id) && actor.instansi_id != Some(instansi_id) {
        return Err(CoreError::Forbidden);
    }
    Ok(katalog_pengembangan::Entity::find()
        .filter(katalog_pengembangan::Column::InstansiId.eq(instansi_id))
        .order_by_asc(katalog_pengembangan::Column::Nama)
        .all(db)
        .await?)
}

#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct KatalogInput {
    #[serde(default)]
    pub nama: String,
    #[serde(default)]
    pub jenis: String,
    /// Empty for a general offer.
    #[serde(default)]
    pub kompetensi_id: String,
    #[serde(default)]
    pub jp: String,
}

fn jp(e: &mut FieldErrors, field: &str, v: &str) -> Option<i16> {
    match v.trim().parse::<i16>() {
        Ok(x) if (1..=999).contains(&x) => Some(x),
        _ => {
            e.add(field, "Isi JP 1 sampai 999.");
            None
        }
    }
}

/// Adds an offer to the catalogue of `instansi_id`; its admin only.
pub async fn tambah_katalog(
    db: &DatabaseConnection,
    actor: &Actor,
    instansi_id: i32,
    input: &KatalogInput,
) -> CoreResult<katalog_pengembangan::Model> {
    actor.require_admin_instansi(instansi_id)?;
    let mut e = FieldErrors::new();
    let nama = input.nama.trim().to_string();
    if nama.is_empty() || nama.chars().count() > 200 {
        e.add(
            "nama",
            "Isi nama pelatihan atau kegiatan, paling banyak 200 karakter.",
        );
    }
    let jenis = Jenis::from_code(input.jenis.trim());
    if jenis.is_none() {
        e.add("jenis", "Pilih jenis pengembangan.");
    }
    let kamus = kamus_svc::kamus_instansi(db, instansi_id).await?;
    let kid = match input.kompetensi_id.trim() {
        "" => None,
        v => match v
            .parse::<i32>()
            .ok()
            .filter(|id| kamus.iter().any(|k| k.id == *id))
        {
            Some(id) => Some(id),
            None => {
                e.add("kompetensi_id", "Pilih kompetensi dari kamus.");
                None
            }
        },
    };
    let jp = jp(&mut e, "jp", &input.jp);
    e.into_result()?;
    let (Some(jenis), Some(jp)) = (jenis, jp) else {
        return Err(CoreError::Validation(FieldErrors::new()));
    };
    let txn = db.begin().await?;
    let k = katalog_pengembangan::ActiveModel {
        instansi_id: Set(instansi_id),
        nama: Set(nama),
        jenis: Set(jenis.code().into()),
        kompetensi_id: Set(kid),
        jp: Set(jp),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::created(
        &txn,
        actor,
        Some(instansi_id),
        ("katalog_pengembangan", i64::from(k.id)),
        &k,
    )
    .await?;
    txn.commit().await?;
    Ok(k)
}

/// A gap of the latest assessment with the catalogue offers for it.
#[derive(Debug, Clone)]
pub struct Usulan {
    pub kompetensi: kompetensi::Model,
    /// Hundredths of a level (negative).
    pub gap: i32,
    pub katalog: Vec<katalog_pengembangan::Model>,
    /// Already in this year's plan.
    pub direncanakan: bool,
}

#[derive(Debug, Clone)]
pub struct Idp {
    pub pegawai: pegawai::Model,
    pub tahun: i32,
    pub rencana: Vec<rencana_pengembangan::Model>,
    pub pelatihan: Vec<(pelatihan::Model, Vec<bukti_dukung::Model>)>,
    pub usulan: Vec<Usulan>,
    /// The assessment the proposals come from.
    pub asesmen: Option<Hasil>,
    pub katalog: Vec<katalog_pengembangan::Model>,
    pub kamus: Vec<kompetensi::Model>,
    pub dapat_ubah: bool,
}

impl Idp {
    pub fn jp_rencana(&self) -> u32 {
        self.rencana
            .iter()
            .filter(|r| r.status != BATAL)
            .map(|r| u32::try_from(r.jp_rencana).unwrap_or(0))
            .sum()
    }
    pub fn jp_realisasi(&self) -> u32 {
        self.pelatihan
            .iter()
            .map(|(p, _)| u32::try_from(p.jp).unwrap_or(0))
            .sum()
    }
    pub fn memenuhi(&self) -> bool {
        jp_terpenuhi(self.jp_realisasi())
    }
    pub fn kurang(&self) -> u32 {
        JP_MINIMUM.saturating_sub(self.jp_realisasi())
    }
    pub fn nama_kompetensi(&self, id: &Option<i32>) -> String {
        id.and_then(|id| self.kamus.iter().find(|k| k.id == id))
            .map(|k| format!("{} {}", k.kode, k.nama))
            .unwrap_or_default()
    }
}

/// The training `pegawai_id` completed in `tahun` with their certificates. Callers have checked
/// the actor.
pub(crate) async fn pelatihan_tahun<C: ConnectionTrait>(
    db: &C,
    pegawai_id: i32,
    tahun: i32,
) -> CoreResult<Vec<(pelatihan::Model, Vec<bukti_dukung::Model>)>> {
    let (awal, akhir) = tahun_range(tahun);
    let rows = pelatihan::Entity::find()
        .filter(pelatihan::Column::PegawaiId.eq(pegawai_id))
        .filter(pelatihan::Column::Selesai.gte(awal))
        .filter(pelatihan::Column::Selesai.lte(akhir))
        .order_by_asc(pelatihan::Column::Selesai)
        .all(db)
        .await?;
    let mut bukti: HashMap<i32, Vec<bukti_dukung::Model>> = HashMap::new();
    for b in bukti_dukung::Entity::find()
        .filter(
            bukti_dukung::Column::PelatihanId.is_in(rows.iter().map(|r| r.id).collect::<Vec<_>>()),
        )
        .all(db)
        .await?
    {
        if let Some(pid) = b.pelatihan_id {
            bukti.entry(pid).or_default().push(b);
        }
    }
    Ok(rows
        .into_iter()
        .map(|r| {
            let b = bukti.remove(&r.id).unwrap_or_default();
            (r, b)
        })
        .collect())
}

fn tahun_range(tahun: i32) -> (NaiveDate, NaiveDate) {
    (
        NaiveDate::from_ymd_opt(tahun, 1, 1).unwrap_or_default(),
        NaiveDate::from_ymd_opt(tahun, 12, 31).unwrap_or_default(),
    )
}

/// The IDP page of `pegawai_id` for `tahun`.
pub async fn idp<C: ConnectionTrait + 'static>(
    db: &C,
    actor: &Actor,
    pegawai_id: i32,
    tahun: i32,
    today: NaiveDate,
) -> CoreResult<Idp> {
    let (p, h) = akses::pegawai_terlihat(db, actor, pegawai_id, today).await?;
    let rencana = rencana_pengembangan::Entity::find()
        .filter(rencana_pengembangan::Column::PegawaiId.eq(p.id))
        .filter(rencana_pengembangan::Column::Tahun.eq(tahun as i16))
        .order_by_asc(rencana_pengembangan::Column::Id)
        .all(db)
        .await?;
    let pelatihan = pelatihan_tahun(db, p.id, tahun).await?;
    let katalog = katalog_pengembangan::Entity::find()
        .filter(katalog_pengembangan::Column::InstansiId.eq(p.instansi_id))
        .order_by_asc(katalog_pengembangan::Column::Nama)
        .all(db)
        .await?;
    let kamus = kamus_svc::kamus_instansi(db, p.instansi_id).await?;
    let asesmen = hasil_pegawai(db, &p, tahun).await?;
    let usulan = asesmen
        .as_ref()
        .map(|a| {
            a.area_pengembangan()
                .into_iter()
                .map(|b| Usulan {
                    gap: b.gap().unwrap_or(0),
                    katalog: katalog
                        .iter()
                        .filter(|k| k.kompetensi_id == Some(b.kompetensi.id))
                        .cloned()
                        .collect(),
                    direncanakan: rencana
                        .iter()
                        .any(|r| r.status != BATAL && r.kompetensi_id == Some(b.kompetensi.id)),
                    kompetensi: b.kompetensi.clone(),
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(Idp {
        dapat_ubah: h != Hubungan::AtasanPenilai,
        pegawai: p,
        tahun,
        rencana,
        pelatihan,
        usulan,
        asesmen,
        katalog,
        kamus,
    })
}

/// The latest assessment of `p` held up to `tahun`: closed rounds first, else an open one.
async fn hasil_pegawai<C: ConnectionTrait>(
    db: &C,
    p: &pegawai::Model,
    tahun: i32,
) -> CoreResult<Option<Hasil>> {
    if let Some(h) = asesmen::hasil_terakhir(db, p.instansi_id, tahun, Some(&[p.id]))
        .await?
        .remove(&p.id)
    {
        return Ok(Some(h));
    }
    let ps = asesmen_peserta::Entity::find()
        .filter(asesmen_peserta::Column::PegawaiId.eq(p.id))
        .order_by_desc(asesmen_peserta::Column::Id)
        .one(db)
        .await?;
    let Some(ps) = ps else { return Ok(None) };
    let Some(a) = crate::db::entities::asesmen::Entity::find_by_id(ps.asesmen_id)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    Ok(asesmen::hitung(db, &a, vec![ps]).await?.pop())
}

async fn boleh_ubah<C: ConnectionTrait + 'static>(
    db: &C,
    actor: &Actor,
    pegawai_id: i32,
    today: NaiveDate,
) -> CoreResult<pegawai::Model> {
    let (p, h) = akses::pegawai_terlihat(db, actor, pegawai_id, today).await?;
    if h == Hubungan::AtasanPenilai {
        return Err(CoreError::Forbidden);
    }
    Ok(p)
}

#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct RencanaInput {
    #[serde(default)]
    pub tahun: String,
    /// KOMPETENSI, KINERJA or TALENTA.
    #[serde(default)]
    pub sumber: String,
    #[serde(default)]
    pub kompetensi_id: String,
    /// A catalogue offer; its name, kind and JP fill the line when the others are empty.
    #[serde(default)]
    pub katalog_id: String,
    #[serde(default)]
    pub jenis: String,
    #[serde(default)]
    pub uraian: String,
    #[serde(default)]
    pub jp_rencana: String,
}

/// Adds a line to the IDP of `pegawai_id`: by the pegawai, their penilai or the admin, for this
/// year or the next.
pub async fn tambah_rencana(
    db: &DatabaseConnection,
    actor: &Actor,
    pegawai_id: i32,
    input: &RencanaInput,
    today: NaiveDate,
) -> CoreResult<rencana_pengembangan::Model> {
    let p = boleh_ubah(db, actor, pegawai_id, today).await?;
    let mut e = FieldErrors::new();
    let tahun = match input.tahun.trim().parse::<i16>() {
        Ok(t) if i32::from(t) == today.year() || i32::from(t) == today.year() + 1 => Some(t),
        _ => {
            e.add("tahun", "Rencana dibuat untuk tahun ini atau tahun depan.");
            None
        }
    };
    let sumber = input.sumber.trim();
    if !matches!(sumber, "KOMPETENSI" | "KINERJA" | "TALENTA") {
        e.add(
            "sumber",
            "Pilih dasar rencana: kesenjangan kompetensi, kinerja, atau hasil pemetaan talenta.",
        );
    }
    let katalog = match input.katalog_id.trim() {
        "" => None,
        v => {
            let k = match v.parse::<i32>() {
                Ok(id) => katalog_pengembangan::Entity::find_by_id(id)
                    .one(db)
                    .await?
                    .filter(|k| k.instansi_id == p.instansi_id),
                Err(_) => None,
            };
            if k.is_none() {
                e.add("katalog_id", "Pilih kegiatan dari katalog instansi.");
            }
            k
        }
    };
    let kamus = kamus_svc::kamus_instansi(db, p.instansi_id).await?;
    let kid = match input.kompetensi_id.trim() {
        "" => katalog.as_ref().and_then(|k| k.kompetensi_id),
        v => match v
            .parse::<i32>()
            .ok()
            .filter(|id| kamus.iter().any(|k| k.id == *id))
        {
            Some(id) => Some(id),
            None => {
                e.add("kompetensi_id", "Pilih kompetensi dari kamus.");
                None
            }
        },
    };
    if sumber == "KOMPETENSI" && kid.is_none() && e.get("kompetensi_id").is_none() {
        e.add(
            "kompetensi_id",
            "Rencana dari kesenjangan kompetensi menyebut kompetensinya.",
        );
    }
    let jenis = match input.jenis.trim() {
        "" => katalog.as_ref().and_then(|k| Jenis::from_code(&k.jenis)),
        v => Jenis::from_code(v),
    };
    if jenis.is_none() {
        e.add("jenis", "Pilih jenis pengembangan.");
    }
    let uraian = match input.uraian.trim() {
        "" => katalog.as_ref().map(|k| k.nama.clone()).unwrap_or_default(),
        v => v.to_string(),
    };
    if uraian.is_empty() || uraian.chars().count() > 200 {
        e.add(
            "uraian",
            "Tulis kegiatan pengembangannya, paling banyak 200 karakter.",
        );
    }
    let jp_rencana = match (input.jp_rencana.trim(), &katalog) {
        ("", Some(k)) => Some(k.jp),
        (v, _) => jp(&mut e, "jp_rencana", v),
    };
    e.into_result()?;
    let (Some(tahun), Some(jenis), Some(jp_rencana)) = (tahun, jenis, jp_rencana) else {
        return Err(CoreError::Validation(FieldErrors::new()));
    };
    let txn = db.begin().await?;
    let r = rencana_pengembangan::ActiveModel {
        instansi_id: Set(p.instansi_id),
        pegawai_id: Set(p.id),
        tahun: Set(tahun),
        sumber: Set(sumber.into()),
        kompetensi_id: Set(kid),
        katalog_id: Set(katalog.map(|k| k.id)),
        jenis: Set(jenis.code().into()),
        uraian: Set(uraian),
        jp_rencana: Set(jp_rencana),
        status: Set(RENCANA.into()),
        created_at: Set(now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::created(
        &txn,
        actor,
        Some(p.instansi_id),
        ("rencana_pengembangan", i64::from(r.id)),
        &r,
    )
    .await?;
    txn.commit().await?;
    Ok(r)
}

/// Cancels a planned line (done lines stay, they carry the JP realised).
pub async fn batalkan_rencana(
    db: &DatabaseConnection,
    actor: &Actor,
    rencana_id: i32,
    today: NaiveDate,
) -> CoreResult<rencana_pengembangan::Model> {
    let r = rencana_pengembangan::Entity::find_by_id(rencana_id)
        .one(db)
        .await?
        .ok_or(CoreError::Forbidden)?;
    boleh_ubah(db, actor, r.pegawai_id, today).await?;
    if r.status != RENCANA {
        return Err(CoreError::Conflict(
            "Hanya rencana yang belum terlaksana yang dapat dibatalkan.".into(),
        ));
    }
    let txn = db.begin().await?;
    let before = r.clone();
    let mut am = r.into_active_model();
    am.status = Set(BATAL.into());
    let saved = am.update(&txn).await?;
    audit::updated(
        &txn,
        actor,
        Some(saved.instansi_id),
        ("rencana_pengembangan", i64::from(saved.id)),
        &before,
        &saved,
    )
    .await?;
    txn.commit().await?;
    Ok(saved)
}

#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct PelatihanInput {
    #[serde(default)]
    pub nama: String,
    #[serde(default)]
    pub jenis: String,
    #[serde(default)]
    pub penyelenggara: String,
    #[serde(default)]
    pub mulai: String,
    #[serde(default)]
    pub selesai: String,
    #[serde(default)]
    pub jp: String,
    /// The IDP line this training carries out, if any.
    #[serde(default)]
    pub rencana_id: String,
    #[serde(default)]
    pub tautan: String,
}

/// Records a completed training of `pegawai_id` with its certificate (a file or a link): by
/// the pegawai, their penilai or the admin. A linked IDP line becomes done.
pub async fn catat_pelatihan(
    db: &DatabaseConnection,
    store: &BuktiStore,
    actor: &Actor,
    pegawai_id: i32,
    input: &PelatihanInput,
    files: &[Berkas],
    today: NaiveDate,
) -> CoreResult<pelatihan::Model> {
    let p = boleh_ubah(db, actor, pegawai_id, today).await?;
    let mut e = FieldErrors::new();
    let nama = input.nama.trim().to_string();
    if nama.is_empty() || nama.chars().count() > 200 {
        e.add("nama", "Isi nama pelatihan, paling banyak 200 karakter.");
    }
    let jenis = Jenis::from_code(input.jenis.trim());
    if jenis.is_none() {
        e.add("jenis", "Pilih jenis pengembangan.");
    }
    let penyelenggara = input.penyelenggara.trim().to_string();
    if penyelenggara.is_empty() || penyelenggara.chars().count() > 200 {
        e.add(
            "penyelenggara",
            "Isi penyelenggara, paling banyak 200 karakter.",
        );
    }
    let tanggal = |e: &mut FieldErrors, f: &str, v: &str| {
        NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d")
            .map_err(|_| e.add(f, "Isi tanggal yang sah."))
            .ok()
    };
    let mulai = tanggal(&mut e, "mulai", &input.mulai);
    let selesai = tanggal(&mut e, "selesai", &input.selesai);
    if let (Some(m), Some(s)) = (mulai, selesai) {
        if s < m {
            e.add(
                "selesai",
                "Tanggal selesai tidak boleh sebelum tanggal mulai.",
            );
        } else if s > today {
            e.add("selesai", "Catat pelatihan setelah selesai diikuti.");
        }
    }
    let jp = jp(&mut e, "jp", &input.jp);
    let rencana = match input.rencana_id.trim() {
        "" => None,
        v => {
            let r = match v.parse::<i32>() {
                Ok(id) => rencana_pengembangan::Entity::find_by_id(id)
                    .one(db)
                    .await?
                    .filter(|r| r.pegawai_id == p.id && r.status != BATAL),
                Err(_) => None,
            };
            if r.is_none() {
                e.add("rencana_id", "Pilih rencana pengembangan pegawai ini.");
            }
            r
        }
    };
    let (berkas, tautan) = bukti::periksa(&mut e, "sertifikat", files, &input.tautan);
    if berkas.is_empty()
        && tautan.is_none()
        && e.get("sertifikat").is_none()
        && e.get("tautan").is_none()
    {
        e.add(
            "sertifikat",
            "Lampirkan sertifikat (berkas atau tautan) sebagai bukti.",
        );
    }
    e.into_result()?;
    let (Some(jenis), Some(mulai), Some(selesai), Some(jp)) = (jenis, mulai, selesai, jp) else {
        return Err(CoreError::Validation(FieldErrors::new()));
    };
    bukti::simpan_berkas(store, p.instansi_id, &berkas).await?;
    let txn = db.begin().await?;
    let t = pelatihan::ActiveModel {
        instansi_id: Set(p.instansi_id),
        pegawai_id: Set(p.id),
        rencana_id: Set(rencana.as_ref().map(|r| r.id)),
        nama: Set(nama),
        jenis: Set(jenis.code().into()),
        penyelenggara: Set(penyelenggara),
        mulai: Set(mulai),
        selesai: Set(selesai),
        jp: Set(jp),
        created_at: Set(now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    bukti::catat(
        &txn,
        p.instansi_id,
        p.id,
        Pemilik::Pelatihan(t.id),
        &berkas,
        tautan.as_deref(),
    )
    .await?;
    if let Some(r) = rencana
        && r.status == RENCANA
    {
        let mut am = r.into_active_model();
        am.status = Set(SELESAI.into());
        am.update(&txn).await?;
    }
    audit::created(
        &txn,
        actor,
        Some(p.instansi_id),
        ("pelatihan", i64::from(t.id)),
        &t,
    )
    .await?;
    txn.commit().await?;
    Ok(t)
}

/// One pegawai's JP of a year.
#[derive(Debug, Clone)]
pub struct BarisJp {
    pub pegawai: pegawai::Model,
    pub jp: u32,
    pub jp_rencana: u32,
}

impl BarisJp {
    pub fn memenuhi(&self) -> bool {
        jp_terpenuhi(self.jp)
    }
}

/// The 20 JP check of a unit (and those beneath) for a year, for its head and the admin; those
/// short of the minimum first.
pub async fn jp_unit<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    unit_id: i32,
    tahun: i32,
) -> CoreResult<Vec<BarisJp>> {
    let (_, units) = cakupan::subtree(db, actor, unit_id).await?;
    let peg = pegawai::Entity::find()
        .filter(pegawai::Column::UnitKerjaId.is_in(units.iter().map(|u| u.id).collect::<Vec<_>>()))
        .filter(pegawai::Column::Aktif.eq(true))
        .order_by_asc(pegawai::Column::NamaLower)
        .all(db)
        .await?;
    let ids: Vec<i32> = peg.iter().map(|p| p.id).collect();
    let (awal, akhir) = tahun_range(tahun);
    let mut jp: HashMap<i32, u32> = HashMap::new();
    for t in pelatihan::Entity::find()
        .filter(pelatihan::Column::PegawaiId.is_in(ids.clone()))
        .filter(pelatihan::Column::Selesai.gte(awal))
        .filter(pelatihan::Column::Selesai.lte(akhir))
        .all(db)
        .await?
    {
        *jp.entry(t.pegawai_id).or_default() += u32::try_from(t.jp).unwrap_or(0);
    }
    let mut rencana: HashMap<i32, u32> = HashMap::new();
    for r in rencana_pengembangan::Entity::find()
        .filter(rencana_pengembangan::Column::PegawaiId.is_in(ids))
        .filter(rencana_pengembangan::Column::Tahun.eq(tahun as i16))
        .filter(rencana_pengembangan::Column::Status.ne(BATAL))
        .all(db)
        .await?
    {
        *rencana.entry(r.pegawai_id).or_default() += u32::try_from(r.jp_rencana).unwrap_or(0);
    }
    let mut out: Vec<BarisJp> = peg
        .into_iter()
        .map(|p| BarisJp {
            jp: jp.get(&p.id).copied().unwrap_or(0),
            jp_rencana: rencana.get(&p.id).copied().unwrap_or(0),
            pegawai: p,
        })
        .collect();
    out.sort_by_key(|b| b.memenuhi());
    Ok(out)
}
