//! An instansi's competency and talent settings (`DOMAIN.md` §17): the weight of each rater group
//! in an assessment, whether JPM is capped at 100% and which category scale it is read on
//! (§12.4 leaves both open), and the nine-box thresholds (§13.1: set by the instansi). Until an
//! admin saves them, the defaults below apply.

use crate::actor::Actor;
use crate::db::entities::pengaturan_kompetensi;
use crate::error::{CoreError, CoreResult, FieldErrors};
use crate::rules::kompetensi::{Kelompok, kategori_pemetaan, kategori_uji};
use crate::services::{jejak::audit, now};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set, TransactionTrait, TryIntoModel,
};

/// Which category scale a JPM is read on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkalaJpm {
    /// Mapping and placement: Optimal / Cukup Optimal / Kurang Optimal.
    Pemetaan,
    /// Uji kompetensi: Memenuhi Syarat / Masih Memenuhi Syarat / Kurang Memenuhi Syarat.
    Uji,
}

impl SkalaJpm {
    pub const ALL: [SkalaJpm; 2] = [SkalaJpm::Pemetaan, SkalaJpm::Uji];
    pub fn code(self) -> &'static str {
        match self {
            SkalaJpm::Pemetaan => "PEMETAAN",
            SkalaJpm::Uji => "UJI",
        }
    }
    pub fn from_code(s: &str) -> Option<SkalaJpm> {
        Self::ALL.into_iter().find(|k| k.code() == s)
    }
    pub fn label(self) -> &'static str {
        match self {
            SkalaJpm::Pemetaan => "Pemetaan (Optimal ≥ 90%, Cukup Optimal ≥ 78%)",
            SkalaJpm::Uji => "Uji kompetensi (Memenuhi Syarat ≥ 80%, Masih Memenuhi Syarat ≥ 68%)",
        }
    }
    /// The category of a JPM in hundredths of a percent.
    pub fn kategori(self, jpm: u32) -> &'static str {
        match self {
            SkalaJpm::Pemetaan => kategori_pemetaan(jpm),
            SkalaJpm::Uji => kategori_uji(jpm),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PengaturanKompetensi {
    /// Percent weight of self, atasan, peers and subordinates, in [`Kelompok::ALL`] order.
    pub bobot: [u32; 4],
    pub jpm_batas_100: bool,
    pub skala: SkalaJpm,
    /// JPM percent from which potential is Tinggi, and Menengah.
    pub potensial_tinggi: u32,
    pub potensial_menengah: u32,
    /// Mean predikat score from which performance is Di Atas, and Sesuai, Ekspektasi.
    pub kinerja_di_atas: u32,
    pub kinerja_sesuai: u32,
}

impl PengaturanKompetensi {
    pub fn bobot_of(&self, k: Kelompok) -> u32 {
        self.bobot[k.index()]
    }
}

impl Default for PengaturanKompetensi {
    /// The supervisor weighs most, self and peers less, subordinates least; JPM capped at 100%
    /// and read for mapping; the thresholds of the K4 and K13 examples of §13.1 (a Sangat Baik
    /// and a Baik average 90: Di Atas; Baik alone: Sesuai; Butuh Perbaikan: Di Bawah).
    fn default() -> Self {
        PengaturanKompetensi {
            bobot: [20, 50, 20, 10],
            jpm_batas_100: true,
            skala: SkalaJpm::Pemetaan,
            potensial_tinggi: 90,
            potensial_menengah: 78,
            kinerja_di_atas: 90,
            kinerja_sesuai: 70,
        }
    }
}

fn u(v: i16) -> u32 {
    u32::try_from(v).unwrap_or(0)
}

/// The settings of `instansi_id` (the defaults until saved).
pub async fn baca<C: ConnectionTrait>(
    db: &C,
    instansi_id: i32,
) -> CoreResult<PengaturanKompetensi> {
    let row = pengaturan_kompetensi::Entity::find()
        .filter(pengaturan_kompetensi::Column::InstansiId.eq(instansi_id))
        .one(db)
        .await?;
    Ok(match row {
        Some(r) => PengaturanKompetensi {
            bobot: [
                u(r.bobot_diri),
                u(r.bobot_atasan),
                u(r.bobot_rekan),
                u(r.bobot_bawahan),
            ],
            jpm_batas_100: r.jpm_batas_100,
            skala: SkalaJpm::from_code(&r.skala_jpm).unwrap_or(SkalaJpm::Pemetaan),
            potensial_tinggi: u(r.potensial_tinggi),
            potensial_menengah: u(r.potensial_menengah),
            kinerja_di_atas: u(r.kinerja_di_atas),
            kinerja_sesuai: u(r.kinerja_sesuai),
        },
        None => PengaturanKompetensi::default(),
    })
}

/// The form as typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct PengaturanKompetensiInput {
    #[serde(default)]
    pub bobot_diri: String,
    #[serde(default)]
    pub bobot_atasan: String,
    #[serde(default)]
    pub bobot_rekan: String,
    #[serde(default)]
    pub bobot_bawahan: String,
    /// "1" when JPM is capped at 100%.
    #[serde(default)]
    pub jpm_batas_100: String,
    #[serde(default)]
    pub skala_jpm: String,
    #[serde(default)]
    pub potensial_tinggi: String,
    #[serde(default)]
    pub potensial_menengah: String,
    #[serde(default)]
    pub kinerja_di_atas: String,
    #[serde(default)]
    pub kinerja_sesuai: String,
}

