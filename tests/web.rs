//! Cross-cutting web behaviour: CSRF, security headers, error pages, health, static files.

mod common;

use common::{PASSWORD, spawn_app};
use reqwest::StatusCode;

#[actix_web::test]
async fn a_form_without_the_csrf_token_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    app.get("/setup").await;
    let fields = [
        ("username", "chenshop"),
        ("display_name", "Chen"),
        ("email", "chen@example.com"),
        ("password", PASSWORD),
        ("password_confirm", PASSWORD),
    ];
    let missing = app.post_raw("/setup", &fields).await;
    assert_eq!(missing.status, StatusCode::FORBIDDEN);
    missing.assert_contains("This form has expired");
    let mut wrong = fields.to_vec();
    wrong.push(("csrf_token", "forged-token"));
    let wrong = app.post_raw("/setup", &wrong).await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);
    assert_eq!(app.count("sellers"), 0);
}

#[actix_web::test]
async fn a_token_from_another_session_is_refused() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let other = common::new_client();
    let page = app.get_with(&other, "/login").await;
    let foreign = common::extract_csrf(&page.body).unwrap();
    let response = app.post_raw("/logout", &[("csrf_token", &foreign)]).await;
    assert_eq!(response.status, StatusCode::FORBIDDEN);
    // Still signed in: the sign-out did not happen.
    assert_eq!(app.get("/home").await.status, StatusCode::OK);
}

#[actix_web::test]
async fn the_csrf_refusal_page_is_translated() {
    let app = spawn_app().await;
    app.get("/login").await;
    let response = app
        .client
        .post(app.url("/login"))
        .header("Accept-Language", "th")
        .form(&[("username", "a"), ("password", "b")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let body = response.text().await.unwrap();
    assert!(body.contains("lang=\"th\""), "{body}");
}

#[actix_web::test]
async fn pages_carry_security_headers() {
    let app = spawn_app().await;
    let response = app.client.get(app.url("/setup")).send().await.unwrap();
    let headers = response.headers();
    let csp = headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"));
    assert!(csp.contains("frame-ancestors 'none'"));
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["referrer-policy"], "same-origin");
    assert_eq!(headers["cache-control"], "no-store");
    let cookie = headers["set-cookie"].to_str().unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
}

#[actix_web::test]
async fn unknown_pages_get_a_translated_404_in_the_layout() {
    let app = spawn_app().await;
    let page = app.get("/no-such-page").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    page.assert_contains("Page not found");
    page.assert_contains("<main");
    let response = app
        .client
        .get(app.url("/no-such-page"))
        .header("Accept-Language", "es-MX,es;q=0.9")
        .send()
        .await
        .unwrap();
    let body = response.text().await.unwrap();
    assert!(
        body.contains("lang=\"es\"") && !body.contains("Page not found"),
        "{body}"
    );
}

#[actix_web::test]
async fn malformed_input_is_a_400_page_not_a_500() {
    let app = spawn_app().await;
    let token = app.csrf().await;
    let response = app
        .client
        .post(app.url("/language"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("csrf_token={token}&language=klingon"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let response = app
        .client
        .post(app.url("/login"))
        .header("content-type", "application/json")
        .header("x-csrf-token", token)
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert!(response.text().await.unwrap().contains("<main"));
}

#[actix_web::test]
async fn health_reports_the_database() {
    let app = spawn_app().await;
    let response = app.client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let json: serde_json::Value = response.json().await.unwrap();
    assert_eq!(json["status"], "ok");
    assert_eq!(json["database"], "ok");
    let backend = if app.db.is_postgres() {
        "postgres"
    } else {
        "sqlite"
    };
    assert_eq!(json["backend"], backend);
}

#[actix_web::test]
async fn the_stylesheet_is_served() {
    let app = spawn_app().await;
    let response = app
        .client
        .get(app.url("/static/app.css"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/css")
    );
    assert_eq!(
        app.client
            .get(app.url("/static/nope.js"))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
}
