//! The JSON API for a store's integration: `Authorization: Bearer <store API token>`.
//! Errors are `{"error": {"code", "message"}}` with the fitting status; nothing is
//! stored when a request is refused.

use actix_web::http::StatusCode;
use actix_web::http::header::AUTHORIZATION;
use actix_web::web::{Bytes, BytesMut};
use actix_web::{HttpRequest, HttpResponse, web};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;
use futures_util::StreamExt;
use serde::Deserialize;
use serde_json::json;

use crate::app::AppState;
use crate::chat_assignment::sources::ChatSource;
use crate::conversations::images::MAX_IMAGE_BYTES;
use crate::conversations::{CoreError, Image, Incoming, Sender, parse_text_with_image, receive};
use crate::db::DbConnection;
use crate::db::schema::{conversations, message_images, messages, store_api_tokens, stores};
use crate::i18n::{Lang, tr};
use crate::stores::model::Store;
use crate::stores::tokens::hash_token;
use crate::web::limits::{Limiters, RetryAfter};

/// Bodies are small JSON documents; anything larger is refused unread.
pub(crate) const MAX_BODY_BYTES: usize = 16 * 1024;
/// A message may carry a photo of up to `MAX_IMAGE_BYTES`, in base64 (4 characters for
/// every 3 bytes) beside its text.
const MAX_MESSAGE_BODY_BYTES: usize = MAX_IMAGE_BYTES.div_ceil(3) * 4 + MAX_BODY_BYTES;

/// Reads a request's body, refusing it as soon as it grows past `limit` bytes.
pub(crate) async fn read_body(mut payload: web::Payload, limit: usize) -> Result<Bytes, ApiError> {
    let too_large = || {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "body_too_large",
            "api-error-body-too-large",
        )
    };
    let mut body = BytesMut::new();
    while let Some(chunk) = payload.next().await {
        // A body cut off midway is no body at all.
        let chunk = chunk.map_err(|_| invalid_json())?;
        if body.len() + chunk.len() > limit {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

fn invalid_json() -> ApiError {
    ApiError::new(
        StatusCode::BAD_REQUEST,
        "invalid_json",
        "api-error-invalid-json",
    )
}

pub(crate) struct ApiError {
    status: StatusCode,
    code: &'static str,
    message_key: &'static str,
    /// Seconds for `Retry-After` (a limit reached, a busy database).
    retry_after: Option<u64>,
}

impl ApiError {
    pub(crate) fn new(status: StatusCode, code: &'static str, message_key: &'static str) -> Self {
        Self {
            status,
            code,
            message_key,
            retry_after: None,
        }
    }

    pub(crate) fn response(&self) -> HttpResponse {
        // Integrations read English; the codes are what programs should match on.
        let message = tr(Lang::En, self.message_key, None);
        let mut res = HttpResponse::build(self.status);
        if let Some(seconds) = self.retry_after {
            res.insert_header((actix_web::http::header::RETRY_AFTER, seconds.max(1)));
        }
        res.json(json!({"error": {"code": self.code, "message": message}}))
    }
}

/// A limit of the API was reached (README, "Limits").
fn rate_limited(RetryAfter(seconds): RetryAfter) -> ApiError {
    ApiError {
        retry_after: Some(seconds),
        ..ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            "api-error-rate-limited",
        )
    }
}

pub(crate) fn internal(e: impl std::fmt::Display) -> ApiError {
    log::error!("API: {e}");
    ApiError::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal",
        "api-error-internal",
    )
}

/// The token of `Authorization: Bearer <token>`, if the header is there.
fn bearer(req: &HttpRequest) -> Option<String> {
    req.headers()
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
}

/// How stale a token's "last used" time may get before it is written again: a write per
/// request would cost every message a second write for a figure shown to the minute.
const LAST_USED_EVERY_SECONDS: i64 = 60;

