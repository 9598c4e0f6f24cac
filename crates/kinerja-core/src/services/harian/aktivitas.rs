//! The daily activity log (progres harian, `DOMAIN.md` §5): what was done, for which RHK, how
//! much, with evidence. The pegawai records and submits; the penilai verifies each activity and
//! its evidence as SESUAI, KURANG or TIDAK SESUAI with a note the pegawai sees.

use crate::actor::Actor;
use crate::db::entities::{aktivitas, bukti_dukung, pegawai, rhk};
use crate::error::{CoreError, CoreResult, FieldErrors};
use crate::rules::nilai::parse_seratus;
use crate::services::harian::bukti::{self, Berkas, Pemilik};
use crate::services::harian::pencatat::{self, Entri, Pencatat};
use crate::services::jejak::audit;
use crate::services::organisasi::akses::{self, Hubungan};
use crate::services::ringkasan;
use crate::services::status::aktivitas::{DIAJUKAN, DIKEMBALIKAN, DISETUJUI, DRAFT};
use crate::services::{
    Page, jejak::notifikasi, now, organisasi::penilai, perencanaan::periode,
    perencanaan::skp as skp_svc, required_text,
};
use crate::storage::BuktiStore;
use chrono::{Datelike, Duration, NaiveDate};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use serde::Deserialize;

pub const SESUAI: &str = "SESUAI";
pub const KURANG: &str = "KURANG";
pub const TIDAK_SESUAI: &str = "TIDAK_SESUAI";
pub const VERDIK: [(&str, &str); 3] = [
    (SESUAI, "Sesuai"),
    (KURANG, "Kurang"),
    (TIDAK_SESUAI, "Tidak sesuai"),
];

pub const PER_PAGE: u64 = 20;

pub fn verdik_label(s: &str) -> &'static str {
    VERDIK
        .iter()
        .find(|(c, _)| *c == s)
        .map(|(_, l)| *l)
        .unwrap_or("—")
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct AktivitasInput {
    #[serde(default)]
    pub tanggal: String,
    #[serde(default)]
    pub rhk_id: String,
    #[serde(default)]
    pub uraian: String,
    #[serde(default)]
    pub kuantitas: String,
    #[serde(default)]
    pub satuan: String,
    #[serde(default)]
    pub tautan: String,
    /// Present when the pegawai chose "simpan dan ajukan".
    #[serde(default)]
    pub ajukan: Option<String>,
}

/// An activity with its RHK and evidence, as lists show it.
#[derive(Debug, Clone)]
pub struct AktivitasRow {
    pub aktivitas: aktivitas::Model,
    pub rhk_teks: String,
    pub bukti: Vec<bukti_dukung::Model>,
    pub pegawai_nama: String,
}

impl AktivitasRow {
    pub fn dapat_diubah(&self) -> bool {
        matches!(self.aktivitas.status.as_str(), DRAFT | DIKEMBALIKAN)
    }
}

/// The RHK a pegawai may log work against on a date: those of their SKP in force that year.
pub async fn pilihan_rhk<C: ConnectionTrait>(
    db: &C,
    pegawai_id: i32,
    tahun: i32,
) -> CoreResult<Vec<rhk::Model>> {
    let Some(s) = skp_svc::berlaku(db, pegawai_id, tahun).await? else {
        return Ok(Vec::new());
    };
    rhk_of_skp(db, s.id).await
}

async fn rhk_of_skp<C: ConnectionTrait>(db: &C, skp_id: i32) -> CoreResult<Vec<rhk::Model>> {
    Ok(rhk::Entity::find()
        .filter(rhk::Column::SkpId.eq(skp_id))
        .order_by_asc(rhk::Column::Urutan)
        .all(db)
        .await?)
}

struct Valid {
    tanggal: NaiveDate,
    rhk_id: i32,
    skp_id: i32,
    uraian: String,
    kuantitas: i64,
    satuan: String,
}

