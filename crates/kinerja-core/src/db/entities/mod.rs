//! One file a table. Relations are resolved in services with batched `is_in` queries.

pub mod aktivitas;
pub mod audit_event;
pub mod bukti_dukung;
pub mod evaluasi;
pub mod evaluasi_umpan_balik;
pub mod iki;
pub mod instansi;
pub mod jabatan;
pub mod keberatan;
pub mod login_throttle;
pub mod notifikasi;
pub mod pegawai;
pub mod pengaturan_kinerja;
pub mod penugasan_plt;
pub mod periode;
pub mod predikat_organisasi;
pub mod realisasi;
pub mod rencana_aksi;
pub mod rhk;
pub mod skp;
pub mod skp_perilaku;
pub mod umpan_balik;
pub mod unit_kerja;
pub mod user_account;
pub mod user_session;
