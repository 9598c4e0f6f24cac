//! One evaluation as its parties see it (`DOMAIN.md` §7.2 and §8): the pegawai, the pejabat
//! penilai who rated and the atasan pejabat penilai, the ratings, predikat and umpan balik, the
//! organisational predikat above, the keberatan and what each party may do next. Also the
//! admin's reopening of a final evaluation, which needs a reason and is audited.

use crate::actor::Actor;
use crate::db::entities::{
    evaluasi, evaluasi_umpan_balik, iki, instansi, keberatan, pegawai, periode,
    predikat_organisasi, realisasi, rencana_perbaikan, rhk, unit_kerja,
};
use crate::error::{CoreError, CoreResult};
use crate::rules::berakhlak;
use crate::rules::distribusi::PredikatOrganisasi;
use crate::rules::keberatan as aturan_keberatan;
use crate::rules::predikat::Predikat;
use crate::services::evaluasi::penilaian::SASARAN_IKI;
use crate::services::evaluasi::pihak::{
    self, Kedudukan, Pihak, final_efektif, rating_label, status_label,
};
use crate::services::evaluasi::realisasi::periode_terbuka;
use crate::services::status::evaluasi::{DINILAI, DITETAPKAN, FINAL, KEBERATAN};
use crate::services::{
    evaluasi::keberatan as keberatan_svc, evaluasi::tindak_lanjut, jejak::audit, now,
};
use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set, TransactionTrait,
};

pub struct Rincian {
    pub evaluasi: evaluasi::Model,
    pub periode: periode::Model,
    pub instansi: instansi::Model,
    pub pegawai: Pihak,
    pub penilai: Option<Pihak>,
    pub atasan: Option<Pihak>,
    pub peran: Kedudukan,
    /// Per IKI rated: its RHK, target, realisasi of the period and umpan balik.
    pub hasil: Vec<HasilIki>,
    /// (BerAKHLAK value, umpan balik).
    pub umpan_perilaku: Vec<(String, String)>,
    /// The organisational predikat of the pegawai's unit or the nearest unit above that has one.
    pub organisasi: Option<(String, PredikatOrganisasi)>,
    pub keberatan: Option<keberatan::Model>,
    pub batas_keberatan: Option<NaiveDate>,
    /// The day the atasan's decision is due, while a keberatan waits for it.
    pub batas_keputusan: Option<NaiveDate>,
    /// The improvement plan, for a predikat below Baik (`services::evaluasi::tindak_lanjut`).
    pub rencana: Option<rencana_perbaikan::Model>,
    pub today: NaiveDate,
}

