//! States stored as text that more than one area reads: an activity's, which the summaries of
//! `ringkasan` count, and an evaluation's, which the nine-box of `kompetensi` and every use case
//! of `evaluasi` check. An area's own states stay in its module.

/// The states of a daily activity (`DOMAIN.md` §4): written, submitted for verification,
/// approved (as SESUAI or KURANG, and never changed again), returned for correction.
pub mod aktivitas {
    pub const DRAFT: &str = "DRAFT";
    pub const DIAJUKAN: &str = "DIAJUKAN";
    pub const DISETUJUI: &str = "DISETUJUI";
    pub const DIKEMBALIKAN: &str = "DIKEMBALIKAN";

    pub fn label(s: &str) -> &'static str {
        match s {
            DRAFT => "Draf",
            DIAJUKAN => "Diajukan",
            DISETUJUI => "Disetujui",
            DIKEMBALIKAN => "Dikembalikan",
            _ => "—",
        }
    }
}

/// Evaluation states: rated by the penilai (still theirs to change); handed out to the pegawai
/// (the 14-day keberatan window runs); objected to; final (after the keberatan decision, or
/// after the window passed, see `evaluasi::pihak::final_efektif`).
pub mod evaluasi {
    pub const DINILAI: &str = "DINILAI";
    pub const DITETAPKAN: &str = "DITETAPKAN";
    pub const KEBERATAN: &str = "KEBERATAN";
    pub const FINAL: &str = "FINAL";
}
