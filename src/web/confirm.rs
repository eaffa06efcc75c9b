//! The confirmation step before a destructive action, without JavaScript: the first
//! POST (without `confirm=yes`) shows this page; its button posts again with it.

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use askama::Template;

use super::page::PageCtx;
use super::render;

#[derive(Template)]
#[template(path = "layout/confirm.html")]
pub struct ConfirmPage {
    pub ctx: PageCtx,
    pub title: String,
    pub message: String,
    pub action: String,
    pub submit_key: &'static str,
    pub cancel_href: String,
}

impl ConfirmPage {
    pub fn respond(self) -> HttpResponse {
        render(&self, StatusCode::OK)
    }
}

/// The form of a destructive action: `confirm=yes` once the confirmation was shown.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct ConfirmForm {
    pub confirm: Option<String>,
}

/// Whether the submitted form carried the confirmation.
pub fn confirmed(value: Option<&str>) -> bool {
    value == Some("yes")
}