impl Rincian {
    pub fn predikat(&self) -> Option<Predikat> {
        self.evaluasi
            .predikat
            .as_deref()
            .and_then(Predikat::from_code)
    }
    pub fn predikat_label(&self) -> &'static str {
        self.predikat().map(Predikat::label).unwrap_or("-")
    }
    pub fn rating_hasil_label(&self) -> &'static str {
        rating_label(self.evaluasi.rating_hasil.as_deref())
    }
    pub fn rating_perilaku_label(&self) -> &'static str {
        rating_label(self.evaluasi.rating_perilaku.as_deref())
    }
    pub fn status_label(&self) -> &'static str {
        status_label(&self.evaluasi, self.today)
    }
    pub fn final_efektif(&self) -> bool {
        final_efektif(&self.evaluasi, self.today)
    }
    pub fn organisasi_label(&self) -> String {
        match &self.organisasi {
            Some((unit, p)) => format!("{} ({unit})", p.label()),
            None => "Belum ditetapkan".into(),
        }
    }
    pub fn dapat_tetapkan(&self) -> bool {
        self.peran == Kedudukan::Penilai
            && self.evaluasi.status == DINILAI
            && periode_terbuka(&self.periode, self.today)
    }
    pub fn dapat_ajukan_keberatan(&self) -> bool {
        self.peran == Kedudukan::Pegawai
            && self.evaluasi.status == DITETAPKAN
            && self.keberatan.is_none()
            && self
                .evaluasi
                .ditetapkan_pada
                .is_some_and(|d| aturan_keberatan::tepat_waktu(d, self.today))
    }
    fn keberatan_status(&self) -> Option<&str> {
        self.keberatan.as_ref().map(|k| k.status.as_str())
    }
    pub fn dapat_minta_penjelasan(&self) -> bool {
        self.peran == Kedudukan::Atasan && self.keberatan_status() == Some(keberatan_svc::DIAJUKAN)
    }
    pub fn dapat_jelaskan(&self) -> bool {
        let Some(k) = &self.keberatan else {
            return false;
        };
        k.status == keberatan_svc::MENUNGGU_PENJELASAN
            && match self.peran {
                Kedudukan::Penilai => k.penjelasan_penilai.is_none(),
                Kedudukan::Pegawai => k.penjelasan_pegawai.is_none(),
                _ => false,
            }
    }
    pub fn dapat_putus(&self) -> bool {
        self.peran == Kedudukan::Atasan
            && self.keberatan_status() == Some(keberatan_svc::MENUNGGU_PENJELASAN)
    }
    /// Whether the actor may write (or correct) the improvement plan.
    pub fn dapat_catat_rencana(&self) -> bool {
        matches!(self.peran, Kedudukan::Penilai | Kedudukan::Admin)
            && tindak_lanjut::perlu_rencana(&self.evaluasi)
            && self
                .rencana
                .as_ref()
                .is_none_or(|r| r.status == tindak_lanjut::BERJALAN)
    }
    pub fn rencana_status_label(&self) -> &'static str {
        self.rencana
            .as_ref()
            .map_or("-", |r| tindak_lanjut::status_label_rencana(&r.status))
    }
    pub fn dapat_buka_kembali(&self) -> bool {
        self.peran == Kedudukan::Admin
            && matches!(self.evaluasi.status.as_str(), DITETAPKAN | FINAL)
    }
}

/// One IKI on the evaluation sheet.
#[derive(Debug, Clone)]
pub struct HasilIki {
    pub rhk: String,
    pub iki: iki::Model,
    pub realisasi: Option<i64>,
    pub keterangan: String,
    pub umpan_balik: String,
}

/// The evaluation the Dokumen SKP prints after the plan: of those of SKP `skp_id` the penilai
/// has handed out, the annual one, or else the latest period's.
pub async fn untuk_skp<C: ConnectionTrait>(db: &C, skp_id: i32) -> CoreResult<Option<i32>> {
    let evs = evaluasi::Entity::find()
        .filter(evaluasi::Column::SkpId.eq(skp_id))
        .filter(evaluasi::Column::Status.ne(DINILAI))
        .all(db)
        .await?;
    let per = periode::Entity::find()
        .filter(periode::Column::Id.is_in(evs.iter().map(|e| e.periode_id).collect::<Vec<_>>()))
        .all(db)
        .await?;
    Ok(evs
        .iter()
        .filter_map(|e| {
            let p = per.iter().find(|p| p.id == e.periode_id)?;
            Some(((p.jenis == "TAHUNAN", p.mulai, p.selesai), e.id))
        })
        .max()
        .map(|(_, id)| id))
}