async fn validasi<C: ConnectionTrait + 'static>(
    db: &C,
    pegawai_id: i32,
    instansi_id: i32,
    input: &AktivitasInput,
    e: &mut FieldErrors,
    today: NaiveDate,
) -> CoreResult<Option<Valid>> {
    let tanggal = NaiveDate::parse_from_str(input.tanggal.trim(), "%Y-%m-%d").ok();
    match tanggal {
        None => e.add("tanggal", "Isi tanggal kegiatan."),
        Some(t) if t > today => e.add("tanggal", "Tanggal tidak boleh di masa depan."),
        Some(t) if !periode::terbuka_pada(db, instansi_id, t, today).await? => e.add(
            "tanggal",
            "Periode untuk tanggal ini tidak terbuka atau batas pengisiannya sudah lewat.",
        ),
        _ => {}
    }
    let uraian = required_text(e, "uraian", &input.uraian, 2000);
    let kuantitas = match parse_seratus(&input.kuantitas) {
        Ok(0) => {
            e.add("kuantitas", "Jumlah keluaran harus lebih dari nol.");
            0
        }
        Ok(v) => v,
        Err(m) => {
            e.add("kuantitas", m);
            0
        }
    };
    let satuan = required_text(e, "satuan", &input.satuan, 60);
    let mut found = None;
    if let Some(t) = tanggal {
        match input.rhk_id.trim().parse::<i32>() {
            Ok(id) => match skp_svc::berlaku_dengan_rhk(db, pegawai_id, t.year(), id).await? {
                Some((s, Some(r))) => found = Some((r, s)),
                _ => e.add("rhk_id", "RHK itu bukan bagian dari SKP Anda yang berlaku."),
            },
            Err(_) => {
                let tanpa_rhk = match skp_svc::berlaku(db, pegawai_id, t.year()).await? {
                    Some(s) => rhk_of_skp(db, s.id).await?.is_empty(),
                    None => true,
                };
                if tanpa_rhk {
                    e.add(
                        "rhk_id",
                        format!(
                            "Anda belum memiliki SKP tahun {}. Susun SKP terlebih dahulu.",
                            t.year()
                        ),
                    )
                } else {
                    e.add("rhk_id", "Pilih RHK yang didukung kegiatan ini.")
                }
            }
        }
    }
    Ok(match (tanggal, found) {
        (Some(tanggal), Some((rhk_id, skp_id))) if e.is_empty() => Some(Valid {
            tanggal,
            rhk_id,
            skp_id,
            uraian,
            kuantitas,
            satuan,
        }),
        _ => None,
    })
}

fn own_pegawai(actor: &Actor) -> CoreResult<i32> {
    actor.pegawai_id.ok_or(CoreError::Forbidden)
}

/// Records an activity of the actor with its evidence; with `ajukan` it goes straight to the
/// penilai. Nothing is stored when any field or file is wrong.
pub async fn catat(
    db: &DatabaseConnection,
    store: &BuktiStore,
    actor: &Actor,
    input: &AktivitasInput,
    files: &[Berkas],
    today: NaiveDate,
) -> CoreResult<aktivitas::Model> {
    let entri = siapkan(db, store, actor, input, files, today).await?;
    pencatat::tulis(db, std::slice::from_ref(&entri))
        .await?
        .pop()
        .ok_or_else(|| CoreError::Internal("aktivitas tidak tertulis".into()))
}

/// [`catat`] as the web server does it: the checks read from `baca`, and the write queued for
/// the [`Pencatat`], which commits the activities of many concurrent requests together.
pub async fn catat_dengan<R: ConnectionTrait + 'static>(
    baca: &R,
    pencatat: &Pencatat,
    store: &BuktiStore,
    actor: &Actor,
    input: &AktivitasInput,
    files: &[Berkas],
    today: NaiveDate,
) -> CoreResult<aktivitas::Model> {
    let entri = siapkan(baca, store, actor, input, files, today).await?;
    pencatat.catat(entri).await
}

/// What every new activity starts as: in `status`, not verified, created at `t`. The caller
/// sets whose it is and what it says.
fn baru(status: &str, t: chrono::DateTime<chrono::Utc>) -> aktivitas::ActiveModel {
    aktivitas::ActiveModel {
        status: Set(status.into()),
        verifikasi: Set(None),
        catatan_verifikasi: Set(String::new()),
        diverifikasi_oleh: Set(None),
        diverifikasi_at: Set(None),
        created_at: Set(t),
        updated_at: Set(t),
        ..Default::default()
    }
}