impl From<PengaturanKompetensi> for PengaturanKompetensiInput {
    fn from(p: PengaturanKompetensi) -> Self {
        PengaturanKompetensiInput {
            bobot_diri: p.bobot[0].to_string(),
            bobot_atasan: p.bobot[1].to_string(),
            bobot_rekan: p.bobot[2].to_string(),
            bobot_bawahan: p.bobot[3].to_string(),
            jpm_batas_100: if p.jpm_batas_100 {
                "1".into()
            } else {
                String::new()
            },
            skala_jpm: p.skala.code().into(),
            potensial_tinggi: p.potensial_tinggi.to_string(),
            potensial_menengah: p.potensial_menengah.to_string(),
            kinerja_di_atas: p.kinerja_di_atas.to_string(),
            kinerja_sesuai: p.kinerja_sesuai.to_string(),
        }
    }
}

fn angka(e: &mut FieldErrors, field: &str, v: &str, max: u32, pesan: &str) -> Option<u32> {
    match v.trim().parse::<u32>() {
        Ok(x) if x <= max => Some(x),
        _ => {
            e.add(field, pesan);
            None
        }
    }
}

/// Checks the form: weights of 0–100 that add up to 100 with the atasan weighing something;
/// thresholds in order.
pub fn periksa(input: &PengaturanKompetensiInput) -> CoreResult<PengaturanKompetensi> {
    let mut e = FieldErrors::new();
    let bobot_pesan = "Isi bobot 0 sampai 100 (persen).";
    let b = [
        angka(&mut e, "bobot_diri", &input.bobot_diri, 100, bobot_pesan),
        angka(
            &mut e,
            "bobot_atasan",
            &input.bobot_atasan,
            100,
            bobot_pesan,
        ),
        angka(&mut e, "bobot_rekan", &input.bobot_rekan, 100, bobot_pesan),
        angka(
            &mut e,
            "bobot_bawahan",
            &input.bobot_bawahan,
            100,
            bobot_pesan,
        ),
    ];
    if b.iter().all(Option::is_some) {
        let total: u32 = b.iter().flatten().sum();
        if total != 100 {
            e.add(
                "bobot_diri",
                format!("Jumlah bobot harus 100%, sekarang {total}%."),
            );
        }
        if b[1] == Some(0) {
            e.add(
                "bobot_atasan",
                "Penilaian atasan langsung harus berbobot (lebih dari 0%).",
            );
        }
    }
    let skala = SkalaJpm::from_code(input.skala_jpm.trim());
    if skala.is_none() {
        e.add("skala_jpm", "Pilih skala kategori JPM.");
    }
    let pt = angka(
        &mut e,
        "potensial_tinggi",
        &input.potensial_tinggi,
        200,
        "Isi persen JPM 1 sampai 200.",
    );
    let pm = angka(
        &mut e,
        "potensial_menengah",
        &input.potensial_menengah,
        200,
        "Isi persen JPM 1 sampai 200.",
    );
    if let (Some(t), Some(m)) = (pt, pm)
        && (m == 0 || m >= t)
    {
        e.add(
            "potensial_menengah",
            "Batas Menengah harus di atas 0 dan di bawah batas Tinggi.",
        );
    }
    let ka = angka(
        &mut e,
        "kinerja_di_atas",
        &input.kinerja_di_atas,
        100,
        "Isi skor 1 sampai 100.",
    );
    let ks = angka(
        &mut e,
        "kinerja_sesuai",
        &input.kinerja_sesuai,
        100,
        "Isi skor 1 sampai 100.",
    );
    if let (Some(a), Some(s)) = (ka, ks)
        && (s == 0 || s >= a)
    {
        e.add(
            "kinerja_sesuai",
            "Batas Sesuai Ekspektasi harus di atas 0 dan di bawah batas Di Atas Ekspektasi.",
        );
    }
    e.into_result()?;
    match (b, skala, pt, pm, ka, ks) {
        (
            [Some(d), Some(a), Some(r), Some(w)],
            Some(skala),
            Some(pt),
            Some(pm),
            Some(ka),
            Some(ks),
        ) => Ok(PengaturanKompetensi {
            bobot: [d, a, r, w],
            jpm_batas_100: !input.jpm_batas_100.trim().is_empty(),
            skala,
            potensial_tinggi: pt,
            potensial_menengah: pm,
            kinerja_di_atas: ka,
            kinerja_sesuai: ks,
        }),
        _ => Err(CoreError::Validation(FieldErrors::new())),
    }
}

