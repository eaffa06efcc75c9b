//! The language menu: remembered in a cookie before sign-in, and on the account after.

use actix_web::cookie::{Cookie, SameSite, time::Duration};
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use crate::accounts::model::Account;
use crate::activity_log::{Activity, Actor, record_activity};
use crate::app::AppState;
use crate::db;
use crate::i18n::Lang;
use crate::web::client::client_addr;
use crate::web::current_user::safe_next;
use crate::web::page::LANG_COOKIE;
use crate::web::{AppError, AppResult, CurrentUser, see_other};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LanguageForm {
    pub language: String,
    pub next: Option<String>,
}

pub async fn switch(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<LanguageForm>,
) -> AppResult<HttpResponse> {
    let form = form.into_inner();
    let lang = Lang::from_code(&form.language).ok_or(AppError::BadRequest)?;
    if let Some(user) = CurrentUser::of(&req)
        && user.language != Some(lang)
    {
        let actor = Actor {
            seller_id: user.seller_id,
            account_id: Some(user.account_id),
            name: user.username.clone(),
            client_addr: client_addr(&req, state.config.trust_proxy),
        };
        let activity = Activity::LanguageChanged {
            account_id: user.account_id,
            username: user.username.clone(),
            before: user.language.map(|l| l.code().to_string()),
            after: lang.code().to_string(),
        };
        state
            .db(move |c| {
                Ok(db::write_transaction(c, |c| {
                    Account::set_language(c, user.account_id, lang.code())?;
                    record_activity(c, &actor, &activity)
                })?)
            })
            .await?;
    }
    let mut response = see_other(&safe_next(form.next.as_deref()));
    let cookie = Cookie::build(LANG_COOKIE, lang.code())
        .path("/")
        .same_site(SameSite::Lax)
        .http_only(true)
        .max_age(Duration::days(365))
        .finish();
    response
        .add_cookie(&cookie)
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok(response)
}
