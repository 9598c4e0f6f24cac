//! Organisation admin: instansi (super admin), the unit kerja tree, jabatan, PLT/PLH, one module
//! a resource, each with the handlers `index`, `new`, `create`, `edit`, `update`, `destroy` it has.

pub mod instansi;
pub mod jabatan;
pub mod plt;
pub mod unit_kerja;

/// `path` with the query string `iq` (the instansi a super admin is looking at), if any.
fn with_qs(path: &str, iq: &str) -> String {
    if iq.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{iq}")
    }
}
