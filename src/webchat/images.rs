//! Serving the images sent in chats: to agents who may open the conversation
//! (`/webchat/images/{message_id}`) and to the buyer whose conversation it is
//! (`/chat/{store_key}/images/{message_id}`), each also as `/thumb`.
//!
//! Anyone else gets 404, never 403: whether a message has an image is nobody else's
//! business. The bytes go out with the type they were stored with (decided from the
//! bytes at upload), `nosniff`, and a policy that lets nothing in them run, should a
//! browser ever open one as a page.

use actix_session::Session;
use actix_web::http::header;
use actix_web::{HttpResponse, web};
use diesel::prelude::*;

use super::buyer::{active_store, existing_buyer_key};
use super::inbox;
use crate::app::AppState;
use crate::conversations::Sender;
use crate::db::DbConnection;
use crate::db::schema::{buyers, conversations, message_images, messages};
use crate::web::{AppError, AppResult, CurrentUser};

/// The picture as sent, or its thumbnail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Size {
    Full,
    Thumb,
}

/// The stored bytes of one image and their type.
fn read(c: &mut DbConnection, message_id: i64, size: Size) -> QueryResult<(String, Vec<u8>)> {
    let found = message_images::table.filter(message_images::message_id.eq(message_id));
    match size {
        Size::Full => found
            .select((message_images::content_type, message_images::data))
            .get_result(c),
        Size::Thumb => found
            .select((message_images::thumb_type, message_images::thumb))
            .get_result(c),
    }
}

/// The stored photo of `message_id` as sent, and its type.
pub(crate) fn read_full(c: &mut DbConnection, message_id: i64) -> QueryResult<(String, Vec<u8>)> {
    read(c, message_id, Size::Full)
}

pub(crate) fn image_response(content_type: String, bytes: Vec<u8>) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, content_type))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .insert_header((header::CONTENT_DISPOSITION, "inline"))
        // Private: only this browser may keep it; a day is long enough to scroll back.
        .insert_header((header::CACHE_CONTROL, "private, max-age=86400"))
        .insert_header((
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; sandbox",
        ))
        .body(bytes)
}

/// An image for an agent: found within the seller, and only when the agent may open its
/// conversation (`inbox::find`, the same rule as the conversation page).
async fn for_agent(
    user: CurrentUser,
    state: &AppState,
    message_id: i64,
    size: Size,
) -> AppResult<HttpResponse> {
    let (content_type, bytes) = state
        .db(move |c| {
            let conversation: i64 = message_images::table
                .filter(message_images::message_id.eq(message_id))
                .filter(message_images::seller_id.eq(user.seller_id))
                .select(message_images::conversation_id)
                .get_result(c)
                .optional()?
                .ok_or(AppError::NotFound)?;
            match inbox::find(c, &user, conversation) {
                Ok(_) => {}
                // A colleague's chat or a store without a grant: not there for this user.
                Err(AppError::Forbidden | AppError::NotFound) => return Err(AppError::NotFound),
                Err(e) => return Err(e),
            }
            Ok(read(c, message_id, size)?)
        })
        .await?;
    Ok(image_response(content_type, bytes))
}

pub async fn agent_full(
    user: CurrentUser,
    state: web::Data<AppState>,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    for_agent(user, &state, path.into_inner(), Size::Full).await
}

pub async fn agent_thumb(
    user: CurrentUser,
    state: web::Data<AppState>,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    for_agent(user, &state, path.into_inner(), Size::Thumb).await
}

/// An image for the buyer page: one of this browser's conversations with the store, in
/// a message the buyer may see (never a team note, which carries none anyway).
async fn for_buyer(
    state: &AppState,
    session: &Session,
    store_key: String,
    message_id: i64,
    size: Size,
) -> AppResult<HttpResponse> {
    // A browser that never chatted here has no conversation to show.
    let buyer_key = existing_buyer_key(session).ok_or(AppError::NotFound)?;
    let (content_type, bytes) = state
        .db(move |c| {
            let store = active_store(c, &store_key)?;
            let visible: bool = diesel::select(diesel::dsl::exists(
                messages::table
                    .inner_join(conversations::table.inner_join(buyers::table))
                    .filter(messages::id.eq(message_id))
                    .filter(messages::store_id.eq(store.id))
                    .filter(messages::sender.ne(Sender::Note.code()))
                    .filter(buyers::store_id.eq(store.id))
                    .filter(buyers::buyer_key.eq(&buyer_key)),
            ))
            .get_result(c)?;
            if !visible {
                return Err(AppError::NotFound);
            }
            Ok(read(c, message_id, size)?)
        })
        .await?;
    Ok(image_response(content_type, bytes))
}

pub async fn buyer_full(
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<(String, i64)>,
) -> AppResult<HttpResponse> {
    let (store_key, message_id) = path.into_inner();
    for_buyer(&state, &session, store_key, message_id, Size::Full).await
}

pub async fn buyer_thumb(
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<(String, i64)>,
) -> AppResult<HttpResponse> {
    let (store_key, message_id) = path.into_inner();
    for_buyer(&state, &session, store_key, message_id, Size::Thumb).await
}

/// What a page needs to show an image in a bubble: where it is, and its thumbnail's
/// size (so the page does not jump as thumbnails load).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    /// The full image; the thumbnail is at `{href}/thumb`.
    pub href: String,
    pub width: i32,
    pub height: i32,
}

/// The images among messages `ids`, as shown under `base` (`/webchat/images` for
/// agents, `/chat/{store_key}/images` for the buyer): one query for a whole history.
pub fn shown(
    c: &mut DbConnection,
    base: &str,
    ids: &[i64],
) -> QueryResult<std::collections::BTreeMap<i64, Shown>> {
    // One prepared lookup per message rather than an `IN` list, which SQLite would
    // parse and plan again on every call.
    let mut found = Vec::new();
    for id in ids {
        found.extend(
            message_images::table
                .filter(message_images::message_id.eq(id))
                .select((
                    message_images::message_id,
                    message_images::thumb_width,
                    message_images::thumb_height,
                ))
                .load::<(i64, i32, i32)>(c)?,
        );
    }
    Ok(found
        .into_iter()
        .map(|(id, width, height)| {
            let href = format!("{base}/{id}");
            (
                id,
                Shown {
                    href,
                    width,
                    height,
                },
            )
        })
        .collect())
}
