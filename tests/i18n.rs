//! Languages: every key in every locale, no unused keys, no visible template text that
//! is not a translation, real translations, and the language switch through HTTP.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use sellerdesk::i18n::{Lang, locale_sources, tr};

/// Keys and their variables, per file.
fn messages(source: &str) -> BTreeMap<String, BTreeSet<String>> {
    let resource = fluent_syntax::parser::parse(source).expect("valid Fluent syntax");
    let ids: Vec<&str> = resource
        .body
        .iter()
        .filter_map(|e| match e {
            Entry::Message(m) => Some(m.id.name),
            _ => None,
        })
        .collect();
    let unique: BTreeSet<&str> = ids.iter().copied().collect();
    assert_eq!(ids.len(), unique.len(), "a key is defined twice");
    resource
        .body
        .iter()
        .filter_map(|entry| match entry {
            Entry::Message(m) => {
                let vars = m.value.as_ref().map(variables).unwrap_or_default();
                Some((m.id.name.to_string(), vars))
            }
            _ => None,
        })
        .collect()
}

fn variables(pattern: &Pattern<&str>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            collect_vars(expression, &mut out);
        }
    }
    out
}

fn collect_vars(expression: &Expression<&str>, out: &mut BTreeSet<String>) {
    match expression {
        Expression::Inline(InlineExpression::VariableReference { id }) => {
            out.insert(id.name.to_string());
        }
        Expression::Select { selector, variants } => {
            if let InlineExpression::VariableReference { id } = selector {
                out.insert(id.name.to_string());
            }
            for v in variants {
                out.extend(variables(&v.value));
            }
        }
        _ => {}
    }
}

/// API error messages are English only: integrations match on the stable code, and the
/// message is for the developer who reads the answer (docs/openapi.json says so).
fn english_only(key: &str) -> bool {
    key.starts_with("api-error-")
}

fn all_english() -> BTreeMap<String, BTreeSet<String>> {
    locale_sources(Lang::En)
        .flat_map(|(_, src)| messages(src))
        .collect()
}

#[test]
fn every_locale_has_every_key_with_the_same_variables() {
    for lang in Lang::ALL {
        let english: Vec<_> = locale_sources(Lang::En).collect();
        for ((file, en_src), (_, src)) in english.iter().zip(locale_sources(lang)) {
            let en = messages(en_src);
            let other = messages(src);
            let missing: Vec<_> = en
                .keys()
                .filter(|k| !other.contains_key(*k))
                .filter(|k| lang == Lang::En || !english_only(k))
                .collect();
            let extra: Vec<_> = other
                .keys()
                .filter(|k| !en.contains_key(*k) || (lang != Lang::En && english_only(k)))
                .collect();
            assert!(
                missing.is_empty(),
                "{} {file} misses {missing:?}",
                lang.code()
            );
            assert!(
                extra.is_empty(),
                "{} {file} has extra keys {extra:?}",
                lang.code()
            );
            for (key, vars) in en
                .iter()
                .filter(|(k, _)| lang == Lang::En || !english_only(k))
            {
                assert_eq!(
                    &other[key],
                    vars,
                    "{} {file} {key}: variables differ",
                    lang.code()
                );
            }
        }
    }
}