/// Validates a new activity of the actor and stores its files; the rows are written by the
/// caller. The actor's own pegawai and instansi come from the session, which is only built for
/// an active pegawai, so nothing about them is read again.
async fn siapkan<R: ConnectionTrait + 'static>(
    baca: &R,
    store: &BuktiStore,
    actor: &Actor,
    input: &AktivitasInput,
    files: &[Berkas],
    today: NaiveDate,
) -> CoreResult<Entri> {
    let pid = own_pegawai(actor)?;
    let instansi_id = actor.instansi_id.ok_or(CoreError::Forbidden)?;
    let mut e = FieldErrors::new();
    let v = validasi(baca, pid, instansi_id, input, &mut e, today).await?;
    let (files, link) = bukti::periksa(&mut e, "berkas", files, &input.tautan);
    e.into_result()?;
    let v = v.ok_or_else(|| CoreError::Internal("validasi tanpa hasil".into()))?;
    bukti::simpan_berkas(store, instansi_id, &files).await?;
    let status = if input.ajukan.is_some() {
        DIAJUKAN
    } else {
        DRAFT
    };
    let t = now();
    Ok(Entri {
        aktivitas: aktivitas::ActiveModel {
            instansi_id: Set(instansi_id),
            pegawai_id: Set(pid),
            skp_id: Set(v.skp_id),
            rhk_id: Set(v.rhk_id),
            tanggal: Set(v.tanggal),
            uraian: Set(v.uraian),
            kuantitas: Set(v.kuantitas),
            satuan: Set(v.satuan),
            ..baru(status, t)
        },
        // The activity's id is set by the writer.
        bukti: bukti::baris(
            instansi_id,
            pid,
            Pemilik::Aktivitas(0),
            &files,
            link.as_deref(),
        ),
        actor: actor.clone(),
    })
}

async fn milik_sendiri<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    id: i32,
) -> CoreResult<aktivitas::Model> {
    let pid = own_pegawai(actor)?;
    aktivitas::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|a| a.pegawai_id == pid)
        .ok_or(CoreError::Forbidden)
}

/// The actor's own activity, still a draft or returned, in a period open for entries: the
/// only kind the pegawai may change, submit or delete.
async fn untuk_diubah<C: ConnectionTrait + 'static>(
    db: &C,
    actor: &Actor,
    id: i32,
    today: NaiveDate,
) -> CoreResult<aktivitas::Model> {
    let a = milik_sendiri(db, actor, id).await?;
    if !matches!(a.status.as_str(), DRAFT | DIKEMBALIKAN) {
        return Err(CoreError::Conflict(format!(
            "Aktivitas berstatus {} tidak dapat diubah.",
            crate::services::status::aktivitas::label(&a.status)
        )));
    }
    if !periode::terbuka_pada(db, a.instansi_id, a.tanggal, today).await? {
        return Err(CoreError::Conflict(
            "Periode aktivitas ini sudah ditutup.".into(),
        ));
    }
    Ok(a)
}

/// Changes a draft or returned activity; new files and a link are added to its evidence.
pub async fn ubah(
    db: &DatabaseConnection,
    store: &BuktiStore,
    actor: &Actor,
    id: i32,
    input: &AktivitasInput,
    files: &[Berkas],
    today: NaiveDate,
) -> CoreResult<aktivitas::Model> {
    let a = untuk_diubah(db, actor, id, today).await?;
    let p = pegawai::Entity::find_by_id(a.pegawai_id)
        .one(db)
        .await?
        .ok_or(CoreError::Forbidden)?;
    let mut e = FieldErrors::new();
    let v = validasi(db, p.id, p.instansi_id, input, &mut e, today).await?;
    let (files, link) = bukti::periksa(&mut e, "berkas", files, &input.tautan);
    e.into_result()?;
    let v = v.ok_or_else(|| CoreError::Internal("validasi tanpa hasil".into()))?;
    bukti::simpan_berkas(store, p.instansi_id, &files).await?;
    let txn = db.begin().await?;
    let before = a.clone();
    let mut am: aktivitas::ActiveModel = a.into();
    am.skp_id = Set(v.skp_id);
    am.rhk_id = Set(v.rhk_id);
    am.tanggal = Set(v.tanggal);
    am.uraian = Set(v.uraian);
    am.kuantitas = Set(v.kuantitas);
    am.satuan = Set(v.satuan);
    if input.ajukan.is_some() {
        am.status = Set(DIAJUKAN.into());
    }
    am.updated_at = Set(now());
    let saved = am.update(&txn).await?;
    ringkasan::aktivitas_berubah(&txn, &[&before], &[&saved]).await?;
    bukti::catat(
        &txn,
        p.instansi_id,
        p.id,
        Pemilik::Aktivitas(saved.id),
        &files,
        link.as_deref(),
    )
    .await?;
    audit::updated(
        &txn,
        actor,
        Some(saved.instansi_id),
        ("aktivitas", saved.id as i64),
        &before,
        &saved,
    )
    .await?;
    txn.commit().await?;
    Ok(saved)
}

