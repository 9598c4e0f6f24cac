//! Competency assessment rounds: the admin opens a round for the instansi or a
//! unit; every participant rates themselves, their atasan rates them, and in a 360 round their
//! subordinates and up to [`MAX_REKAN`] colleagues under the same atasan rate them too (the admin
//! may add raters while the round is open). Each rater sees the level descriptions and gives an
//! example or evidence for every level chosen. Answers are the rater's alone: nobody else reads
//! them one by one. Results ([`hasil`]) show self and atasan as given, and peers and
//! subordinates only as a mean of at least three answers. A closed round no longer changes.

use crate::actor::Actor;
use crate::db::entities::{
    asesmen, asesmen_jawaban, asesmen_penilai, asesmen_peserta, jabatan, kompetensi, pegawai,
};
use crate::error::{CoreError, CoreResult, FieldErrors};
use crate::rules::kompetensi::{
    Kelompok, gap_x100, jpm_x100, level_tertimbang, rata_rata, rata_rata_anonim, selisih_berarti,
};
use crate::services::kompetensi::pengaturan::{
    self as pengaturan_kompetensi, PengaturanKompetensi,
};
use crate::services::{
    jejak::audit, jejak::notifikasi, kompetensi::kamus as kamus_svc, now, organisasi::akses,
    organisasi::cakupan, organisasi::penilai,
};
use chrono::{Datelike, NaiveDate};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use std::collections::{BTreeMap, HashMap, HashSet};

pub const DIBUKA: &str = "DIBUKA";
pub const DITUTUP: &str = "DITUTUP";
/// Colleagues assigned to rate each participant in a 360 round: enough for the anonymous mean
/// of three even when some do not answer, few enough that nobody rates the whole unit.
pub const MAX_REKAN: usize = 5;

/// The form that opens a round, as typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct AsesmenInput {
    #[serde(default)]
    pub nama: String,
    #[serde(default)]
    pub tahun: String,
    #[serde(default)]
    pub batas: String,
    /// "1" for a 360 round.
    #[serde(default)]
    pub dengan_360: String,
    /// Empty for the whole instansi.
    #[serde(default)]
    pub unit_kerja_id: String,
}

