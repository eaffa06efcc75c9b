//! Setup, sign-in, sign-out, throttling and sessions, through HTTP.

mod common;

use common::{PASSWORD, spawn_app, spawn_app_on};
use reqwest::StatusCode;

#[actix_web::test]
async fn a_fresh_install_sends_visitors_to_setup() {
    let app = spawn_app().await;
    app.get("/").await.assert_redirect("/setup");
    app.get("/login").await.assert_redirect("/setup");
    let page = app.get("/setup").await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("Set up Sellerdesk");
}

#[actix_web::test]
async fn setup_creates_the_main_account_and_signs_in() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let home = app.get("/home").await;
    assert_eq!(home.status, StatusCode::OK);
    home.assert_contains("Welcome, Chen Jia.");
    home.assert_contains("Your main account is ready.");
    assert_eq!(app.count("sellers"), 1);
    assert_eq!(app.count("accounts"), 1);
}

#[actix_web::test]
async fn the_first_account_lives_by_the_browsers_time_zone() {
    let app = spawn_app().await;
    let page = app.get("/setup").await;
    // The script fills the hidden field with the browser's zone.
    page.assert_contains("name=\"time_zone\" value=\"\" data-browser-zone");
    page.assert_contains("/static/browser-zone.js");
    app.post(
        "/setup",
        &[
            ("username", "chenshop"),
            ("display_name", "Chen Jia"),
            ("email", "chen@example.com"),
            ("password", PASSWORD),
            ("password_confirm", PASSWORD),
            ("time_zone", "Asia/Jakarta"),
        ],
    )
    .await
    .assert_redirect("/home");
    assert_eq!(zone_of(&app, "chenshop"), "Asia/Jakarta");
}

#[actix_web::test]
async fn without_script_the_first_account_takes_the_zone_of_its_languages_market() {
    let app = spawn_app().await;
    // A Thai visitor whose browser runs no script: Bangkok, not UTC.
    app.post("/language", &[("language", "th"), ("next", "/setup")])
        .await;
    app.setup("chenshop").await;
    assert_eq!(zone_of(&app, "chenshop"), "Asia/Bangkok");
}

fn zone_of(app: &common::TestApp, username: &str) -> String {
    use diesel::prelude::*;
    use sellerdesk::db::schema::accounts;
    app.with_db(|c| {
        accounts::table
            .filter(accounts::username.eq(username))
            .select(accounts::time_zone)
            .first(c)
            .expect("the account")
    })
}

#[actix_web::test]
async fn setup_works_only_once() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let other = common::new_client();
    let page = app.get_with(&other, "/setup").await;
    page.assert_redirect("/login");
    // A forged second setup (with a valid token of its own session) changes nothing.
    let login = app.get_with(&other, "/login").await;
    let token = common::extract_csrf(&login.body).unwrap();
    let response = other
        .post(app.url("/setup"))
        .form(&[
            ("username", "intruder"),
            ("display_name", "X"),
            ("email", "x@example.com"),
            ("password", PASSWORD),
            ("password_confirm", PASSWORD),
            ("csrf_token", &token),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/login");
    assert_eq!(app.count("sellers"), 1);
    assert_eq!(app.count("accounts"), 1);
}

#[actix_web::test]
async fn setup_validates_every_field_with_messages() {
    let app = spawn_app().await;
    app.get("/setup").await;
    let page = app
        .post(
            "/setup",
            &[
                ("username", "x"),
                ("display_name", " "),
                ("email", "not-an-email"),
                ("password", "short"),
                ("password_confirm", "short"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Please correct the following");
    page.assert_contains("Use 3–32 lower-case letters");
    page.assert_contains("Enter a display name.");
    page.assert_contains("Enter a valid email address");
    page.assert_contains("at least 8 characters");
    // The user's input is kept, the password is not echoed.
    page.assert_contains("value=\"not-an-email\"");
    assert!(!page.body.contains("value=\"short\""));
    assert_eq!(app.count("sellers"), 0);

    let page = app
        .post(
            "/setup",
            &[
                ("username", "chenshop"),
                ("display_name", "Chen"),
                ("email", "chen@example.com"),
                ("password", "one password"),
                ("password_confirm", "another password"),
            ],
        )
        .await;
    page.assert_contains("The two passwords do not match.");
    let page = app
        .post(
            "/setup",
            &[
                ("username", "chenshop"),
                ("display_name", "Chen"),
                ("email", "chen@example.com"),
                ("password", "chenshop"),
                ("password_confirm", "chenshop"),
            ],
        )
        .await;
    page.assert_contains("must not be the same as the username");
    assert_eq!(app.count("accounts"), 0);
}

#[actix_web::test]
async fn sign_out_and_sign_in_again() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    app.logout().await.assert_redirect("/login");
    app.get("/login")
        .await
        .assert_contains("You have signed out.");
    app.get("/home")
        .await
        .assert_redirect("/login?next=%2Fhome");

    let page = app.login("chenshop", PASSWORD).await;
    page.assert_redirect("/home");
    app.get("/home").await.assert_contains("Welcome, Chen Jia.");
}

#[actix_web::test]
async fn sign_in_returns_to_the_page_asked_for_but_never_elsewhere() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    app.logout().await;
    app.get("/login?next=%2Fhome").await;
    let page = app
        .post(
            "/login",
            &[
                ("username", "chenshop"),
                ("password", PASSWORD),
                ("next", "/home"),
            ],
        )
        .await;
    page.assert_redirect("/home");
    app.logout().await;
    let page = app
        .post(
            "/login",
            &[
                ("username", "chenshop"),
                ("password", PASSWORD),
                ("next", "//evil.example/"),
            ],
        )
        .await;
    page.assert_redirect("/home");
}

#[actix_web::test]
async fn a_wrong_password_is_refused_with_a_message_and_nothing_more() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    app.logout().await;
    let wrong = app.login("chenshop", "not the password").await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    wrong.assert_contains("The username or password is incorrect.");
    // The same message for an account that does not exist.
    let unknown = app.login("nobody", "not the password").await;
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    unknown.assert_contains("The username or password is incorrect.");
    app.get("/home")
        .await
        .assert_redirect("/login?next=%2Fhome");
}

#[actix_web::test]
async fn after_four_failures_from_one_address_even_the_right_password_waits() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    app.logout().await;
    for _ in 0..4 {
        let page = app.login("chenshop", "wrong password").await;
        assert_eq!(page.status, StatusCode::UNAUTHORIZED);
    }
    let page = app.login("chenshop", PASSWORD).await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
    page.assert_contains("Too many failed attempts from here. Try again in 2 seconds.");
    app.get("/home")
        .await
        .assert_redirect("/login?next=%2Fhome");
    // Unknown accounts are throttled alike, so the message reveals nothing.
    for _ in 0..4 {
        app.login("ghost", "wrong password").await;
    }
    let page = app.login("ghost", "wrong password").await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
}

