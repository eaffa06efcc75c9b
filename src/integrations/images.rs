//! `GET /api/v1/messages/{id}/image`: a photo of one of the token's store's chats, as
//! sent, for the integration to pass on to the marketplace (an agent's) or to keep.
//! Any other message is 404, as for people.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Utc;
use diesel::prelude::*;

use crate::app::AppState;
use crate::conversations::Sender;
use crate::db::schema::{message_images, messages};
use crate::webchat::api::{ApiError, authenticate, stamp_if_stale, unavailable};
use crate::webchat::images::{image_response, read_full};

pub async fn image(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> HttpResponse {
    let now = Utc::now().naive_utc();
    let authorized = match authenticate(&state, &req, now).await {
        Ok(found) => found,
        Err(refused) => return refused,
    };
    let not_found = || {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            "api-error-image-not-found",
        )
        .response()
    };
    let Ok(message_id) = path.parse::<i64>() else {
        return not_found();
    };
    stamp_if_stale(&state, &authorized, now).await;
    let store_id = authorized.store.id;
    let found = state
        .db(move |c| {
            let ours: bool = diesel::select(diesel::dsl::exists(
                messages::table
                    .inner_join(
                        message_images::table.on(message_images::message_id.eq(messages::id)),
                    )
                    .filter(messages::id.eq(message_id))
                    .filter(messages::store_id.eq(store_id))
                    .filter(messages::sender.ne(Sender::Note.code())),
            ))
            .get_result(c)?;
            Ok(if ours {
                Some(read_full(c, message_id)?)
            } else {
                None
            })
        })
        .await;
    match found {
        Ok(Some((content_type, bytes))) => image_response(content_type, bytes),
        Ok(None) => not_found(),
        Err(e) => unavailable(e).response(),
    }
}