pub(crate) fn unauthorized() -> ApiError {
    ApiError::new(
        StatusCode::UNAUTHORIZED,
        "unauthorized",
        "api-error-unauthorized",
    )
}

/// A request's valid, unrevoked token: its store and id, and whether its "last used"
/// time should be brought up to date.
pub(crate) struct Authorized {
    pub store: Store,
    pub token_id: i64,
    pub stale: bool,
}

impl Authorized {
    /// The token's id when its "last used" time should be written.
    fn stale_token(&self) -> Option<i64> {
        self.stale.then_some(self.token_id)
    }
}

/// The token's store. Each call is one request of the token's allowance.
fn store_for_token(
    c: &mut DbConnection,
    token: Option<&str>,
    limits: &Limiters,
    now: NaiveDateTime,
) -> Result<Authorized, ApiError> {
    let token = token.ok_or_else(unauthorized)?;
    let found: Option<(i64, Option<NaiveDateTime>, Store)> = store_api_tokens::table
        .inner_join(stores::table)
        .filter(store_api_tokens::token_hash.eq(hash_token(token)))
        .filter(store_api_tokens::revoked_at.is_null())
        .select((
            store_api_tokens::id,
            store_api_tokens::last_used_at,
            Store::as_select(),
        ))
        .get_result(c)
        .optional()
        .map_err(internal)?;
    let (token_id, last_used, store) = found.ok_or_else(unauthorized)?;
    limits.api_request(token_id).map_err(rate_limited)?;
    if !store.active {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "store_deactivated",
            "api-error-store-deactivated",
        ));
    }
    let stale = last_used.is_none_or(|t| (now - t).num_seconds() >= LAST_USED_EVERY_SECONDS);
    Ok(Authorized {
        store,
        token_id,
        stale,
    })
}

/// Whether token `token_id` is still unrevoked (a long poll asks again before each read).
pub(crate) fn token_live(c: &mut DbConnection, token_id: i64) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        store_api_tokens::table
            .filter(store_api_tokens::id.eq(token_id))
            .filter(store_api_tokens::revoked_at.is_null()),
    ))
    .get_result(c)
}

fn stamp_token(c: &mut DbConnection, token_id: i64, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(store_api_tokens::table.filter(store_api_tokens::id.eq(token_id)))
        .set(store_api_tokens::last_used_at.eq(Some(now)))
        .execute(c)
        .map(|_| ())
}

/// The token's store, or the response refusing the request.
pub(crate) async fn authenticate(
    state: &AppState,
    req: &HttpRequest,
    now: NaiveDateTime,
) -> Result<Authorized, HttpResponse> {
    let token = bearer(req);
    let limits = state.limits.clone();
    match state
        .db(move |c| Ok(store_for_token(c, token.as_deref(), &limits, now)))
        .await
    {
        Ok(Ok(found)) => Ok(found),
        Ok(Err(api_error)) => Err(api_error.response()),
        Err(e) => Err(unavailable(e).response()),
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PostMessage {
    external_id: Option<String>,
    buyer_id: String,
    buyer_name: Option<String>,
    source: String,
    /// May be empty (or left out) when a photo goes with the message.
    #[serde(default)]
    text: String,
    /// A JPEG, PNG or WebP photo, in standard base64.
    image: Option<String>,
}

/// A posted message, checked, and the bytes of its photo (not yet checked as an image:
/// that is CPU work for the blocking pool).
fn parse_message(body: &[u8]) -> Result<(Incoming, Option<Vec<u8>>), ApiError> {
    let unprocessable = |code, key| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, code, key);
    let post: PostMessage = serde_json::from_slice(body).map_err(|_| invalid_json())?;
    let source = ChatSource::from_code(&post.source)
        .ok_or_else(|| unprocessable("unknown_source", "api-error-unknown-source"))?;
    let image = post
        .image
        .as_deref()
        .map(|data| {
            BASE64
                .decode(data.trim())
                .map_err(|_| unprocessable("invalid_image", "api-error-invalid-image"))
        })
        .transpose()?;
    let text = parse_text_with_image(&post.text, image.is_some()).map_err(|key| match key {
        "error-message-too-long" => {
            ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "text_too_long", key)
        }
        _ => unprocessable("empty_text", key),
    })?;
    let buyer_id = post.buyer_id.trim();
    if buyer_id.is_empty() || buyer_id.chars().count() > 100 {
        return Err(unprocessable("invalid_buyer", "api-error-invalid-buyer"));
    }
    let external_id = post
        .external_id
        .map(|e| e.trim().to_string())
        .filter(|e| !e.is_empty());
    if external_id
        .as_ref()
        .is_some_and(|e| e.chars().count() > 200)
    {
        return Err(unprocessable(
            "invalid_external_id",
            "api-error-invalid-external-id",
        ));
    }
    let name = post
        .buyer_name
        .map(|n| n.trim().chars().take(100).collect::<String>())
        .filter(|n| !n.is_empty());
    let incoming = Incoming {
        buyer_key: format!("api:{buyer_id}"),
        buyer_name: name.unwrap_or_else(|| buyer_id.to_string()),
        source,
        text,
        image: None,
        external_id,
        origin: None,
    };
    Ok((incoming, image))
}

