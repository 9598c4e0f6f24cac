//! The organisation: instansi, unit kerja, jabatan, pegawai and their assignments (PLT/PLH), who
//! rates whom (`penilai`), how the actor stands to a pegawai (`akses`), which units they may read
//! reports of (`cakupan`), and the CSV imports. Every planning, daily and evaluation use case asks
//! this area who may do what.

pub mod akses;
pub mod cakupan;
pub mod import;
pub mod instansi;
pub mod jabatan;
pub mod pegawai;
pub mod penilai;
pub mod penugasan;
pub mod unit_kerja;