#[test]
fn every_locale_file_is_loaded() {
    let mut on_disk: Vec<String> = std::fs::read_dir(root().join("locales/en"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut loaded: Vec<String> = sellerdesk::i18n::LOCALE_FILES
        .iter()
        .map(|f| f.to_string())
        .collect();
    loaded.sort();
    assert_eq!(on_disk, loaded);
    for lang in Lang::ALL {
        assert_eq!(
            locale_sources(lang).count(),
            loaded.len(),
            "{}",
            lang.code()
        );
    }
}

#[test]
fn translations_are_not_english_copies() {
    // Product names and words the markets use untranslated; unit symbols (s, min, h)
    // that Portuguese and Spanish write as English does.
    let same_everywhere = [
        "app-name",
        "measure-seconds",
        "measure-minutes-seconds",
        "measure-hours-minutes",
        "measure-minutes",
        "measure-hours",
    ];
    let english = all_english();
    for lang in Lang::ALL.into_iter().filter(|l| *l != Lang::En) {
        let copies: Vec<_> = english
            .keys()
            .filter(|k| !same_everywhere.contains(&k.as_str()) && !english_only(k))
            .filter(|k| tr(lang, k, None) == tr(Lang::En, k, None))
            .filter(|k| tr(Lang::En, k, None).split_whitespace().count() > 1)
            .collect();
        assert!(
            copies.is_empty(),
            "{} keeps English text for {copies:?}",
            lang.code()
        );
    }
}

fn files_under(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = vec![];
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files_under(&path, ext));
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
    out
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn code_and_templates() -> String {
    let mut text = String::new();
    for path in files_under(&root().join("src"), "rs")
        .into_iter()
        .chain(files_under(&root().join("templates"), "html"))
    {
        text.push_str(&std::fs::read_to_string(path).unwrap());
    }
    text
}

#[test]
fn every_key_is_used_somewhere() {
    let code = code_and_templates();
    let unused: Vec<_> = all_english()
        .into_keys()
        .filter(|k| !code.contains(&format!("\"{k}\"")))
        .collect();
    assert!(unused.is_empty(), "keys nothing uses: {unused:?}");
}

#[test]
fn every_key_the_code_names_exists() {
    let english = all_english();
    let families: BTreeSet<String> = english
        .keys()
        .filter_map(|k| k.split('-').next())
        .map(|p| format!("{p}-"))
        .collect();
    // In Rust, any literal shaped like a key of a known family; in templates, the
    // arguments of `t(…)`/`t1(…)` (elsewhere they hold CSS classes and ids).
    let literal = regex::Regex::new(r#""([a-z][a-z0-9]*(?:-[a-z0-9]+)+)""#).unwrap();
    let call = regex::Regex::new(r#"\bt1?\("([^"]+)""#).unwrap();
    let mut named: BTreeSet<String> = BTreeSet::new();
    for path in files_under(&root().join("src"), "rs") {
        let code = std::fs::read_to_string(path).unwrap();
        named.extend(
            literal
                .captures_iter(&code)
                .map(|c| c[1].to_string())
                .filter(|k| families.iter().any(|f| k.starts_with(f.as_str()))),
        );
    }
    for path in files_under(&root().join("templates"), "html") {
        let template = std::fs::read_to_string(path).unwrap();
        named.extend(call.captures_iter(&template).map(|c| c[1].to_string()));
    }
    let missing: BTreeSet<_> = named
        .into_iter()
        .filter(|k| !english.contains_key(k))
        .collect();
    assert!(
        missing.is_empty(),
        "keys used in code but missing from locales: {missing:?}"
    );
}

/// Strips askama syntax and tags; what remains is text a visitor would read.
fn visible_text(template: &str) -> Vec<String> {
    let syntax = regex::Regex::new(r"(?s)\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|<!--.*?-->").unwrap();
    let without_syntax = syntax.replace_all(template, " ");
    let tags = regex::Regex::new(r"(?s)<[^>]*>").unwrap();
    let text = tags.replace_all(&without_syntax, "\n");
    text.lines()
        .map(str::trim)
        .filter(|l| l.chars().any(char::is_alphabetic))
        .map(str::to_string)
        .collect()
}

#[test]
fn templates_show_only_translated_text() {
    let attr =
        regex::Regex::new(r#"(?:title|placeholder|aria-label|alt)="(\{\{.*?\}\}|[^"]*)""#).unwrap();
    for path in files_under(&root().join("templates"), "html") {
        let template = std::fs::read_to_string(&path).unwrap();
        let text = visible_text(&template);
        assert!(
            text.is_empty(),
            "{} shows untranslated text: {text:?}",
            path.display()
        );
        for cap in attr.captures_iter(&template) {
            let value = cap[1].trim();
            assert!(
                value.is_empty() || (value.starts_with("{{") && value.ends_with("}}")),
                "{}: attribute text must be a translation: {value}",
                path.display()
            );
        }
    }
}

#[test]
fn the_checker_notices_untranslated_text() {
    assert_eq!(
        visible_text("<p>{{ ctx.t(\"x\") }}</p><b>Hello</b>"),
        vec!["Hello"]
    );
    assert!(visible_text("<p class=\"a\">{% if x %}{{ y }}{% endif %}</p>").is_empty());
}

#[actix_web::test]
async fn the_language_switch_changes_every_string_on_the_login_page() {
    let app = common::spawn_app().await;
    app.setup("chenshop").await;
    app.logout().await;
    let login_keys = [
        "login-title",
        "field-username",
        "field-password",
        "login-submit",
        "login-username-hint",
        "language-menu-label",
    ];
    for lang in Lang::ALL {
        app.post(
            "/language",
            &[("language", lang.code()), ("next", "/login")],
        )
        .await
        .assert_redirect("/login");
        let page = app.get("/login").await;
        page.assert_contains(&format!("<html lang=\"{}\"", lang.code()));
        for key in login_keys {
            let expected = html_escape(&tr(lang, key, None));
            page.assert_contains(&expected);
            if lang != Lang::En {
                let english = html_escape(&tr(Lang::En, key, None));
                assert!(
                    !page.body.contains(&english) || expected.contains(&english),
                    "{}: {key} still in English",
                    lang.code()
                );
            }
        }
    }
}

#[actix_web::test]
async fn accept_language_picks_the_language_before_sign_in() {
    let app = common::spawn_app().await;
    let response = app
        .client
        .get(app.url("/setup"))
        .header("Accept-Language", "vi-VN,vi;q=0.9,en;q=0.5")
        .send()
        .await
        .unwrap();
    let body = response.text().await.unwrap();
    assert!(body.contains(&html_escape(&tr(Lang::Vi, "setup-title", None))));
}

#[actix_web::test]
async fn a_signed_in_language_choice_is_kept_on_the_account() {
    let app = common::spawn_app().await;
    app.setup("chenshop").await;
    app.post("/language", &[("language", "th"), ("next", "/home")])
        .await
        .assert_redirect("/home");
    // A different browser, signing in fresh, gets the account's language.
    let other = common::TestApp::login_in_new_client(&app, "chenshop").await;
    let page = app.get_with(&other, "/home").await;
    page.assert_contains("<html lang=\"th\"");
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;")
}

#[test]
fn counts_choose_their_plural_form() {
    use fluent_bundle::FluentValue;
    let bar = |lang: Lang, n: i64| {
        let pairs = sellerdesk::i18n::args([
            ("day", FluentValue::from("20/11/2026")),
            ("count", FluentValue::from(n)),
        ]);
        tr(lang, "performance-chart-bar", Some(&pairs))
    };
    for (lang, one, two) in [
        (Lang::En, "1 chat received", "2 chats received"),
        (Lang::PtBr, "1 chat recebido", "2 chats recebidos"),
        (Lang::Es, "1 chat recibido", "2 chats recibidos"),
    ] {
        assert!(bar(lang, 1).ends_with(one), "{}", bar(lang, 1));
        assert!(bar(lang, 2).ends_with(two), "{}", bar(lang, 2));
    }
    // Numbers reach Fluent as numbers: grouped as the language groups them.
    assert!(bar(Lang::En, 1200).ends_with("1,200 chats received"));
    assert!(bar(Lang::PtBr, 1200).ends_with("1.200 chats recebidos"));
    let unread = |n: i64| {
        let pairs = sellerdesk::i18n::args([("count", FluentValue::from(n))]);
        tr(Lang::PtBr, "webchat-unread", Some(&pairs))
    };
    assert_eq!(unread(1), "1 não lida");
    assert_eq!(unread(2), "2 não lidas");
}
