//! Evaluation (`DOMAIN.md` §6–§11): realisasi, the penilai's rating, handing it out, keberatan,
//! the follow-up plan of a low result, the organisation's distribution, the whole-instansi batch,
//! angka kredit, the recap, and the instansi's evaluation settings.

pub mod angka_kredit;
pub mod distribusi;
pub mod instansi;
pub mod keberatan;
pub mod penetapan;
pub mod pengaturan;
pub mod penilaian;
pub mod pihak;
pub mod realisasi;
pub mod rekap;
pub mod rincian;
pub mod tindak_lanjut;
