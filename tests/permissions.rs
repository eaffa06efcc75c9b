//! The permission matrix of My Account's management routes: the owner succeeds,
//! another seller's main account gets 404 (and never sees this seller's data), and a
//! sub-account whose role lacks the permission gets 403.

mod common;

use common::{Browser, Page, Route, TestApp, spawn_app};
use reqwest::StatusCode;

struct World {
    app: TestApp,
    other: Browser,
    agent: Browser,
    store: i64,
    sub: i64,
    role: i64,
    token: i64,
}

async fn world() -> World {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let store = app.add_store("Chen Thai", "TH").await;
    let sub = app
        .add_sub_account("jiajia", "builtin:customer_service", &[store])
        .await;
    app.get("/account/roles/new").await;
    let role = app.create_role("Night shift", &["webchat"]).await;
    app.post(
        &format!("/account/stores/{store}/tokens"),
        &[("name", "ERP")],
    )
    .await;
    let token = app.with_db(|c| {
        use diesel::prelude::*;
        use sellerdesk::db::schema::store_api_tokens;
        store_api_tokens::table
            .select(store_api_tokens::id)
            .first::<i64>(c)
            .unwrap()
    });
    let other = app.other_seller("othershop").await;
    let agent = app.sub_account_browser("chenshop:jiajia").await;
    World {
        app,
        other,
        agent,
        store,
        sub,
        role,
        token,
    }
}

/// Every management route with a request that succeeds for the owner.
fn routes(w: &World) -> Vec<Route> {
    let (s, u, r, t) = (w.store, w.sub, w.role, w.token);
    vec![
        ("GET", "/account/stores".into(), vec![]),
        ("GET", "/account/stores/new".into(), vec![]),
        (
            "POST",
            "/account/stores".into(),
            vec![("name", "New store"), ("market", "MY")],
        ),
        ("GET", format!("/account/stores/{s}"), vec![]),
        (
            "POST",
            format!("/account/stores/{s}"),
            vec![
                ("name", "Chen Thai"),
                ("market", "TH"),
                ("time_zone", "Asia/Bangkok"),
            ],
        ),
        (
            "POST",
            format!("/account/stores/{s}/status"),
            vec![("active", "true")],
        ),
        (
            "POST",
            format!("/account/stores/{s}/tokens"),
            vec![("name", "Shop sync")],
        ),
        (
            "POST",
            format!("/account/stores/{s}/tokens/{t}/revoke"),
            vec![],
        ),
        (
            "POST",
            format!("/account/stores/{s}/chat-link"),
            vec![("confirm", "yes")],
        ),
        ("GET", "/account/sub-accounts".into(), vec![]),
        ("GET", "/account/sub-accounts/new".into(), vec![]),
        (
            "POST",
            "/account/sub-accounts".into(),
            vec![
                ("member_name", "amy"),
                ("display_name", "Amy"),
                ("email", "amy@example.com"),
                ("role", "builtin:customer_service"),
                ("password", "initial pass 123"),
                ("password_confirm", "initial pass 123"),
            ],
        ),
        ("GET", format!("/account/sub-accounts/{u}"), vec![]),
        (
            "POST",
            format!("/account/sub-accounts/{u}"),
            vec![
                ("display_name", "Jia Jia"),
                ("email", "jiajia@example.com"),
                ("role", "builtin:customer_service"),
            ],
        ),
        ("POST", format!("/account/sub-accounts/{u}/stores"), vec![]),
        (
            "POST",
            format!("/account/sub-accounts/{u}/status"),
            vec![("enabled", "true")],
        ),
        (
            "POST",
            format!("/account/sub-accounts/{u}/two-factor/reset"),
            vec![("confirm", "yes")],
        ),
        (
            "POST",
            format!("/account/sub-accounts/{u}/password"),
            vec![
                ("password", "another pass 1"),
                ("password_confirm", "another pass 1"),
            ],
        ),
        ("GET", "/account/roles".into(), vec![]),
        ("GET", "/account/roles/new".into(), vec![]),
        (
            "POST",
            "/account/roles".into(),
            vec![("name", "Auditors"), ("permissions", "full_activity_log")],
        ),
        ("GET", format!("/account/roles/{r}"), vec![]),
        (
            "POST",
            format!("/account/roles/{r}"),
            vec![("name", "Night shift"), ("permissions", "webchat")],
        ),
        ("POST", format!("/account/roles/{r}/delete"), vec![]),
    ]
}

