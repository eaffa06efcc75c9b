//! `GET /api/v1/openapi.json`: the API's OpenAPI 3 description, the same file as
//! `docs/openapi.json` in the repository (a test keeps it and the routes in step).

use actix_web::HttpResponse;
use actix_web::http::header::ContentType;

const DOCUMENT: &str = include_str!("../../docs/openapi.json");

pub async fn document() -> HttpResponse {
    HttpResponse::Ok()
        .content_type(ContentType::json())
        .body(DOCUMENT)
}
