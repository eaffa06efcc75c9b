//! `POST /api/v1/messages/{id}/delivery`: the integration says whether a reply reached
//! the buyer on the marketplace (`{"status": "delivered"}` or `{"status": "failed",
//! "reason": "…"}`). The team sees the mark on the reply, live, and failed replies in
//! Webchat's "Not delivered" list. Reporting the same status again changes nothing.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Utc;
use serde::Deserialize;
use serde_json::json;

use crate::app::AppState;
use crate::conversations::{
    CoreError, DeliveryReport, DeliveryStatus, MAX_REASON_CHARS, report_delivery,
};
use crate::webchat::api::{
    ApiError, MAX_BODY_BYTES, authenticate, busy, internal, read_body, stamp_if_stale,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PostDelivery {
    status: String,
    reason: Option<String>,
}

fn parse(body: &[u8]) -> Result<DeliveryReport, ApiError> {
    let invalid = |code, key| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, code, key);
    let post: PostDelivery = serde_json::from_slice(body).map_err(|_| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_json",
            "api-error-invalid-delivery-json",
        )
    })?;
    let status = DeliveryStatus::from_code(&post.status)
        .ok_or_else(|| invalid("invalid_status", "api-error-invalid-delivery-status"))?;
    let reason = post.reason.unwrap_or_default().trim().to_string();
    if status == DeliveryStatus::Failed && reason.is_empty() {
        return Err(invalid(
            "reason_required",
            "api-error-delivery-reason-required",
        ));
    }
    if reason.chars().count() > MAX_REASON_CHARS || reason.chars().any(char::is_control) {
        return Err(invalid(
            "invalid_reason",
            "api-error-delivery-reason-invalid",
        ));
    }
    Ok(DeliveryReport {
        status,
        // A delivered reply has no reason to keep.
        reason: if status == DeliveryStatus::Failed {
            reason
        } else {
            String::new()
        },
    })
}

pub async fn report(
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
            "api-error-reply-not-found",
        )
    };
    let Ok(message_id) = path.parse::<i64>() else {
        return not_found().response();
    };
    let report = match parse(&body) {
        Ok(report) => report,
        Err(e) => return e.response(),
    };
    stamp_if_stale(&state, &authorized, now).await;
    let store = authorized.store.clone();
    let status = report.status;
    let done = state
        .write(move |c| report_delivery(c, &store, message_id, &report, now))
        .await;
    match done {
        Ok(_) => {
            HttpResponse::Ok().json(json!({"message_id": message_id, "status": status.code()}))
        }
        Err(CoreError::NotFound) => not_found().response(),
        Err(CoreError::Busy) => busy().response(),
        Err(e) => internal(e).response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_is_checked() {
        let ok = parse(br#"{"status": "failed", "reason": " Buyer blocked the shop "}"#).ok();
        assert_eq!(
            ok,
            Some(DeliveryReport {
                status: DeliveryStatus::Failed,
                reason: "Buyer blocked the shop".into()
            })
        );
        let delivered = parse(br#"{"status": "delivered", "reason": "fine"}"#).ok();
        assert_eq!(delivered.map(|r| r.reason), Some(String::new()));
        for bad in [
            &br#"{"status": "failed"}"#[..],
            br#"{"status": "read"}"#,
            br#"{"status": "delivered", "at": 1}"#,
            br#"not json"#,
        ] {
            assert!(parse(bad).is_err());
        }
    }
}
