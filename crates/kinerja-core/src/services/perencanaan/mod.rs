//! Planning (`DOMAIN.md` §3): the evaluation periods of a year, each pegawai's SKP with its RHK,
//! indicators and perilaku, its workflow and versions, and the cascade of RHK from the
//! supervisor's.

pub mod kaskade;
pub mod periode;
pub mod skp;
