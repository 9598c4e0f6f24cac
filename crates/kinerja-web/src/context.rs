//! What every page's layout needs: the actor, the language, and the current path.

use crate::i18n::Lang;
use kinerja_core::Actor;
use kinerja_core::FieldErrors;

#[derive(Debug, Clone)]
pub struct Ctx {
    pub actor: Option<Actor>,
    pub lang: Lang,
    pub path: String,
    /// A one-line message shown at the top (after a save, for instance).
    pub notice: Option<String>,
    /// Unread notifications of the actor.
    pub belum_dibaca: u64,
}

impl Ctx {
    pub fn t(&self, key: &str) -> String {
        self.lang.t(key)
    }

    pub fn is_admin(&self) -> bool {
        self.actor.as_ref().is_some_and(|a| a.is_admin())
    }

    pub fn is_super_admin(&self) -> bool {
        self.actor.as_ref().is_some_and(|a| a.is_super_admin())
    }

    pub fn nama(&self) -> String {
        self.actor
            .as_ref()
            .map(|a| a.nama.clone())
            .unwrap_or_default()
    }

    pub fn other_lang(&self) -> &'static str {
        match self.lang {
            Lang::Id => "en",
            Lang::En => "id",
        }
    }

    pub fn html_lang(&self) -> &'static str {
        self.lang.code()
    }

    /// `aria-current="page"` for the navigation link of the current section.
    pub fn current(&self, prefix: &str) -> &'static str {
        let here = if prefix == "/" {
            self.path == "/"
        } else {
            self.path.starts_with(prefix)
        };
        if here { "page" } else { "false" }
    }

    pub fn tanggal(&self, d: &chrono::NaiveDate) -> String {
        crate::format::tanggal(*d, self.lang)
    }

    pub fn waktu(&self, t: &chrono::DateTime<chrono::Utc>) -> String {
        crate::format::waktu(*t, self.lang)
    }

    pub fn angka(&self, n: &u64) -> String {
        crate::format::angka(*n)
    }

    /// A quantity stored in hundredths, as "12,5".
    pub fn nilai(&self, v: &i64) -> String {
        kinerja_core::rules::nilai::tampil_seratus(*v)
    }

    pub fn nilai_opt(&self, v: &Option<i64>) -> String {
        v.map(kinerja_core::rules::nilai::tampil_seratus)
            .unwrap_or_default()
    }

    /// Unread notifications, shown in the navigation.
    pub fn notif(&self) -> u64 {
        self.belum_dibaca
    }
}

/// Field errors for templates, with an empty default.
pub trait ErrorsExt {
    fn msg(&self, field: &str) -> String;
    fn invalid(&self, field: &str) -> &'static str;
}

impl ErrorsExt for FieldErrors {
    fn msg(&self, field: &str) -> String {
        self.get(field).unwrap_or_default().to_string()
    }

    fn invalid(&self, field: &str) -> &'static str {
        if self.get(field).is_some() {
            "true"
        } else {
            "false"
        }
    }
}
