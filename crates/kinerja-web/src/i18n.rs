//! UI language: Indonesian by default, English by a switch. The choice comes from the `lang`
//! cookie, then `Accept-Language`, then `id-ID`. Messages live in `locales/*/main.ftl`.

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid, static_loader};
use std::borrow::Cow;
use std::collections::HashMap;

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "id-ID",
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static ID: LanguageIdentifier = langid!("id-ID");
static EN: LanguageIdentifier = langid!("en-US");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Id,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }

    pub fn from_code(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "id" | "id-id" => Some(Lang::Id),
            "en" | "en-us" | "en-gb" => Some(Lang::En),
            _ => None,
        }
    }

    /// The cookie wins; otherwise the first supported language in `Accept-Language`.
    pub fn negotiate(cookie: Option<&str>, accept_language: Option<&str>) -> Lang {
        if let Some(l) = cookie.and_then(Lang::from_code) {
            return l;
        }
        if let Some(al) = accept_language {
            for part in al.split(',') {
                let tag = part
                    .split(';')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_ascii_lowercase();
                if tag.starts_with("id") {
                    return Lang::Id;
                }
                if tag.starts_with("en") {
                    return Lang::En;
                }
            }
        }
        Lang::Id
    }

    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Lang::Id => &ID,
            Lang::En => &EN,
        }
    }

    pub fn t(self, key: &str) -> String {
        LOCALES.lookup(self.id(), key)
    }

    /// The message `key` with its arguments (`{ $name }` in the `.ftl` files).
    pub fn t_args(self, key: &str, args: &[(&'static str, String)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue> = args
            .iter()
            .map(|(k, v)| (Cow::Borrowed(*k), FluentValue::from(v.clone())))
            .collect();
        LOCALES.lookup_with_args(self.id(), key, &args)
    }
}

tokio::task_local! {
    /// The language of the request being answered, set by [`dengan_bahasa`] around every
    /// request, so that an error turned into a page far from the handler's context (an
    /// `AppError`) is worded in it.
    static BAHASA: Lang;
}

/// The language of the current request; Indonesian outside one.
pub fn bahasa_kini() -> Lang {
    BAHASA.try_with(|l| *l).unwrap_or(Lang::Id)
}

/// Runs `f` (a request's handling) with `lang` as the current request's language.
pub async fn dengan_bahasa<F: std::future::Future>(lang: Lang, f: F) -> F::Output {
    BAHASA.scope(lang, f).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiation_order() {
        assert_eq!(Lang::negotiate(Some("en"), Some("id-ID")), Lang::En);
        assert_eq!(Lang::negotiate(None, Some("en-US,en;q=0.9")), Lang::En);
        assert_eq!(Lang::negotiate(None, Some("fr-FR, id;q=0.8")), Lang::Id);
        assert_eq!(Lang::negotiate(Some("xx"), None), Lang::Id);
    }

    #[test]
    fn every_key_exists_in_both_languages() {
        let keys = |path: &str| -> Vec<String> {
            std::fs::read_to_string(path)
                .unwrap()
                .lines()
                .filter_map(|l| l.split_once(" = ").map(|(k, _)| k.trim().to_string()))
                .collect()
        };
        let id = keys(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/locales/id-ID/main.ftl"
        ));
        let en = keys(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/locales/en-US/main.ftl"
        ));
        assert_eq!(
            id, en,
            "the two message files list the same keys in the same order"
        );
    }

    #[test]
    fn both_languages_have_the_navigation() {
        assert_eq!(Lang::Id.t("nav-pegawai"), "Pegawai");
        assert_eq!(Lang::En.t("nav-pegawai"), "Employees");
        assert_eq!(Lang::Id.t("masuk"), "Masuk");
        assert_eq!(Lang::En.t("masuk"), "Log in");
    }
}
