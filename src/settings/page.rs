//! Settings: the interface language and time zone, stored per account.

use actix_web::cookie::{Cookie, SameSite, time::Duration};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::Utc;
use diesel::prelude::*;
use serde::Deserialize;

use crate::activity_log::{Activity, Actor, Changes, record_activity};
use crate::app::AppState;
use crate::db::schema::accounts;
use crate::db::{self, DbConnection};
use crate::i18n::{Lang, TimeZoneName, all_time_zones};
use crate::web::form::FieldErrors;
use crate::web::page::LANG_COOKIE;
use crate::web::{
    AppError, AppResult, CurrentUser, FlashKind, PageCtx, TypedSession, render, see_other,
};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SettingsForm {
    pub language: String,
    pub time_zone: String,
}

impl SettingsForm {
    pub fn language_is(&self, code: impl AsRef<str>) -> bool {
        self.language == code.as_ref()
    }

    pub fn zone_is(&self, zone: impl AsRef<str>) -> bool {
        self.time_zone == zone.as_ref()
    }
}

#[derive(Template)]
#[template(path = "settings/index.html")]
struct SettingsPage {
    ctx: PageCtx,
    form: SettingsForm,
    errors: FieldErrors,
    zones: Vec<&'static str>,
}

pub async fn show(ctx: PageCtx, user: CurrentUser) -> AppResult<HttpResponse> {
    let form = SettingsForm {
        language: ctx.lang.code().to_string(),
        time_zone: user.time_zone.name().to_string(),
    };
    let errors = FieldErrors::new(ctx.lang);
    Ok(render(
        &SettingsPage {
            ctx,
            form,
            errors,
            zones: all_time_zones().collect(),
        },
        StatusCode::OK,
    ))
}

pub async fn save(
    req: HttpRequest,
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    session: TypedSession,
    form: web::Form<SettingsForm>,
) -> AppResult<HttpResponse> {
    let form = form.into_inner();
    let mut errors = FieldErrors::new(ctx.lang);
    let lang = errors.check(
        "language",
        Lang::from_code(&form.language).ok_or("error-language-invalid"),
    );
    let zone = errors.check(
        "time_zone",
        TimeZoneName::parse(&form.time_zone).ok_or("error-time-zone-invalid"),
    );
    let (Some(lang), Some(zone)) = (lang, zone) else {
        let page = SettingsPage {
            ctx,
            form,
            errors,
            zones: all_time_zones().collect(),
        };
        return Ok(render(&page, StatusCode::UNPROCESSABLE_ENTITY));
    };
    let actor = user.actor(state.client_addr(&req));
    state
        .write(move |c| update_settings(c, &actor, &user, Some(lang), &zone))
        .await?;
    session.push_flash(FlashKind::Success, "settings-saved")?;
    let mut response = see_other("/settings");
    remember_language(&mut response, lang)?;
    Ok(response)
}

/// Saves the account's language and time zone, recording what changed.
pub fn update_settings(
    conn: &mut DbConnection,
    actor: &Actor,
    user: &CurrentUser,
    lang: Option<Lang>,
    zone: &TimeZoneName,
) -> AppResult<()> {
    let before_lang = user.language.map(Lang::code).unwrap_or_default();
    let after_lang = lang.map(Lang::code).unwrap_or(before_lang);
    let changes = Changes::new()
        .field("language", before_lang, after_lang)
        .field("time_zone", user.time_zone.name(), zone.name());
    if changes.is_empty() {
        return Ok(());
    }
    db::write_transaction(conn, |c| {
        diesel::update(accounts::table.filter(accounts::id.eq(user.account_id)))
            .set((
                accounts::language.eq(lang.map(Lang::code).or(user.language.map(Lang::code))),
                accounts::time_zone.eq(zone.name()),
                accounts::updated_at.eq(Utc::now().naive_utc()),
            ))
            .execute(c)?;
        record_activity(
            c,
            actor,
            &Activity::settings_updated(user.account_id, &user.username, &changes),
        )?;
        Ok(())
    })
}

/// The language cookie, so the login page keeps the language after signing out.
pub fn remember_language(response: &mut HttpResponse, lang: Lang) -> AppResult<()> {
    let cookie = Cookie::build(LANG_COOKIE, lang.code())
        .path("/")
        .same_site(SameSite::Lax)
        .http_only(true)
        .max_age(Duration::days(365))
        .finish();
    response
        .add_cookie(&cookie)
        .map_err(|e| AppError::Internal(e.into()))
}
