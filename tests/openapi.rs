//! The API description (`docs/openapi.json`, served at `/api/v1/openapi.json`) says
//! exactly which API routes exist and every error code they answer with.

mod common;

use std::collections::BTreeSet;

use common::spawn_app;
use serde_json::Value;

fn document() -> Value {
    serde_json::from_str(include_str!("../docs/openapi.json")).expect("valid JSON")
}

/// `(method, path)` of every route under `/api/v1/` in the route table.
fn routes_in_app() -> BTreeSet<(String, String)> {
    let source = include_str!("../src/app.rs");
    let mut routes = BTreeSet::new();
    let mut rest = source;
    while let Some(start) = rest.find("\"/api/v1/") {
        let after = &rest[start + 1..];
        let end = after.find('"').expect("a closing quote");
        let path = after[..end].to_string();
        let tail = &after[end..];
        let method = ["get", "post", "put", "patch", "delete"]
            .into_iter()
            .filter_map(|m| tail.find(&format!("web::{m}()")).map(|at| (at, m)))
            .min()
            .map(|(_, m)| m.to_string())
            .expect("a method after the path");
        routes.insert((method, path));
        rest = &after[end..];
    }
    routes
}

fn routes_in_document(doc: &Value) -> BTreeSet<(String, String)> {
    doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, ops)| {
            ops.as_object()
                .unwrap()
                .keys()
                .map(move |m| (m.clone(), path.clone()))
        })
        .collect()
}

#[test]
fn every_api_route_is_described_and_nothing_else() {
    let app = routes_in_app();
    assert!(app.len() >= 5, "{app:?}");
    assert_eq!(app, routes_in_document(&document()));
}

/// The codes the API's handlers answer with, read from their source: the first string
/// after each `ApiError::new(` and each call of the `invalid`/`unprocessable` helpers.
fn codes_in_source() -> BTreeSet<String> {
    let sources = [
        include_str!("../src/webchat/api.rs"),
        include_str!("../src/integrations/feed.rs"),
        include_str!("../src/integrations/delivery.rs"),
        include_str!("../src/integrations/images.rs"),
    ];
    let mut codes = BTreeSet::new();
    for source in sources {
        for opening in ["ApiError::new(", "invalid(\"", "unprocessable(\""] {
            for (at, _) in source.match_indices(opening) {
                let rest = &source[at + opening.len() - usize::from(opening.ends_with('"'))..];
                let Some(start) = rest.find('"') else {
                    continue;
                };
                let Some(end) = rest[start + 1..].find('"') else {
                    continue;
                };
                let code = &rest[start + 1..start + 1 + end];
                if !code.is_empty() && code.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                    codes.insert(code.to_string());
                }
            }
        }
    }
    codes
}

#[test]
fn every_error_code_is_described() {
    let text = document().to_string();
    let codes = codes_in_source();
    assert!(
        codes.contains("after_beyond_log") && codes.contains("rate_limited"),
        "{codes:?}"
    );
    let missing: Vec<_> = codes
        .iter()
        .filter(|c| !text.contains(&format!("`{c}`")))
        .collect();
    assert!(missing.is_empty(), "codes the document lacks: {missing:?}");
}

#[actix_web::test]
async fn the_document_is_served_as_it_is_in_the_repository() {
    let app = spawn_app().await;
    let response = app
        .client
        .get(app.url("/api/v1/openapi.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json")
    );
    let served: Value = response.json().await.unwrap();
    assert_eq!(served, document());
    assert!(served["openapi"].as_str().unwrap().starts_with("3."));
}
