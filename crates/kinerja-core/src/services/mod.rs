//! Use cases, grouped by the area of the regulation they serve. Each takes the database and the
//! [`Actor`](crate::actor::Actor), checks what the actor may do, performs the change in a
//! transaction and records its audit event. Which area may use which is in
//! `docs/ARCHITECTURE.md`; the areas import downwards only, and the states several areas read
//! live in [`status`] below them all.

pub mod akun;
pub mod evaluasi;
pub mod harian;
pub mod jejak;
pub mod kompetensi;
pub mod organisasi;
pub mod perencanaan;
pub mod ringkasan;
pub mod status;

use chrono::{DateTime, SubsecRound, Utc};

/// A required free text (a reason, an explanation, a plan) trimmed, with at least `min` and at
/// most 4000 characters; a problem goes into `err` under `field` and the text is returned anyway
/// so the form can show it again.
pub(crate) fn uraian(
    err: &mut crate::error::FieldErrors,
    field: &str,
    v: &str,
    min: usize,
) -> String {
    let t = v.trim();
    let n = t.chars().count();
    if n < min {
        err.add(field, format!("Tulis sekurang-kurangnya {min} karakter."));
    } else if n > 4000 {
        err.add(field, "Paling banyak 4000 karakter.");
    }
    t.to_string()
}

/// Now, truncated to microseconds so SQLite and PostgreSQL store the same value.
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

/// Now as unix seconds, for expiry columns.
pub fn unix_now() -> i64 {
    Utc::now().timestamp()
}

/// The highest page number a list is asked for. Offsets are bound as signed 64-bit integers, so
/// a page number straight from a URL (`page=18446744073709551615`) would not fit; no list here
/// has a million pages.
pub const MAX_HALAMAN: u64 = 1_000_000;

/// The 0-based page index that `page` (1-based, from a caller) asks for, within
/// [`MAX_HALAMAN`].
pub(crate) fn indeks_halaman(page: u64) -> u64 {
    page.clamp(1, MAX_HALAMAN) - 1
}

/// One page of a list.
#[derive(Debug, Clone)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// 1-based.
    pub page: u64,
    pub per_page: u64,
    pub total: u64,
}

impl<T> Page<T> {
    pub fn new(items: Vec<T>, page: u64, per_page: u64, total: u64) -> Self {
        Page {
            items,
            page: page.clamp(1, MAX_HALAMAN),
            per_page,
            total,
        }
    }

    pub fn pages(&self) -> u64 {
        self.total.div_ceil(self.per_page).max(1)
    }

    pub fn has_prev(&self) -> bool {
        self.page > 1
    }

    pub fn has_next(&self) -> bool {
        self.page < self.pages()
    }

    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            page: self.page,
            per_page: self.per_page,
            total: self.total,
        }
    }
}

/// Trims a text field and checks its length; records a message when it is empty or too long.
pub(crate) fn required_text(
    errors: &mut crate::error::FieldErrors,
    field: &str,
    value: &str,
    max: usize,
) -> String {
    let v = value.trim().to_string();
    if v.is_empty() {
        errors.add(field, "Wajib diisi.");
    } else if v.chars().count() > max {
        errors.add(field, format!("Paling banyak {max} karakter."));
    }
    v
}

/// Escapes `%`, `_` and `\` so user input is matched literally inside a LIKE pattern.
pub(crate) fn like_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_counted() {
        let p = Page::new(vec![1, 2], 2, 25, 51);
        assert_eq!(p.pages(), 3);
        assert!(p.has_prev() && p.has_next());
        let empty: Page<i32> = Page::new(vec![], 0, 25, 0);
        assert_eq!((empty.page, empty.pages(), empty.has_next()), (1, 1, false));
    }

    #[test]
    fn like_escape_escapes_wildcards() {
        assert_eq!(like_escape("50%_a\\"), "50\\%\\_a\\\\");
    }
}