/// Submits a draft or returned activity to the penilai.
pub async fn ajukan(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    today: NaiveDate,
) -> CoreResult<aktivitas::Model> {
    let a = untuk_diubah(db, actor, id, today).await?;
    let txn = db.begin().await?;
    let before = a.clone();
    let mut am: aktivitas::ActiveModel = a.into();
    am.status = Set(DIAJUKAN.into());
    am.updated_at = Set(now());
    let saved = am.update(&txn).await?;
    ringkasan::aktivitas_berubah(&txn, &[&before], &[&saved]).await?;
    audit::updated(
        &txn,
        actor,
        Some(saved.instansi_id),
        ("aktivitas", saved.id as i64),
        &before,
        &saved,
    )
    .await?;
    txn.commit().await?;
    Ok(saved)
}

/// Deletes a draft or returned activity with its evidence rows.
pub async fn hapus(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    today: NaiveDate,
) -> CoreResult<()> {
    let a = untuk_diubah(db, actor, id, today).await?;
    let txn = db.begin().await?;
    aktivitas::Entity::delete_by_id(a.id).exec(&txn).await?;
    ringkasan::aktivitas_berubah(&txn, &[&a], &[]).await?;
    audit::deleted(
        &txn,
        actor,
        Some(a.instansi_id),
        ("aktivitas", a.id as i64),
        &a,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Copies the activities of the actor's last recorded day before `today` to today, as drafts
/// without evidence. Returns how many were copied.
pub async fn salin_terakhir(
    db: &DatabaseConnection,
    actor: &Actor,
    today: NaiveDate,
) -> CoreResult<usize> {
    let pid = own_pegawai(actor)?;
    let p = pegawai::Entity::find_by_id(pid)
        .one(db)
        .await?
        .ok_or(CoreError::Forbidden)?;
    if !periode::terbuka_pada(db, p.instansi_id, today, today).await? {
        return Err(CoreError::Conflict(
            "Periode hari ini belum dibuka atau sudah ditutup.".into(),
        ));
    }
    let Some(last) = aktivitas::Entity::find()
        .filter(aktivitas::Column::PegawaiId.eq(pid))
        .filter(aktivitas::Column::Tanggal.lt(today))
        .filter(aktivitas::Column::Tanggal.gte(today - Duration::days(31)))
        .order_by_desc(aktivitas::Column::Tanggal)
        .one(db)
        .await?
    else {
        return Ok(0);
    };
    let src = aktivitas::Entity::find()
        .filter(aktivitas::Column::PegawaiId.eq(pid))
        .filter(aktivitas::Column::Tanggal.eq(last.tanggal))
        .order_by_asc(aktivitas::Column::Id)
        .all(db)
        .await?;
    let allowed: Vec<i32> = pilihan_rhk(db, pid, today.year())
        .await?
        .into_iter()
        .map(|r| r.id)
        .collect();
    let txn = db.begin().await?;
    let mut salinan = Vec::new();
    let t = now();
    for a in src.into_iter().filter(|a| allowed.contains(&a.rhk_id)) {
        let c = aktivitas::ActiveModel {
            instansi_id: Set(a.instansi_id),
            pegawai_id: Set(a.pegawai_id),
            skp_id: Set(a.skp_id),
            rhk_id: Set(a.rhk_id),
            tanggal: Set(today),
            uraian: Set(a.uraian),
            kuantitas: Set(a.kuantitas),
            satuan: Set(a.satuan),
            ..baru(DRAFT, t)
        }
        .insert(&txn)
        .await?;
        audit::created(
            &txn,
            actor,
            Some(c.instansi_id),
            ("aktivitas", c.id as i64),
            &c,
        )
        .await?;
        salinan.push(c);
    }
    ringkasan::aktivitas_berubah(&txn, &[], &salinan.iter().collect::<Vec<_>>()).await?;
    txn.commit().await?;
    Ok(salinan.len())
}

async fn rows<C: ConnectionTrait>(
    db: &C,
    items: Vec<aktivitas::Model>,
) -> CoreResult<Vec<AktivitasRow>> {
    let ids: Vec<i32> = items.iter().map(|a| a.id).collect();
    let rhk_ids: Vec<i32> = items.iter().map(|a| a.rhk_id).collect();
    let peg_ids: Vec<i32> = items.iter().map(|a| a.pegawai_id).collect();
    let bukti = bukti_dukung::Entity::find()
        .filter(bukti_dukung::Column::AktivitasId.is_in(ids))
        .order_by_asc(bukti_dukung::Column::Id)
        .all(db)
        .await?;
    let rhks = rhk::Entity::find()
        .filter(rhk::Column::Id.is_in(rhk_ids))
        .all(db)
        .await?;
    let pegs = pegawai::Entity::find()
        .filter(pegawai::Column::Id.is_in(peg_ids))
        .all(db)
        .await?;
    Ok(items
        .into_iter()
        .map(|a| AktivitasRow {
            rhk_teks: rhks
                .iter()
                .find(|r| r.id == a.rhk_id)
                .map(|r| r.teks.clone())
                .unwrap_or_default(),
            bukti: bukti
                .iter()
                .filter(|b| b.aktivitas_id == Some(a.id))
                .cloned()
                .collect(),
            pegawai_nama: pegs
                .iter()
                .find(|p| p.id == a.pegawai_id)
                .map(|p| p.nama.clone())
                .unwrap_or_default(),
            aktivitas: a,
        })
        .collect())
}

/// A pegawai's activities, newest first: their own, or a team member's for the penilai chain
/// and the admin.
pub async fn daftar<C: ConnectionTrait + 'static>(
    db: &C,
    actor: &Actor,
    pegawai_id: i32,
    page: u64,
    today: NaiveDate,
) -> CoreResult<Page<AktivitasRow>> {
    akses::pegawai_terlihat(db, actor, pegawai_id, today).await?;
    let q = aktivitas::Entity::find()
        .filter(aktivitas::Column::PegawaiId.eq(pegawai_id))
        .order_by_desc(aktivitas::Column::Tanggal)
        .order_by_desc(aktivitas::Column::Id);
    let total = q.clone().count(db).await?;
    let items = q
        .paginate(db, PER_PAGE)
        .fetch_page(crate::services::indeks_halaman(page))
        .await?;
    Ok(Page::new(rows(db, items).await?, page, PER_PAGE, total))
}

/// One activity for its edit form (its owner only).
pub async fn satu<C: ConnectionTrait>(db: &C, actor: &Actor, id: i32) -> CoreResult<AktivitasRow> {
    let a = milik_sendiri(db, actor, id).await?;
    Ok(rows(db, vec![a]).await?.remove(0))
}

/// Submitted activities waiting for the actor as direct penilai, oldest first.
pub async fn antrean<C: ConnectionTrait + 'static>(
    db: &C,
    actor: &Actor,
    page: u64,
    today: NaiveDate,
) -> CoreResult<Page<AktivitasRow>> {
    let pid = own_pegawai(actor)?;
    let me = pegawai::Entity::find_by_id(pid)
        .one(db)
        .await?
        .ok_or(CoreError::Forbidden)?;
    let team: Vec<i32> = penilai::tim(db, &me, today)
        .await?
        .into_iter()
        .map(|p| p.id)
        .collect();
    let q = aktivitas::Entity::find()
        .filter(aktivitas::Column::PegawaiId.is_in(team))
        .filter(aktivitas::Column::Status.eq(DIAJUKAN))
        .order_by_asc(aktivitas::Column::Tanggal)
        .order_by_asc(aktivitas::Column::Id);
    let total = q.clone().count(db).await?;
    let items = q
        .paginate(db, PER_PAGE)
        .fetch_page(crate::services::indeks_halaman(page))
        .await?;
    Ok(Page::new(rows(db, items).await?, page, PER_PAGE, total))
}