/// Evaluation `id` with everything its page and its documents show.
pub async fn rincian<C: ConnectionTrait + 'static>(
    db: &C,
    actor: &Actor,
    id: i32,
    today: NaiveDate,
) -> CoreResult<Rincian> {
    let e = pihak::muat(db, actor, id).await?;
    let (peran, atasan) = pihak::kedudukan(db, actor, &e, today).await?;
    let per = periode::Entity::find_by_id(e.periode_id)
        .one(db)
        .await?
        .ok_or(CoreError::NotFound)?;
    let inst = instansi::Entity::find_by_id(e.instansi_id)
        .one(db)
        .await?
        .ok_or(CoreError::NotFound)?;
    let peg = pegawai::Entity::find_by_id(e.pegawai_id)
        .one(db)
        .await?
        .ok_or(CoreError::NotFound)?;
    let pn = match e.penilai_id {
        Some(id) => pegawai::Entity::find_by_id(id).one(db).await?,
        None => None,
    };
    let umpan = evaluasi_umpan_balik::Entity::find()
        .filter(evaluasi_umpan_balik::Column::EvaluasiId.eq(e.id))
        .all(db)
        .await?;
    let iki_ids: Vec<i32> = umpan
        .iter()
        .filter(|u| u.sasaran == SASARAN_IKI)
        .map(|u| u.sasaran_id)
        .collect();
    let ikis = iki::Entity::find()
        .filter(iki::Column::Id.is_in(iki_ids.clone()))
        .all(db)
        .await?;
    let rhks = rhk::Entity::find()
        .filter(rhk::Column::Id.is_in(ikis.iter().map(|i| i.rhk_id).collect::<Vec<_>>()))
        .all(db)
        .await?;
    let real = realisasi::Entity::find()
        .filter(realisasi::Column::IkiId.is_in(iki_ids))
        .filter(realisasi::Column::PeriodeId.eq(e.periode_id))
        .all(db)
        .await?;
    let mut hasil: Vec<(i32, i32, HasilIki)> = umpan
        .iter()
        .filter(|u| u.sasaran == SASARAN_IKI)
        .filter_map(|u| {
            let i = ikis.iter().find(|i| i.id == u.sasaran_id)?;
            let r = rhks.iter().find(|r| r.id == i.rhk_id);
            let re = real.iter().find(|x| x.iki_id == i.id);
            Some((
                r.map_or(0, |r| r.urutan),
                i.id,
                HasilIki {
                    rhk: r.map(|r| r.teks.clone()).unwrap_or_default(),
                    iki: i.clone(),
                    realisasi: re.and_then(|x| x.nilai),
                    keterangan: re.map(|x| x.keterangan.clone()).unwrap_or_default(),
                    umpan_balik: u.teks.clone(),
                },
            ))
        })
        .collect();
    hasil.sort_by_key(|h| (h.0, h.1));
    let umpan_perilaku = berakhlak::NILAI
        .iter()
        .filter_map(|n| {
            umpan
                .iter()
                .find(|u| u.sasaran != SASARAN_IKI && u.sasaran_id == n.kode)
                .map(|u| (n.nama.to_string(), u.teks.clone()))
        })
        .collect();
    let keberatan = keberatan::Entity::find()
        .filter(keberatan::Column::EvaluasiId.eq(e.id))
        .one(db)
        .await?;
    let organisasi = organisasi_di_atas(db, e.unit_kerja_id, e.periode_id).await?;
    let rencana = tindak_lanjut::rencana_dari(db, e.id).await?;
    let batas_keputusan = match &keberatan {
        Some(k) if k.status != keberatan_svc::DIPUTUS => {
            Some(keberatan_svc::batas_keputusan(db, k).await?)
        }
        _ => None,
    };
    Ok(Rincian {
        batas_keputusan,
        rencana,
        batas_keberatan: e.ditetapkan_pada.map(aturan_keberatan::batas),
        pegawai: pihak::dari_pegawai(db, &peg).await?,
        penilai: match &pn {
            Some(p) => Some(pihak::dari_pegawai(db, p).await?),
            None => None,
        },
        atasan: match &atasan {
            Some(p) => Some(pihak::dari_pegawai(db, p).await?),
            None => None,
        },
        hasil: hasil.into_iter().map(|h| h.2).collect(),
        umpan_perilaku,
        organisasi,
        keberatan,
        peran,
        periode: per,
        instansi: inst,
        evaluasi: e,
        today,
    })
}

/// The organisational predikat of `unit` or the nearest unit above it with one, in the period.
pub async fn organisasi_di_atas<C: ConnectionTrait>(
    db: &C,
    unit: i32,
    periode_id: i32,
) -> CoreResult<Option<(String, PredikatOrganisasi)>> {
    let mut cur = Some(unit);
    let mut depth = 0;
    while let Some(u) = cur {
        if let Some(o) = predikat_organisasi::Entity::find()
            .filter(predikat_organisasi::Column::UnitKerjaId.eq(u))
            .filter(predikat_organisasi::Column::PeriodeId.eq(periode_id))
            .one(db)
            .await?
        {
            let nama = unit_kerja::Entity::find_by_id(u)
                .one(db)
                .await?
                .map(|x| x.nama)
                .unwrap_or_default();
            return Ok(PredikatOrganisasi::from_code(&o.predikat).map(|p| (nama, p)));
        }
        cur = unit_kerja::Entity::find_by_id(u)
            .one(db)
            .await?
            .and_then(|x| x.parent_id);
        depth += 1;
        if depth > 32 {
            break;
        }
    }
    Ok(None)
}

