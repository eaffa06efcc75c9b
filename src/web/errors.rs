//! Error policy.
//! - Area code (accounts, stores, the conversation core, …) returns `QueryResult` or
//!   its own small error enum (`conversations::CoreError`, `db::writer::WriteError`),
//!   never this module's types: it does not know it is serving a web request.
//! - Handlers return `Result<_, AppError>` and map area errors to it, with `From` for
//!   the common cases below: a missing row is a 404, a uniqueness race a 409, a busy
//!   database (pool timeout, full writer queue) a 503, anything else a 500 whose cause
//!   goes to the log and never to the client.
//! - An `AppError` becomes a bare status here; the `error_pages` middleware then renders
//!   the translated page in the viewer's language. The JSON API maps area errors to
//!   its own `{"error": {"code", "message"}}` shape.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};

/// Why a request was refused, carried on the response so the page can say it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    CsrfToken,
    PayloadTooLarge,
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    #[error("sign-in required")]
    SignInRequired,
    #[error("refused: {0:?}")]
    Refused(Refusal),
    #[error("bad request")]
    BadRequest,
    /// Two requests changed the same thing at once and a uniqueness rule refused one.
    #[error("conflict")]
    Conflict,
    #[error("service unavailable: {0}")]
    Unavailable(String),
    /// A limit was reached; the client may try again after this many seconds.
    #[error("too many requests")]
    TooManyRequests { retry_after: u64 },
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

pub type AppResult<T> = Result<T, AppError>;

/// Seconds a client is asked to wait when the database is busy: long enough for a
/// write burst to drain, short enough that a person barely notices.
pub const BUSY_RETRY_AFTER: &str = "2";

impl From<diesel::result::Error> for AppError {
    fn from(e: diesel::result::Error) -> Self {
        match e {
            diesel::result::Error::NotFound => AppError::NotFound,
            diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _,
            ) => AppError::Conflict,
            other if crate::db::is_busy(&other) => AppError::Unavailable(other.to_string()),
            other => AppError::Internal(anyhow::Error::new(other).context("database query")),
        }
    }
}

impl From<crate::db::writer::WriteError> for AppError {
    fn from(e: crate::db::writer::WriteError) -> Self {
        match e {
            crate::db::writer::WriteError::Busy => AppError::Unavailable(e.to_string()),
            crate::db::writer::WriteError::Db(e) => e.into(),
        }
    }
}

impl From<crate::conversations::CoreError> for AppError {
    fn from(e: crate::conversations::CoreError) -> Self {
        use crate::conversations::CoreError;
        match e {
            CoreError::NotFound => AppError::NotFound,
            CoreError::Invalid(_) => AppError::BadRequest,
            CoreError::Conflict(_) => AppError::Conflict,
            CoreError::Busy => AppError::Unavailable(e.to_string()),
            // Callers that pass an origin answer this themselves; a minute is a fair wait.
            CoreError::TooManyOpen => AppError::TooManyRequests { retry_after: 60 },
            CoreError::Db(e) => e.into(),
        }
    }
}

impl From<diesel::r2d2::PoolError> for AppError {
    fn from(e: diesel::r2d2::PoolError) -> Self {
        AppError::Unavailable(e.to_string())
    }
}

impl From<actix_web::error::BlockingError> for AppError {
    fn from(e: actix_web::error::BlockingError) -> Self {
        AppError::Internal(anyhow::anyhow!("blocking task failed: {e}"))
    }
}

impl From<actix_session::SessionInsertError> for AppError {
    fn from(e: actix_session::SessionInsertError) -> Self {
        AppError::Internal(anyhow::anyhow!("session write failed: {e}"))
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Forbidden | AppError::Refused(Refusal::CsrfToken) => StatusCode::FORBIDDEN,
            AppError::Refused(Refusal::PayloadTooLarge) => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::SignInRequired => StatusCode::SEE_OTHER,
            AppError::BadRequest => StatusCode::BAD_REQUEST,
            AppError::Conflict => StatusCode::CONFLICT,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            AppError::Internal(e) => log::error!("internal error: {e:#}"),
            AppError::Unavailable(e) => log::error!("service unavailable: {e}"),
            _ => {}
        }
        let mut res = HttpResponse::build(self.status_code());
        match self {
            AppError::SignInRequired => {
                res.insert_header((actix_web::http::header::LOCATION, "/login"));
            }
            AppError::TooManyRequests { retry_after } => {
                res.insert_header((
                    actix_web::http::header::RETRY_AFTER,
                    retry_after.max(&1).to_string(),
                ));
            }
            AppError::Unavailable(_) => {
                res.insert_header((actix_web::http::header::RETRY_AFTER, BUSY_RETRY_AFTER));
            }
            _ => {}
        }
        let mut res = res.finish();
        if let AppError::Refused(why) = self {
            res.extensions_mut().insert(*why);
        }
        res
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use diesel::result::{DatabaseErrorKind, Error};

    #[test]
    fn a_uniqueness_race_is_a_conflict_not_a_server_error() {
        let err = Error::DatabaseError(
            DatabaseErrorKind::UniqueViolation,
            Box::new("dup".to_string()),
        );
        assert_eq!(AppError::from(err).status_code(), StatusCode::CONFLICT);
        assert_eq!(
            AppError::from(Error::NotFound).status_code(),
            StatusCode::NOT_FOUND
        );
    }

    #[test]
    fn a_busy_database_is_a_503_with_retry_after() {
        let locked = Error::DatabaseError(
            DatabaseErrorKind::Unknown,
            Box::new("database is locked".to_string()),
        );
        let error = AppError::from(locked);
        assert_eq!(error.status_code(), StatusCode::SERVICE_UNAVAILABLE);
        let res = error.error_response();
        assert!(
            res.headers()
                .contains_key(actix_web::http::header::RETRY_AFTER)
        );
    }
}
