//! What each document prints, filled by the caller. Dates and numbers arrive already written
//! the Indonesian way ("18 November 2026", "3,13"), so templates only place them.

use crate::{ReportError, chart, pdf};
use serde::Serialize;

/// A party of a document (`DOMAIN.md` §7.2): nama, NIP, pangkat/gol, jabatan, unit kerja.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Pihak {
    pub nama: String,
    pub nip: String,
    pub pangkat: String,
    pub jabatan: String,
    pub unit: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct BarisHasil {
    pub rhk: String,
    pub indikator: String,
    pub target: String,
    pub realisasi: String,
    pub umpan_balik: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct BarisPerilaku {
    pub nilai: String,
    pub umpan_balik: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Keberatan {
    pub alasan: String,
    pub penjelasan_penilai: Option<String>,
    pub keputusan: Option<String>,
}

/// The distribution chart of a leader's evaluation: counts per predikat (Sangat Baik … Sangat
/// Kurang) and the pattern's bounds in percent.
#[derive(Debug, Clone, Default)]
pub struct PolaDistribusi {
    pub jumlah: [u32; 5],
    pub batas: [(Option<u32>, Option<u32>); 5],
}

/// Evaluasi Kinerja Pegawai (§7.1 page 3) followed by the Dokumen Evaluasi Kinerja Pegawai
/// (§7.2).
#[derive(Debug, Clone, Default, Serialize)]
pub struct DokumenEvaluasi {
    pub instansi: String,
    /// "Triwulan IV-AKHIR 2026".
    pub periode: String,
    /// "1 Oktober 2026 s.d. 31 Desember 2026".
    pub rentang: String,
    pub pegawai: Pihak,
    pub penilai: Option<Pihak>,
    pub atasan: Option<Pihak>,
    pub capaian_organisasi: String,
    pub hasil: Vec<BarisHasil>,
    pub perilaku: Vec<BarisPerilaku>,
    pub rating_hasil: String,
    pub rating_perilaku: String,
    pub predikat: String,
    pub angka_kredit: Option<String>,
    pub catatan: Option<String>,
    pub keberatan: Option<Keberatan>,
    /// "Pontianak, 18 November 2026".
    pub tempat_tanggal: String,
    /// Set by [`evaluasi`] when a chart is given.
    pub pola_distribusi: bool,
}

/// The evaluation PDF, with the distribution chart when `pola` is given (a leader's).
pub fn evaluasi(
    d: &DokumenEvaluasi,
    pola: Option<&PolaDistribusi>,
) -> Result<Vec<u8>, ReportError> {
    let mut d = d.clone();
    d.pola_distribusi = pola.is_some();
    let svg = pola.map(|p| chart::sebaran_svg(&p.jumlah, &p.batas));
    pdf::render(
        "evaluasi",
        include_str!("../templates/evaluasi.typ"),
        &d,
        svg,
    )
}

/// One IKI of an RHK in the Dokumen SKP.
#[derive(Debug, Clone, Default, Serialize)]
pub struct IkiSkp {
    pub aspek: String,
    pub indikator: String,
    pub target: String,
}

/// One RHK with the RHK of the pimpinan it intervenes in (empty for the JPT format) and, for
/// the JPT format, its perspektif.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RhkSkp {
    pub rhk_atasan: String,
    pub rhk: String,
    pub perspektif: String,
    pub iki: Vec<IkiSkp>,
}

/// "A. Utama" or "B. Tambahan" with its RHK.
#[derive(Debug, Clone, Default, Serialize)]
pub struct BagianSkp {
    pub judul: String,
    pub rhk: Vec<RhkSkp>,
}

/// A BerAKHLAK value with its guides and the leader's ekspektasi khusus.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PerilakuSkp {
    pub nama: String,
    pub panduan: Vec<String>,
    pub ekspektasi: String,
}

/// A list of the Lampiran SKP (dukungan sumber daya, skema pertanggungjawaban, konsekuensi).
#[derive(Debug, Clone, Default, Serialize)]
pub struct LampiranSkp {
    pub judul: String,
    pub isi: Vec<String>,
}

/// Dokumen SKP (§7.1): the plan and its Lampiran, then, once the SKP has been evaluated, the
/// Evaluasi Kinerja and the Dokumen Evaluasi Kinerja Pegawai of that evaluation.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DokumenSkp {
    pub instansi: String,
    pub tahun: i32,
    /// "KUANTITATIF" or "KUALITATIF".
    pub pendekatan: String,
    /// The JPT / pimpinan unit kerja mandiri layout (RHK, IKI, target, perspektif).
    pub format_jpt: bool,
    pub pegawai: Pihak,
    pub penilai: Option<Pihak>,
    pub hasil: Vec<BagianSkp>,
    pub perilaku: Vec<PerilakuSkp>,
    pub lampiran: Vec<LampiranSkp>,
    /// "Puskesmas Alianyang, 15 Januari 2026".
    pub tempat_tanggal: String,
    /// Pages 3 and 4, when the SKP has a handed-out evaluation.
    pub evaluasi: Option<DokumenEvaluasi>,
}

/// The Dokumen SKP PDF, with the distribution chart on the evaluation pages when `pola` is given
/// (a leader's).
pub fn skp(d: &DokumenSkp, pola: Option<&PolaDistribusi>) -> Result<Vec<u8>, ReportError> {
    let mut d = d.clone();
    if let Some(e) = d.evaluasi.as_mut() {
        e.pola_distribusi = pola.is_some();
    }
    let svg = pola.map(|p| chart::sebaran_svg(&p.jumlah, &p.batas));
    pdf::render("skp", include_str!("../templates/skp.typ"), &d, svg)
}
