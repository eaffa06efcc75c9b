//! The language menu: remembered in a cookie before sign-in, and on the account after.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use super::page::{remember_language, update_settings};
use crate::app::AppState;
use crate::i18n::Lang;
use crate::web::current_user::safe_next;
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
    if let Some(user) = CurrentUser::of(&req) {
        let actor = user.actor(state.client_addr(&req));
        let zone = user.time_zone;
        state
            .write(move |c| update_settings(c, &actor, &user, Some(lang), &zone))
            .await?;
    }
    let mut response = see_other(&safe_next(form.next.as_deref()));
    remember_language(&mut response, lang)?;
    Ok(response)
}
