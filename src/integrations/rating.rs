//! `POST /api/v1/conversations/{id}/rating`: the store's integration posts back the
//! rating its buyer gave on the marketplace after `conversation.rating_requested`
//! (`{"buyer_id": "…", "score": 1–5, "comment": "…"}`). The buyer must be the chat's;
//! a closing is rated once, as on the buyer page.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Utc;
use diesel::prelude::*;
use serde::Deserialize;
use serde_json::json;

use crate::app::AppState;
use crate::conversations::{CoreError, Rater, Rating, rate};
use crate::db::schema::{buyers, conversations};
use crate::webchat::api::{
    ApiError, MAX_BODY_BYTES, authenticate, busy, internal, read_body, stamp_if_stale,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PostRating {
    buyer_id: String,
    score: i64,
    #[serde(default)]
    comment: String,
}

fn parse(body: &[u8]) -> Result<(String, Rating), ApiError> {
    let post: PostRating = serde_json::from_slice(body).map_err(|_| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_json",
            "api-error-invalid-rating-json",
        )
    })?;
    let rating = Rating::parse(&post.score.to_string(), &post.comment).map_err(|key| {
        let (code, message) = match key {
            "error-rating-score" => ("invalid_score", "api-error-rating-score"),
            _ => ("invalid_comment", "api-error-rating-comment"),
        };
        ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, code, message)
    })?;
    Ok((post.buyer_id, rating))
}

pub async fn post(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    payload: web::Payload,
) -> HttpResponse {
    let body = match read_body(payload, MAX_BODY_BYTES).await {
        Ok(body) => body,
        Err(e) => return e.response(),
    };
    let now = Utc::now().naive_utc();
    let authorized = match authenticate(&state, &req, now).await {
        Ok(found) => found,
        Err(refused) => return refused,
    };
    let not_found = || {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            "api-error-rating-not-found",
        )
    };
    let Ok(conversation_id) = path.parse::<i64>() else {
        return not_found().response();
    };
    let (buyer, rating) = match parse(&body) {
        Ok(parsed) => parsed,
        Err(e) => return e.response(),
    };
    stamp_if_stale(&state, &authorized, now).await;
    let store = authorized.store.clone();
    let score = rating.score;
    let done = state
        .write(move |c| {
            // The integration's buyer, as its messages named them.
            let buyer_id: Option<i64> = conversations::table
                .inner_join(buyers::table)
                .filter(conversations::id.eq(conversation_id))
                .filter(conversations::store_id.eq(store.id))
                .filter(buyers::buyer_key.eq(format!("api:{buyer}")))
                .select(buyers::id)
                .get_result(c)
                .optional()?;
            let Some(buyer_id) = buyer_id else {
                return Err(CoreError::NotFound);
            };
            let rater = Rater {
                seller_id: store.seller_id,
                store_id: store.id,
                buyer_id,
            };
            rate(c, rater, conversation_id, &rating, now)
        })
        .await;
    let conflict = |code, key| ApiError::new(StatusCode::CONFLICT, code, key);
    match done {
        Ok(()) => HttpResponse::Created()
            .json(json!({"conversation_id": conversation_id, "score": score})),
        Err(CoreError::NotFound) => not_found().response(),
        Err(CoreError::Invalid("error-rating-open")) => {
            conflict("conversation_open", "api-error-rating-open").response()
        }
        Err(CoreError::Invalid("error-rating-given")) => {
            conflict("already_rated", "api-error-rating-given").response()
        }
        Err(CoreError::Busy) => busy().response(),
        Err(e) => internal(e).response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rating_is_checked() {
        let (buyer, rating) = parse(br#"{"buyer_id": "b1", "score": 4, "comment": " ok "}"#)
            .ok()
            .expect("valid");
        assert_eq!(
            (buyer.as_str(), rating.score, rating.comment.as_str()),
            ("b1", 4, "ok")
        );
        for bad in [
            &br#"{"buyer_id": "b1", "score": 6}"#[..],
            br#"{"buyer_id": "b1", "score": 0}"#,
            br#"{"buyer_id": "b1", "score": "5"}"#,
            br#"{"score": 5}"#,
            br#"{"buyer_id": "b1", "score": 5, "stars": 5}"#,
            br#"not json"#,
        ] {
            assert!(parse(bad).is_err());
        }
    }
}
