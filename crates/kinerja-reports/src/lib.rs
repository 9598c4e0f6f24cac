//! The documents of the performance cycle (`DOMAIN.md` §7): PDFs typeset by Typst from
//! templates embedded in the binary, XLSX recaps, and the SVG distribution chart that pages and
//! PDFs share. Heavy dependencies live here so that the crates edited most do not rebuild them.
//!
//! The crate knows nothing of the database: callers fill the plain structs of [`dokumen`] and
//! get bytes back. Data reaches a template as JSON that the template reads with `json(..)`, never
//! as text spliced into markup, so a name with `#` or `]` in it prints as typed.

pub mod chart;
pub mod dokumen;
mod pdf;
pub mod xlsx;

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("typesetting failed: {0}")]
    Typst(String),
    #[error("XLSX failed: {0}")]
    Xlsx(String),
}
