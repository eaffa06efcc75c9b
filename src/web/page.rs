//! What every page needs: language, CSRF token, the signed-in user, flash messages
//! and the time zone. Templates reach every visible string through `ctx.t(…)`.

use std::future::{Ready, ready};

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest};
use chrono::NaiveDateTime;
use fluent_bundle::FluentValue;

use super::current_user::CurrentUser;
use super::errors::AppError;
use super::nav::{NavItem, account_tabs, nav_items};
use super::session::{Flash, TypedSession};
use crate::i18n::{self, Fmt, Lang, TimeZoneName};

/// Name of the cookie that remembers the language chosen before signing in.
pub const LANG_COOKIE: &str = "sellerdesk_lang";

pub struct PageCtx {
    pub lang: Lang,
    pub csrf_token: String,
    pub user: Option<CurrentUser>,
    pub flashes: Vec<Flash>,
    pub zone: TimeZoneName,
    /// The requested path and query, for "come back here" links.
    pub path: String,
}

pub struct LanguageOption {
    pub code: &'static str,
    pub name: String,
    pub selected: bool,
}

impl PageCtx {
    pub fn for_request(req: &HttpRequest) -> Result<Self, AppError> {
        let session = TypedSession::from_http(req);
        let user = CurrentUser::of(req);
        Ok(Self {
            lang: request_lang(req),
            csrf_token: session.csrf_token()?,
            flashes: session.take_flashes(),
            zone: user
                .as_ref()
                .map(|u| u.time_zone)
                .unwrap_or_else(TimeZoneName::utc),
            path: req
                .uri()
                .path_and_query()
                .map(|p| p.as_str().to_string())
                .unwrap_or_default(),
            user,
        })
    }

    /// The page's language and time zone, for fragments rendered on their own.
    pub fn fmt(&self) -> Fmt {
        Fmt {
            lang: self.lang,
            zone: self.zone,
        }
    }

    /// The translation of `key` in the page's language.
    pub fn t(&self, key: impl AsRef<str>) -> String {
        self.fmt().t(key)
    }

    /// The translation of `key` with one argument.
    pub fn t1<'a>(&self, key: &str, name: &'a str, value: impl Into<FluentValue<'a>>) -> String {
        self.fmt().t1(key, name, value)
    }

    /// The translation of `key` with one number (Fluent's plural rules choose the form).
    pub fn tn(&self, key: &str, name: &str, n: i64) -> String {
        self.fmt().tn(key, name, n)
    }

    /// The translation of `key` with two arguments.
    pub fn t2<'a>(
        &self,
        key: &str,
        a: &'a str,
        a_value: impl Into<FluentValue<'a>>,
        b: &'a str,
        b_value: impl Into<FluentValue<'a>>,
    ) -> String {
        self.fmt().t2(key, a, a_value, b, b_value)
    }

    pub fn time(&self, utc: &NaiveDateTime) -> String {
        self.fmt().time(utc)
    }

    pub fn languages(&self) -> Vec<LanguageOption> {
        Lang::ALL
            .iter()
            .map(|&l| LanguageOption {
                code: l.code(),
                name: l.native_name(),
                selected: l == self.lang,
            })
            .collect()
    }

    pub fn nav(&self) -> Vec<NavItem> {
        let current = self.path.split('?').next().unwrap_or("");
        self.user
            .as_ref()
            .map(|u| nav_items(u, current))
            .unwrap_or_default()
    }

    pub fn account_tabs(&self) -> Vec<NavItem> {
        let current = self.path.split('?').next().unwrap_or("");
        self.user
            .as_ref()
            .map(|u| account_tabs(u, current))
            .unwrap_or_default()
    }

    pub fn flash_text(&self, flash: &Flash) -> String {
        if flash.args.is_empty() {
            return self.t(&flash.key);
        }
        let args = i18n::args(flash.args.iter().map(|(n, v)| (n.as_str(), v.as_str())));
        i18n::tr(self.lang, &flash.key, Some(&args))
    }
}

/// The signed-in account's language, else the cookie, else `Accept-Language`, else English.
pub fn request_lang(req: &HttpRequest) -> Lang {
    if let Some(lang) = CurrentUser::of(req).and_then(|u| u.language) {
        return lang;
    }
    if let Some(lang) = req
        .cookie(LANG_COOKIE)
        .and_then(|c| Lang::from_code(c.value()))
    {
        return lang;
    }
    req.headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Lang::negotiate)
        .unwrap_or(Lang::En)
}

impl FromRequest for PageCtx {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Self::for_request(req))
    }
}
