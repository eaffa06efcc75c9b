//! Cross-cutting web pieces: errors, CSRF, session, current user, language, layout data.

pub mod client;
pub mod confirm;
pub mod csrf;
pub mod csv;
pub mod current_user;
pub mod error_pages;
pub mod errors;
pub mod form;
pub mod headers;
pub mod limits;
pub mod nav;
pub mod page;
pub mod session;
pub mod static_files;
pub mod upload;

pub use current_user::CurrentUser;
pub use errors::{AppError, AppResult};
pub use page::PageCtx;
pub use session::{FlashKind, TypedSession};

use actix_web::HttpResponse;
use actix_web::http::header;

/// POST → redirect → GET.
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .finish()
}

/// Adds `Retry-After` (seconds, at least one) to a refusal rendered as a page.
pub fn with_retry_after(mut res: HttpResponse, seconds: i64) -> HttpResponse {
    if let Ok(value) = header::HeaderValue::from_str(&seconds.max(1).to_string()) {
        res.headers_mut().insert(header::RETRY_AFTER, value);
    }
    res
}

/// Renders a page with the given status. A template that fails to render becomes a
/// bare 500, which the error-page middleware turns into the translated error page.
pub fn render(page: &impl askama::Template, status: actix_web::http::StatusCode) -> HttpResponse {
    match page.render() {
        Ok(html) => HttpResponse::build(status)
            .content_type("text/html; charset=utf-8")
            .body(html),
        Err(e) => {
            log::error!("template render failed: {e}");
            HttpResponse::InternalServerError().finish()
        }
    }
}
