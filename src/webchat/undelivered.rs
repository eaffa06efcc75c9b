//! Webchat's "Not delivered" list (`/webchat/undelivered`): the replies the store's
//! integration reported as not reaching the buyer, newest first, among the stores the
//! viewer works on, fifty to a page, each with its reason and a link to the chat.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Deserialize;

use super::inbox::{Cursor, PAGE_SIZE, sees_all};
use crate::accounts::permissions::Permission;
use crate::app::AppState;
use crate::conversations::DeliveryStatus;
use crate::db::DbConnection;
use crate::db::schema::{buyers, conversations, messages, stores};
use crate::stores::model::Store;
use crate::web::{AppError, AppResult, CurrentUser, PageCtx, render};

pub struct Undelivered {
    pub message_id: i64,
    pub conversation_id: i64,
    pub store: String,
    pub buyer: String,
    pub text: String,
    pub reason: String,
    pub reported_at: NaiveDateTime,
}

/// message, conversation, store, buyer, reply text, reason, reported at.
type FailedRow = (
    i64,
    i64,
    String,
    String,
    String,
    Option<String>,
    Option<NaiveDateTime>,
);

/// A page of failed replies of the stores `user` may see, from `after` on.
pub fn list(
    c: &mut DbConnection,
    user: &CurrentUser,
    after: Option<Cursor>,
) -> Result<(Vec<Undelivered>, Option<Cursor>), AppError> {
    if !(user.can(Permission::Webchat) || sees_all(user)) {
        return Err(AppError::Forbidden);
    }
    let visible: Vec<i64> = Store::visible_to(c, user)?.iter().map(|s| s.id).collect();
    let mut query = messages::table
        .inner_join(conversations::table.on(conversations::id.eq(messages::conversation_id)))
        .inner_join(buyers::table.on(buyers::id.eq(conversations::buyer_id)))
        .inner_join(stores::table.on(stores::id.eq(messages::store_id)))
        .filter(messages::seller_id.eq(user.seller_id))
        .filter(messages::store_id.eq_any(&visible))
        .filter(messages::delivery_status.eq(DeliveryStatus::Failed.code()))
        .into_boxed();
    if let Some(cursor) = after {
        query = query.filter(
            messages::delivery_reported_at
                .lt(cursor.at)
                .or(messages::delivery_reported_at
                    .eq(cursor.at)
                    .and(messages::id.lt(cursor.id))),
        );
    }
    let mut rows: Vec<FailedRow> = query
        .order((messages::delivery_reported_at.desc(), messages::id.desc()))
        .limit(PAGE_SIZE + 1)
        .select((
            messages::id,
            messages::conversation_id,
            stores::name,
            buyers::display_name,
            messages::body,
            messages::delivery_reason,
            messages::delivery_reported_at,
        ))
        .load(c)?;
    let more = rows.len() as i64 > PAGE_SIZE;
    rows.truncate(PAGE_SIZE as usize);
    let items: Vec<Undelivered> = rows
        .into_iter()
        .filter_map(
            |(message_id, conversation_id, store, buyer, text, reason, at)| {
                Some(Undelivered {
                    message_id,
                    conversation_id,
                    store,
                    buyer,
                    text,
                    reason: reason.unwrap_or_default(),
                    reported_at: at?,
                })
            },
        )
        .collect();
    let next = items.last().filter(|_| more).map(|u| Cursor {
        at: u.reported_at,
        id: u.message_id,
    });
    Ok((items, next))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct UndeliveredQuery {
    after: Option<String>,
}

#[derive(Template)]
#[template(path = "webchat/undelivered.html")]
struct UndeliveredPage {
    ctx: PageCtx,
    items: Vec<Undelivered>,
    next: Option<Cursor>,
}

pub async fn show(
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    query: web::Query<UndeliveredQuery>,
) -> AppResult<HttpResponse> {
    let after = query.after.as_deref().and_then(Cursor::parse);
    let (items, next) = state.db(move |c| list(c, &user, after)).await?;
    Ok(render(
        &UndeliveredPage { ctx, items, next },
        StatusCode::OK,
    ))
}
