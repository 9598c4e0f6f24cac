//! One file a table. Relations are resolved in services with batched `is_in` queries.

pub mod audit_event;
pub mod instansi;
pub mod jabatan;
pub mod login_throttle;
pub mod pegawai;
pub mod penugasan_plt;
pub mod periode;
pub mod unit_kerja;
pub mod user_account;
pub mod user_session;
