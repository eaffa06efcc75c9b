//! The entry point `/` and the signed-in home page.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;

use crate::accounts::model::Seller;
use crate::app::AppState;
use crate::web::{AppResult, PageCtx, render, see_other};

/// `/` sends a visitor where they belong: setup on first run, else sign-in or home.
pub async fn root(ctx: PageCtx, state: web::Data<AppState>) -> AppResult<HttpResponse> {
    if ctx.user.is_some() {
        return Ok(see_other("/home"));
    }
    let sellers = state.db(|c| Ok(Seller::count(c)?)).await?;
    Ok(see_other(if sellers == 0 { "/setup" } else { "/login" }))
}

#[derive(Template)]
#[template(path = "home/index.html")]
struct HomePage {
    ctx: PageCtx,
}

pub async fn index(ctx: PageCtx) -> AppResult<HttpResponse> {
    Ok(render(&HomePage { ctx }, StatusCode::OK))
}