/// Checks a posted photo (type by its bytes, size, dimensions) on the blocking pool.
async fn checked_image(bytes: Vec<u8>) -> Result<Image, ApiError> {
    match web::block(move || Image::from_upload(bytes)).await {
        Ok(Ok(image)) => Ok(image),
        Ok(Err("error-image-too-big")) => Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "image_too_large",
            "error-image-too-big",
        )),
        Ok(Err("error-image-type")) => Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "image_type",
            "error-image-type",
        )),
        Ok(Err(key)) => Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_image",
            key,
        )),
        Err(e) => Err(internal(e)),
    }
}

/// `POST /api/v1/messages`: 201 with the new ids once committed; 200 with the first
/// result when the `external_id` was already received.
pub async fn post_message(
    req: HttpRequest,
    state: web::Data<AppState>,
    payload: web::Payload,
) -> HttpResponse {
    // What can be refused without the database is refused before the writer's queue.
    let Some(token) = bearer(&req) else {
        return unauthorized().response();
    };
    let body = match read_body(payload, MAX_MESSAGE_BODY_BYTES).await {
        Ok(body) => body,
        Err(e) => return e.response(),
    };
    let now = Utc::now().naive_utc();
    let incoming = match parse_message(&body) {
        Ok((incoming, None)) => incoming,
        Ok((mut incoming, Some(bytes))) => match checked_image(bytes).await {
            Ok(image) => {
                incoming.image = Some(image);
                incoming
            }
            Err(e) => return e.response(),
        },
        Err(e) => return e.response(),
    };
    drop(body);
    // One operation of the writer: the token is checked on the writer's connection, so
    // a message costs no extra hop to the read pool.
    let limits = state.limits.clone();
    let received = state
        .write(move |c| {
            let authorized =
                store_for_token(c, Some(&token), &limits, now).map_err(Refused::Api)?;
            limits
                .buyer_message(authorized.store.id, &incoming.buyer_key)
                .map_err(|r| Refused::Api(rate_limited(r)))?;
            if let Some(token_id) = authorized.stale_token() {
                stamp_token(c, token_id, now)?;
            }
            receive(c, &authorized.store, &incoming, now).map_err(Refused::Core)
        })
        .await;
    match received {
        Ok(accepted) => {
            let status = if accepted.duplicate {
                StatusCode::OK
            } else {
                StatusCode::CREATED
            };
            HttpResponse::build(status)
                .json(json!({"conversation_id": accepted.conversation_id, "message_id": accepted.message_id}))
        }
        Err(Refused::Api(api_error)) => api_error.response(),
        Err(Refused::Core(CoreError::Busy)) => busy().response(),
        Err(Refused::Core(e)) => internal(e).response(),
    }
}

