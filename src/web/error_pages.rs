//! Renders 4xx/5xx responses that have no body yet as translated pages in the layout.

use actix_web::HttpResponse;
use actix_web::body::MessageBody;
use actix_web::dev::ServiceResponse;
use actix_web::http::{StatusCode, header};
use actix_web::middleware::{ErrorHandlerResponse, ErrorHandlers};
use askama::Template;

use super::errors::{AppError, Refusal};
use super::page::PageCtx;

#[derive(Template)]
#[template(path = "layout/error.html")]
struct ErrorPage {
    ctx: PageCtx,
    status: u16,
    title_key: &'static str,
    message_key: &'static str,
}

pub fn error_pages<B: MessageBody + 'static>() -> ErrorHandlers<B> {
    ErrorHandlers::new().default_handler(render)
}

fn render<B: MessageBody + 'static>(
    res: ServiceResponse<B>,
) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let has_body = res.headers().contains_key(header::CONTENT_TYPE);
    if has_body || res.status().is_redirection() {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    let status = res.status();
    let refusal = res.response().extensions().get::<Refusal>().copied();
    let retry_after = res.headers().get(header::RETRY_AFTER).cloned();
    let (title_key, message_key) = texts(status, refusal);
    let (req, _) = res.into_parts();
    let html = PageCtx::for_request(&req).and_then(|ctx| {
        ErrorPage {
            ctx,
            status: status.as_u16(),
            title_key,
            message_key,
        }
        .render()
        .map_err(|e| AppError::Internal(e.into()))
    });
    let mut response = match html {
        Ok(html) => HttpResponse::build(status)
            .content_type("text/html; charset=utf-8")
            .body(html),
        Err(e) => {
            log::error!("cannot render the error page: {e}");
            HttpResponse::build(status)
                .content_type("text/plain; charset=utf-8")
                .body(status.canonical_reason().unwrap_or("Error").to_string())
        }
    };
    if let Some(value) = retry_after {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    Ok(ErrorHandlerResponse::Response(
        ServiceResponse::new(req, response).map_into_right_body(),
    ))
}

fn texts(status: StatusCode, refusal: Option<Refusal>) -> (&'static str, &'static str) {
    match (status, refusal) {
        (_, Some(Refusal::CsrfToken)) => ("error-forbidden-title", "error-csrf-message"),
        (_, Some(Refusal::PayloadTooLarge)) => {
            ("error-bad-request-title", "error-too-large-message")
        }
        (StatusCode::CONFLICT, _) => ("error-conflict-title", "error-conflict-message"),
        (StatusCode::FORBIDDEN, _) => ("error-forbidden-title", "error-forbidden-message"),
        (StatusCode::NOT_FOUND, _) => ("error-not-found-title", "error-not-found-message"),
        (StatusCode::METHOD_NOT_ALLOWED, _) => ("error-not-found-title", "error-not-found-message"),
        (StatusCode::TOO_MANY_REQUESTS, _) => ("error-too-many-title", "error-too-many-message"),
        (StatusCode::SERVICE_UNAVAILABLE, _) => {
            ("error-unavailable-title", "error-unavailable-message")
        }
        (s, _) if s.is_client_error() => ("error-bad-request-title", "error-bad-request-message"),
        _ => ("error-internal-title", "error-internal-message"),
    }
}
