//! Competency-based appraisal (`DOMAIN.md` §12–§16): the dictionary and required levels
//! (`kamus`), self-, supervisor- and 360-assessment with JPM and gaps (`asesmen`), development
//! plans and training records (`pengembangan`), the heat map (`peta`), the nine-box (`talenta`)
//! and the instansi's settings for all of them.

pub mod asesmen;
pub mod kamus;
pub mod pengaturan;
pub mod pengembangan;
pub mod peta;
pub mod talenta;
