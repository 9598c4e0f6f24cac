//! Pure rules distilled from the regulations (`DOMAIN.md`): no I/O, no database, each tested
//! against the cases of `DOMAIN.md` §18.

pub mod alur_skp;
pub mod angka_kredit;
pub mod berakhlak;
pub mod distribusi;
pub mod golongan;
pub mod jabatan;
pub mod kalender;
pub mod kamus_kompetensi;
pub mod keberatan;
pub mod kompetensi;
pub mod nilai;
pub mod nip;
pub mod pengembangan;
pub mod predikat;
pub mod talenta;