async fn call(b: &Browser, method: &str, path: &str, fields: &[(&str, &str)]) -> Page {
    if method == "GET" {
        b.get(path).await
    } else {
        b.post(path, fields).await
    }
}

fn has_own_id(path: &str) -> bool {
    path.split('/').any(|p| p.parse::<i64>().is_ok())
}

#[actix_web::test]
async fn another_seller_gets_404_and_sees_none_of_this_sellers_data() {
    let w = world().await;
    let first_sellers_entries = || {
        w.app.with_db(|c| {
            use diesel::prelude::*;
            use sellerdesk::db::schema::activity_log;
            activity_log::table
                .filter(activity_log::seller_id.eq(1))
                .count()
                .get_result::<i64>(c)
                .unwrap()
        })
    };
    let before = first_sellers_entries();
    for (method, path, fields) in routes(&w) {
        let page = call(&w.other, method, &path, &fields).await;
        if has_own_id(&path) {
            assert_eq!(page.status, StatusCode::NOT_FOUND, "{method} {path}");
        } else {
            assert!(
                page.status.is_success() || page.status.is_redirection(),
                "{method} {path}: {}",
                page.status
            );
            page.assert_lacks("Chen Thai");
            page.assert_lacks("jiajia");
            page.assert_lacks("Night shift");
        }
    }
    assert_eq!(
        first_sellers_entries(),
        before,
        "nothing happened to the first seller"
    );
}

#[actix_web::test]
async fn a_customer_service_sub_account_gets_403_everywhere() {
    let w = world().await;
    let stores = w.app.count("stores");
    let accounts = w.app.count("accounts");
    let roles = w.app.count("roles");
    for (method, path, fields) in routes(&w) {
        let page = call(&w.agent, method, &path, &fields).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{method} {path}");
        page.assert_contains("Access denied");
    }
    assert_eq!(
        (
            w.app.count("stores"),
            w.app.count("accounts"),
            w.app.count("roles")
        ),
        (stores, accounts, roles)
    );
}

#[actix_web::test]
async fn the_owner_succeeds_everywhere() {
    let w = world().await;
    for (method, path, fields) in routes(&w) {
        let page = call(&w.app.main, method, &path, &fields).await;
        assert!(
            page.status == StatusCode::OK || page.status == StatusCode::SEE_OTHER,
            "{method} {path}: {} {}",
            page.status,
            page.body
        );
    }
}

#[actix_web::test]
async fn the_navigation_shows_only_what_the_role_allows() {
    let w = world().await;
    let page = w.agent.get("/account/profile").await;
    page.assert_lacks("href=\"/account/stores\"");
    page.assert_lacks("href=\"/account/sub-accounts\"");
    page.assert_lacks("href=\"/account/roles\"");
    let page = w.app.get("/account/profile").await;
    page.assert_contains("href=\"/account/stores\"");
    page.assert_contains("href=\"/account/sub-accounts\"");
    page.assert_contains("href=\"/account/roles\"");
}

#[actix_web::test]
async fn personal_pages_show_each_account_its_own_data() {
    let w = world().await;
    let mine = w.agent.get("/account/profile").await;
    assert_eq!(mine.status, StatusCode::OK);
    mine.assert_contains("chenshop:jiajia");
    mine.assert_lacks("chenshop@example.com");
    let other = w.other.get("/account/profile").await;
    other.assert_contains("othershop");
    other.assert_lacks("chenshop");
    assert_eq!(w.agent.get("/settings").await.status, StatusCode::OK);
    assert_eq!(
        w.agent.get("/account/password").await.status,
        StatusCode::OK
    );
    // Security lists the viewer's own sessions, never another account's.
    let security = w.agent.get("/account/security").await;
    assert_eq!(security.status, StatusCode::OK);
    assert_eq!(
        security.body.matches("<tr>").count(),
        2,
        "{}",
        security.body
    );
    let other = w.other.get("/account/security").await;
    assert_eq!(other.body.matches("<tr>").count(), 2, "{}", other.body);
}
