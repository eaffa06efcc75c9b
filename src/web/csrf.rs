//! CSRF: every non-GET request must carry the session's token, either in the
//! `csrf_token` form field or in the `X-CSRF-Token` header. The JSON API is exempt:
//! it authenticates with bearer tokens, never with the cookie.
//!
//! A form with a file (`multipart/form-data`) is checked the same way: its body is
//! read here, up to the largest upload plus its text fields, the token field is found
//! among its parts, and the body is handed on unchanged. No route is exempt.

use actix_web::HttpMessage;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{Method, header};
use actix_web::middleware::Next;
use actix_web::web::{Bytes, BytesMut};
use futures_util::StreamExt;

use super::errors::{AppError, Refusal};
use super::session::TypedSession;
use super::upload::is_multipart;

pub const FIELD: &str = "csrf_token";
pub const HEADER: &str = "x-csrf-token";
/// Forms are small; anything larger is refused before it is buffered.
pub const MAX_FORM_BYTES: usize = 256 * 1024;
/// A form with a file: the largest image accepted and room for its text fields. A
/// larger file within this is reported by the page; beyond it the upload is cut off.
pub const MAX_UPLOAD_BYTES: usize = crate::conversations::images::MAX_IMAGE_BYTES + MAX_FORM_BYTES;
/// A token is a few dozen characters; a longer field is not one.
const MAX_TOKEN_BYTES: usize = 1024;

pub async fn verify_csrf(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    if is_safe(req.method()) || req.path().starts_with("/api/") {
        return next
            .call(req)
            .await
            .map(ServiceResponse::map_into_boxed_body);
    }
    let expected = TypedSession::from_http(req.request()).existing_csrf_token();
    let header_token = req
        .headers()
        .get(HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let provided = match header_token {
        Some(token) => Some(token),
        None if is_form(&req) => match buffer_body(&mut req, MAX_FORM_BYTES).await {
            Ok(body) => {
                let token = form_field(&body, FIELD);
                restore_body(&mut req, body);
                token
            }
            Err(refusal) => return Ok(req.error_response(AppError::Refused(refusal))),
        },
        None if is_multipart(req.headers().get(header::CONTENT_TYPE)) => {
            match buffer_body(&mut req, MAX_UPLOAD_BYTES).await {
                Ok(body) => {
                    let token = multipart_field(req.headers(), body.clone(), FIELD).await;
                    restore_body(&mut req, body);
                    token
                }
                Err(refusal) => return Ok(req.error_response(AppError::Refused(refusal))),
            }
        }
        None => None,
    };
    match (expected, provided) {
        (Some(expected), Some(provided)) if constant_time_eq(&expected, &provided) => next
            .call(req)
            .await
            .map(ServiceResponse::map_into_boxed_body),
        _ => {
            log::info!(
                "CSRF token missing or wrong for {} {}",
                req.method(),
                req.path()
            );
            Ok(req.error_response(AppError::Refused(Refusal::CsrfToken)))
        }
    }
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

fn is_form(req: &ServiceRequest) -> bool {
    req.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("application/x-www-form-urlencoded"))
}

/// The body, up to `limit` bytes: a longer one is refused without reading on (a
/// declared length says so before anything is read).
async fn buffer_body(req: &mut ServiceRequest, limit: usize) -> Result<Bytes, Refusal> {
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        return Err(Refusal::PayloadTooLarge);
    }
    let mut payload = req.take_payload();
    let mut body = BytesMut::new();
    while let Some(chunk) = payload.next().await {
        // A broken upload carries no valid token either.
        let chunk = chunk.map_err(|_| Refusal::CsrfToken)?;
        if body.len() + chunk.len() > limit {
            return Err(Refusal::PayloadTooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

fn restore_body(req: &mut ServiceRequest, body: Bytes) {
    let (_, mut payload) = actix_http::h1::Payload::create(true);
    payload.unread_data(body);
    req.set_payload(payload.into());
}

fn form_field(body: &[u8], name: &str) -> Option<String> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(body)
        .ok()?
        .into_iter()
        .find_map(|(k, v)| (k == name).then_some(v))
}

/// The first text part called `name` of a multipart body (already in memory).
async fn multipart_field(headers: &header::HeaderMap, body: Bytes, name: &str) -> Option<String> {
    let stream = futures_util::stream::once(async move { Ok(body) });
    let mut parts = actix_multipart::Multipart::new(headers, stream);
    while let Some(part) = parts.next().await {
        let mut part = part.ok()?;
        let is_file = part
            .content_disposition()
            .is_some_and(|cd| cd.get_filename().is_some());
        let wanted = !is_file && part.name() == Some(name);
        let mut value = Vec::new();
        while let Some(chunk) = part.next().await {
            let chunk = chunk.ok()?;
            if wanted {
                if value.len() + chunk.len() > MAX_TOKEN_BYTES {
                    return None;
                }
                value.extend_from_slice(&chunk);
            }
        }
        if wanted {
            return String::from_utf8(value).ok();
        }
    }
    None
}

fn constant_time_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_token_among_other_fields() {
        assert_eq!(
            form_field(b"a=1&csrf_token=abc%2B&b=2", FIELD).as_deref(),
            Some("abc+")
        );
        assert_eq!(form_field(b"a=1", FIELD), None);
    }

    #[test]
    fn comparison_needs_equal_strings() {
        assert!(constant_time_eq("abc", "abc"));
        assert!(!constant_time_eq("abc", "abd"));
        assert!(!constant_time_eq("abc", "ab"));
    }
}
