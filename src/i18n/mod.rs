//! Interface languages: Fluent bundles loaded once, negotiation, and formatting.

mod cldr;
mod fmt;
mod measures;
mod memo;
mod time;

use std::collections::HashMap;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

pub use cldr::{
    WEEK, date, date_time, decimal_separator, integer, list, month_day, padded, weekday,
};
pub use fmt::Fmt;
pub use measures::{duration, percent, round_duration, whole_percent};
pub use time::{TimeZoneName, all_time_zones, format_datetime, local_time, push_digits};

/// The nine interface languages, declared in the order of `Lang::ALL` (tables of one
/// entry per language are indexed by `lang as usize`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    ZhCn,
    ZhTw,
    Th,
    Vi,
    Id,
    Ms,
    PtBr,
    Es,
}

impl Lang {
    pub const ALL: [Lang; 9] = [
        Lang::En,
        Lang::ZhCn,
        Lang::ZhTw,
        Lang::Th,
        Lang::Vi,
        Lang::Id,
        Lang::Ms,
        Lang::PtBr,
        Lang::Es,
    ];

    /// The BCP 47 tag, also the folder name under `locales/`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
            Lang::ZhTw => "zh-TW",
            Lang::Th => "th",
            Lang::Vi => "vi",
            Lang::Id => "id",
            Lang::Ms => "ms",
            Lang::PtBr => "pt-BR",
            Lang::Es => "es",
        }
    }

    /// The language's name in itself, as a language menu shows it.
    pub fn native_name(self) -> String {
        tr(self, "language-native-name", None)
    }

    /// Accepts a tag the way browsers and people write it (`zh-hans`, `pt`, `zh_TW`).
    pub fn from_code(code: &str) -> Option<Lang> {
        let code = code.trim().replace('_', "-").to_ascii_lowercase();
        let mut parts = code.split('-');
        let primary = parts.next()?;
        let rest: Vec<&str> = parts.collect();
        match primary {
            "en" => Some(Lang::En),
            "zh" => {
                let traditional = rest
                    .iter()
                    .any(|p| matches!(*p, "tw" | "hk" | "mo" | "hant"));
                Some(if traditional { Lang::ZhTw } else { Lang::ZhCn })
            }
            "th" => Some(Lang::Th),
            "vi" => Some(Lang::Vi),
            "id" | "in" => Some(Lang::Id),
            "ms" => Some(Lang::Ms),
            "pt" => Some(Lang::PtBr),
            "es" => Some(Lang::Es),
            _ => None,
        }
    }

    /// Picks the best language from an `Accept-Language` header, honouring q-values.
    pub fn negotiate(accept_language: &str) -> Option<Lang> {
        let mut ranked: Vec<(f32, usize, Lang)> = accept_language
            .split(',')
            .enumerate()
            .filter_map(|(pos, item)| {
                let mut fields = item.split(';');
                let tag = fields.next()?.trim();
                let q = fields
                    .find_map(|f| f.trim().strip_prefix("q=").map(|v| v.parse::<f32>().ok()))
                    .unwrap_or(Some(1.0))?;
                if q <= 0.0 {
                    return None;
                }
                Lang::from_code(tag).map(|lang| (q, pos, lang))
            })
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        ranked.first().map(|r| r.2)
    }
}

