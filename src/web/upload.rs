//! Forms that may carry one file (a photo in a chat): read either as a plain
//! url-encoded form, as API clients, tests and scripts post them, or as
//! `multipart/form-data`, as a browser sends a form with a file input. The CSRF
//! middleware has already checked the token in either case (`csrf.rs`).
//!
//! Every part is read with a limit and reading stops at it: the file at
//! `MAX_IMAGE_BYTES` (reported as `Upload::TooLarge`, so the page can say so), a text
//! field at `MAX_FIELD_BYTES` and the number of fields at `MAX_FIELDS`.

use actix_multipart::Multipart;
use actix_web::http::header;
use actix_web::web::{self, BytesMut};
use actix_web::{HttpMessage, HttpRequest};
use futures_util::StreamExt;

use super::errors::{AppError, Refusal};
use super::form::FormFields;
use crate::conversations::images::MAX_IMAGE_BYTES;

/// One text field of a form: a 2,000-character message in any script fits.
pub const MAX_FIELD_BYTES: usize = 32 * 1024;
/// Fields in one form: ours have a handful.
pub const MAX_FIELDS: usize = 32;

/// The file part of a form.
#[derive(Debug, Default)]
pub enum Upload {
    /// No file was chosen (a browser then sends an empty part without a name).
    #[default]
    None,
    /// The file is larger than `MAX_IMAGE_BYTES`; it was not read to its end.
    TooLarge,
    /// The file's bytes, as sent: what they are is for the caller to check.
    File(Vec<u8>),
}

/// A submitted form: its text fields and its file, if it may carry one.
#[derive(Debug, Default)]
pub struct Submission {
    pub fields: FormFields,
    pub upload: Upload,
}

pub fn is_multipart(content_type: Option<&header::HeaderValue>) -> bool {
    content_type
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("multipart/form-data"))
}

/// Reads a form whose file field is `file_field`; a file under any other name, or a
/// body of another type, is a bad request.
pub async fn read_form(
    req: &HttpRequest,
    payload: web::Payload,
    file_field: &str,
) -> Result<Submission, AppError> {
    if is_multipart(req.headers().get(header::CONTENT_TYPE)) {
        return read_multipart(Multipart::new(req.headers(), payload), file_field).await;
    }
    if req.content_type() != mime_form() {
        return Err(AppError::BadRequest);
    }
    let body = read_limited(payload, super::csrf::MAX_FORM_BYTES).await?;
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_bytes(&body).map_err(|_| AppError::BadRequest)?;
    Ok(Submission {
        fields: FormFields::new(pairs),
        upload: Upload::None,
    })
}

fn mime_form() -> &'static str {
    "application/x-www-form-urlencoded"
}

async fn read_limited(mut payload: web::Payload, limit: usize) -> Result<BytesMut, AppError> {
    let mut body = BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|_| AppError::BadRequest)?;
        if body.len() + chunk.len() > limit {
            return Err(AppError::Refused(Refusal::PayloadTooLarge));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

async fn read_multipart(mut parts: Multipart, file_field: &str) -> Result<Submission, AppError> {
    let mut pairs = Vec::new();
    let mut upload = Upload::None;
    let mut count = 0;
    while let Some(part) = parts.next().await {
        let mut part = part.map_err(|_| AppError::BadRequest)?;
        count += 1;
        if count > MAX_FIELDS {
            return Err(AppError::BadRequest);
        }
        let name = part.name().unwrap_or_default().to_string();
        let is_file = part
            .content_disposition()
            .is_some_and(|cd| cd.get_filename().is_some());
        if !is_file {
            let mut value = Vec::new();
            while let Some(chunk) = part.next().await {
                let chunk = chunk.map_err(|_| AppError::BadRequest)?;
                if value.len() + chunk.len() > MAX_FIELD_BYTES {
                    return Err(AppError::Refused(Refusal::PayloadTooLarge));
                }
                value.extend_from_slice(&chunk);
            }
            let value = String::from_utf8(value).map_err(|_| AppError::BadRequest)?;
            pairs.push((name, value));
            continue;
        }
        if name != file_field || !matches!(upload, Upload::None) {
            return Err(AppError::BadRequest);
        }
        let mut bytes = Vec::new();
        let mut too_large = false;
        while let Some(chunk) = part.next().await {
            let chunk = chunk.map_err(|_| AppError::BadRequest)?;
            if bytes.len() + chunk.len() > MAX_IMAGE_BYTES {
                too_large = true;
                break;
            }
            bytes.extend_from_slice(&chunk);
        }
        if too_large {
            // Stop here: nothing after the file is read, and the form is refused.
            return Ok(Submission {
                fields: FormFields::new(pairs),
                upload: Upload::TooLarge,
            });
        }
        let named = part
            .content_disposition()
            .and_then(|cd| cd.get_filename())
            .is_some_and(|f| !f.is_empty());
        // An empty part without a file name is a file input left empty; an empty file
        // that has a name was chosen, and is refused for what it is (not an image).
        if !bytes.is_empty() || named {
            upload = Upload::File(bytes);
        }
    }
    Ok(Submission {
        fields: FormFields::new(pairs),
        upload,
    })
}