#[derive(Debug, Clone, Default)]
pub struct VerifikasiInput {
    pub verifikasi: String,
    pub catatan: String,
    /// (bukti id, verdict) for the evidence the penilai marked.
    pub bukti: Vec<(i32, String)>,
}

/// The direct penilai verifies a submitted activity. SESUAI and KURANG approve it (KURANG
/// with a note on what fell short); TIDAK SESUAI returns it to the pegawai with the note.
pub async fn verifikasi(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    input: &VerifikasiInput,
    today: NaiveDate,
) -> CoreResult<aktivitas::Model> {
    let a = aktivitas::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(CoreError::Forbidden)?;
    let (p, h) = akses::pegawai_terlihat(db, actor, a.pegawai_id, today).await?;
    if h != Hubungan::Penilai {
        return Err(CoreError::Forbidden);
    }
    if a.status != DIAJUKAN {
        return Err(CoreError::Conflict(format!(
            "Aktivitas berstatus {} tidak menunggu verifikasi.",
            crate::services::status::aktivitas::label(&a.status)
        )));
    }
    if !periode::terbuka_pada(db, a.instansi_id, a.tanggal, today).await? {
        return Err(CoreError::Conflict(
            "Periode aktivitas ini sudah ditutup.".into(),
        ));
    }
    let mut e = FieldErrors::new();
    let verdict = input.verifikasi.as_str();
    if !VERDIK.iter().any(|(c, _)| *c == verdict) {
        e.add("verifikasi", "Pilih sesuai, kurang, atau tidak sesuai.");
    }
    let catatan = input.catatan.trim().to_string();
    if verdict != SESUAI && catatan.is_empty() {
        e.add(
            "catatan",
            "Tuliskan alasannya agar pegawai tahu apa yang kurang.",
        );
    }
    if catatan.chars().count() > 2000 {
        e.add("catatan", "Paling banyak 2000 karakter.");
    }
    let bukti = bukti_dukung::Entity::find()
        .filter(bukti_dukung::Column::AktivitasId.eq(a.id))
        .all(db)
        .await?;
    for (bid, v) in &input.bukti {
        if !bukti.iter().any(|b| b.id == *bid) {
            return Err(CoreError::Forbidden);
        }
        if !v.is_empty() && !VERDIK.iter().any(|(c, _)| c == v) {
            e.add("bukti", "Penilaian bukti tidak dikenal.");
        }
    }
    e.into_result()?;
    let txn = db.begin().await?;
    for b in bukti {
        if let Some((_, v)) = input
            .bukti
            .iter()
            .find(|(bid, v)| *bid == b.id && !v.is_empty())
        {
            let mut am: bukti_dukung::ActiveModel = b.into();
            am.verifikasi = Set(Some(v.clone()));
            am.update(&txn).await?;
        }
    }
    let before = a.clone();
    let mut am: aktivitas::ActiveModel = a.into();
    am.status = Set(if verdict == TIDAK_SESUAI {
        DIKEMBALIKAN
    } else {
        DISETUJUI
    }
    .into());
    am.verifikasi = Set(Some(verdict.into()));
    am.catatan_verifikasi = Set(catatan);
    am.diverifikasi_oleh = Set(actor.pegawai_id);
    am.diverifikasi_at = Set(Some(now()));
    am.updated_at = Set(now());
    let saved = am.update(&txn).await?;
    ringkasan::aktivitas_berubah(&txn, &[&before], &[&saved]).await?;
    audit::updated(
        &txn,
        actor,
        Some(saved.instansi_id),
        ("aktivitas", saved.id as i64),
        &before,
        &saved,
    )
    .await?;
    notifikasi::kirim(
        &txn,
        p.id,
        &format!(
            "Aktivitas {} Anda diverifikasi: {}.{}",
            saved.tanggal.format("%d-%m-%Y"),
            verdik_label(verdict),
            if saved.catatan_verifikasi.is_empty() {
                String::new()
            } else {
                format!(" Catatan: {}", saved.catatan_verifikasi)
            }
        ),
        &format!("/aktivitas?ok={}", saved.id),
    )
    .await?;
    txn.commit().await?;
    Ok(saved)
}