/// Why a message was not accepted: the request, or the store of it.
enum Refused {
    Api(ApiError),
    Core(CoreError),
}

impl From<diesel::result::Error> for Refused {
    fn from(e: diesel::result::Error) -> Self {
        Refused::Core(e.into())
    }
}

impl From<crate::db::writer::WriteError> for Refused {
    fn from(e: crate::db::writer::WriteError) -> Self {
        Refused::Core(e.into())
    }
}

pub(crate) fn busy() -> ApiError {
    ApiError {
        retry_after: crate::web::errors::BUSY_RETRY_AFTER.parse().ok(),
        ..ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "busy", "api-error-busy")
    }
}

/// A failure before the request reached the database's answer.
pub(crate) fn unavailable(e: crate::web::AppError) -> ApiError {
    match e {
        crate::web::AppError::Unavailable(_) => busy(),
        other => internal(other),
    }
}

/// `GET /api/v1/conversations/{id}/messages`: the conversation of the token's store,
/// with the store's replies.
pub async fn conversation_messages(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> HttpResponse {
    let now = Utc::now().naive_utc();
    let authorized = match authenticate(&state, &req, now).await {
        Ok(found) => found,
        Err(refused) => return refused,
    };
    let store = authorized.store.clone();
    let not_found = || ApiError::new(StatusCode::NOT_FOUND, "not_found", "api-error-not-found");
    let Some(id) = path.parse::<i64>().ok() else {
        return not_found().response();
    };
    let result = state
        .db(move |c| {
            let status: Option<String> = conversations::table
                .filter(conversations::id.eq(id))
                .filter(conversations::store_id.eq(store.id))
                .select(conversations::status)
                .get_result(c)
                .optional()?;
            let Some(status) = status else {
                return Ok(None);
            };
            let rows: Vec<(i64, String, String, NaiveDateTime)> = messages::table
                .filter(messages::conversation_id.eq(id))
                // Private notes stay with the team: integrations never receive them.
                .filter(messages::sender.ne(Sender::Note.code()))
                .order(messages::id.asc())
                .select((
                    messages::id,
                    messages::sender,
                    messages::body,
                    messages::created_at,
                ))
                .load(c)?;
            // The API carries text only; it says which messages have a photo (their
            // text may then be empty), for the integration to point to the chat.
            let with_image: std::collections::BTreeSet<i64> = message_images::table
                .filter(message_images::conversation_id.eq(id))
                .select(message_images::message_id)
                .load::<i64>(c)?
                .into_iter()
                .collect();
            Ok(Some(json!({
                "conversation_id": id,
                "status": status,
                "messages": rows.into_iter().map(|(id, sender, text, at)| json!({
                    "id": id,
                    "sender": sender,
                    "text": text,
                    "image": with_image.contains(&id),
                    "image_url": with_image.contains(&id).then(|| image_url(id)),
                    "created_at": at.and_utc().to_rfc3339(),
                })).collect::<Vec<_>>(),
            })))
        })
        .await;
    stamp_if_stale(&state, &authorized, now).await;
    match result {
        Ok(Some(body)) => HttpResponse::Ok().json(body),
        Ok(None) => not_found().response(),
        Err(e) => unavailable(e).response(),
    }
}

/// Brings the token's "last used" time up to date when it is stale. Best effort: the
/// answer does not depend on it.
pub(crate) async fn stamp_if_stale(state: &AppState, authorized: &Authorized, now: NaiveDateTime) {
    let Some(token_id) = authorized.stale_token() else {
        return;
    };
    let stamped = state
        .write(move |c| stamp_token(c, token_id, now).map_err(crate::web::AppError::from))
        .await;
    if let Err(e) = stamped {
        log::warn!("API: cannot record a token's last use: {e}");
    }
}

/// Where an integration fetches a message's photo, with its token.
pub(crate) fn image_url(message_id: i64) -> String {
    format!("/api/v1/messages/{message_id}/image")
}