/// The files of each `locales/<lang>/` folder (every language has the same files),
/// listed once: the macro embeds them and names them.
macro_rules! locale_files {
    (names) => {
        locale_files!(@list names)
    };
    ($lang:literal) => {
        locale_files!(@list $lang)
    };
    (@list $what:tt) => {
        locale_files!(@each $what, "common.ftl", "formats.ftl", "accounts.ftl", "activity.ftl", "stores.ftl", "chat.ftl", "images.ftl", "performance.ftl", "webhooks.ftl")
    };
    (@each names, $($file:literal),+) => {
        &[$($file),+]
    };
    (@each $lang:literal, $($file:literal),+) => {
        &[$(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/locales/", $lang, "/", $file))),+]
    };
}

pub const LOCALE_FILES: &[&str] = locale_files!(names);

fn sources(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::En => locale_files!("en"),
        Lang::ZhCn => locale_files!("zh-CN"),
        Lang::ZhTw => locale_files!("zh-TW"),
        Lang::Th => locale_files!("th"),
        Lang::Vi => locale_files!("vi"),
        Lang::Id => locale_files!("id"),
        Lang::Ms => locale_files!("ms"),
        Lang::PtBr => locale_files!("pt-BR"),
        Lang::Es => locale_files!("es"),
    }
}

type Bundle = FluentBundle<FluentResource>;

static BUNDLES: LazyLock<HashMap<Lang, Bundle>> = LazyLock::new(|| {
    Lang::ALL
        .iter()
        .map(|&lang| (lang, build_bundle(lang)))
        .collect()
});

fn build_bundle(lang: Lang) -> Bundle {
    let id: LanguageIdentifier = lang.code().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Isolation marks (U+2068/U+2069) would end up inside the HTML.
    bundle.set_use_isolating(false);
    bundle.set_formatter(Some(number_formatter(lang)));
    for source in sources(lang) {
        // A broken file is reported and its valid entries kept; tests reject it.
        let resource = match FluentResource::try_new((*source).to_string()) {
            Ok(r) => r,
            Err((r, errors)) => {
                log::error!("locale {}: {} syntax error(s)", lang.code(), errors.len());
                r
            }
        };
        if let Err(errors) = bundle.add_resource(resource) {
            log::error!("locale {}: {errors:?}", lang.code());
        }
    }
    bundle
}

/// Fluent writes numbers without grouping and always with a full stop: each bundle
/// hands its numbers to CLDR instead. A formatter is a plain function, so there is one
/// per language, told apart by the language's place in `Lang::ALL`.
fn number_formatter<M>(lang: Lang) -> fn(&FluentValue, &M) -> Option<String> {
    fn format<const L: usize, M>(value: &FluentValue, _: &M) -> Option<String> {
        match value {
            FluentValue::Number(n) => Some(cldr::fluent_number(Lang::ALL[L], n)),
            _ => None,
        }
    }
    let each: [fn(&FluentValue, &M) -> Option<String>; 9] = [
        format::<0, M>,
        format::<1, M>,
        format::<2, M>,
        format::<3, M>,
        format::<4, M>,
        format::<5, M>,
        format::<6, M>,
        format::<7, M>,
        format::<8, M>,
    ];
    each[lang as usize]
}

/// Loads every bundle now rather than on the first request.
pub fn init() {
    LazyLock::force(&BUNDLES);
    cldr::init();
}

/// Looks a message up in `lang`, falling back to English and then to the key itself.
pub fn tr(lang: Lang, key: &str, args: Option<&FluentArgs>) -> String {
    for candidate in [lang, Lang::En] {
        let Some(bundle) = BUNDLES.get(&candidate) else {
            continue;
        };
        if let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) {
            let mut errors = vec![];
            let text = bundle.format_pattern(pattern, args, &mut errors);
            if !errors.is_empty() {
                log::warn!("message {key} in {}: {errors:?}", candidate.code());
            }
            return text.into_owned();
        }
    }
    log::error!("missing translation key {key}");
    key.to_string()
}

/// Builds Fluent arguments from name/value pairs.
pub fn args<'a, V: Into<FluentValue<'a>>>(
    pairs: impl IntoIterator<Item = (&'a str, V)>,
) -> FluentArgs<'a> {
    let mut out = FluentArgs::new();
    for (name, value) in pairs {
        out.set(name, value);
    }
    out
}

/// The raw locale sources of a language, file by file (for tests).
pub fn locale_sources(lang: Lang) -> impl Iterator<Item = (&'static str, &'static str)> {
    LOCALE_FILES
        .iter()
        .copied()
        .zip(sources(lang).iter().copied())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiation_honours_quality_and_order() {
        assert_eq!(Lang::negotiate("th-TH,th;q=0.9,en;q=0.8"), Some(Lang::Th));
        assert_eq!(Lang::negotiate("fr, zh-TW;q=0.5, en;q=0.7"), Some(Lang::En));
        assert_eq!(Lang::negotiate("zh-Hant-HK"), Some(Lang::ZhTw));
        assert_eq!(Lang::negotiate("zh"), Some(Lang::ZhCn));
        assert_eq!(Lang::negotiate("pt-PT;q=0.3"), Some(Lang::PtBr));
        assert_eq!(Lang::negotiate("de, fr"), None);
        assert_eq!(Lang::negotiate("es;q=0, vi"), Some(Lang::Vi));
        assert_eq!(Lang::negotiate(""), None);
    }

    #[test]
    fn codes_round_trip() {
        for (i, lang) in Lang::ALL.into_iter().enumerate() {
            assert_eq!(lang as usize, i, "Lang::ALL follows the declaration order");
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
    }

    #[test]
    fn arguments_are_not_wrapped_in_isolation_marks() {
        let text = tr(Lang::En, "home-welcome", Some(&args([("name", "Chen")])));
        assert!(
            text.contains("Chen") && !text.contains('\u{2068}'),
            "{text}"
        );
    }
}