/// Opens a round for the active pegawai of `instansi_id` (or of one unit and those beneath) and
/// assigns the raters. Its admin only.
pub async fn buka(
    db: &DatabaseConnection,
    actor: &Actor,
    instansi_id: i32,
    input: &AsesmenInput,
    today: NaiveDate,
) -> CoreResult<asesmen::Model> {
    actor.require_admin_instansi(instansi_id)?;
    let mut e = FieldErrors::new();
    let nama = input.nama.trim().to_string();
    if nama.is_empty() || nama.chars().count() > 200 {
        e.add(
            "nama",
            "Isi nama putaran asesmen, paling banyak 200 karakter.",
        );
    }
    let tahun = match input.tahun.trim().parse::<i16>() {
        Ok(t) if (i32::from(t) - today.year()).abs() <= 1 => Some(t),
        _ => {
            e.add("tahun", "Isi tahun berjalan, tahun lalu atau tahun depan.");
            None
        }
    };
    let batas = match NaiveDate::parse_from_str(input.batas.trim(), "%Y-%m-%d") {
        Ok(d) if d >= today => Some(d),
        Ok(_) => {
            e.add("batas", "Batas pengisian tidak boleh sebelum hari ini.");
            None
        }
        Err(_) => {
            e.add("batas", "Isi tanggal batas pengisian.");
            None
        }
    };
    let units = cakupan::unit_terlihat(db, actor, instansi_id).await?;
    let unit = match input.unit_kerja_id.trim() {
        "" => None,
        v => match v
            .parse::<i32>()
            .ok()
            .filter(|id| units.iter().any(|u| u.id == *id))
        {
            Some(id) => Some(id),
            None => {
                e.add("unit_kerja_id", "Pilih unit kerja instansi ini.");
                None
            }
        },
    };
    e.into_result()?;
    let (Some(tahun), Some(batas)) = (tahun, batas) else {
        return Err(CoreError::Validation(FieldErrors::new()));
    };
    let mut q = pegawai::Entity::find()
        .filter(pegawai::Column::InstansiId.eq(instansi_id))
        .filter(pegawai::Column::Aktif.eq(true));
    if let Some(u) = unit {
        let (_, sub) = cakupan::subtree(db, actor, u).await?;
        q = q.filter(
            pegawai::Column::UnitKerjaId.is_in(sub.iter().map(|u| u.id).collect::<Vec<_>>()),
        );
    }
    let peserta = q.order_by_asc(pegawai::Column::NamaLower).all(db).await?;
    if peserta.is_empty() {
        let mut e = FieldErrors::new();
        e.add("unit_kerja_id", "Tidak ada pegawai aktif di cakupan ini.");
        return Err(CoreError::Validation(e));
    }
    let dengan_360 = !input.dengan_360.trim().is_empty();
    // Each participant's atasan today (outside the transaction: reads only).
    let mut atasan: HashMap<i32, i32> = HashMap::new();
    for p in &peserta {
        if let Some(pn) = penilai::penilai_dari(db, p, today).await? {
            atasan.insert(p.id, pn.pegawai.id);
        }
    }
    let mut tugas: Vec<(i32, i32, Kelompok)> = Vec::new();
    let ids: HashSet<i32> = peserta.iter().map(|p| p.id).collect();
    for p in &peserta {
        tugas.push((p.id, p.id, Kelompok::Diri));
        if let Some(a) = atasan.get(&p.id) {
            tugas.push((p.id, *a, Kelompok::Atasan));
        }
    }
    if dengan_360 {
        // Subordinates who take part rate their atasan.
        for p in &peserta {
            if let Some(a) = atasan.get(&p.id)
                && ids.contains(a)
            {
                tugas.push((*a, p.id, Kelompok::Bawahan));
            }
        }
        // Colleagues under the same atasan, the next few in name order round the circle, so
        // that everyone rates as many as they are rated by.
        let mut kelompok: BTreeMap<i32, Vec<i32>> = BTreeMap::new();
        for p in &peserta {
            if let Some(a) = atasan.get(&p.id) {
                kelompok.entry(*a).or_default().push(p.id);
            }
        }
        for anggota in kelompok.values() {
            let n = anggota.len();
            for (i, p) in anggota.iter().enumerate() {
                for k in 1..=MAX_REKAN.min(n.saturating_sub(1)) {
                    tugas.push((*p, anggota[(i + k) % n], Kelompok::Rekan));
                }
            }
        }
    }
    let txn = db.begin().await?;
    let a = asesmen::ActiveModel {
        instansi_id: Set(instansi_id),
        nama: Set(nama),
        tahun: Set(tahun),
        batas: Set(batas),
        status: Set(DIBUKA.into()),
        dengan_360: Set(dengan_360),
        created_at: Set(now()),
        ditutup_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let mut peserta_id: HashMap<i32, i32> = HashMap::new();
    for p in &peserta {
        let row = asesmen_peserta::ActiveModel {
            asesmen_id: Set(a.id),
            pegawai_id: Set(p.id),
            jabatan_id: Set(p.jabatan_id),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        peserta_id.insert(p.id, row.id);
    }
    let mut sudah: HashSet<(i32, i32)> = HashSet::new();
    let mut penilai_ids: HashSet<i32> = HashSet::new();
    for (dinilai, oleh, k) in tugas {
        // One task per (participant, rater): a subordinate who is also a colleague rates once.
        if !sudah.insert((dinilai, oleh)) {
            continue;
        }
        asesmen_penilai::ActiveModel {
            asesmen_id: Set(a.id),
            peserta_id: Set(peserta_id[&dinilai]),
            penilai_id: Set(oleh),
            kelompok: Set(k.code().into()),
            selesai_at: Set(None),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        penilai_ids.insert(oleh);
    }
    for pid in penilai_ids {
        notifikasi::kirim(
            &txn,
            pid,
            &format!(
                "Asesmen kompetensi \"{}\" dibuka; isi sebelum {}.",
                a.nama,
                batas.format("%d-%m-%Y")
            ),
            "/asesmen",
        )
        .await?;
    }
    audit::created(
        &txn,
        actor,
        Some(instansi_id),
        ("asesmen", i64::from(a.id)),
        &a,
    )
    .await?;
    txn.commit().await?;
    Ok(a)
}

async fn putaran<C: ConnectionTrait>(db: &C, id: i32) -> CoreResult<asesmen::Model> {
    asesmen::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(CoreError::Forbidden)
}

fn terbuka(a: &asesmen::Model) -> CoreResult<()> {
    if a.status == DIBUKA {
        Ok(())
    } else {
        Err(CoreError::Conflict(
            "Putaran asesmen ini sudah ditutup; isinya tidak dapat diubah.".into(),
        ))
    }
}

/// Closes a round: answers are final and results are no longer provisional. Its admin only.
pub async fn tutup(db: &DatabaseConnection, actor: &Actor, id: i32) -> CoreResult<asesmen::Model> {
    let a = putaran(db, id).await?;
    actor.require_admin_instansi(a.instansi_id)?;
    terbuka(&a)?;
    let txn = db.begin().await?;
    let before = a.clone();
    let mut am = a.into_active_model();
    am.status = Set(DITUTUP.into());
    am.ditutup_at = Set(Some(now()));
    let saved = am.update(&txn).await?;
    audit::updated(
        &txn,
        actor,
        Some(saved.instansi_id),
        ("asesmen", i64::from(id)),
        &before,
        &saved,
    )
    .await?;
    txn.commit().await?;
    Ok(saved)
}

/// Adds a peer or subordinate rater to a participant while the round is open. Its admin only.
pub async fn tambah_penilai(
    db: &DatabaseConnection,
    actor: &Actor,
    peserta_id: i32,
    penilai_pegawai_id: &str,
    kelompok: &str,
) -> CoreResult<asesmen_penilai::Model> {
    let ps = asesmen_peserta::Entity::find_by_id(peserta_id)
        .one(db)
        .await?
        .ok_or(CoreError::Forbidden)?;
    let a = putaran(db, ps.asesmen_id).await?;
    actor.require_admin_instansi(a.instansi_id)?;
    terbuka(&a)?;
    let mut e = FieldErrors::new();
    let k = Kelompok::from_code(kelompok.trim()).filter(|k| k.anonim());
    if k.is_none() {
        e.add("kelompok", "Pilih rekan kerja atau bawahan.");
    }
    let p = match penilai_pegawai_id.trim().parse::<i32>() {
        Ok(id) => pegawai::Entity::find_by_id(id)
            .one(db)
            .await?
            .filter(|p| p.instansi_id == a.instansi_id && p.aktif),
        Err(_) => None,
    };
    match &p {
        None => e.add("penilai_id", "Pilih pegawai aktif instansi ini."),
        Some(p) if p.id == ps.pegawai_id => e.add(
            "penilai_id",
            "Penilaian diri sudah ada; pilih pegawai lain.",
        ),
        Some(p) => {
            if asesmen_penilai::Entity::find()
                .filter(asesmen_penilai::Column::PesertaId.eq(ps.id))
                .filter(asesmen_penilai::Column::PenilaiId.eq(p.id))
                .one(db)
                .await?
                .is_some()
            {
                e.add(
                    "penilai_id",
                    "Pegawai ini sudah menjadi penilai peserta ini.",
                );
            }
        }
    }
    e.into_result()?;
    let (Some(k), Some(p)) = (k, p) else {
        return Err(CoreError::Validation(FieldErrors::new()));
    };
    let txn = db.begin().await?;
    let t = asesmen_penilai::ActiveModel {
        asesmen_id: Set(a.id),
        peserta_id: Set(ps.id),
        penilai_id: Set(p.id),
        kelompok: Set(k.code().into()),
        selesai_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    notifikasi::kirim(
        &txn,
        p.id,
        &format!("Anda diminta mengisi asesmen kompetensi \"{}\".", a.nama),
        "/asesmen",
    )
    .await?;
    audit::created(
        &txn,
        actor,
        Some(a.instansi_id),
        ("asesmen_penilai", i64::from(t.id)),
        &t,
    )
    .await?;
    txn.commit().await?;
    Ok(t)
}

/// A rater's task as listed.
#[derive(Debug, Clone)]
pub struct Tugas {
    pub id: i32,
    pub asesmen: asesmen::Model,
    pub dinilai: String,
    pub kelompok: Kelompok,
    pub selesai: bool,
}

/// A round with its progress (tasks finished of all).
#[derive(Debug, Clone)]
pub struct Putaran {
    pub asesmen: asesmen::Model,
    pub peserta: usize,
    pub selesai: usize,
    pub tugas: usize,
}

/// The assessment page: the rounds of the instansi (admins), the actor's tasks, and the rounds
/// the actor took part in (to read their own result).
#[derive(Debug, Clone, Default)]
pub struct Daftar {
    pub putaran: Vec<Putaran>,
    pub tugas: Vec<Tugas>,
    pub hasil_saya: Vec<(asesmen::Model, i32)>,
    pub dapat_buka: bool,
}

pub async fn daftar<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    instansi_id: i32,
) -> CoreResult<Daftar> {
    let admin = actor.can_admin_instansi(instansi_id);
    if !admin && actor.instansi_id != Some(instansi_id) {
        return Err(CoreError::Forbidden);
    }
    let semua: HashMap<i32, asesmen::Model> = asesmen::Entity::find()
        .filter(asesmen::Column::InstansiId.eq(instansi_id))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    let mut out = Daftar {
        dapat_buka: admin,
        ..Default::default()
    };
    if admin {
        let ids: Vec<i32> = semua.keys().copied().collect();
        let tugas = asesmen_penilai::Entity::find()
            .filter(asesmen_penilai::Column::AsesmenId.is_in(ids.clone()))
            .all(db)
            .await?;
        let peserta = asesmen_peserta::Entity::find()
            .filter(asesmen_peserta::Column::AsesmenId.is_in(ids))
            .all(db)
            .await?;
        out.putaran = semua
            .values()
            .map(|a| Putaran {
                asesmen: a.clone(),
                peserta: peserta.iter().filter(|p| p.asesmen_id == a.id).count(),
                tugas: tugas.iter().filter(|t| t.asesmen_id == a.id).count(),
                selesai: tugas
                    .iter()
                    .filter(|t| t.asesmen_id == a.id && t.selesai_at.is_some())
                    .count(),
            })
            .collect();
        out.putaran.sort_by_key(|p| std::cmp::Reverse(p.asesmen.id));
    }
    if let Some(pid) = actor.pegawai_id {
        let tugas = asesmen_penilai::Entity::find()
            .filter(asesmen_penilai::Column::PenilaiId.eq(pid))
            .all(db)
            .await?;
        let peserta: HashMap<i32, asesmen_peserta::Model> = asesmen_peserta::Entity::find()
            .filter(
                asesmen_peserta::Column::Id
                    .is_in(tugas.iter().map(|t| t.peserta_id).collect::<Vec<_>>()),
            )
            .all(db)
            .await?
            .into_iter()
            .map(|p| (p.id, p))
            .collect();
        let nama: HashMap<i32, String> = pegawai::Entity::find()
            .filter(
                pegawai::Column::Id
                    .is_in(peserta.values().map(|p| p.pegawai_id).collect::<Vec<_>>()),
            )
            .all(db)
            .await?
            .into_iter()
            .map(|p| (p.id, p.nama))
            .collect();
        out.tugas = tugas
            .into_iter()
            .filter_map(|t| {
                let a = semua.get(&t.asesmen_id)?.clone();
                let ps = peserta.get(&t.peserta_id)?;
                Some(Tugas {
                    id: t.id,
                    asesmen: a,
                    dinilai: nama.get(&ps.pegawai_id).cloned().unwrap_or_default(),
                    kelompok: Kelompok::from_code(&t.kelompok)?,
                    selesai: t.selesai_at.is_some(),
                })
            })
            .collect();
        // Open rounds first, unfinished first, then by kelompok and name.
        out.tugas.sort_by(|a, b| {
            (
                a.asesmen.status != DIBUKA,
                a.selesai,
                a.kelompok,
                &a.dinilai,
            )
                .cmp(&(
                    b.asesmen.status != DIBUKA,
                    b.selesai,
                    b.kelompok,
                    &b.dinilai,
                ))
        });
        let mut mine: Vec<(asesmen::Model, i32)> = asesmen_peserta::Entity::find()
            .filter(asesmen_peserta::Column::PegawaiId.eq(pid))
            .all(db)
            .await?
            .into_iter()
            .filter_map(|p| Some((semua.get(&p.asesmen_id)?.clone(), p.id)))
            .collect();
        mine.sort_by_key(|m| std::cmp::Reverse(m.0.id));
        out.hasil_saya = mine;
    }
    Ok(out)
}

/// One line of the rating form.
#[derive(Debug, Clone)]
pub struct BarisFormulir {
    pub kompetensi: kompetensi::Model,
    pub standar: u8,
    pub level: Option<u8>,
    pub bukti: String,
}

#[derive(Debug, Clone)]
pub struct Formulir {
    pub tugas: asesmen_penilai::Model,
    pub asesmen: asesmen::Model,
    pub dinilai: pegawai::Model,
    pub jabatan: String,
    pub kelompok: Kelompok,
    pub baris: Vec<BarisFormulir>,
}

impl Formulir {
    pub fn dapat_isi(&self) -> bool {
        self.asesmen.status == DIBUKA
    }
}

/// The rating form of task `tugas_id`: the rater's own, nobody else's (not even an admin's, so
/// that no one reads a colleague's answers).
pub async fn formulir<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    tugas_id: i32,
) -> CoreResult<Formulir> {
    let t = asesmen_penilai::Entity::find_by_id(tugas_id)
        .one(db)
        .await?
        .filter(|t| Some(t.penilai_id) == actor.pegawai_id)
        .ok_or(CoreError::Forbidden)?;
    let a = putaran(db, t.asesmen_id).await?;
    let ps = asesmen_peserta::Entity::find_by_id(t.peserta_id)
        .one(db)
        .await?
        .ok_or(CoreError::NotFound)?;
    let dinilai = pegawai::Entity::find_by_id(ps.pegawai_id)
        .one(db)
        .await?
        .ok_or(CoreError::NotFound)?;
    let jab = jabatan::Entity::find_by_id(ps.jabatan_id)
        .one(db)
        .await?
        .ok_or(CoreError::NotFound)?;
    let kamus = kamus_svc::kamus_instansi(db, a.instansi_id).await?;
    let standar = kamus_svc::standar_banyak(db, &kamus, std::slice::from_ref(&jab))
        .await?
        .remove(&jab.id)
        .unwrap_or_default();
    let jawaban: HashMap<i32, asesmen_jawaban::Model> = asesmen_jawaban::Entity::find()
        .filter(asesmen_jawaban::Column::TugasId.eq(t.id))
        .all(db)
        .await?
        .into_iter()
        .map(|j| (j.kompetensi_id, j))
        .collect();
    let baris = kamus
        .into_iter()
        .filter_map(|k| {
            let s = *standar.get(&k.id)?;
            let j = jawaban.get(&k.id);
            Some(BarisFormulir {
                standar: s,
                level: j.map(|j| j.level.clamp(1, 5) as u8),
                bukti: j.map(|j| j.bukti.clone()).unwrap_or_default(),
                kompetensi: k,
            })
        })
        .collect();
    Ok(Formulir {
        kelompok: Kelompok::from_code(&t.kelompok).unwrap_or(Kelompok::Rekan),
        tugas: t,
        asesmen: a,
        dinilai,
        jabatan: jab.nama,
        baris,
    })
}

/// Saves the rater's answers (kompetensi id → (level, example) as typed): a level 1–5 and an
/// example of at least 10 characters for every competency of the standard. Replaces earlier
/// answers while the round is open; the task is then finished.
pub async fn simpan(
    db: &DatabaseConnection,
    actor: &Actor,
    tugas_id: i32,
    isian: &HashMap<i32, (String, String)>,
) -> CoreResult<Formulir> {
    let f = formulir(db, actor, tugas_id).await?;
    terbuka(&f.asesmen)?;
    let mut e = FieldErrors::new();
    let mut baru: Vec<(i32, i16, String)> = Vec::new();
    for b in &f.baris {
        let id = b.kompetensi.id;
        let (lv, bukti) = isian.get(&id).cloned().unwrap_or_default();
        let level = match lv.trim().parse::<i16>() {
            Ok(l) if (1..=5).contains(&l) => Some(l),
            _ => {
                e.add(&format!("level_{id}"), "Pilih level 1 sampai 5.");
                None
            }
        };
        let bukti = crate::services::uraian(&mut e, &format!("bukti_{id}"), &bukti, 10);
        if let Some(l) = level {
            baru.push((id, l, bukti));
        }
    }
    e.into_result()?;
    let txn = db.begin().await?;
    asesmen_jawaban::Entity::delete_many()
        .filter(asesmen_jawaban::Column::TugasId.eq(tugas_id))
        .exec(&txn)
        .await?;
    for (kid, level, bukti) in &baru {
        asesmen_jawaban::ActiveModel {
            tugas_id: Set(tugas_id),
            kompetensi_id: Set(*kid),
            level: Set(*level),
            bukti: Set(bukti.clone()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    let mut am = f.tugas.clone().into_active_model();
    am.selesai_at = Set(Some(now()));
    let saved = am.update(&txn).await?;
    // The trail records that the task was done, not the levels: an anonymous rater's answers
    // must not be readable by whoever reads the trail.
    audit::record(
        &txn,
        actor,
        Some(f.asesmen.instansi_id),
        audit::Action::Update,
        ("asesmen_penilai", i64::from(saved.id)),
        None::<&()>,
        Some(&serde_json::json!({ "selesai": true, "jumlah_kompetensi": baru.len() })),
    )
    .await?;
    txn.commit().await?;
    formulir(db, actor, tugas_id).await
}

/// One competency of a result.
#[derive(Debug, Clone)]
pub struct BarisHasil {
    pub kompetensi: kompetensi::Model,
    pub standar: u8,
    /// The level of each group in hundredths, in [`Kelompok::ALL`] order: self and atasan as
    /// given, peers and subordinates only as a mean of at least three answers.
    pub kelompok: [Option<u32>; 4],
    /// How many answered in each group.
    pub jumlah: [usize; 4],
    /// The weighted level in hundredths.
    pub capaian: Option<u32>,
}

impl BarisHasil {
    pub fn gap(&self) -> Option<i32> {
        self.capaian.map(|c| gap_x100(c, self.standar))
    }
    /// Self and atasan differ by a level or more.
    pub fn selisih(&self) -> bool {
        matches!(self.kelompok, [Some(d), Some(a), _, _] if selisih_berarti(d, a))
    }
}

#[derive(Debug, Clone)]
pub struct Hasil {
    pub asesmen: asesmen::Model,
    pub peserta: asesmen_peserta::Model,
    pub pegawai: pegawai::Model,
    pub jabatan: String,
    pub baris: Vec<BarisHasil>,
    /// Hundredths of a percent; `None` until someone has answered.
    pub jpm: Option<u32>,
    pub kategori: &'static str,
    pub pengaturan: PengaturanKompetensi,
}

impl Hasil {
    /// Competencies at or above the standard.
    pub fn kekuatan(&self) -> Vec<&BarisHasil> {
        self.baris
            .iter()
            .filter(|b| b.gap().is_some_and(|g| g >= 0))
            .collect()
    }
    /// Competencies below the standard, the widest gap first.
    pub fn area_pengembangan(&self) -> Vec<&BarisHasil> {
        let mut v: Vec<&BarisHasil> = self
            .baris
            .iter()
            .filter(|b| b.gap().is_some_and(|g| g < 0))
            .collect();
        v.sort_by_key(|b| b.gap());
        v
    }
    pub fn sementara(&self) -> bool {
        self.asesmen.status == DIBUKA
    }
}

/// The results of `peserta` in round `a`, in a fixed number of queries however many there are.
pub(crate) async fn hitung<C: ConnectionTrait>(
    db: &C,
    a: &asesmen::Model,
    peserta: Vec<asesmen_peserta::Model>,
) -> CoreResult<Vec<Hasil>> {
    if peserta.is_empty() {
        return Ok(Vec::new());
    }
    let set = pengaturan_kompetensi::baca(db, a.instansi_id).await?;
    let kamus = kamus_svc::kamus_instansi(db, a.instansi_id).await?;
    let jab: Vec<jabatan::Model> = jabatan::Entity::find()
        .filter(
            jabatan::Column::Id.is_in(peserta.iter().map(|p| p.jabatan_id).collect::<HashSet<_>>()),
        )
        .all(db)
        .await?;
    let standar = kamus_svc::standar_banyak(db, &kamus, &jab).await?;
    let jab_nama: HashMap<i32, String> = jab.into_iter().map(|j| (j.id, j.nama)).collect();
    let peg: HashMap<i32, pegawai::Model> = pegawai::Entity::find()
        .filter(pegawai::Column::Id.is_in(peserta.iter().map(|p| p.pegawai_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let tugas = asesmen_penilai::Entity::find()
        .filter(asesmen_penilai::Column::AsesmenId.eq(a.id))
        .filter(
            asesmen_penilai::Column::PesertaId
                .is_in(peserta.iter().map(|p| p.id).collect::<Vec<_>>()),
        )
        .filter(asesmen_penilai::Column::SelesaiAt.is_not_null())
        .all(db)
        .await?;
    let tugas_by_id: HashMap<i32, &asesmen_penilai::Model> =
        tugas.iter().map(|t| (t.id, t)).collect();
    // (peserta, kompetensi, kelompok index) → levels.
    let mut levels: HashMap<(i32, i32, usize), Vec<u8>> = HashMap::new();
    for j in asesmen_jawaban::Entity::find()
        .filter(
            asesmen_jawaban::Column::TugasId.is_in(tugas.iter().map(|t| t.id).collect::<Vec<_>>()),
        )
        .all(db)
        .await?
    {
        let Some(t) = tugas_by_id.get(&j.tugas_id) else {
            continue;
        };
        let Some(k) = Kelompok::from_code(&t.kelompok) else {
            continue;
        };
        let ki = k.index();
        levels
            .entry((t.peserta_id, j.kompetensi_id, ki))
            .or_default()
            .push(j.level.clamp(1, 5) as u8);
    }
    let mut out = Vec::with_capacity(peserta.len());
    for ps in peserta {
        let Some(p) = peg.get(&ps.pegawai_id).cloned() else {
            continue;
        };
        let std = standar.get(&ps.jabatan_id).cloned().unwrap_or_default();
        let baris: Vec<BarisHasil> = kamus
            .iter()
            .filter_map(|k| {
                let s = *std.get(&k.id)?;
                let mut kel = [None; 4];
                let mut jumlah = [0; 4];
                for (i, g) in Kelompok::ALL.iter().enumerate() {
                    let v = levels
                        .get(&(ps.id, k.id, i))
                        .map(Vec::as_slice)
                        .unwrap_or(&[]);
                    jumlah[i] = v.len();
                    kel[i] = if g.anonim() {
                        rata_rata_anonim(v)
                    } else if v.is_empty() {
                        None
                    } else {
                        Some(rata_rata(v))
                    };
                }
                let capaian = level_tertimbang(
                    &Kelompok::ALL
                        .iter()
                        .enumerate()
                        .map(|(i, g)| (kel[i], set.bobot_of(*g)))
                        .collect::<Vec<_>>(),
                );
                Some(BarisHasil {
                    kompetensi: k.clone(),
                    standar: s,
                    kelompok: kel,
                    jumlah,
                    capaian,
                })
            })
            .collect();
        let pairs: Vec<(u32, u8)> = baris
            .iter()
            .filter_map(|b| Some((b.capaian?, b.standar)))
            .collect();
        let jpm = if pairs.is_empty() {
            None
        } else {
            jpm_x100(&pairs, set.jpm_batas_100)
        };
        out.push(Hasil {
            asesmen: a.clone(),
            jabatan: jab_nama.get(&ps.jabatan_id).cloned().unwrap_or_default(),
            peserta: ps,
            pegawai: p,
            baris,
            kategori: jpm
                .map(|j| set.skala.kategori(j))
                .unwrap_or("Belum ada penilaian"),
            jpm,
            pengaturan: set,
        });
    }
    Ok(out)
}

/// The result of participant `peserta_id`: for the pegawai, their penilai and the penilai's
/// atasan, and the admin.
pub async fn hasil<C: ConnectionTrait + 'static>(
    db: &C,
    actor: &Actor,
    peserta_id: i32,
    today: NaiveDate,
) -> CoreResult<Hasil> {
    let ps = asesmen_peserta::Entity::find_by_id(peserta_id)
        .one(db)
        .await?
        .ok_or(CoreError::Forbidden)?;
    akses::pegawai_terlihat(db, actor, ps.pegawai_id, today).await?;
    let a = putaran(db, ps.asesmen_id).await?;
    hitung(db, &a, vec![ps])
        .await?
        .pop()
        .ok_or(CoreError::NotFound)
}

/// A round's page for its admin: the round, its participants with their raters' progress per
/// group (who is assigned, not what they answered), and each participant's JPM.
#[derive(Debug, Clone)]
pub struct RincianPutaran {
    pub asesmen: asesmen::Model,
    pub peserta: Vec<PesertaPutaran>,
    /// Active pegawai of the instansi who may be added as raters (while the round is open).
    pub calon_penilai: Vec<pegawai::Model>,
}

#[derive(Debug, Clone)]
pub struct PesertaPutaran {
    pub hasil: Hasil,
    /// Finished of assigned, per group in [`Kelompok::ALL`] order.
    pub progres: [(usize, usize); 4],
}

pub async fn rincian<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    id: i32,
) -> CoreResult<RincianPutaran> {
    let a = putaran(db, id).await?;
    actor.require_admin_instansi(a.instansi_id)?;
    let peserta = asesmen_peserta::Entity::find()
        .filter(asesmen_peserta::Column::AsesmenId.eq(a.id))
        .all(db)
        .await?;
    let tugas = asesmen_penilai::Entity::find()
        .filter(asesmen_penilai::Column::AsesmenId.eq(a.id))
        .all(db)
        .await?;
    let mut hasil = hitung(db, &a, peserta).await?;
    hasil.sort_by(|x, y| x.pegawai.nama_lower.cmp(&y.pegawai.nama_lower));
    let peserta = hasil
        .into_iter()
        .map(|h| {
            let mut progres = [(0, 0); 4];
            for t in tugas.iter().filter(|t| t.peserta_id == h.peserta.id) {
                if let Some(i) = Kelompok::from_code(&t.kelompok).map(Kelompok::index) {
                    progres[i].1 += 1;
                    if t.selesai_at.is_some() {
                        progres[i].0 += 1;
                    }
                }
            }
            PesertaPutaran { hasil: h, progres }
        })
        .collect();
    let calon_penilai = if a.status == DIBUKA {
        pegawai::Entity::find()
            .filter(pegawai::Column::InstansiId.eq(a.instansi_id))
            .filter(pegawai::Column::Aktif.eq(true))
            .order_by_asc(pegawai::Column::NamaLower)
            .all(db)
            .await?
    } else {
        Vec::new()
    };
    Ok(RincianPutaran {
        asesmen: a,
        peserta,
        calon_penilai,
    })
}

/// The latest closed round of each pegawai of `instansi_id` held in `tahun` or the two years
/// before (an assessment stays valid three years, `DOMAIN.md` §17), with its result; of the
/// pegawai in `hanya` only, when given, so that a page about a few computes no more.
pub(crate) async fn hasil_terakhir<C: ConnectionTrait>(
    db: &C,
    instansi_id: i32,
    tahun: i32,
    hanya: Option<&[i32]>,
) -> CoreResult<HashMap<i32, Hasil>> {
    let rounds = asesmen::Entity::find()
        .filter(asesmen::Column::InstansiId.eq(instansi_id))
        .filter(asesmen::Column::Status.eq(DITUTUP))
        .filter(asesmen::Column::Tahun.lte(tahun))
        .filter(asesmen::Column::Tahun.gte(tahun - 2))
        .order_by_desc(asesmen::Column::Tahun)
        .order_by_desc(asesmen::Column::Id)
        .all(db)
        .await?;
    let mut out: HashMap<i32, Hasil> = HashMap::new();
    for a in rounds {
        let mut q =
            asesmen_peserta::Entity::find().filter(asesmen_peserta::Column::AsesmenId.eq(a.id));
        if let Some(ids) = hanya {
            if ids.iter().all(|id| out.contains_key(id)) {
                break;
            }
            q = q.filter(asesmen_peserta::Column::PegawaiId.is_in(ids.to_vec()));
        }
        let peserta: Vec<asesmen_peserta::Model> = q
            .all(db)
            .await?
            .into_iter()
            .filter(|p| !out.contains_key(&p.pegawai_id))
            .collect();
        for h in hitung(db, &a, peserta).await? {
            out.insert(h.pegawai.id, h);
        }
    }
    Ok(out)
}
