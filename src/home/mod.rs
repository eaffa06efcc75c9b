//! The entry point `/` and the signed-in home page with a getting-started checklist.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use diesel::prelude::*;

use crate::accounts::model::Seller;
use crate::accounts::permissions::Permission;
use crate::app::AppState;
use crate::db::schema::{accounts, chat_groups, store_chat_settings, stores};
use crate::web::nav::NavItem;
use crate::web::{AppResult, CurrentUser, PageCtx, render, see_other};

/// `/` sends a visitor where they belong: setup on first run, else sign-in or home.
pub async fn root(ctx: PageCtx, state: web::Data<AppState>) -> AppResult<HttpResponse> {
    if ctx.user.is_some() {
        return Ok(see_other("/home"));
    }
    let sellers = state.db(|c| Ok(Seller::count(c)?)).await?;
    Ok(see_other(if sellers == 0 { "/setup" } else { "/login" }))
}

/// One step of setting the shop up, done or not.
pub struct Step {
    pub key: &'static str,
    pub href: &'static str,
    pub done: bool,
}

#[derive(Template)]
#[template(path = "home/index.html")]
struct HomePage {
    ctx: PageCtx,
    steps: Vec<Step>,
    areas: Vec<NavItem>,
}

pub async fn index(
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
) -> AppResult<HttpResponse> {
    let steps = if user.can(Permission::Stores) && user.can(Permission::SubAccounts) {
        let seller_id = user.seller_id;
        let (stores, members, groups, replies) = state
            .db(move |c| {
                let count_stores = stores::table
                    .filter(stores::seller_id.eq(seller_id))
                    .count()
                    .get_result::<i64>(c)?;
                let count_members = accounts::table
                    .filter(accounts::seller_id.eq(seller_id))
                    .filter(accounts::is_main.eq(false))
                    .count()
                    .get_result::<i64>(c)?;
                let count_groups = chat_groups::table
                    .filter(chat_groups::seller_id.eq(seller_id))
                    .count()
                    .get_result::<i64>(c)?;
                let count_replies = store_chat_settings::table
                    .filter(store_chat_settings::seller_id.eq(seller_id))
                    .filter(store_chat_settings::auto_reply_enabled.eq(true))
                    .count()
                    .get_result::<i64>(c)?;
                Ok((count_stores, count_members, count_groups, count_replies))
            })
            .await?;
        vec![
            Step {
                key: "home-step-store",
                href: "/account/stores/new",
                done: stores > 0,
            },
            Step {
                key: "home-step-sub-accounts",
                href: "/account/sub-accounts/new",
                done: members > 0,
            },
            Step {
                key: "home-step-groups",
                href: "/chat-assignment",
                done: groups > 0,
            },
            Step {
                key: "home-step-auto-reply",
                href: "/chat-assignment",
                done: replies > 0,
            },
        ]
    } else {
        vec![]
    };
    let areas = ctx
        .nav()
        .into_iter()
        .filter(|item| item.href != "/home")
        .collect();
    Ok(render(&HomePage { ctx, steps, areas }, StatusCode::OK))
}