/// Reopens a handed-out or final evaluation so that the penilai can rate again: the instansi's
/// admin only, with a reason of at least 10 characters, recorded in the audit trail. Refused
/// while a keberatan is being decided (its decision is the atasan's).
pub async fn buka_kembali(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    alasan: &str,
) -> CoreResult<evaluasi::Model> {
    let e = pihak::muat(db, actor, id).await?;
    actor.require_admin_instansi(e.instansi_id)?;
    if !matches!(e.status.as_str(), DITETAPKAN | FINAL) {
        return Err(CoreError::Conflict(
            if e.status == KEBERATAN {
                "Keberatan atas evaluasi ini sedang diproses; tunggu keputusan atasan pejabat penilai."
            } else {
                "Evaluasi ini belum ditetapkan; pejabat penilai masih dapat mengubahnya."
            }
            .into(),
        ));
    }
    let alasan = alasan.trim();
    if alasan.chars().count() < 10 {
        return Err(CoreError::field(
            "alasan",
            "Tulis alasan pembukaan kembali, sekurang-kurangnya 10 karakter.",
        ));
    }
    if alasan.chars().count() > 2000 {
        return Err(CoreError::field("alasan", "Paling banyak 2000 karakter."));
    }
    let txn = db.begin().await?;
    let before = e.clone();
    let mut am: evaluasi::ActiveModel = e.into();
    am.status = Set(DINILAI.into());
    am.ditetapkan_pada = Set(None);
    am.updated_at = Set(now());
    let saved = am.update(&txn).await?;
    audit::record(
        &txn,
        actor,
        Some(saved.instansi_id),
        audit::Action::Reopen,
        ("evaluasi", i64::from(saved.id)),
        Some(&before),
        Some(&serde_json::json!({ "status": saved.status, "alasan": alasan })),
    )
    .await?;
    if let Some(pn) = saved.penilai_id {
        crate::services::jejak::notifikasi::kirim(
            &txn,
            pn,
            &format!("Evaluasi dibuka kembali oleh admin: {alasan}"),
            &format!("/evaluasi/{}", saved.id),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(saved)
}

/// One row of the actor's evaluation list.
pub struct BarisDaftar {
    pub evaluasi: evaluasi::Model,
    pub pegawai: String,
    pub nip: String,
    pub periode: String,
}

/// The actor's own evaluations and those they rated as penilai, newest period first (at most
/// 200 of each).
pub async fn daftar<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
) -> CoreResult<(Vec<BarisDaftar>, Vec<BarisDaftar>)> {
    let Some(me) = actor.pegawai_id else {
        return Ok((Vec::new(), Vec::new()));
    };
    let mut out = Vec::new();
    for col in [evaluasi::Column::PegawaiId, evaluasi::Column::PenilaiId] {
        let evs = evaluasi::Entity::find()
            .filter(col.eq(me))
            .order_by_desc(evaluasi::Column::PeriodeId)
            .order_by_asc(evaluasi::Column::Id)
            .limit(200)
            .all(db)
            .await?;
        let peg = pegawai::Entity::find()
            .filter(pegawai::Column::Id.is_in(evs.iter().map(|e| e.pegawai_id).collect::<Vec<_>>()))
            .all(db)
            .await?;
        let per = periode::Entity::find()
            .filter(periode::Column::Id.is_in(evs.iter().map(|e| e.periode_id).collect::<Vec<_>>()))
            .all(db)
            .await?;
        out.push(
            evs.into_iter()
                .map(|e| {
                    let p = peg.iter().find(|p| p.id == e.pegawai_id);
                    BarisDaftar {
                        pegawai: p.map(|p| p.nama.clone()).unwrap_or_default(),
                        nip: p.map(|p| p.nip.clone()).unwrap_or_default(),
                        periode: per
                            .iter()
                            .find(|x| x.id == e.periode_id)
                            .map(|x| x.nama.clone())
                            .unwrap_or_default(),
                        evaluasi: e,
                    }
                })
                .collect::<Vec<_>>(),
        );
    }
    let dinilai = out.pop().unwrap_or_default();
    let sendiri = out.pop().unwrap_or_default();
    Ok((sendiri, dinilai))
}
