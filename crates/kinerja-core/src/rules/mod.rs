//! Pure rules distilled from the regulations (`DOMAIN.md`): no I/O, no database, each tested
//! against the cases of `DOMAIN.md` §18.

pub mod golongan;
pub mod jabatan;
pub mod nip;