/// Saves the settings of `instansi_id`; its admin only.
pub async fn simpan(
    db: &DatabaseConnection,
    actor: &Actor,
    instansi_id: i32,
    input: &PengaturanKompetensiInput,
) -> CoreResult<PengaturanKompetensi> {
    actor.require_admin_instansi(instansi_id)?;
    let p = periksa(input)?;
    let i = |v: u32| i16::try_from(v).unwrap_or(i16::MAX);
    let txn = db.begin().await?;
    let old = pengaturan_kompetensi::Entity::find()
        .filter(pengaturan_kompetensi::Column::InstansiId.eq(instansi_id))
        .one(&txn)
        .await?;
    let before = old.clone();
    let mut am: pengaturan_kompetensi::ActiveModel = match old {
        Some(o) => o.into(),
        None => pengaturan_kompetensi::ActiveModel {
            instansi_id: Set(instansi_id),
            ..Default::default()
        },
    };
    am.bobot_diri = Set(i(p.bobot[0]));
    am.bobot_atasan = Set(i(p.bobot[1]));
    am.bobot_rekan = Set(i(p.bobot[2]));
    am.bobot_bawahan = Set(i(p.bobot[3]));
    am.jpm_batas_100 = Set(p.jpm_batas_100);
    am.skala_jpm = Set(p.skala.code().into());
    am.potensial_tinggi = Set(i(p.potensial_tinggi));
    am.potensial_menengah = Set(i(p.potensial_menengah));
    am.kinerja_di_atas = Set(i(p.kinerja_di_atas));
    am.kinerja_sesuai = Set(i(p.kinerja_sesuai));
    am.updated_at = Set(now());
    let saved = am.save(&txn).await?.try_into_model()?;
    let target = ("pengaturan_kompetensi", i64::from(saved.id));
    match before {
        Some(b) => audit::updated(&txn, actor, Some(instansi_id), target, &b, &saved).await?,
        None => audit::created(&txn, actor, Some(instansi_id), target, &saved).await?,
    }
    txn.commit().await?;
    Ok(p)
}