#[actix_web::test]
async fn one_address_is_throttled_across_accounts() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    app.logout().await;
    for i in 0..30 {
        app.login(&format!("guess{i}"), "wrong password").await;
    }
    let page = app.login("chenshop", PASSWORD).await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
}

#[actix_web::test]
async fn signed_in_pages_send_anonymous_visitors_to_login() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let anonymous = common::new_client();
    let page = app.get_with(&anonymous, "/home").await;
    page.assert_redirect("/login?next=%2Fhome");
}

#[actix_web::test]
async fn sign_in_renews_the_session_cookie() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    app.logout().await;
    let before = app.get("/login").await;
    let token_before = common::extract_csrf(&before.body).unwrap();
    app.post(
        "/login",
        &[("username", "chenshop"), ("password", PASSWORD)],
    )
    .await;
    let after = app.get("/home").await;
    let token_after = common::extract_csrf(&after.body).unwrap();
    assert_ne!(
        token_before, token_after,
        "sign-in must start a new session"
    );
}

#[actix_web::test]
async fn sessions_survive_a_server_restart() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let client = app.client.clone();
    let key = app.secret_key.clone();
    let db = app.stop().await;
    let restarted = spawn_app_on(db, Some(key)).await;
    let page = restarted.get_with(&client, "/home").await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("Welcome, Chen Jia.");
}

#[actix_web::test]
async fn the_sqlite_key_file_keeps_sessions_across_restarts() {
    let db = common::TestDb::migrated();
    if db.is_postgres() {
        return; // PostgreSQL requires SELLERDESK_SECRET_KEY; covered above.
    }
    let app = spawn_app_on(db, None).await;
    assert!(app.db.dir().unwrap().join("sellerdesk.key").exists());
    app.setup("chenshop").await;
    let client = app.client.clone();
    let db = app.stop().await;
    let restarted = spawn_app_on(db, None).await;
    restarted
        .get_with(&client, "/home")
        .await
        .assert_contains("Welcome, Chen Jia.");
}

#[actix_web::test]
async fn the_home_page_guides_the_main_account_through_setting_up() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let page = app.get("/home").await;
    page.assert_contains("Getting started");
    page.assert_contains("href=\"/account/stores/new\"");
    app.add_store("Chen Thai", "TH").await;
    let page = app.get("/home").await;
    page.assert_lacks("href=\"/account/stores/new\"");
    page.assert_contains("Done");
    app.add_sub_account("jiajia", "builtin:customer_service", &[])
        .await;
    let agent = app.sub_account_browser("chenshop:jiajia").await;
    agent.get("/home").await.assert_lacks("Getting started");
}
